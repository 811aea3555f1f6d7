"""Service orders through the local Bot API: a manager orders for an association and sees the
cost; the coordinators are told; a coordinator declines one and completes another; a
recurring need becomes an agreement request; a coordinator registers an agreement with its
end-date reminders; other municipalities are refused."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from bot.i18n import translator
from bot.storage import orders as repo
from bot.storage.models import Agreement, Order, Reminder
from tests.helpers.chat import texts

TODAY = datetime.now(UTC).date()


async def rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


async def _order(services, requester: int, *, party="Bygdeföreningen", kind="association"):
    async with services.db.begin() as session:
        order = await repo.add_order(
            session, org="ragunda", prefix="RAG", service="utegruppen", party_name=party,
            party_kind=kind, description="Röja sly längs elljusspåret", location=None,
            wanted_from=TODAY + timedelta(days=7), wanted_to=TODAY + timedelta(days=8),
            est_hours=Decimal("3"), est_km=10, contact_role="ordförande",
            requester_telegram_id=requester, now=datetime.now(UTC))
        return order.id, order.number


async def test_a_manager_orders_for_an_association_and_sees_the_cost(make_staff, api,
                                                                     services):
    coordinator = await make_staff(role="coordinator")
    manager = await make_staff(role="manager")
    assert "Vem beställer?" in texts(await manager.say("/bestall"))
    shown = texts(await manager.press("En förening", expect=2))
    assert "handledarens lön samt bränslekostnader" in shown and "4.1" in shown
    assert "Hur ofta" not in shown  # the recurrence question is for municipal units
    assert "Vilken arbetsgrupp" in shown
    await manager.press("Utegruppen", expect=2)
    await manager.say("Bygdeföreningen Hammarstrand")
    await manager.say("ordförande")
    assert "högst 500 tecken" in texts(await manager.say("Röja sly " * 60))
    await manager.say("Röja sly längs elljusspåret")
    await manager.say("Hammarstrand")
    assert "ska ligga mellan" in texts(await manager.say(
        (TODAY - timedelta(days=1)).isoformat()))
    await manager.say((TODAY + timedelta(days=7)).isoformat())
    await manager.say("2")
    assert "mellan" in texts(await manager.say("500"))  # more supervisor hours than allowed
    await manager.say("2,5")
    summary = texts(await manager.say("13"))
    # 2.5 h × 350 kr + 13 km × 2.50 kr (the configured default rates)
    assert "Beräknad kostnad: 907,50\xa0kr" in summary and "4.1" in summary
    confirm = manager.last_with_buttons
    saved = texts(await manager.press("Spara", expect=2))
    assert "mottagen med nummer RAG-" in saved
    again = texts(await manager.press("Spara", expect=1, message=confirm))
    assert "Det är redan gjort" in again  # a double press saves nothing more
    [order] = await rows(services, Order)
    assert (order.party_kind, order.service, order.est_hours, order.est_km, order.status) == (
        "association", "utegruppen", Decimal("2.50"), 13, "new")
    assert order.wanted_to == TODAY + timedelta(days=8)
    told = await api.wait_for(lambda c: c.chat_id == coordinator.user_id
                              and "Ny beställning RAG-" in c.text)
    assert order.number in told.text and "Förening" in told.text
    mine = texts(await manager.say("/mina_bestallningar"))
    assert f"{order.number} – Mottagen – Bygdeföreningen Hammarstrand" in mine


async def test_a_coordinator_declines_one_order_and_completes_another(make_staff, api,
                                                                     services):
    coordinator = await make_staff(role="coordinator")
    requester = await make_staff(role="manager")
    first_id, first = await _order(services, requester.user_id)
    second_id, second = await _order(services, requester.user_id, party="Sågverket AB",
                                     kind="private")
    listing = await coordinator.say("/mina_bestallningar", expect=4)
    assert "Öppna beställningar i kommunen (2)" in texts(listing)
    first_msg = next(c for c in listing if first in (c.text or ""))
    second_msg = next(c for c in listing if second in (c.text or ""))
    asked = texts(await coordinator.press("Avböj", expect=2, message=first_msg))
    assert f"Varför avböjs {first}?" in asked
    await coordinator.press("Ingen kapacitet", expect=2)
    told = await api.wait_for(lambda c: c.chat_id == requester.user_id
                              and first in c.text and "avböjd" in c.text)
    assert "Ingen kapacitet just nu" in told.text
    stale = texts(await coordinator.press("Acceptera", expect=1, message=first_msg))
    assert "redan gått vidare" in stale
    await coordinator.press("Acceptera", expect=2, message=second_msg)
    accepted = next(c for c in reversed(api.calls) if c.method == "editMessageText"
                    and second in (c.text or ""))
    assert "Accepterad" in accepted.text
    edited = coordinator.last_with_buttons  # the order's message, now with its next buttons
    asked = texts(await coordinator.press("Planera", expect=2, message=edited))
    assert f"Vilken dag planeras {second}?" in asked
    day = coordinator.last_with_buttons.buttons[0][0]
    await coordinator.press(day["text"], expect=2)
    told = await api.wait_for(lambda c: c.chat_id == requester.user_id
                              and second in c.text and "planerad till" in c.text)
    wanted = datetime.strptime(day["callback_data"].rsplit(":", 1)[1], "%Y%m%d").date()
    assert translator("sv").date(wanted) in told.text  # "14 dec. 2026", not an ISO date
    asked = texts(await coordinator.press("Utförd", expect=2, message=edited))
    assert "Hur många handledartimmar" in asked
    assert "Hur många handledartimmar" in texts(await coordinator.say("tre timmar"))  # re-asked
    assert "Hur många kilometer" in texts(await coordinator.say("2,5"))
    summary = texts(await coordinator.say("13"))
    assert "2,5" in summary and "13" in summary
    done = texts(await coordinator.press("✅"))
    assert f"{second} är markerad som utförd" in done
    told = await api.wait_for(lambda c: c.chat_id == requester.user_id
                              and second in c.text and "utförd" in c.text)
    assert "Att debitera: 907,50\xa0kr" in told.text
    declined, completed = await rows(services, Order)
    assert (declined.status, declined.decline_reason) == ("declined", "capacity")
    assert (completed.status, completed.actual_hours, completed.actual_km) == (
        "done", Decimal("2.50"), 13)
    mine = texts(await requester.say("/mina_bestallningar"))
    assert "Avböjd" in mine and "Utförd" in mine


async def test_other_municipalities_have_no_orders_and_cannot_touch_ragundas(make_staff,
                                                                             services):
    requester = await make_staff(role="manager")
    order_id, _ = await _order(services, requester.user_id)
    outsider = await make_staff(role="coordinator", org="avesta")
    assert "har inga beställningar" in texts(await outsider.say("/bestall"))
    refused = texts(await outsider.press_data(f"oa:accept:{order_id}"))
    assert "annan kommun" in refused
    staff = await make_staff(role="staff")
    assert "inte" in texts(await staff.press_data(f"oa:accept:{order_id}")).lower()
    [order] = await rows(services, Order)
    assert order.status == "new"


async def test_a_recurring_need_becomes_an_agreement_request(make_staff, api, services):
    coordinator = await make_staff(role="coordinator")
    staff = await make_staff(role="staff")
    await staff.say("/bestall")
    await staff.press("En kommunal enhet", expect=2)
    shown = texts(await staff.press("Varje vecka", expect=3))
    assert "ett år åt gången" in shown and "tar inte ut någon avgift" in shown
    assert "4 Service till kommunens enheter" in shown
    assert "Vilken enhet gäller avtalet" in shown  # the agreement request has started
    await staff.say("Hemtjänsten Bispgården")
    await staff.say("Snöskottning varje vecka, en handledare och tre deltagare, 4 h/vecka")
    summary = texts(await staff.say((TODAY + timedelta(days=14)).isoformat()))
    assert "gäller till och med" in summary
    saved = texts(await staff.press("Spara", expect=2))
    assert "avtalsförfrågan för Hemtjänsten Bispgården" in saved
    await api.wait_for(lambda c: c.chat_id == coordinator.user_id
                       and "Ny avtalsförfrågan:" in c.text)
    assert await rows(services, Order) == []
    [agreement] = await rows(services, Agreement)
    assert agreement.status == "requested" and await rows(services, Reminder) == []
    listed = texts(await coordinator.say("/avtal"))
    assert "Hemtjänsten Bispgården" in listed and "förfrågan" in listed
    shown = texts(await coordinator.press("Godkänn avtal med Hemtjänsten", expect=2))
    assert "Avtalet med Hemtjänsten Bispgården är aktivt" in shown
    await api.wait_for(lambda c: c.chat_id == staff.user_id and "är godkänt" in c.text)
    reminders = await rows(services, Reminder)
    assert [(r.telegram_id, r.kind) for r in reminders] == [
        (coordinator.user_id, "agreement_end")] * 3
    listing = coordinator.last_with_buttons  # the /avtal list, pressed once already
    again = texts(await coordinator.press("Godkänn avtal med Hemtjänsten", message=listing))
    assert "redan gått vidare" in again  # a second press activates nothing twice
    assert len(await rows(services, Reminder)) == 3


async def test_a_coordinator_registers_an_agreement_with_end_reminders(make_staff, services):
    coordinator = await make_staff(role="coordinator")
    shown = texts(await coordinator.say("/avtal"))
    assert "Inga avtal registrerade" in shown
    await coordinator.press("Registrera avtal", expect=2)
    await coordinator.say("Fritidsgården")
    await coordinator.say("Vaktmästeri två dagar i veckan")
    start = TODAY + timedelta(days=3)
    await coordinator.say(start.isoformat())
    saved = texts(await coordinator.press("Spara", expect=2))
    assert "Du påminns 3 gånger" in saved
    [agreement] = await rows(services, Agreement)
    assert agreement.status == "active"
    assert agreement.end_date == date(start.year + 1, start.month, start.day) - timedelta(
        days=1) or (start.month, start.day) == (2, 29)
    reminders = await rows(services, Reminder)
    assert [(r.kind, r.source, r.source_id) for r in reminders] == [
        ("agreement_end", "agreement", agreement.id)] * 3
    assert sorted((agreement.end_date - r.due_at.date()).days for r in reminders) in (
        [7, 30, 60], [6, 29, 59], [8, 31, 61])  # 09:00 Stockholm, stored in UTC
    listed = texts(await coordinator.say("/avtal"))
    assert "Fritidsgården" in listed and "aktivt" in listed
