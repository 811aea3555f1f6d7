"""The reminders tick: claim due reminders, apply the delivery rules, send, record the outcome.

The database is the schedule; this holds no state a restart could lose. Each run claims a batch
(PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: one transaction) and leases it, so a second
process never sends the same reminder; a reminder is marked sent only after Telegram answered,
so a crash mid-send sends it again after the lease (at least once, never lost). Failures are
the outbox's typed errors (bot/outbox/dispatcher.py): temporary ones (429 with retry_after,
5xx, timeouts) are retried with its backoff; a recipient who blocked the bot is marked inactive,
their coordinators are told through the outbox, and the reminder is kept for their return; a
refused message is retried slowly, never dropped. Reminders due before this process started
(the bot was down) are marked late. The send function is injected (bot/handlers/jobs.py).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import Translator, pick_language, translator
from bot.logging_setup import pseudonym
from bot.outbox.dispatcher import MAX_DELAY, PermanentFailure, RecipientGone, TemporaryFailure
from bot.outbox.dispatcher import backoff as outbox_backoff
from bot.reminders import render
from bot.reminders.calendar import DEFAULT_DIGEST, place, utc
from bot.reminders.meetings import plan_meetings
from bot.reminders.notices import recipient_blocked
from bot.reminders.pacing import Pacer
from bot.storage import reminders, users
from bot.storage.models import Reminder

log = logging.getLogger(__name__)

BATCH = 60  # two seconds of sending at Telegram's overall limit
LEASE = timedelta(seconds=20)  # a claimed batch comes back after this if its outcome was lost
LATE_GRACE = timedelta(seconds=60)
IN_FLIGHT = 64  # sends awaiting their answer; the pacer, not this, sets the rate
DIGEST_MAX = 10  # reminders per digest message: ten texts of up to 300 characters fit one

SendReminder = Callable[[int, str, render.Buttons | None], Awaitable[int]]
Clock = Callable[[], datetime]


@dataclass
class TickReport:
    sent: int = 0  # reminders delivered (a digest counts each of its reminders)
    messages: int = 0
    retried: int = 0
    moved: int = 0
    blocked: int = 0

    def add(self, other: TickReport) -> None:
        for name in ("sent", "messages", "retried", "moved", "blocked"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class _Message:
    chat: int
    rows: list[Reminder]
    text: str
    buttons: render.Buttons | None = field(default=None)


class ReminderTick:
    """One per process. Overlapping runs never run side by side (like the outbox's)."""

    def __init__(self, db: async_sessionmaker[AsyncSession], default_lang: str, tz: ZoneInfo,
                 rules: bool = True, pacer: Pacer | None = None,
                 clock: Clock | None = None) -> None:
        self._db, self._default_lang, self._tz, self._rules = db, default_lang, tz, rules
        self._pacer = pacer or Pacer()
        self._clock: Clock = clock or (lambda: datetime.now(UTC))
        self._started = self._clock()
        self._lock = asyncio.Lock()
        self._again = False

    async def run(self, send: SendReminder) -> TickReport:
        total = TickReport()
        if self._lock.locked():
            self._again = True
            return total
        async with self._lock:
            await plan_meetings(self._db, self._clock(), self._tz)
            # Batches follow each other without waiting for a slow send (a 429 waited out):
            # its row stays leased meanwhile, and the run ends when every send has.
            sending: list[asyncio.Task[None]] = []
            slots = asyncio.Semaphore(IN_FLIGHT)
            try:
                while True:
                    self._again = False
                    claimed = await self._once(send, total, slots, sending)
                    if not self._again and claimed < BATCH:
                        break
            finally:
                await asyncio.gather(*sending)
            return total

    async def _once(self, send: SendReminder, report: TickReport, slots: asyncio.Semaphore,
                    sending: list[asyncio.Task[None]]) -> int:
        """Claim one batch and start its sends (paced); returns how many were claimed."""
        now = self._clock()
        async with self._db.begin() as session:
            rows = await reminders.claim_due(session, now, now + LEASE, BATCH)
            chats = {r.telegram_id for r in rows}
            langs = await users.locales_of(session, chats)
            digest_at = await reminders.digest_times(session, chats) if self._rules else {}
            due = []
            for row in rows:
                if self._rules and await self._moved(session, row, now, digest_at):
                    report.moved += 1
                else:
                    due.append(row)
        for message in self._messages(due, langs, now):
            await slots.acquire()
            await self._pacer.wait(message.chat)
            sending.append(asyncio.create_task(self._deliver(message, send, report, slots)))
        sending[:] = [t for t in sending if not t.done()]
        return len(rows)

    async def _moved(self, session: AsyncSession, row: Reminder, now: datetime,
                     digest_at: dict[int, time]) -> bool:
        """Apply the rules to the reminder as of now; move it if they say so."""
        due = utc(row.due_at)
        placed = place(max(due, now), self._tz, digest_at.get(row.telegram_id, DEFAULT_DIGEST))
        if not placed.moved:
            return False
        await reminders.move(session, row, placed.due_at, placed.digest)
        return True

    def _translator(self, lang: str | None) -> Translator:
        return translator(pick_language(lang, None, self._default_lang), self._tz)

    def _messages(self, rows: list[Reminder], langs: dict[int, str | None],
                  now: datetime) -> list[_Message]:
        """One message per reminder, or with the rules on one digest per recipient with more
        than one (or a digest one) due at once; recipients interleaved, so one person's many
        reminders do not hold up everyone else's behind the one-a-second limit."""
        by_chat: dict[int, list[Reminder]] = {}
        for row in rows:
            by_chat.setdefault(row.telegram_id, []).append(row)
        queues: list[list[_Message]] = []
        for chat, own in by_chat.items():
            t = self._translator(langs.get(chat))
            late = {r.id for r in own if utc(r.due_at) < self._started - LATE_GRACE}
            if self._rules and (len(own) > 1 or any(r.digest for r in own)):
                parts = [own[i:i + DIGEST_MAX] for i in range(0, len(own), DIGEST_MAX)]
                queues.append([_Message(chat, p, render.digest(p, t, late)) for p in parts])
                continue
            queues.append([_Message(chat, [r], *render.single(r, t, r.id in late))
                           for r in own])
        ordered: list[_Message] = []
        while queues:
            ordered.extend(q.pop(0) for q in queues)
            queues = [q for q in queues if q]
        return ordered

    async def _deliver(self, message: _Message, send: SendReminder, report: TickReport,
                       slots: asyncio.Semaphore) -> None:
        try:
            await self._attempt(message, send, report)
        finally:
            slots.release()

    async def _attempt(self, message: _Message, send: SendReminder, report: TickReport) -> None:
        ids = [r.id for r in message.rows]
        try:
            message_id = await send(message.chat, message.text, message.buttons)
        except RecipientGone as exc:
            await self._recipient_gone(message.chat, ids, type(exc).__name__, report)
            return
        except Exception as exc:  # noqa: BLE001 - anything else: keep it and try again later
            error = type(exc).__name__
            attempts = max(r.attempts for r in message.rows)
            wait = outbox_backoff(attempts)
            if isinstance(exc, PermanentFailure):
                wait = MAX_DELAY  # refused: slowly, so an operator sees last_error meanwhile
            if isinstance(exc, TemporaryFailure) and exc.retry_after:
                wait = max(exc.retry_after, 0.0)
            log.info("reminders %s to %s: %s, retry in %.0f s", ids, pseudonym(message.chat),
                     error, wait)
            when = datetime.now(UTC) + timedelta(seconds=wait)
            async with self._db.begin() as session:
                for rid in ids:
                    await reminders.retry_at(session, rid, when, error)
            report.retried += len(ids)
            return
        async with self._db.begin() as session:
            for rid in ids:
                await reminders.mark_sent(session, rid, datetime.now(UTC), message_id)
        report.sent += len(ids)
        report.messages += 1

    async def _recipient_gone(self, chat: int, ids: list[int], error: str,
                              report: TickReport) -> None:
        """Blocked the bot: kept, the user marked inactive, their coordinators told."""
        async with self._db.begin() as session:
            for rid in ids:
                await reminders.release(session, rid, error)
            user = await users.get_by_telegram_id(session, chat)
            if user is None:  # not a staff member the bot knows: try again later
                later = datetime.now(UTC) + timedelta(seconds=MAX_DELAY)
                for rid in ids:
                    await reminders.retry_at(session, rid, later, error)
            elif user.active:
                await recipient_blocked(session, user, datetime.now(UTC))
        log.warning("reminders %s to %s kept: the recipient blocked the bot", ids,
                    pseudonym(chat))
        report.blocked += len(ids)
