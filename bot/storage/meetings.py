"""Repository functions for meeting series (/moten): add, list, and the tick's planning claim.
They take a session and never commit."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import MeetingSeries


async def add_series(session: AsyncSession, *, org: str, title: str, rrule: str,
                     dtstart: datetime, created_by: int) -> MeetingSeries:
    """A new series; `dtstart` is the first meeting's naive local time."""
    row = MeetingSeries(org=org, title=title, rrule=rrule,
                        dtstart=dtstart.strftime("%Y-%m-%dT%H:%M"), created_by=created_by,
                        created_at=datetime.now(UTC), active=True)
    session.add(row)
    await session.flush()
    return row


async def list_for_org(session: AsyncSession, org: str) -> list[MeetingSeries]:
    rows = await session.scalars(select(MeetingSeries)
                                 .where(MeetingSeries.org == org, MeetingSeries.active.is_(True))
                                 .order_by(MeetingSeries.id))
    return list(rows)


async def claim_active(session: AsyncSession) -> list[MeetingSeries]:
    """Every active series, locked for planning (PostgreSQL: ones another tick is planning are
    skipped, so an occurrence is never planned twice)."""
    stmt = select(MeetingSeries).where(MeetingSeries.active.is_(True)).order_by(MeetingSeries.id)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    return list(await session.scalars(stmt))
