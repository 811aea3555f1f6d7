"""A Jobbtorg officer in Stockholm checks an application criterion by criterion and saves it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.storage.models import Case, FormDraft, Reminder
from tests.helpers.chat import texts

TODAY = datetime.now(UTC).date()


async def rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


async def start_uvas(staff, age: str):
    await staff.say("/aktualisera")
    await staff.press("Ansökan om insats", expect=2)
    await staff.press("UVAS", expect=2)
    return await staff.say(age)


async def test_a_uvas_application_is_saved_with_its_follow_up_and_decision_end(make_staff,
                                                                                services):
    staff = await make_staff(org="stockholm")
    shown = texts(await staff.say("/aktualisera"))
    assert "Ansökan om insats på Jobbtorg" in shown and "Vad gäller det?" in shown
    calls = await staff.press("Ansökan om insats", expect=2)
    assert "→ Ansökan om insats" in texts(calls)  # the prompt was edited to show the choice
    assert calls[0].method == "answerCallbackQuery"
    await staff.press("UVAS", expect=2)
    await staff.say("24")
    await staff.press("Ja", expect=2)  # folkbokförd
    await staff.press("Nej", expect=2)  # försörjningsstöd
    await staff.press("Nej", expect=2)  # kontakt med stadsdelsförvaltningen
    await staff.press("Ja", expect=2)  # saknar arbete och studier
    await staff.press("Ja", expect=2)  # behöver jobbcoachning
    shown = texts(await staff.press("Ja", expect=2))  # AF har inte kunnat erbjuda åtgärd
    assert "Din egen referens" in shown
    await staff.say("JT-2026/17")
    start = TODAY + timedelta(days=3)
    await staff.say(start.isoformat())
    follow = TODAY + timedelta(days=30)
    summary = texts(await staff.say(follow.isoformat()))
    assert "Sammanfattning" in summary and "UVAS" in summary and "JT-2026/17" in summary
    assert "Beslutet gäller till och med" in summary
    saved = texts(await staff.press("Spara", expect=3))
    assert "Sparat som ärende #" in saved and "JT-2026/17" in saved
    [case] = await rows(services, Case)
    assert (case.org, case.reference, case.case_owner) == ("stockholm", "JT-2026/17",
                                                           "jobbtorg_handlaggare")
    assert case.start_date == start and case.follow_up_date == follow
    assert case.decision_end_date is not None and case.decision_end_date.month == (
        (start.month + 5) % 12 + 1)
    kinds = sorted(r.kind for r in await rows(services, Reminder))
    assert kinds == ["decision_end", "decision_end", "follow_up"]
    assert {r.telegram_id for r in await rows(services, Reminder)} == {staff.user_id}
    assert [d.status for d in await rows(services, FormDraft)] == ["saved"]
    # A second press of the same confirm button: already done, never a second case.
    again = texts(await staff.press_data(
        next(b["callback_data"] for row in staff.last_with_buttons.buttons for b in row
             if "Spara" in b["text"]), staff.last_with_buttons))
    assert "redan gjort" in again
    assert len(await rows(services, Case)) == 1
    # A continuation was granted: /arenden extends the decision by another six months.
    listing = texts(await staff.say("/arenden"))
    assert "JT-2026/17" in listing and "beslut t.o.m." in listing
    await staff.press("JT-2026/17", expect=2)
    extended = texts(await staff.press("Förläng", expect=2))
    [case] = await rows(services, Case)
    assert case.decision_end_date is not None and "gäller nu till och med" in extended
    assert (case.decision_end_date - start).days > 360
    reminders = await rows(services, Reminder)
    assert sorted((r.kind, r.status) for r in reminders) == [
        ("decision_end", "cancelled"), ("decision_end", "cancelled"),
        ("decision_end", "pending"), ("decision_end", "pending"), ("follow_up", "pending")]


@pytest.mark.parametrize(("age", "ok"), [("18", False), ("19", True), ("29", True),
                                         ("30", False)])
async def test_uvas_age_bounds(make_staff, services, age, ok):
    staff = await make_staff(org="stockholm")
    shown = texts(await start_uvas(staff, age))
    if ok:
        assert "folkbokförd i Stockholms stad?" in shown
    else:
        assert "UVAS gäller unga 19–29 år." in shown and "inget ärende sparas" in shown
        assert "Källa: Riktlinje Jobbtorg Stockholm, UVAS" in shown
    assert await rows(services, Case) == []


@pytest.mark.parametrize(("age", "ok"), [("29", False), ("30", True), ("64", True),
                                         ("65", False)])
async def test_women_group_age_bounds(make_staff, services, age, ok):
    staff = await make_staff(org="stockholm")
    await staff.say("/aktualisera")
    await staff.press("Ansökan om insats", expect=2)
    await staff.press("Kvinnor", expect=2)
    shown = texts(await staff.say(age))
    assert ("folkbokförd" in shown) == ok
    assert ("30–64" in shown) == (not ok)


async def test_social_services_contact_hands_the_decision_to_the_district(make_staff, services):
    staff = await make_staff(org="stockholm")
    await start_uvas(staff, "22")
    await staff.press("Ja", expect=2)
    await staff.press("Nej", expect=2)
    shown = texts(await staff.press("Ja", expect=2))
    assert "stadsdelsförvaltningen" in shown and "Beslutet fattas av någon annan" in shown
    assert await rows(services, Case) == []
    assert [d.status for d in await rows(services, FormDraft)] == ["ended"]
