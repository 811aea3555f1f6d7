"""Service orders in the chat: /bestall, /mina_bestallningar, /avtal and the coordinators'
buttons (accept, decline with a reason, schedule on a day, complete with hours and km).

Thin: the forms run through the form handler (bot/handlers/forms.py, bot.forms.flow); what a
coordinator may do is bot.orders.workflow; this module parses, calls and renders. The
requester hears of each change through the outbox, after the commit.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from telegram.ext import BaseHandler, CallbackQueryHandler

import bot.orders.finish  # noqa: F401  (registers the order and agreement finishers)
from bot import callback_data
from bot.forms import flow
from bot.handlers import forms
from bot.handlers.basics import command
from bot.handlers.common import Turn, unit_of_work
from bot.handlers.render import keyboard, shorten
from bot.orders import agreements as agreements_domain
from bot.orders import config as orders_config
from bot.orders import workflow
from bot.storage import orders as repo
from bot.storage.models import Order

ACT, REASON, DAY, NEW_AGREEMENT, ACTIVATE = "oa", "od", "os", "ag", "aa"
ACTIONS = tuple(workflow.ACTIONS)
SCHEDULE_DAYS = 10  # the next ten weekdays are offered as buttons
LIST_LIMIT = 10


COMPLETE_FORM = "ragunda.utford"  # hours and km of a completed order


def _not_offered(turn: Turn) -> bool:
    if orders_config.for_org(turn.home_org).takes_orders:
        return False
    turn.reply(turn.t("order.not_offered"))
    return True


@unit_of_work(command="bestall")
async def start_order(turn: Turn) -> None:
    """/bestall: the municipality's order form (only where the guideline has orders)."""
    if _not_offered(turn):
        return
    forms.render(turn, await flow.begin(turn.session, turn.user.telegram_id, turn.home_org,
                                        "bestall"))


def _line(turn: Turn, order: Order) -> str:
    t = turn.t
    cfg = orders_config.for_org(order.org)
    line = t("order.line", number=order.number, status=t(f"order.status.{order.status}"),
             party=order.party_name, group=cfg.group_label(order.service, t.lang),
             from_date=t.date(order.wanted_from) if order.wanted_from else "–")
    if order.status == "scheduled" and order.scheduled_date:
        line += " " + t("order.line_scheduled", date=t.date(order.scheduled_date))
    if order.status == "declined" and order.decline_reason:
        line += " " + t("order.line_declined", reason=t(f"order.reason.{order.decline_reason}"))
    return line


def _action_buttons(turn: Turn, order: Order) -> list[list[tuple[str, str]]]:
    return [[(turn.t(f"order.button.{a}"), callback_data.build(ACT, a, order.id))
             for a in ACTIONS if order.status in workflow.ACTIONS[a][0]]]


@unit_of_work(command="mina_bestallningar")
async def my_orders(turn: Turn) -> None:
    """The user's own orders and their status; a coordinator also gets the municipality's open
    orders, each with its buttons."""
    if _not_offered(turn):
        return
    t = turn.t
    mine = await repo.orders_of_requester(turn.session, turn.user.telegram_id, LIST_LIMIT)
    lines = [t("order.mine_heading")] + [_line(turn, o) for o in mine] if mine else [
        t("order.mine_none")]
    turn.reply("\n".join(lines))
    if turn.user.role != "coordinator":
        return
    open_orders = await repo.open_orders(turn.session, turn.home_org, LIST_LIMIT)
    if not open_orders:
        turn.reply(t("order.open_none"))
        return
    turn.reply(t("order.open_heading", count=len(open_orders)))
    for order in open_orders:
        turn.reply(_line(turn, order) + "\n" + order.description[:300],
                   keyboard(_action_buttons(turn, order)))


def _weekdays(start: date, count: int) -> list[date]:
    days: list[date] = []
    day = start
    while len(days) < count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days


async def _apply(turn: Turn, order_id: int, action: str, **kwargs: Any) -> None:
    result = await workflow.act(turn.session, order_id, turn.home_org, action,
                                now=datetime.now(UTC), **kwargs)
    if isinstance(result, workflow.Refused):
        turn.answer(turn.t(result.key), alert=True)
        if result.key == "order.err.stale":
            turn.edit_markup(None)
        return
    turn.answer()
    turn.edit(_line(turn, result.order), keyboard(_action_buttons(turn, result.order)))


@unit_of_work(role="coordinator")
async def on_action(turn: Turn) -> None:
    """oa:<action>:<order id>: accept at once; decline, schedule and complete ask for more."""
    values = turn.button(ACT, callback_data.choice(ACTIONS), callback_data.integer)
    if values is None:
        return
    action, order_id = values
    order = await repo.get_order(turn.session, order_id)
    t = turn.t
    if order is None or order.org != turn.home_org:
        key = "order.err.other_org" if order else "order.err.gone"
        turn.answer(t(key), alert=True)
        return
    if order.status not in workflow.ACTIONS[action][0]:
        turn.answer(t("order.err.stale"), alert=True)
        turn.edit_markup(None)
        return
    if action == "accept":
        await _apply(turn, order_id, "accept")
    elif action == "decline":
        turn.answer()
        turn.reply(t("order.ask_reason", number=order.number), keyboard(
            [[(t(f"order.reason.{r}"), callback_data.build(REASON, order_id, r))]
             for r in workflow.DECLINE_REASONS]))
    elif action == "schedule":
        turn.answer()
        today = datetime.now(UTC).astimezone(t.tz).date()
        days = [(t.date(d, "EEE d MMM"), callback_data.build(DAY, order_id,
                                                               d.strftime("%Y%m%d")))
                for d in _weekdays(today, SCHEDULE_DAYS)]
        turn.reply(t("order.ask_date", number=order.number),
                   keyboard([days[i:i + 5] for i in range(0, len(days), 5)]))
    else:
        turn.answer()
        # A form of its own, the order preset in its draft: a restart loses nothing.
        forms.render(turn, await flow.begin_with(turn.session, turn.user.telegram_id,
                                                 COMPLETE_FORM, {"order_id": order_id}))


@unit_of_work(role="coordinator")
async def on_reason(turn: Turn) -> None:
    values = turn.button(REASON, callback_data.integer,
                         callback_data.choice(workflow.DECLINE_REASONS))
    if values is not None:
        await _apply(turn, values[0], "decline", reason=values[1])


@unit_of_work(role="coordinator")
async def on_day(turn: Turn) -> None:
    values = turn.button(DAY, callback_data.integer, callback_data.integer)
    if values is None:
        return
    try:
        when = datetime.strptime(str(values[1]), "%Y%m%d").date()
    except ValueError:
        turn.answer(turn.t("button.expired"), alert=True)
        return
    await _apply(turn, values[0], "schedule", when=when)


@unit_of_work(command="avtal")
async def agreements(turn: Turn) -> None:
    """/avtal: the municipality's agreements and a button to register one."""
    if _not_offered(turn):
        return
    t = turn.t
    rows = await repo.agreements_of(turn.session, turn.home_org, LIST_LIMIT)
    lines = [t("agreement.heading")] if rows else [t("agreement.none")]
    lines += [t("agreement.line", party=a.party_name, start_date=t.date(a.start_date),
                end_date=t.date(a.end_date), status=t(f"agreement.status.{a.status}"))
              for a in rows]
    buttons = [[(t("agreement.activate", party=shorten(a.party_name, 40)),
                 callback_data.build(ACTIVATE, a.id))] for a in rows if a.status == "requested"]
    buttons.append([(t("agreement.register"), callback_data.build(NEW_AGREEMENT))])
    turn.reply("\n".join(lines), keyboard(buttons))


@unit_of_work(command="avtal")
async def on_activate(turn: Turn) -> None:
    """aa:<id>: a requested agreement becomes active; its end is reminded of."""
    values = turn.button(ACTIVATE, callback_data.integer)
    if values is None:
        return
    got = await agreements_domain.activate(turn.session, values[0], turn.home_org,
                                           turn.user.telegram_id, datetime.now(UTC))
    if isinstance(got, str):
        turn.answer(turn.t(got), alert=True)
        return
    turn.answer()
    turn.edit_markup(None)
    turn.reply(turn.t("agreement.activated", party=got.party_name,
                      end_date=turn.t.date(got.end_date)))


@unit_of_work(command="avtal")
async def on_new_agreement(turn: Turn) -> None:
    if turn.button(NEW_AGREEMENT) is None:
        return
    turn.answer()
    turn.edit_markup(None)
    forms.render(turn, await flow.begin(turn.session, turn.user.telegram_id, turn.home_org,
                                        "avtal"))


def handlers() -> list[BaseHandler]:
    return [
        command("bestall", start_order),
        command("mina_bestallningar", my_orders),
        command("avtal", agreements),
        CallbackQueryHandler(on_action, pattern=callback_data.prefix_pattern(ACT)),
        CallbackQueryHandler(on_reason, pattern=callback_data.prefix_pattern(REASON)),
        CallbackQueryHandler(on_day, pattern=callback_data.prefix_pattern(DAY)),
        CallbackQueryHandler(on_activate, pattern=callback_data.prefix_pattern(ACTIVATE)),
        CallbackQueryHandler(on_new_agreement,
                             pattern=callback_data.prefix_pattern(NEW_AGREEMENT)),
    ]

