"""Reminders in the chat: /paminn (a personal one), /paminnelser (upcoming; coordinators also
see the municipality's overdue follow-ups; the digest time), /moten (meeting series), and the
Klar / Snooza 1 h / I morgon / Nästa vecka buttons on a delivered reminder.

Stateless: a /paminn without a time or text is answered with the usage and an example rather
than a question whose answer would need state. The personnummer guard (bot/handlers/gates.py)
has already refused any text carrying one before these run.
"""

from __future__ import annotations

from datetime import UTC, datetime, time

from telegram.ext import BaseHandler, CallbackQueryHandler

from bot import callback_data
from bot.access import has_role
from bot.handlers.basics import command
from bot.handlers.common import Turn, unit_of_work
from bot.reminders import render
from bot.reminders.actions import snooze_until
from bot.reminders.calendar import place, valid_digest_time
from bot.reminders.series import describe, parse_series
from bot.reminders.when import Problem, parse
from bot.storage import meetings, reminders

MAX_TEXT = 300
_DIGEST_WORDS = ("tid", "time", "sammanfattning", "digest")
_NEW_WORDS = ("ny", "new")


def _args(turn: Turn) -> str:
    message = turn.update.effective_message
    text = (message.text if message else None) or ""
    return text.split(maxsplit=1)[1].strip() if len(text.split(maxsplit=1)) > 1 else ""


@unit_of_work(command="paminn")
async def remind_me(turn: Turn) -> None:
    """/paminn <när> <text>: a personal reminder, confirmed with the time it will come."""
    raw = _args(turn)
    tz = turn.services.settings.tz
    now = datetime.now(UTC)
    got = parse(raw, now, tz) if raw else Problem("empty")
    if isinstance(got, Problem):
        turn.reply(turn.t(f"rem.problem_{got.reason}") + "\n\n" + turn.t("rem.usage"))
        return
    text = got.text[:MAX_TEXT]
    row = await reminders.add_reminder(
        turn.session, telegram_id=turn.user.telegram_id, org=turn.home_org, kind="personal",
        due_at=got.when, text_key="rem.personal", params={"text": text},
        created_by=turn.user.telegram_id)
    lines = [turn.t("rem.created", when=render.when(turn.t, row.due_at), text=text)]
    if turn.services.settings.reminder_rules:
        digest_at = (await reminders.digest_times(turn.session, {turn.user.telegram_id})).get(
            turn.user.telegram_id)
        placed = place(got.when, tz, digest_at) if digest_at else place(got.when, tz)
        if placed.moved:
            key = "rem.created_digest" if placed.digest else "rem.created_moved"
            lines.append(turn.t(key, when=render.when(turn.t, placed.due_at)))
    turn.reply("\n".join(lines))


@unit_of_work(command="paminnelser")
async def my_reminders(turn: Turn) -> None:
    """Upcoming reminders; a coordinator also sees the municipality's overdue follow-ups.
    `/paminnelser tid 07:30` sets the morning digest's time."""
    words = _args(turn).split()
    if words and words[0].lower() in _DIGEST_WORDS:
        await _set_digest(turn, words[1] if len(words) > 1 else "")
        return
    t = turn.t
    rows = await reminders.upcoming(turn.session, turn.user.telegram_id)
    lines = [t("rem.list_heading") if rows else t("rem.list_empty")]
    lines += [f"• {render.when(t, r.due_at)} – {render.body(r, t)}" for r in rows]
    if has_role(turn.user.role, "coordinator"):
        overdue = await reminders.overdue_follow_ups(turn.session, turn.home_org,
                                                     datetime.now(UTC))
        lines.append("")
        lines.append(t("rem.overdue_heading") if overdue else t("rem.overdue_none"))
        lines += [f"• {t.date(r.due_at)} – {render.body(r, t)}" for r in overdue]
    lines += ["", t("rem.list_footer")]
    turn.reply("\n".join(lines))


async def _set_digest(turn: Turn, raw: str) -> None:
    try:
        clock = time.fromisoformat(raw if len(raw) == 5 else "x")
    except ValueError:
        clock = None
    if clock is None or not valid_digest_time(clock):
        turn.reply(turn.t("rem.digest_usage"))
        return
    await reminders.set_digest_time(turn.session, turn.user.telegram_id, clock)
    turn.reply(turn.t("rem.digest_set", time=clock.strftime("%H:%M")))


@unit_of_work(command="moten")
async def meeting_series(turn: Turn) -> None:
    """/moten lists the municipality's series; /moten ny <regel> <tid> <titel> adds one."""
    raw = _args(turn)
    words = raw.split(maxsplit=1)
    t = turn.t
    if words and words[0].lower() in _NEW_WORDS:
        spec = parse_series(words[1] if len(words) > 1 else "", datetime.now(UTC),
                            turn.services.settings.tz)
        if spec is None:
            turn.reply(t("meet.problem") + "\n\n" + t("meet.usage"))
            return
        await meetings.add_series(turn.session, org=turn.home_org, title=spec.title,
                                  rrule=spec.rrule, dtstart=spec.dtstart,
                                  created_by=turn.user.telegram_id)
        first = spec.dtstart.replace(tzinfo=turn.services.settings.tz)
        turn.reply(t("meet.created", title=spec.title, rule=_rule_text(turn, spec.rrule),
                     first=render.when(t, first)))
        return
    series = await meetings.list_for_org(turn.session, turn.home_org)
    lines = [t("meet.list_heading") if series else t("meet.list_empty")]
    lines += [f"• {s.title} – {_rule_text(turn, s.rrule)} {s.dtstart[11:]}" for s in series]
    lines += ["", t("meet.usage")]
    turn.reply("\n".join(lines))


def _rule_text(turn: Turn, rule: str) -> str:
    key, params = describe(rule)
    values = {k.removesuffix("_key"): turn.t(str(v)) if k.endswith("_key") else v
              for k, v in params.items()}
    return turn.t(key, **values)


@unit_of_work()
async def pressed(turn: Turn) -> None:
    """Klar / Snooza 1 h / I morgon / Nästa vecka. A second press, or one after the reminder
    is done, changes nothing: the message is edited to show its state."""
    values = turn.button(render.PREFIX, callback_data.choice(render.ACTIONS),
                         callback_data.integer)
    if values is None:
        return
    action, reminder_id = values
    row = await reminders.get_for(turn.session, reminder_id, turn.user.telegram_id)
    if row is None:
        turn.answer(turn.t("button.expired"), alert=True)
        return
    now = datetime.now(UTC)
    if action == "done":
        changed = await reminders.mark_done(turn.session, row, now)
    else:
        until = snooze_until(action, now, row.due_at, turn.services.settings.tz)
        changed = await reminders.snooze(turn.session, row, until)
    if not changed:
        turn.answer(turn.t("rem.already"))
    elif action == "done":
        turn.answer(turn.t("rem.state_done"))
    else:
        turn.answer(turn.t("rem.state_snoozed", when=render.when(turn.t, row.due_at)))
    text = render.state(row, turn.t)
    message = turn.update.callback_query.message if turn.update.callback_query else None
    if getattr(message, "text", None) != text:
        turn.edit(text)


def handlers() -> list[BaseHandler]:
    return [
        command("paminn", remind_me),
        command("paminnelser", my_reminders),
        command("moten", meeting_series),
        CallbackQueryHandler(pressed, pattern=callback_data.prefix_pattern(render.PREFIX)),
    ]
