"""Checks that run before every feature: private chats only, flood control, identity guard."""

from __future__ import annotations

import logging
import time
from collections import defaultdict, deque

from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import ApplicationHandlerStop, BaseHandler, MessageHandler, TypeHandler, filters

from bot.handlers.common import user_translator
from bot.handlers.context import BotContext
from bot.logging_setup import pseudonym
from bot.privacy.personnummer import contains_identity_number
from bot.storage import users

log = logging.getLogger(__name__)

FLOOD_LIMIT = 20
FLOOD_WINDOW = 10.0


async def private_only(update: Update, context: BotContext) -> None:
    """Groups and channels get nothing: case talk belongs in a private chat."""
    chat = update.effective_chat
    if chat is not None and chat.type != "private":
        raise ApplicationHandlerStop


class FloodGate:
    """Slows a user who sends more than FLOOD_LIMIT updates in FLOOD_WINDOW seconds."""

    def __init__(self) -> None:
        self._seen: dict[int, deque[float]] = defaultdict(deque)
        self._warned: dict[int, float] = {}

    async def __call__(self, update: Update, context: BotContext) -> None:
        user = update.effective_user
        if user is None:
            return
        now = time.monotonic()
        seen = self._seen[user.id]
        seen.append(now)
        while seen and now - seen[0] > FLOOD_WINDOW:
            seen.popleft()
        if len(seen) <= FLOOD_LIMIT:
            return
        # One warning per window, then silence until the user slows down.
        if now - self._warned.get(user.id, 0.0) > FLOOD_WINDOW and update.effective_chat:
            self._warned[user.id] = now
            t = user_translator(None, update, context.services)
            await context.bot.send_message(update.effective_chat.id, t("flood.slow_down"))
        log.info("flood control for %s", pseudonym(user.id))
        raise ApplicationHandlerStop


async def identity_guard(update: Update, context: BotContext) -> None:
    """Refuses any text with a personnummer: nothing of it is stored or logged; it is deleted."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    if not text or not contains_identity_number(text):
        return
    log.info("identity number refused from %s", pseudonym(update.effective_user.id))
    async with context.services.db.begin() as session:
        user = await users.get_by_telegram_id(session, update.effective_user.id)
    t = user_translator(user, update, context.services)
    context.user_data.pop("pending", None)
    try:
        await message.delete()
    except (BadRequest, Forbidden):
        pass  # too old or not allowed; the refusal still goes out
    await context.bot.send_message(update.effective_chat.id, t("guard.identity_refused"))
    raise ApplicationHandlerStop


def gate_handlers() -> list[tuple[int, BaseHandler]]:
    """(group, handler) pairs; lower groups run first and may stop the update."""
    return [
        (-3, TypeHandler(Update, private_only)),
        (-2, TypeHandler(Update, FloodGate())),
        (-1, MessageHandler(filters.TEXT | filters.CAPTION, identity_guard)),
    ]
