"""A reviewer's probes of /bestall: a personnummer in the description, negative hours and
kilometres, an end before the start, and an English manager (all text in English)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.storage.models import FormDraft, Order
from tests.helpers.chat import texts

TODAY = datetime.now(UTC).date()


async def rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


async def test_bad_order_input_is_refused_and_nothing_is_half_saved(make_staff, services):
    await make_staff(role="coordinator")
    manager = await make_staff(role="manager")
    await manager.say("/bestall")
    await manager.press("En förening", expect=2)
    await manager.press("Utegruppen", expect=2)
    await manager.say("Bygdeföreningen")
    await manager.say("ordförande")
    refused = texts(await manager.say("Hjälpa 19850101-1234 med flytt"))
    assert "personnummer" in refused or "inte sparat" in refused
    [draft] = await rows(services, FormDraft)
    assert "19850101" not in draft.answers
    await manager.say("Röja sly")
    await manager.say("Hammarstrand")
    start = TODAY + timedelta(days=10)
    await manager.say(start.isoformat())
    assert "mellan" in texts(await manager.say("0"))  # a job of no days
    assert "mellan" in texts(await manager.say("365"))
    assert "mellan" in texts(await manager.say("-3"))
    await manager.say("2")
    assert "mellan" in texts(await manager.say("-10"))
    assert "Skriv ett tal" in texts(await manager.say("tio"))
    assert "kilometer" in texts(await manager.say("10"))
    assert "mellan" in texts(await manager.say("-1"))
    assert "Sammanfattning" in texts(await manager.say("13"))
    assert await rows(services, Order) == []


async def test_half_days_and_fractional_kilometres_are_whole_numbers(make_staff, services):
    await make_staff(role="coordinator")
    manager = await make_staff(role="manager")
    await manager.say("/bestall")
    await manager.press("En förening", expect=2)
    await manager.press("Utegruppen", expect=2)
    for answer in ("Bygdeföreningen", "ordförande", "Röja sly", "Hammarstrand",
                   (TODAY + timedelta(days=10)).isoformat()):
        await manager.say(answer)
    assert "helt tal" in texts(await manager.say("1,5"))  # half a day was cut to one
    await manager.say("2")
    await manager.say("2,5")
    assert "helt tal" in texts(await manager.say("12,7"))  # shown 12,7 km, billed 12
    summary = texts(await manager.say("13"))
    assert "Sammanfattning" in summary and "907,50" in summary
    await manager.press("Spara", expect=2)
    [order] = await rows(services, Order)
    assert (order.est_km, order.wanted_to - order.wanted_from) == (13, timedelta(days=1))


async def test_an_english_manager_orders_in_english(make_staff, services):
    await make_staff(role="coordinator")
    manager = await make_staff(role="manager", lang="en")
    seen = [texts(await manager.say("/bestall"))]
    seen.append(texts(await manager.press("association", expect=2)))
    label = next(b["text"] for row in manager.last_with_buttons.buttons for b in row)
    seen.append(texts(await manager.press(label, expect=2)))
    for answer in ("Village society", "chair", "Clear the trail", "Hammarstrand",
                   (TODAY + timedelta(days=7)).isoformat(),
                   "2", "2", "13"):
        seen.append(texts(await manager.say(answer)))
    seen.append(texts(await manager.press("Save", expect=2)))
    seen.append(texts(await manager.say("/mina_bestallningar")))
    shown = "\n".join(seen)
    for swedish in ("Ja", "Nej", "Spara", "Sammanfattning", "Källa", "Skriv", "Mottagen",
                    "Förening", "Beräknad", "beställning", "kostnad"):
        assert not re.search(rf"\b{swedish}\b", shown), (swedish, shown)
    assert len(await rows(services, Order)) == 1


async def test_english_coordinator_and_requester_read_the_order_in_english(make_staff, api,
                                                                          services):
    from decimal import Decimal

    from bot.storage import orders as repo

    coordinator = await make_staff(role="coordinator", lang="en")
    requester = await make_staff(role="manager", lang="en")
    async with services.db.begin() as session:
        order = await repo.add_order(
            session, org="ragunda", prefix="RAG", service="utegruppen", party_name="Sawmill",
            party_kind="private", description="Clear brush", location=None,
            wanted_from=TODAY + timedelta(days=7), wanted_to=TODAY + timedelta(days=8),
            est_hours=Decimal("3"), est_km=10, contact_role="manager",
            requester_telegram_id=requester.user_id, now=datetime.now(UTC))
        number = order.number
    listing = await coordinator.say("/mina_bestallningar", expect=2)
    msg = next(c for c in listing if number in (c.text or ""))
    seen = [texts(listing), texts(await coordinator.press("Accept", expect=2, message=msg))]
    edited = coordinator.last_with_buttons
    seen.append(texts(await coordinator.press("Done", expect=2, message=edited)))
    seen.append(texts(await coordinator.say("2,5")))
    assert "whole number" in texts(await coordinator.say("12,7"))
    seen.append(texts(await coordinator.say("13")))
    seen.append(texts(await coordinator.press("✅")))
    told = await api.wait_for(lambda c: c.chat_id == requester.user_id
                              and number in c.text and "907" in c.text)
    seen.append(told.text)
    shown = "\n".join(seen)
    for swedish in ("Ja", "Nej", "Spara", "Accepterad", "Utförd", "Att debitera", "Privat",
                    "handledartimmar", "kilometer körning", "beställning"):
        assert not re.search(rf"\b{swedish}\b", shown), (swedish, shown)
