"""Repository functions for the audit trail: who did what and when, never the content."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import AuditEvent


async def record(session: AsyncSession, actor: str, action: str, org: str | None = None,
                 object_ref: str | None = None) -> None:
    session.add(AuditEvent(actor=actor, action=action, org=org, object_ref=object_ref))
    await session.flush()


async def recent(session: AsyncSession, limit: int = 100, org: str | None = None) -> list[AuditEvent]:
    stmt = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(limit)
    if org:
        stmt = stmt.where(AuditEvent.org == org)
    return list(await session.scalars(stmt))
