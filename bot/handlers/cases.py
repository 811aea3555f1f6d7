"""/arenden: the user's open cases by reference; follow up, extend or close one with buttons."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram.ext import BaseHandler, CallbackQueryHandler

from bot import callback_data
from bot.cases import actions
from bot.handlers.basics import command
from bot.handlers.common import Turn, unit_of_work
from bot.handlers.forms import stale
from bot.handlers.render import keyboard
from bot.storage import cases
from bot.storage.models import Case

PREFIX = "cs"
# o: open a case, f: follow up (arg weeks; 0 asks), x: extend, c: close (arg outcome; "-" asks)
ACTIONS = ("o", "f", "x", "c")


def _line(turn: Turn, case: Case) -> str:
    t = turn.t
    parts = [f"#{case.id} {case.reference}"]
    if case.support_form:
        parts.append(case.support_form.replace("_", " "))
    if case.follow_up_date:
        parts.append(t("case.next_follow_up", date=t.date(case.follow_up_date, "medium")))
    if case.decision_end_date:
        parts.append(t("case.decision_until", date=t.date(case.decision_end_date, "medium")))
    if case.case_owner:
        parts.append(t("case.role." + case.case_owner))
    return " – ".join(parts)


@unit_of_work(command="arenden")
async def list_cases(turn: Turn) -> None:
    """Lists the user's open cases in their municipality, one button each."""
    found = await cases.open_for(turn.session, turn.user.telegram_id, turn.home_org)
    if not found:
        turn.reply(turn.t("case.none"))
        return
    lines = [turn.t("case.heading")] + [_line(turn, c) for c in found]
    rows = [[(f"#{c.id} {c.reference}", callback_data.build(PREFIX, "o", c.id, "-"))]
            for c in found]
    turn.reply("\n".join(lines), keyboard(rows))


def _case_buttons(turn: Turn, case: Case) -> list[list[tuple[str, str]]]:
    rows = [[(turn.t("case.follow_up"), callback_data.build(PREFIX, "f", case.id, "0"))]]
    if actions.can_extend(case):
        rows.append([(turn.t("case.extend"), callback_data.build(PREFIX, "x", case.id, "-"))])
    rows.append([(turn.t("case.close"), callback_data.build(PREFIX, "c", case.id, "-"))])
    return rows


@unit_of_work(command="arenden")
async def on_button(turn: Turn) -> None:
    """Open a case, follow it up, extend its decision or close it with an outcome."""
    values = turn.button(PREFIX, callback_data.choice(ACTIONS), callback_data.integer,
                         callback_data.token)
    if values is None:
        return
    action, case_id, arg = values
    case = await cases.get(turn.session, case_id)
    if case is None or case.status != cases.OPEN or turn.user.telegram_id not in (
            case.created_by, case.follow_up_owner):
        stale(turn)
        return
    t, now = turn.t, datetime.now(UTC)
    turn.answer()
    if action == "o":
        turn.reply(_line(turn, case), keyboard(_case_buttons(turn, case)))
    elif action == "f" and arg == "0":
        rows = [[(t("case.weeks", weeks=w), callback_data.build(PREFIX, "f", case.id, w))
                 for w in actions.FOLLOW_UP_WEEKS]]
        turn.edit(t("case.follow_up_ask", reference=case.reference), keyboard(rows))
    elif action == "f" and arg.isdigit() and int(arg) in actions.FOLLOW_UP_WEEKS:
        await actions.follow_up(turn.session, case, int(arg), now)
        assert case.follow_up_date is not None
        turn.edit(t("case.followed_up", reference=case.reference,
                    date=t.date(case.follow_up_date, "long")))
    elif action == "x" and await actions.extend(turn.session, case, now):
        assert case.decision_end_date is not None
        turn.edit(t("case.extended", reference=case.reference,
                    date=t.date(case.decision_end_date, "long")))
    elif action == "c" and arg == "-":
        rows = [[(t("case.outcome." + o), callback_data.build(PREFIX, "c", case.id, o))]
                for o in actions.outcomes_for(case)]
        turn.edit(t("case.close_ask", reference=case.reference), keyboard(rows))
    elif action == "c" and arg in actions.outcomes_for(case):
        count = await actions.close(turn.session, case, arg, now)
        turn.edit(t("case.closed", reference=case.reference,
                    outcome=t("case.outcome." + arg), count=count))
    else:
        turn.edit_markup(None)


def handlers() -> list[BaseHandler]:
    return [
        command("arenden", list_cases),
        CallbackQueryHandler(on_button, pattern=callback_data.prefix_pattern(PREFIX)),
    ]
