"""The tick against both databases, with a clock the test sets and a recording send function:
late after a restart, moved by the rules and said so, gathered into the digest, kept through
Telegram's errors, and never sent twice by two ticks racing."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.outbox.dispatcher import PermanentFailure, RecipientGone, TemporaryFailure
from bot.reminders.delivery import ReminderTick
from bot.reminders.meetings import plan_meetings
from bot.reminders.pacing import Pacer
from bot.retention import purge
from bot.storage import meetings, outbox, reminders
from bot.storage.models import Reminder, User

TZ = ZoneInfo("Europe/Stockholm")
ANNA = 4201


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=TZ)


class Clock:
    def __init__(self, at: str) -> None:
        self.now = local(at).astimezone(UTC)

    def set(self, at: str) -> None:
        self.now = local(at).astimezone(UTC)

    def __call__(self) -> datetime:
        return self.now


class Recorder:
    """A send function: fails as told, then records (chat, text, buttons)."""

    def __init__(self, *failures: Exception) -> None:
        self.failures = list(failures)
        self.sent: list[tuple[int, str, object]] = []

    async def __call__(self, chat: int, text: str, buttons: object) -> int:
        await asyncio.sleep(0)
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((chat, text, buttons))
        return 1000 + len(self.sent)


def tick(services, clock: Clock | None = None, rules: bool = False) -> ReminderTick:
    return ReminderTick(services.db, "sv", TZ, rules=rules, pacer=Pacer(0, 0),
                        clock=clock)


async def add(services, due: datetime, text: str = "ring AF", telegram_id: int = ANNA,
              kind: str = "personal") -> int:
    async with services.db.begin() as session:
        row = await reminders.add_reminder(
            session, telegram_id=telegram_id, org="ragunda", kind=kind, due_at=due,
            text_key="rem.personal", params={"text": text})
        return row.id


async def rows(services) -> list[Reminder]:
    async with services.db.begin() as session:
        return list(await session.scalars(select(Reminder).order_by(Reminder.id)))


async def admit(services, telegram_id: int, role: str = "staff") -> None:
    async with services.db.begin() as session:
        session.add(User(telegram_id=telegram_id, active=True, role=role, org="ragunda",
                         display_name=f"Person {telegram_id}"))


async def test_a_reminder_due_while_the_bot_was_down_is_sent_once_marked_late(services):
    clock = Clock("2026-12-08T10:00")
    await add(services, clock.now - timedelta(hours=2))
    await add(services, clock.now, "in time")
    send = Recorder()
    report = await tick(services, clock).run(send)
    assert report.sent == 2 and report.messages == 2  # rules off: no digest
    late, on_time = send.sent
    assert "ring AF" in late[1] and "Försenad" in late[1]
    assert "in time" in on_time[1] and "Försenad" not in on_time[1]
    assert (await tick(services, clock).run(send)).sent == 0
    assert {(r.status, r.message_id is not None) for r in await rows(services)} == {
        ("sent", True)}


async def test_a_saturday_reminder_waits_for_monday_and_says_why(services):
    clock = Clock("2026-12-12T10:00")
    await add(services, clock.now)
    send = Recorder()
    report = await tick(services, clock, rules=True).run(send)
    assert (report.sent, report.moved) == (0, 1) and send.sent == []
    [row] = await rows(services)
    assert row.due_at.replace(tzinfo=UTC).astimezone(TZ) == local("2026-12-14T10:00")
    clock.set("2026-12-14T10:00")
    assert (await tick(services, clock, rules=True).run(send)).sent == 1
    [(_, text, buttons)] = send.sent
    assert "Flyttad från" in text and "lördag 12 december 10:00" in text and "Försenad" not in text
    assert [label for row_ in buttons for label, _ in row_] == [
        "✅ Klar", "⏰ Snooza 1 h", "📅 I morgon", "🗓 Nästa vecka"]


async def test_evening_reminders_come_together_in_the_morning_digest(services):
    clock = Clock("2026-12-08T21:05")
    await add(services, local("2026-12-08T19:00"), "skicka underlag")
    await add(services, local("2026-12-08T21:00"), "boka rum")
    send = Recorder()
    ticker = tick(services, clock, rules=True)
    assert (await ticker.run(send)).moved == 2 and send.sent == []  # quiet hours: nothing
    clock.set("2026-12-09T07:59")
    assert (await ticker.run(send)).sent == 0
    clock.set("2026-12-09T08:00")
    report = await ticker.run(send)
    assert (report.sent, report.messages) == (2, 1)
    [(chat, text, buttons)] = send.sent
    assert chat == ANNA and "Dina påminnelser (2 st)" in text and buttons is None
    assert "skicka underlag" in text and "boka rum" in text


async def test_the_digest_comes_at_the_users_own_time(services):
    async with services.db.begin() as session:
        await reminders.set_digest_time(session, ANNA, datetime(2026, 1, 1, 7, 30).time())
    clock = Clock("2026-12-08T22:00")
    await add(services, clock.now)
    await tick(services, clock, rules=True).run(Recorder())
    [row] = await rows(services)
    assert row.digest and row.due_at.replace(tzinfo=UTC).astimezone(TZ) == local(
        "2026-12-09T07:30")


@pytest.mark.parametrize("error", [TemporaryFailure("RetryAfter", 7.0),
                                   TemporaryFailure("NetworkError"),
                                   PermanentFailure("BadRequest")])
async def test_telegram_errors_keep_the_reminder_for_later(services, error):
    clock = Clock("2026-12-08T10:00")
    await add(services, clock.now)
    send = Recorder(error)
    assert (await tick(services, clock).run(send)).retried == 1
    [row] = await rows(services)
    assert row.status == "pending" and row.claimed_until is None and row.sent_at is None
    wait = row.due_at.replace(tzinfo=UTC) - datetime.now(UTC)
    if error.args[0] == "RetryAfter":
        assert timedelta(seconds=5) < wait <= timedelta(seconds=7)  # retry_after honoured
    else:
        assert wait > timedelta(seconds=3)  # backoff, not at the next tick
    clock.now = row.due_at.replace(tzinfo=UTC) + timedelta(seconds=1)
    assert (await tick(services, clock).run(send)).sent == 1


async def test_a_recipient_who_blocked_the_bot_is_paused_and_coordinators_are_told(services):
    await admit(services, ANNA)
    await admit(services, 4299, role="coordinator")
    clock = Clock("2026-12-08T10:00")
    await add(services, clock.now)
    send = Recorder(RecipientGone("Forbidden"))
    report = await tick(services, clock).run(send)
    assert report.blocked == 1
    [row] = await rows(services)
    assert row.status == "pending" and row.sent_at is None  # kept
    async with services.db.begin() as session:
        anna = (await session.scalars(select(User).where(User.telegram_id == ANNA))).one()
        assert anna.active is False
        [notice] = await outbox.for_recipient(session, 4299)
    assert notice.text_key == "rem.recipient_blocked"
    assert json.loads(notice.params) == {"who": f"Person {ANNA}"}
    assert (await tick(services, clock).run(send)).sent == 0  # waits while she is away
    async with services.db.begin() as session:
        anna = (await session.scalars(select(User).where(User.telegram_id == ANNA))).one()
        anna.active = True  # admitted again
    assert (await tick(services, clock).run(send)).sent == 1


async def test_two_ticks_racing_send_each_reminder_once(services):
    clock = Clock("2026-12-08T10:00")
    for i in range(150):
        await add(services, clock.now, f"r{i}", telegram_id=5000 + i % 40)
    send = Recorder()
    first, second = tick(services, clock), tick(services, clock)
    reports = await asyncio.gather(first.run(send), second.run(send), first.run(send))
    texts = [text.split("\n")[1] for _, text, _ in send.sent]
    assert sorted(texts) == sorted(f"r{i}" for i in range(150))  # each once, none lost
    assert sum(r.sent for r in reports) == 150


async def test_a_meeting_series_reminds_the_coordinators_once_per_occurrence(services):
    await admit(services, 4299, role="coordinator")
    await admit(services, ANNA)
    now = local("2026-12-08T10:00")
    async with services.db.begin() as session:
        await meetings.add_series(session, org="ragunda", title="MÖTAS",
                                  rrule="FREQ=WEEKLY;BYDAY=MO",
                                  dtstart=datetime(2026, 12, 14, 9, 0), created_by=4299)
    assert await plan_meetings(services.db, now, TZ) == 1  # Monday the 14th, within 8 days
    assert await plan_meetings(services.db, now, TZ) == 0
    assert await plan_meetings(services.db, local("2026-12-14T10:00"), TZ) == 1  # the 21st
    planned = await rows(services)
    assert [(r.telegram_id, r.due_at.replace(tzinfo=UTC).astimezone(TZ)) for r in planned] == [
        (4299, local("2026-12-14T08:00")), (4299, local("2026-12-21T08:00"))]
    send = Recorder()
    await tick(services, Clock("2026-12-14T08:00")).run(send)
    assert "Möte i dag: MÖTAS (måndag 14 december 09:00)" in send.sent[0][1]


async def test_done_reminders_are_purged_after_the_draft_retention(services):
    clock = Clock("2026-12-08T10:00")
    kept = await add(services, clock.now + timedelta(days=400), "far ahead")
    done = await add(services, clock.now, "done long ago")
    async with services.db.begin() as session:
        row = await session.get(Reminder, done)
        row.status, row.done_at = "done", datetime.now(UTC) - timedelta(days=31)
    async with services.db.begin() as session:
        report = await purge(session, services.settings)
    assert report.reminders == 1
    assert [r.id for r in await rows(services)] == [kept]


async def test_a_long_digest_is_split_so_each_message_fits_telegram(services):
    clock = Clock("2026-12-09T08:00")
    for i in range(12):
        await add(services, local("2026-12-09T08:00"), f"punkt {i} " + "x" * 280)
    send = Recorder()
    report = await tick(services, clock, rules=True).run(send)
    assert (report.sent, report.messages) == (12, 2)
    assert [len(text) < 4096 for _, text, _ in send.sent] == [True, True]
    assert "(10 st)" in send.sent[0][1] and "(2 st)" in send.sent[1][1]
