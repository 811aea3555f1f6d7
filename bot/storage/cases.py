"""Repository functions for intake cases: create, list the open ones, follow up, extend, close,
and count for the report. No client identity is stored. Never commits."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Case

OPEN, CLOSED = "open", "closed"


async def create(session: AsyncSession, **fields: Any) -> Case:
    """A new open case; `fields` are Case columns (org, form_id, reference, created_by, ...)."""
    case = Case(status=OPEN, created_at=datetime.now(UTC), **fields)
    session.add(case)
    await session.flush()
    return case


async def get(session: AsyncSession, case_id: int) -> Case | None:
    return await session.get(Case, case_id)


async def open_for(session: AsyncSession, telegram_id: int, org: str) -> list[Case]:
    """The open cases a user saved or follows up, in the user's municipality, oldest first."""
    rows = await session.scalars(
        select(Case).where(Case.status == OPEN, Case.org == org,
                           or_(Case.created_by == telegram_id,
                               Case.follow_up_owner == telegram_id))
        .order_by(Case.id))
    return list(rows)


def close(case: Case, outcome: str, now: datetime | None = None) -> None:
    case.status = CLOSED
    case.outcome = outcome
    case.closed_at = now or datetime.now(UTC)


async def between(session: AsyncSession, org: str, start: date, end: date) -> list[Case]:
    """Cases of a municipality created from `start` to `end` (inclusive, UTC dates)."""
    lo = datetime(start.year, start.month, start.day, tzinfo=UTC)
    hi = datetime(end.year, end.month, end.day, tzinfo=UTC)
    rows = await session.scalars(
        select(Case).where(Case.org == org, Case.created_at >= lo,
                           Case.created_at < hi.replace(hour=23, minute=59, second=59,
                                                        microsecond=999999)))
    return list(rows)


def counts(cases: list[Case]) -> dict[str, Counter[str]]:
    """Counts by route, form of support and outcome ("open" for a case not yet closed)."""
    return {
        "route": Counter(c.route or "-" for c in cases),
        "support_form": Counter(c.support_form or "-" for c in cases),
        "outcome": Counter(c.outcome or c.status for c in cases),
    }
