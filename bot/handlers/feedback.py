"""👍/👎 on an answer, and after a 👎 what was wrong: stored on the answer's answers_sent row.

The buttons carry the row's id, so a vote survives a restart and counts once however often it
is pressed (a second press is told "already noted"). A 👎 puts the question on the
coordinators' /obesvarade list; its reason joins it when the user picks one.
"""

from __future__ import annotations

from telegram.ext import BaseHandler, CallbackQueryHandler

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
    message = turn.update.callback_query.message
    rows = markup_rows(getattr(message, "reply_markup", None))
    kept = [[b for b in row if not buttons.is_vote_or_reason(b[1])] for row in rows]
    return kept if kept != rows else None


@unit_of_work()
async def vote(turn: Turn) -> None:
    """👍 thanks the user; 👎 asks what was wrong, with the choices as buttons on the answer."""
    got = buttons.read_vote(turn.update.callback_query.data)
    if got is None or await questions.answer_for(turn.session, got[1],
                                                 turn.user.telegram_id) is None:
        turn.answer(turn.t("button.expired"), alert=True)
        return
    helpful, answer_id, lang = got
    t = translator(lang, turn.services.settings.tz)
    if not await questions.vote(turn.session, answer_id, helpful):
        turn.answer(t("feedback.already"))
        return
    rows = _other_buttons(turn)
    if helpful:
        turn.answer(t("feedback.thanks_helpful"))
        if rows is not None:
            turn.edit_markup(keyboard(rows))
        return
    choices = [(reason_label(t, r), buttons.reason(r, answer_id, lang)) for r in buttons.REASONS]
    turn.answer(t("feedback.what_was_wrong"))
    turn.edit_markup(keyboard([*(rows or []), choices[:2], choices[2:]]))


@unit_of_work()
async def reason(turn: Turn) -> None:
    """What was wrong with a 👎'd answer: kept with the question, and thanked for."""
    got = buttons.read_reason(turn.update.callback_query.data)
    if got is None or await questions.answer_for(turn.session, got[1],
                                                 turn.user.telegram_id) is None:
        turn.answer(turn.t("button.expired"), alert=True)
        return
    why, answer_id, lang = got
    t = translator(lang, turn.services.settings.tz)
    if not await questions.give_reason(turn.session, answer_id, why):
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
