"""Delivers the outbox: claim due rows, send each outside any transaction, record the outcome.

At least once: a row is marked sent only after the send returned, so a crash between the two
sends it again at the next attempt; the row's unique key keeps one change from queueing two
messages. The send function is injected (bot/handlers/jobs.py adapts the Telegram bot) and
signals failures with the typed errors below.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import pick_language, translator
from bot.logging_setup import pseudonym
from bot.storage import outbox, users
from bot.storage.models import OutboxMessage

log = logging.getLogger(__name__)

BATCH = 50
MAX_ATTEMPTS = 8  # about 10 minutes of retries in all (5 s doubling), then failed_at
BASE_DELAY = 5.0
MAX_DELAY = 3600.0
# A claimed row comes due again after this if its outcome was never recorded (the process
# died mid-send); long enough for a slow send, short enough to matter little after a crash.
LEASE = timedelta(seconds=60)


class DeliveryError(Exception):
    """A message could not be delivered; the subclass says whether to try again."""


class TemporaryFailure(DeliveryError):
    """Try again later (network, Telegram overloaded, flood control)."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class PermanentFailure(DeliveryError):
    """Trying again cannot help (the message itself is refused)."""


class RecipientGone(PermanentFailure):
    """The recipient blocked the bot or deleted their account."""


Send = Callable[[int, str], Awaitable[None]]


def backoff(attempt: int, rng: Callable[[], float] = random.random) -> float:
    """Seconds to wait after failed attempt number `attempt` (1-based): 5, 10, 20 … up to an
    hour, each spread by ±25 % so a burst of failures does not retry in lockstep."""
    delay = min(MAX_DELAY, BASE_DELAY * 2.0 ** max(0, attempt - 1))
    return delay * (0.75 + 0.5 * rng())


@dataclass
class Report:
    """What one dispatch did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0

    def add(self, other: Report) -> None:
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed


class Dispatcher:
    """One per process. `run` delivers whatever is due; overlapping calls (the repeating job,
    the start-up run, a wake-up after a commit) never run side by side: a call that finds a
    run in progress asks it to look once more and returns."""

    def __init__(self, db: async_sessionmaker[AsyncSession], default_lang: str,
                 tz: ZoneInfo, hold: float = 0.0) -> None:
        self._db = db
        self._default_lang = default_lang
        self._tz = tz
        self._hold = hold  # tests only: seconds to wait before claiming (a kill window)
        self._lock = asyncio.Lock()
        self._again = False

    async def run(self, send: Send) -> Report:
        total = Report()
        if self._lock.locked():
            self._again = True
            return total
        async with self._lock:
            while True:
                self._again = False
                if self._hold:
                    await asyncio.sleep(self._hold)
                report, claimed = await self._once(send)
                total.add(report)
                if not self._again and claimed < BATCH:
                    return total

    async def _once(self, send: Send) -> tuple[Report, int]:
        now = datetime.now(UTC)
        async with self._db.begin() as session:
            rows = await outbox.claim_due(session, now, now + LEASE, BATCH)
            langs = await users.locales_of(session, {r.telegram_id for r in rows})
        report = Report()
        for row in rows:
            await self._deliver(row, langs.get(row.telegram_id), send, report)
        return report, len(rows)

    def render(self, row: OutboxMessage, stored_lang: str | None) -> str:
        """The message in the recipient's language as it is now, not as it was when queued."""
        t = translator(pick_language(stored_lang, None, self._default_lang), self._tz)
        params = json.loads(row.params or "{}")
        return t(row.text_key, **t.stored(params))

    async def _deliver(self, row: OutboxMessage, lang: str | None, send: Send,
                       report: Report) -> None:
        who = pseudonym(row.telegram_id)
        try:
            await send(row.telegram_id, self.render(row, lang))
        except PermanentFailure as exc:
            log.warning("outbox %s to %s failed for good: %s", row.id, who, type(exc).__name__)
            await self._record(outbox.mark_failed, row.id, datetime.now(UTC), type(exc).__name__)
            report.failed += 1
            return
        except Exception as exc:  # noqa: BLE001 - anything else may pass: try again later
            error = type(exc).__name__
            now = datetime.now(UTC)
            if row.attempts >= MAX_ATTEMPTS:
                log.warning("outbox %s to %s given up after %d attempts: %s", row.id, who,
                            row.attempts, error)
                await self._record(outbox.mark_failed, row.id, now, error)
                report.failed += 1
                return
            wait = backoff(row.attempts)
            if isinstance(exc, TemporaryFailure) and exc.retry_after:
                wait = max(wait, exc.retry_after)
            log.info("outbox %s to %s: %s, retry in %.0f s", row.id, who, error, wait)
            await self._record(outbox.reschedule, row.id, now + timedelta(seconds=wait), error)
            report.retried += 1
            return
        await self._record(outbox.mark_sent, row.id, datetime.now(UTC))
        report.sent += 1

    async def _record(self, action: Callable[..., Awaitable[None]], *args: object) -> None:
        async with self._db.begin() as session:
            await action(session, *args)
