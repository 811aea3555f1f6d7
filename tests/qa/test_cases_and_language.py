"""A reviewer's probes: a language switch in the middle of a form, and stale buttons on a
case that was closed meanwhile."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.storage.models import Case, FormDraft
from tests.helpers.chat import texts

TODAY = datetime.now(UTC).date()


async def rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


async def test_switching_language_mid_form_keeps_the_draft(make_staff, services):
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    await staff.press("IFO", expect=2)
    await staff.say("/language")
    assert "English" in texts(await staff.press("English"))
    shown = texts(await staff.say("hello?", expect=1))
    assert "/cancel" in shown and "form open" in shown
    assert "Which form of occupation?" in shown
    [draft] = await rows(services, FormDraft)
    assert draft.status == "open" and draft.step_id == "support_form"
    shown = texts(await staff.press("placement", expect=2))
    assert "arena" in shown.lower()


async def _saved_case(staff) -> None:
    await staff.say("/aktualisera")
    await staff.press("Socialtjänsten", expect=2)
    await staff.press("Social rehabilitering", expect=2)
    await staff.press("Ja", expect=2)
    await staff.press("Praktik", expect=2)
    await staff.press("Inte än", expect=3)
    await staff.say("AV-7")
    await staff.say(TODAY.isoformat())
    await staff.say((TODAY + timedelta(days=14)).isoformat())
    await staff.press("Spara", expect=3)


async def test_buttons_of_a_closed_case_do_nothing(make_staff, services):
    staff = await make_staff(org="avesta")
    await _saved_case(staff)
    await staff.say("/arenden")
    await staff.press("AV-7", expect=2)
    actions = staff.last_with_buttons
    await staff.press("Avsluta", expect=2)
    await staff.press("Arbete", expect=2)
    stale = texts(await staff.press("Följ upp", message=actions))
    assert "redan" in stale.lower() or "avslutat" in stale.lower()
    stale = texts(await staff.press("Avsluta", message=actions))
    assert "redan" in stale.lower() or "avslutat" in stale.lower()
    [case] = await rows(services, Case)
    assert (case.status, case.outcome) == ("closed", "arbete")
