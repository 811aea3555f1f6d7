"""Messages to others go through the outbox: told once, in their own language, retried with
backoff, given up on cleanly, and purged after a while."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.logging_setup import pseudonym
from bot.outbox.dispatcher import (
    LEASE,
    MAX_ATTEMPTS,
    Dispatcher,
    PermanentFailure,
    RecipientGone,
    TemporaryFailure,
    backoff,
)
from bot.retention import purge
from bot.storage import outbox, users
from bot.storage.models import OutboxMessage, User

REVOKED_SV = "Din åtkomst till AME-assistenten har tagits bort"
REVOKED_EN = "Your access to AME-assistenten has been removed"


async def _rows(services, telegram_id: int) -> list[OutboxMessage]:
    async with services.db.begin() as session:
        return await outbox.for_recipient(session, telegram_id)


async def test_a_revoked_colleague_is_told_once_in_their_own_language(make_staff, api,
                                                                     services):
    coordinator = await make_staff(role="coordinator", org="ragunda")
    colleague = await make_staff(role="staff", org="ragunda", lang="en")
    await coordinator.say("/anvandare")
    await coordinator.press("Återkalla", expect=2)
    told = await api.wait_for(lambda c: c.chat_id == colleague.user_id
                              and REVOKED_EN in c.text, timeout=10)
    assert REVOKED_SV not in told.text
    for _ in range(100):  # the dispatcher records the delivery once Telegram has answered
        [row] = await _rows(services, colleague.user_id)
        if row.sent_at is not None:
            break
        await asyncio.sleep(0.05)
    assert row.sent_at is not None and row.attempts == 1
    assert len([c for c in api.sent(colleague.user_id, "sendMessage")
                if REVOKED_EN in c.text]) == 1


async def test_coordinators_are_told_when_a_colleague_is_admitted(make_staff, api):
    first = await make_staff(role="coordinator", org="avesta")
    second = await make_staff(role="coordinator", org="avesta")
    other_org = await make_staff(role="coordinator", org="danderyd")
    newcomer = await make_staff(role="manager", org="avesta")
    for coordinator in (first, second):
        told = await api.wait_for(lambda c, who=coordinator.user_id: c.chat_id == who
                                  and "(roll: Chef)" in c.text)
        assert "Staff" in told.text  # the newcomer's Telegram name, not a number
    assert not [c for c in api.sent(other_org.user_id) if "(roll:" in c.text]
    assert not [c for c in api.sent(newcomer.user_id) if "(roll:" in c.text]


# ---- the dispatcher, without Telegram ---------------------------------------------------------


class Recorder:
    """A send function that fails as told, then records what it delivered."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.sent: list[tuple[int, str]] = []

    async def __call__(self, telegram_id: int, text: str) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((telegram_id, text))


async def _enqueue(services, key: str = "k1", telegram_id: int = 42) -> None:
    async with services.db.begin() as session:
        await outbox.enqueue(session, key, telegram_id, "notice.colleague_admitted",
                             {"who": "Anna", "role_key": "role.manager"})


async def _due_now(services) -> None:
    async with services.db.begin() as session:
        for row in await session.scalars(select(OutboxMessage)):
            row.due_at = datetime.now(UTC) - timedelta(seconds=1)


def _dispatcher(services) -> Dispatcher:
    return Dispatcher(services.db, "sv", services.settings.tz)


async def test_one_key_is_one_message_and_the_text_follows_the_language_at_delivery(services):
    await _enqueue(services)
    await _enqueue(services)  # the same change replayed
    async with services.db.begin() as session:
        session.add(User(telegram_id=42, active=True, role="coordinator", org="ragunda"))
    async with services.db.begin() as session:  # the language chosen after it was queued
        await users.set_locale(session, await users.get_by_telegram_id(session, 42), "en")
    send = Recorder()
    report = await _dispatcher(services).run(send)
    assert report.sent == 1
    assert send.sent == [(42, "Anna now has access to AME-assistenten (role: Manager).")]
    assert (await _dispatcher(services).run(send)).sent == 0  # sent rows are not sent again


async def test_a_temporary_failure_is_retried_later_with_backoff(services):
    await _enqueue(services)
    send = Recorder(TemporaryFailure("TimedOut"))
    before = datetime.now(UTC)
    report = await _dispatcher(services).run(send)
    assert (report.sent, report.retried) == (0, 1)
    [row] = await _rows(services, 42)
    due = row.due_at if row.due_at.tzinfo else row.due_at.replace(tzinfo=UTC)
    assert due > before + timedelta(seconds=3)  # not hammered again at the next tick
    assert row.last_error == "TemporaryFailure" and row.sent_at is None
    assert (await _dispatcher(services).run(send)).sent == 0  # not due yet
    await _due_now(services)
    assert (await _dispatcher(services).run(send)).sent == 1
    [row] = await _rows(services, 42)
    assert row.attempts == 2 and row.sent_at is not None


async def test_delivery_is_given_up_after_the_last_attempt(services):
    await _enqueue(services)
    send = Recorder(*[TemporaryFailure("NetworkError")] * MAX_ATTEMPTS)
    for _ in range(MAX_ATTEMPTS):
        await _dispatcher(services).run(send)
        await _due_now(services)
    [row] = await _rows(services, 42)
    assert row.failed_at is not None and row.sent_at is None and row.attempts == MAX_ATTEMPTS
    assert (await _dispatcher(services).run(Recorder())).sent == 0


@pytest.mark.parametrize("error", [RecipientGone("Forbidden"), PermanentFailure("BadRequest")])
async def test_a_blocked_recipient_fails_at_once_logged_by_pseudonym(services, caplog, error):
    await _enqueue(services, telegram_id=987654321)
    with caplog.at_level(logging.INFO):
        report = await _dispatcher(services).run(Recorder(error))
    assert report.failed == 1
    [row] = await _rows(services, 987654321)
    assert row.failed_at is not None and row.attempts == 1
    assert pseudonym(987654321) in caplog.text
    assert "987654321" not in caplog.text and "Anna" not in caplog.text


async def test_a_message_whose_outcome_was_never_recorded_comes_due_again(services):
    """The process died mid-send: the claim's lease runs out and the row is sent again."""
    await _enqueue(services)
    now = datetime.now(UTC)
    async with services.db.begin() as session:
        [claimed] = await outbox.claim_due(session, now, now + LEASE)
    async with services.db.begin() as session:  # a second dispatcher meanwhile: nothing due
        assert await outbox.claim_due(session, now, now + LEASE) == []
    await _due_now(services)
    send = Recorder()
    assert (await _dispatcher(services).run(send)).sent == 1 and len(send.sent) == 1


def test_backoff_doubles_with_jitter_and_is_capped():
    assert [backoff(n, lambda: 0.5) for n in (1, 2, 3)] == [5.0, 10.0, 20.0]
    assert 3.75 <= backoff(1, lambda: 0.0) < backoff(1, lambda: 0.999) <= 6.25
    assert backoff(30, lambda: 0.5) == 3600.0


async def test_delivered_messages_are_purged_after_the_retention_period(services):
    for key in ("old", "recent", "pending"):
        await _enqueue(services, key)
    now = datetime.now(UTC)
    old = now - timedelta(days=services.settings.draft_retention_days + 1)
    async with services.db.begin() as session:
        rows = {r.key: r for r in await session.scalars(select(OutboxMessage))}
        rows["old"].sent_at = old
        rows["recent"].sent_at = now
    async with services.db.begin() as session:
        report = await purge(session, services.settings)
    assert report.outbox == 1
    assert sorted(r.key for r in await _rows(services, 42)) == ["pending", "recent"]


async def test_the_outbox_is_delivered_every_two_seconds(bot):
    [job] = bot.job_queue.get_jobs_by_name("outbox:deliver")
    assert job.job.trigger.interval.total_seconds() == 2.0
