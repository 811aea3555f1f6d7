"""Repository functions for reminders: the rows the reminders tick delivers.

Whatever owns a date (an intake case's follow-up, an agreement's end, a personal /paminn)
schedules its reminders here in its own transaction, and cancels them when the date no longer
holds (a case closed, an agreement ended early). They take a session and never commit.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bot.storage import writes
from bot.storage.models import Reminder, ReminderPrefs, User

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


# ---- the tick's side: claim, record, move ----------------------------------------------------

SENT = "sent"
DONE = "done"
FOLLOW_UP_KINDS = ("follow_up", "decision_end")


def _inactive_recipient() -> ColumnElement[bool]:
    """The recipient is a known user whose access is off (revoked, or blocked the bot): their
    reminders wait, kept, until they are admitted again."""
    return exists().where(User.telegram_id == Reminder.telegram_id, User.active.is_(False))


async def claim_due(session: AsyncSession, now: datetime, lease_until: datetime,
                    limit: int) -> list[Reminder]:
    """Take up to `limit` due reminders and lease them until `lease_until`.

    A claimed row is not claimed again before its lease ends: if the process dies mid-send it
    comes back then (at least once). On PostgreSQL rows another transaction holds are skipped
    (FOR UPDATE SKIP LOCKED), so several processes can tick against one database.
    """
    stmt = (select(Reminder)
            .where(Reminder.status == PENDING, Reminder.due_at <= now,
                   or_(Reminder.claimed_until.is_(None), Reminder.claimed_until < now),
                   ~_inactive_recipient())
            .order_by(Reminder.due_at, Reminder.id).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=Reminder)
    rows = list(await session.scalars(stmt))
    if not rows:
        return []
    # One conditional UPDATE takes them: on SQLite, where the SELECT above takes no lock, a
    # second tick that read the same rows finds them leased and gets none of them.
    result = await session.execute(
        update(Reminder)
        .where(Reminder.id.in_([r.id for r in rows]), Reminder.status == PENDING,
               or_(Reminder.claimed_until.is_(None), Reminder.claimed_until < now))
        .values(claimed_until=lease_until, attempts=Reminder.attempts + 1)
        .returning(Reminder.id)
        .execution_options(synchronize_session=False))
    taken = set(result.scalars())
    claimed = []
    for row in rows:
        if row.id in taken:
            set_committed_value(row, "claimed_until", lease_until)
            set_committed_value(row, "attempts", row.attempts + 1)
            claimed.append(row)
    return claimed


async def mark_sent(session: AsyncSession, reminder_id: int, now: datetime,
                    message_id: int | None) -> None:
    # Only while still leased: a button pressed between Telegram's answer and this record
    # (done, or snoozed) has cleared the lease and wins.
    await session.execute(update(Reminder).where(Reminder.id == reminder_id,
                                                 Reminder.claimed_until.is_not(None)).values(
        status=SENT, sent_at=now, message_id=message_id, claimed_until=None, last_error=None))
    # The message exists either way: its id is kept even when a press came first.
    await session.execute(update(Reminder).where(Reminder.id == reminder_id,
                                                 Reminder.message_id.is_(None)).values(
        message_id=message_id))


async def retry_at(session: AsyncSession, reminder_id: int, due_at: datetime,
                   error: str) -> None:
    """Try again at `due_at`; `error` is an error type, never content."""
    await session.execute(update(Reminder).where(Reminder.id == reminder_id).values(
        due_at=due_at, claimed_until=None, last_error=error[:64]))


async def release(session: AsyncSession, reminder_id: int, error: str) -> None:
    """Give the lease back and keep the reminder as it is (its recipient is away)."""
    await session.execute(update(Reminder).where(Reminder.id == reminder_id).values(
        claimed_until=None, last_error=error[:64]))


async def move(session: AsyncSession, row: Reminder, due_at: datetime, digest: bool) -> None:
    """The delivery rules moved it: remember the first due time, so the message says so."""
    row.moved_from = row.moved_from or row.due_at
    row.due_at, row.digest, row.claimed_until = due_at.astimezone(UTC), digest, None
    await session.flush()


# ---- the user's side: buttons, lists, settings -----------------------------------------------

def _delivered() -> ColumnElement[bool]:
    """Sent and not yet done or snoozed (or being sent: a press can beat the record)."""
    return or_(Reminder.status == SENT,
               (Reminder.status == PENDING) & Reminder.claimed_until.is_not(None))


async def get_for(session: AsyncSession, reminder_id: int, telegram_id: int) -> Reminder | None:
    """A reminder of this recipient (None for anyone else's, or a purged one)."""
    row = await session.get(Reminder, reminder_id)
    return row if row is not None and row.telegram_id == telegram_id else None


async def _act(session: AsyncSession, row: Reminder, **values: object) -> bool:
    """Change a delivered reminder in one conditional UPDATE (a second press, or one racing
    the delivery's own record, cannot undo it); False when it was not a delivered one."""
    result = await session.execute(
        update(Reminder).where(Reminder.id == row.id, _delivered()).values(**values)
        .execution_options(synchronize_session=False))
    await session.refresh(row)
    changed = getattr(result, "rowcount", 0) == 1
    if changed:
        writes.note(session)
    return changed


async def mark_done(session: AsyncSession, row: Reminder, now: datetime) -> bool:
    return await _act(session, row, status=DONE, done_at=now, claimed_until=None)


async def snooze(session: AsyncSession, row: Reminder, due_at: datetime) -> bool:
    """Due again at `due_at`: pending once more, as a fresh reminder (no rule move remembered)."""
    return await _act(session, row, status=PENDING, due_at=due_at.astimezone(UTC), sent_at=None,
                      moved_from=None, digest=False, claimed_until=None)


async def upcoming(session: AsyncSession, telegram_id: int, limit: int = 20) -> list[Reminder]:
    rows = await session.scalars(
        select(Reminder).where(Reminder.telegram_id == telegram_id, Reminder.status == PENDING)
        .order_by(Reminder.due_at, Reminder.id).limit(limit))
    return list(rows)


async def overdue_follow_ups(session: AsyncSession, org: str, now: datetime,
                             limit: int = 30) -> list[Reminder]:
    """The municipality's follow-ups and decision ends that are past due and not done."""
    rows = await session.scalars(
        select(Reminder).where(Reminder.org == org, Reminder.kind.in_(FOLLOW_UP_KINDS),
                               Reminder.status.in_((PENDING, SENT)), Reminder.due_at < now)
        .order_by(Reminder.due_at, Reminder.id).limit(limit))
    return list(rows)


async def digest_times(session: AsyncSession, telegram_ids: set[int]) -> dict[int, time]:
    """Each user's own digest time, for those who set one."""
    if not telegram_ids:
        return {}
    rows = await session.execute(select(ReminderPrefs.telegram_id, ReminderPrefs.digest_time)
                                 .where(ReminderPrefs.telegram_id.in_(telegram_ids)))
    return {tid: time.fromisoformat(value) for tid, value in rows}


async def set_digest_time(session: AsyncSession, telegram_id: int, clock: time) -> None:
    prefs = await session.get(ReminderPrefs, telegram_id)
    if prefs is None:
        prefs = ReminderPrefs(telegram_id=telegram_id)
        session.add(prefs)
    prefs.digest_time = clock.strftime("%H:%M")
    await session.flush()
