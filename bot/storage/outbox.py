"""Repository functions for the outbox: messages to people other than the acting user.

A row is written in the same transaction as the change it tells of, so it exists exactly when
the change does. They take a session and never commit; the dispatcher (bot/outbox/) owns the
transactions around a delivery; bot/retention.py purges what was delivered.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import OutboxMessage

_ENQUEUED = "outbox_enqueued"


async def enqueue(session: AsyncSession, key: str, telegram_id: int, text_key: str,
                  params: dict[str, Any] | None = None) -> None:
    """Queue a message for `telegram_id`; a second call with the same key adds nothing.

    Args:
        key: what makes the message unique (e.g. "revoked:<user id>:<when>"); a retried or
            replayed change cannot tell anyone twice.
        text_key: a locales key, rendered in the recipient's language at delivery.
        params: the text's placeholders (JSON-able). A value under a name ending in `_key` is
            itself a locales key, translated at delivery and passed without the suffix.
    """
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    now = datetime.now(UTC)
    stmt = insert(OutboxMessage).values(
        key=key[:128], telegram_id=telegram_id, text_key=text_key,
        params=json.dumps(params or {}, ensure_ascii=False), created_at=now, due_at=now,
        attempts=0,
    ).on_conflict_do_nothing(index_elements=["key"])
    await session.execute(stmt)
    session.sync_session.info[_ENQUEUED] = True


def enqueued(session: AsyncSession | None) -> bool:
    """Whether this session queued a message (the unit of work then wakes the dispatcher)."""
    return session is not None and bool(session.sync_session.info.get(_ENQUEUED))


async def claim_due(session: AsyncSession, now: datetime, retry_at: datetime,
                    limit: int = 50) -> list[OutboxMessage]:
    """Take up to `limit` due rows and count this attempt.

    Each claimed row's next attempt is set to `retry_at` before anything is sent: if the
    process dies mid-send the row comes due again then (at least once), and meanwhile no
    other dispatcher takes it. On PostgreSQL rows another transaction holds are skipped.
    """
    stmt = (select(OutboxMessage)
            .where(OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None),
                   OutboxMessage.due_at <= now)
            .order_by(OutboxMessage.due_at, OutboxMessage.id).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    rows = list(await session.scalars(stmt))
    for row in rows:
        row.attempts += 1
        row.due_at = retry_at
    await session.flush()
    return rows


async def mark_sent(session: AsyncSession, message_id: int, now: datetime) -> None:
    row = await session.get(OutboxMessage, message_id)
    if row is not None:
        row.sent_at, row.last_error = now, None
        await session.flush()


async def reschedule(session: AsyncSession, message_id: int, due_at: datetime,
                     error: str) -> None:
    """Try again at `due_at`; `error` is an error type, never message content."""
    row = await session.get(OutboxMessage, message_id)
    if row is not None:
        row.due_at, row.last_error = due_at, error[:64]
        await session.flush()


async def mark_failed(session: AsyncSession, message_id: int, now: datetime, error: str) -> None:
    """Give up on a message (the recipient blocked the bot, or too many attempts)."""
    row = await session.get(OutboxMessage, message_id)
    if row is not None:
        row.failed_at, row.last_error = now, error[:64]
        await session.flush()


async def for_recipient(session: AsyncSession, telegram_id: int) -> list[OutboxMessage]:
    """A recipient's messages, oldest first (for tests and the operator)."""
    rows = await session.scalars(select(OutboxMessage)
                                 .where(OutboxMessage.telegram_id == telegram_id)
                                 .order_by(OutboxMessage.id))
    return list(rows)
