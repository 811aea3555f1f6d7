"""Repository functions for reminders: the rows the reminders tick delivers.

Whatever owns a date (an intake case's follow-up, an agreement's end, a personal /paminn)
schedules its reminders here in its own transaction, and cancels them when the date no longer
holds (a case closed, an agreement ended early). They take a session and never commit.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Reminder

PENDING = "pending"
CANCELLED = "cancelled"


async def add_reminder(session: AsyncSession, *, telegram_id: int, org: str, kind: str,
                       due_at: datetime, text_key: str, params: dict[str, Any] | None = None,
                       source: str | None = None, source_id: int | None = None,
                       created_by: int | None = None) -> Reminder:
    """Schedule one reminder for `telegram_id` at `due_at` (timezone-aware).

    Args:
        kind: what it is about: personal, follow_up, decision_end, agreement_end,
            compilation, meeting.
        text_key: a locales key rendered in the recipient's language at delivery; `params`
            its placeholders (JSON-able; a value under a name ending in `_key` is itself a
            locales key). Never a client's identity.
        source, source_id: the row the date belongs to (e.g. "case", 12), so that it can be
            cancelled or moved with it.
    """
    if due_at.tzinfo is None:
        raise ValueError("due_at must be timezone-aware")
    row = Reminder(telegram_id=telegram_id, org=org, kind=kind, text_key=text_key,
                   params=json.dumps(params or {}, ensure_ascii=False),
                   due_at=due_at.astimezone(UTC), status=PENDING, source=source,
                   source_id=source_id, created_by=created_by, created_at=datetime.now(UTC),
                   attempts=0)
    session.add(row)
    await session.flush()
    return row


async def cancel_for_source(session: AsyncSession, source: str, source_id: int) -> int:
    """Cancel the pending reminders of one source row; returns how many were cancelled."""
    result = await session.execute(
        update(Reminder)
        .where(Reminder.source == source, Reminder.source_id == source_id,
               Reminder.status == PENDING)
        .values(status=CANCELLED))
    return int(getattr(result, "rowcount", 0) or 0)


async def pending_for_source(session: AsyncSession, source: str,
                             source_id: int) -> list[Reminder]:
    """The pending reminders of one source row, earliest first."""
    rows = await session.scalars(
        select(Reminder)
        .where(Reminder.source == source, Reminder.source_id == source_id,
               Reminder.status == PENDING)
        .order_by(Reminder.due_at))
    return list(rows)
