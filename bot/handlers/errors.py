"""The error handler: logs the exception with ids only and tells the user something went wrong."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError

from bot.handlers.common import user_translator
from bot.handlers.context import BotContext
from bot.logging_setup import pseudonym
from bot.privacy.logsafe import describe

log = logging.getLogger(__name__)


async def on_error(update: object, context: BotContext) -> None:
    """Never silence: the user hears that something failed; the log gets no message body.

    Neither the update (its text) nor the exception's message (SQL parameters, Telegram's
    quotes of what it could not parse) is logged: only types, frames, the update id and a
    pseudonym of the user.
    """
    exc = context.error
    if isinstance(update, Update):
        who = pseudonym(update.effective_user.id if update.effective_user else None)
        log.error("error handling update %s for %s: %s", update.update_id, who, describe(exc))
        if isinstance(exc, Forbidden) or update.effective_chat is None:
            return
        t = user_translator(None, update, context.services)
        try:
            if update.callback_query:
                await update.callback_query.answer(t("error.generic"), show_alert=True)
            else:
                await context.bot.send_message(update.effective_chat.id, t("error.generic"))
        except NetworkError:
            log.warning("could not tell %s about the error", who)
    else:
        log.error("error outside an update: %s", describe(exc))
