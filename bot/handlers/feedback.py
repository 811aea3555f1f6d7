"""👍/👎 on an answer, and after a 👎 what was wrong: written on the press, one answers_sent row
per (user, answer message).

Sending an answer writes nothing: its vote buttons carry the entry and the language
(fb:<0|1>:<entry>:<lang>). The first press writes the row; a second press, or one after a
restart, finds it and is told "already noted", so a vote counts once. A 👎 puts the entry on
the coordinators' /obesvarade list; its reason joins it when the user picks one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from telegram.ext import BaseHandler, CallbackQueryHandler

from bot import ORGS
from bot.callback_data import prefix_pattern
from bot.handlers import answer_buttons as buttons
from bot.handlers.common import Turn, unit_of_work
from bot.handlers.render import keyboard, markup_rows
from bot.i18n import Translator, translator
from bot.storage import questions


def reason_label(t: Translator, reason: str) -> str:
    """A 👎 reason as the user and the coordinators read it."""
    labels = {"topic": t("feedback.reason_topic"), "incomplete": t("feedback.reason_incomplete"),
              "outdated": t("feedback.reason_outdated"), "other": t("feedback.reason_other")}
    return labels[reason]


def _other_buttons(turn: Turn) -> list[list[tuple[str, str]]] | None:
    """The pressed message's buttons without the vote and reason ones (the follow-ups and the
    source button stay where they were); None when Telegram no longer shows us the message's
    buttons (too old, or deleted), so there is nothing to edit."""
    query = turn.update.callback_query
    message = query.message if query else None
    rows = markup_rows(getattr(message, "reply_markup", None))
    kept = [[b for b in row if not buttons.is_vote_or_reason(b[1])] for row in rows]
    return kept if kept != rows else None


def _data(turn: Turn) -> str | None:
    query = turn.update.callback_query
    return query.data if query is not None else None


def _pressed(turn: Turn) -> tuple[int, bool] | None:
    """(the answer's message id, whether the pressed button is still on it), or None when
    Telegram no longer shows us the message, or it is older than the votes are kept: its vote
    may have been purged, and a second count must not follow."""
    query = turn.update.callback_query
    message = query.message if query is not None else None
    if query is None or message is None or getattr(message, "chat", None) is None \
            or message.chat.id != turn.user.telegram_id:
        return None
    kept = timedelta(days=turn.services.settings.draft_retention_days)
    if message.date is None or message.date < datetime.now(UTC) - kept:
        return None
    rows = markup_rows(getattr(message, "reply_markup", None))
    return message.message_id, any(data == query.data for row in rows for _, data in row)


def _org(turn: Turn, entry_id: str) -> str | None:
    """The municipality of an entry the bot can answer with (a pack entry, a glossary term or
    an eligibility verdict), or None for an id it never sent."""
    org, _, rest = entry_id.partition(".")
    known = turn.services.kb.has_entry(entry_id) or rest == "eligibility"
    return org if org in ORGS and known else None


async def _press(turn: Turn, got: tuple[Any, str, str] | None
                 ) -> tuple[int, str, Translator] | None:
    """What a vote or reason press needs, read once for both: (the answer's message id, the
    entry's municipality, the answer's language) — or None once the press has been answered
    ("expired" for data the bot never sent, "already noted" for buttons pressed before)."""
    pressed = _pressed(turn)
    org = _org(turn, got[1]) if got else None
    if got is None or pressed is None or org is None:
        turn.answer(turn.t("button.expired"), alert=True)
        return None
    message_id, on_message = pressed
    t = translator(got[2], turn.services.settings.tz)
    if not on_message:
        await _not_on_message(turn, message_id, t)
        return None
    return message_id, org, t


async def _not_on_message(turn: Turn, message_id: int, t: Translator) -> None:
    """A vote or reason button the message no longer carries: pressed before (the buttons were
    edited away, maybe before a restart) is "already noted"; never there is a forgery."""
    if await questions.has_vote(turn.session, turn.user.telegram_id, message_id):
        turn.answer(t("feedback.already"))
    else:
        turn.answer(turn.t("button.expired"), alert=True)


@unit_of_work()
async def vote(turn: Turn) -> None:
    """👍 thanks the user; 👎 asks what was wrong, with the choices as buttons on the answer."""
    got = buttons.read_vote(_data(turn))
    press = await _press(turn, got)
    if got is None or press is None:
        return
    helpful, entry_id, lang = got
    message_id, org, t = press
    if not await questions.vote(turn.session, turn.user.telegram_id, message_id, org, entry_id,
                                helpful):
        turn.answer(t("feedback.already"))
        return
    rows = _other_buttons(turn)
    if helpful:
        turn.answer(t("feedback.thanks_helpful"))
        if rows is not None:
            turn.edit_markup(keyboard(rows))
        return
    choices = [(reason_label(t, r), buttons.reason(r, entry_id, lang)) for r in buttons.REASONS]
    turn.answer(t("feedback.what_was_wrong"))
    turn.edit_markup(keyboard([*(rows or []), choices[:2], choices[2:]]))


@unit_of_work()
async def reason(turn: Turn) -> None:
    """What was wrong with a 👎'd answer: kept with the coordinators' item, and thanked for."""
    got = buttons.read_reason(_data(turn))
    press = await _press(turn, got)
    if got is None or press is None:
        return
    why = got[0]
    message_id, _org_id, t = press
    if not await questions.give_reason(turn.session, turn.user.telegram_id, message_id, why):
        turn.answer(t("feedback.already"))
        return
    turn.answer(t("feedback.thanks_reason"))
    rows = _other_buttons(turn)
    if rows is not None:
        turn.edit_markup(keyboard(rows))


def handlers() -> list[BaseHandler]:
    return [
        CallbackQueryHandler(vote, pattern=prefix_pattern("fb")),
        CallbackQueryHandler(reason, pattern=prefix_pattern("fbr")),
    ]
