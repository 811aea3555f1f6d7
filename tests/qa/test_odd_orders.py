"""A reviewer's probes of events in an odd order: another command while a form is open, a
reminder set in the middle of a form, /hjalp in the middle of an order."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from bot.storage.models import FormDraft, Reminder
from tests.helpers.chat import texts

TODAY = datetime.now(UTC).date()


async def rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


async def test_a_reminder_set_mid_form_keeps_the_form(make_staff, services):
    staff = await make_staff(org="ragunda")
    await staff.say("/aktualisera")
    await staff.press("IFO", expect=2)
    shown = texts(await staff.say("/paminn imorgon 9 ring AF"))
    assert "Jag påminner dig" in shown
    assert len(await rows(services, Reminder)) == 1
    [draft] = await rows(services, FormDraft)
    assert draft.status == "open"
    assert "Vilken arena?" in texts(await staff.press("Praktik", expect=2))


async def test_start_over_on_an_order_while_an_intake_is_open_starts_the_order(make_staff,
                                                                               services):
    await make_staff(role="coordinator")
    manager = await make_staff(role="manager")
    await manager.say("/aktualisera")
    await manager.press("IFO", expect=2)
    assert "inte är klart" in texts(await manager.say("/bestall"))
    shown = texts(await manager.press("Börja om", expect=1))
    assert "Vem beställer?" in shown
    assert [(d.form_id, d.status) for d in await rows(services, FormDraft)] == [
        ("ragunda.aktualisering", "cancelled"), ("ragunda.bestallning", "open")]


async def test_help_mid_order_leaves_the_order_waiting(make_staff, services):
    manager = await make_staff(role="manager")
    await manager.say("/bestall")
    await manager.press("En förening", expect=2)
    await manager.press("Utegruppen", expect=2)
    assert "/bestall" in texts(await manager.say("/hjalp"))
    await manager.say("Bygdeföreningen")
    [draft] = await rows(services, FormDraft)
    assert draft.status == "open" and draft.step_id == "contact_role"


async def test_a_reminder_without_text_or_with_too_much_is_handled(make_staff, services):
    staff = await make_staff()
    assert "Vad ska jag påminna dig om?" in texts(await staff.say("/paminn imorgon 9"))
    assert "Jag förstod inte när" in texts(await staff.say("/paminn " + "x" * 3000))
    shown = texts(await staff.say("/paminn imorgon 9 " + "x" * 4000))
    assert "Jag påminner dig" in shown and "x" * 301 not in shown  # cut to 300 characters
    [row] = await rows(services, Reminder)
    assert len(json.loads(row.params)["text"]) == 300
