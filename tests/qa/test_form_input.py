"""A reviewer's probes of the intake forms: odd ages, impossible and past dates, an overlong
reference, a stale button from a cancelled draft, and an English reader all the way through."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.storage.models import Case, FormDraft
from tests.helpers.chat import texts

TODAY = datetime.now(UTC).date()


async def rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


async def test_ages_that_are_not_ages_are_asked_again(make_staff, services):
    staff = await make_staff(org="stockholm")
    await staff.say("/aktualisera")
    await staff.press("Ansökan om insats", expect=2)
    await staff.press("UVAS", expect=2)
    assert "Skriv ett tal med siffror" in texts(await staff.say("tjugo"))
    assert "mellan 15 och 100" in texts(await staff.say("-3"))
    assert "mellan 15 och 100" in texts(await staff.say("200"))
    shown = texts(await staff.say("22,5"))  # an age is whole years
    assert "helt tal" in shown and "Hur gammal" in shown and "folkbokförd" not in shown
    assert "folkbokförd" in texts(await staff.say(" 22 "))
    [draft] = await rows(services, FormDraft)
    assert draft.status == "open"


async def test_bad_dates_and_an_overlong_reference_are_asked_again(make_staff, services):
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    await staff.press("IFO", expect=2)
    await staff.press("Praktik", expect=2)
    shown = texts(await staff.press("MÖTAS", expect=2))
    assert "Din egen referens" in shown
    long_ref = texts(await staff.say("X" * 200))
    assert "Startdatum" not in long_ref and "tecken" in long_ref
    assert "Startdatum" in texts(await staff.say("RAG-1"))
    for bad in ("31/2", "2026-13-01", "igår", "32.1.2027"):
        shown = texts(await staff.say(bad))
        assert "Uppföljning" not in shown and "Sammanfattning" not in shown, (bad, shown)
    past = texts(await staff.say((TODAY - timedelta(days=400)).isoformat()))
    assert "ska ligga mellan" in past
    [draft] = await rows(services, FormDraft)
    assert draft.step_id == "start_date" and "X" * 50 not in draft.answers


async def test_a_button_from_a_cancelled_draft_does_nothing(make_staff, services):
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    old = staff.last_with_buttons
    await staff.say("/avbryt")
    shown = texts(await staff.press("IFO", message=old))
    assert "redan" in shown.lower() or "avbrutet" in shown.lower() or "inte längre" in shown
    assert [d.status for d in await rows(services, FormDraft)] == ["cancelled"]


async def test_an_english_reader_fills_a_whole_form_in_english(make_staff, services):
    staff = await make_staff(org="stockholm", lang="en")
    await staff.say("/aktualisera")
    seen = [texts(await staff.press("Application for the measure", expect=2))]
    seen.append(texts(await staff.press("UVAS", expect=2)))
    seen.append(texts(await staff.say("tjugo")))
    seen.append(texts(await staff.say("24")))
    for label in ("Yes", "No", "No", "Yes", "Yes", "Yes"):
        seen.append(texts(await staff.press(label, expect=2)))
    seen.append(texts(await staff.say("JT-9")))
    seen.append(texts(await staff.say("31/2")))
    seen.append(texts(await staff.say((TODAY + timedelta(days=3)).isoformat())))
    seen.append(texts(await staff.say((TODAY + timedelta(days=30)).isoformat())))
    seen.append(texts(await staff.press("Save", expect=3)))
    shown = "\n".join(seen)
    for swedish in ("Ja", "Nej", "Spara", "Sammanfattning", "Källa", "Skriv", "mellan",
                    "ärende", "Ändra", "finns inte"):
        assert not re.search(rf"\b{swedish}\b", shown), swedish
    assert len(await rows(services, Case)) == 1
    listing = texts(await staff.say("/arenden"))
    assert "JT-9" in listing
    for swedish in ("ärende", "beslut", "uppföljning"):
        assert swedish not in listing.lower(), (swedish, listing)


async def test_an_old_step_button_changes_nothing(make_staff, services):
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    first = staff.last_with_buttons
    await staff.press("IFO", expect=2)
    occupation = staff.last_with_buttons
    await staff.press("Praktik", expect=2)
    # The first question's button again (a second tap that crossed the first one's edit).
    assert "redan" in texts(await staff.press("Arbetsförmedlingen", message=first)).lower()
    assert "redan" in texts(await staff.press("FAT", message=occupation)).lower()
    [draft] = await rows(services, FormDraft)
    assert draft.step_id == "arena" and '"ifo"' in draft.answers and "fat" not in draft.answers


async def test_continue_pressed_twice_is_already_done(make_staff, api, services):
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    await staff.press("IFO", expect=2)
    await staff.say("/aktualisera")
    ask = staff.last_with_buttons
    assert "Vilken sysselsättningsform?" in texts(
        await staff.press("Fortsätt", expect=3, message=ask))
    again = await staff.press("Fortsätt", message=ask)
    broken = [(c.method, c.error) for c in api.violations]
    api.violations.clear()  # asserted here, by name
    assert not broken
    assert [c.method for c in again] == ["answerCallbackQuery"]
    assert "redan" in texts(again).lower()
