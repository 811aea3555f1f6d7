"""A case worker's reminders through the local Bot API: set one in plain Swedish, see it
listed, get it with its buttons, mark it done or snooze it (twice is harmless), and what
Telegram's 429, 5xx and 403 do to a delivery (nothing lost)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.storage import reminders
from bot.storage.models import Reminder, User
from tests.helpers.chat import Staff, button_labels, texts

BUTTONS = ["✅ Klar", "⏰ Snooza 1 h", "📅 I morgon", "🗓 Nästa vecka"]


async def _rows(services) -> list[Reminder]:
    async with services.db.begin() as session:
        return list(await session.scalars(select(Reminder).order_by(Reminder.id)))


async def _due_now(services, staff: Staff, text: str) -> None:
    async with services.db.begin() as session:
        await reminders.add_reminder(session, telegram_id=staff.user_id, org="ragunda",
                                     kind="personal", due_at=datetime.now(UTC),
                                     text_key="rem.personal", params={"text": text})


async def _delivered(api, staff: Staff, text: str, timeout: float = 15.0):  # noqa: ANN202
    return await api.wait_for(lambda c: c.method == "sendMessage"
                              and c.chat_id == staff.user_id and text in c.text,
                              timeout=timeout)


async def test_a_case_worker_sets_a_reminder_in_plain_swedish_and_sees_it_listed(make_staff):
    anna = await make_staff()
    shown = texts(await anna.say("/paminn imorgon 9 ring AF om praktikplatsen"))
    assert "Jag påminner dig" in shown and "09:00: ring AF om praktikplatsen" in shown
    listed = texts(await anna.say("/paminnelser"))
    assert "Dina kommande påminnelser" in listed and "ring AF om praktikplatsen" in listed
    assert "Förfallna uppföljningar" not in listed  # a coordinator's view only


async def test_nonsense_or_a_past_time_is_asked_again_with_an_example(make_staff, services):
    anna = await make_staff()
    shown = texts(await anna.say("/paminn någon gång ring AF"))
    assert "Jag förstod inte när" in shown and "/paminn imorgon 9 ring AF" in shown
    shown = texts(await anna.say("/paminn 2020-01-01 08:30 ring AF"))
    assert "Den tiden har redan varit" in shown and "/paminn imorgon 9 ring AF" in shown
    assert "När ska jag påminna dig" in texts(await anna.say("/paminn"))
    assert await _rows(services) == []


async def test_a_personnummer_in_the_text_is_refused_and_nothing_is_saved(make_staff, services):
    anna = await make_staff()
    shown = texts(await anna.say("/paminn imorgon 9 ring om 19850101-1234", expect=2))
    assert "personnummer" in shown and "Jag påminner dig" not in shown
    assert await _rows(services) == []


async def test_a_due_reminder_arrives_with_buttons_and_done_twice_is_harmless(make_staff, api,
                                                                             services):
    anna = await make_staff()
    await _due_now(services, anna, "skicka underlag till AF")
    message = await _delivered(api, anna, "skicka underlag till AF")
    assert message.text.startswith("🔔 Påminnelse") and button_labels(message) == BUTTONS
    shown = await anna.press("Klar", message=message, expect=2)
    assert "✅ Klar." in texts(shown)
    for _ in range(100):  # the tick records the delivery once Telegram has answered
        [row] = await _rows(services)
        if row.message_id is not None:
            break
        await asyncio.sleep(0.05)
    assert row.status == "done" and row.message_id == int(message.params["_message_id"])
    # The old button pressed again (a second tap, another device): nothing changes.
    again = await anna.press_data(message.buttons[0][0]["callback_data"], message)
    assert "Redan hanterad" in texts(again)
    assert [c.method for c in again] == ["answerCallbackQuery"]  # the message already says so
    [row] = await _rows(services)
    assert row.status == "done"


async def test_snoozing_brings_it_back_in_an_hour_and_a_later_done_press_changes_nothing(
        make_staff, api, services):
    anna = await make_staff()
    await _due_now(services, anna, "ring Bengt")
    message = await _delivered(api, anna, "ring Bengt")
    before = datetime.now(UTC)
    shown = texts(await anna.press("Snooza", message=message, expect=2))
    assert "⏰ Snoozad till" in shown
    [row] = await _rows(services)
    due = row.due_at.replace(tzinfo=UTC)
    assert row.status == "pending" and timedelta(minutes=59) < due - before < timedelta(
        minutes=61)
    later = await anna.press_data(message.buttons[0][0]["callback_data"], message)
    assert "Redan hanterad" in texts(later)
    [row] = await _rows(services)
    assert row.status == "pending"  # still snoozed, not done by a stale press
    assert "ring Bengt" in texts(await anna.say("/paminnelser"))


async def test_a_429_is_waited_out_and_a_5xx_retried_and_each_reminder_arrives_once(
        make_staff, api, services):
    anna = await make_staff()
    api.fail_next("sendMessage", 429, retry_after=1)
    api.fail_next("sendMessage", 502)
    await _due_now(services, anna, "efter felen")
    await _delivered(api, anna, "efter felen", timeout=30)
    await asyncio.sleep(1)
    assert len([c for c in api.sent(anna.user_id, "sendMessage") if "efter felen" in c.text]) == 1
    [row] = await _rows(services)
    assert row.status == "sent" and row.sent_at is not None


async def test_a_user_who_blocked_the_bot_keeps_the_reminder_and_the_coordinator_is_told(
        make_staff, api, services):
    coordinator = await make_staff(role="coordinator")
    anna = await make_staff()
    await api.wait_for(lambda c: c.chat_id == coordinator.user_id and "(roll:" in c.text)
    api.fail_next("sendMessage", 403)  # the next message: Anna's reminder
    await _due_now(services, anna, "blockerad")
    told = await api.wait_for(lambda c: c.chat_id == coordinator.user_id
                              and "har blockerat AME-assistenten" in c.text, timeout=15)
    assert "Staff" in told.text  # the colleague's Telegram name
    [row] = await _rows(services)
    assert row.status == "pending" and row.sent_at is None
    async with services.db.begin() as session:
        user = (await session.scalars(select(User).where(
            User.telegram_id == anna.user_id))).one()
    assert user.active is False
    assert not [c for c in api.sent(anna.user_id, "sendMessage") if "blockerad" in c.text]


async def test_a_coordinator_adds_a_weekly_meeting_and_sees_overdue_follow_ups(make_staff,
                                                                              services):
    coordinator = await make_staff(role="coordinator")
    shown = texts(await coordinator.say("/moten ny varje måndag 09:00 MÖTAS"))
    assert "Mötesserien MÖTAS (varje måndag) är sparad" in shown and "måndag" in shown
    listed = texts(await coordinator.say("/moten"))
    assert "• MÖTAS – varje måndag 09:00" in listed
    assert "/moten ny varje måndag 09:00 MÖTAS" in texts(await coordinator.say("/moten ny blä"))
    async with services.db.begin() as session:
        await reminders.add_reminder(session, telegram_id=coordinator.user_id + 1,
                                     org="ragunda", kind="follow_up",
                                     due_at=datetime.now(UTC) + timedelta(days=3),
                                     text_key="rem.personal", params={"text": "ej förfallen"})
        row = await reminders.add_reminder(
            session, telegram_id=coordinator.user_id + 1, org="ragunda", kind="follow_up",
            due_at=datetime.now(UTC) - timedelta(days=2), text_key="rem.personal",
            params={"text": "uppföljning ärende A-12"})
        row.status = "sent"  # delivered, not done
    listed = texts(await coordinator.say("/paminnelser"))
    assert "Förfallna uppföljningar i din kommun" in listed
    assert "uppföljning ärende A-12" in listed and "ej förfallen" not in listed


async def test_staff_cannot_add_meetings_and_set_their_digest_time(make_staff, services):
    anna = await make_staff()
    assert "MÖTAS" not in texts(await anna.say("/moten ny varje måndag 09:00 MÖTAS"))
    assert "kl. 07:30" in texts(await anna.say("/paminnelser tid 07:30"))
    assert "mellan 07:00 och 17:59" in texts(await anna.say("/paminnelser tid 22:00"))
    async with services.db.begin() as session:
        assert (await reminders.digest_times(session, {anna.user_id}))[
            anna.user_id].strftime("%H:%M") == "07:30"
