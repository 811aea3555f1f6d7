"""Checks that run before every feature: private chats only, identity guard, flood control."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop, BaseHandler, MessageHandler, TypeHandler, filters

from bot.handlers.common import user_translator
from bot.handlers.context import BotContext
from bot.i18n import Translator
from bot.logging_setup import pseudonym
from bot.privacy.personnummer import contains_identity_number
from bot.storage import users

log = logging.getLogger(__name__)

FLOOD_LIMIT = 20
FLOOD_WINDOW = 10.0
# A failed delete or refusal is tried again after these pauses (seconds): long enough for a
# passing network or Bot API hiccup, short enough that the user's next message (queued behind
# this one by the per-user lock) is not held up noticeably.
RETRY_DELAYS = (0.3, 1.0)


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


async def _with_retries(call: Callable[[], Awaitable[object]], what: str, who: str) -> bool:
    """Runs a Bot API call, again after each of RETRY_DELAYS on any error; True if it went
    through. BadRequest and Forbidden are answers, not hiccups: they are not retried."""
    for delay in (*RETRY_DELAYS, None):
        try:
            await call()
            return True
        except (BadRequest, Forbidden) as exc:
            # "message to delete not found": the user (or Telegram) removed it already.
            if what == "delete" and "not found" in (exc.message or "").lower():
                return True
            log.warning("guard could not %s for %s: %s", what, who, type(exc).__name__)
            return False
        except TelegramError as exc:
            log.warning("guard could not %s for %s: %s (%s)", what, who, type(exc).__name__,
                        "retrying" if delay is not None else "giving up")
        if delay is not None:
            await asyncio.sleep(delay)
    return False


async def _translator(update: Update, context: BotContext, who: str) -> Translator:
    """The user's language: the staff directory, else the database, else Telegram's hint.
    A database error must not stop the refusal, so it falls back instead of raising."""
    services = context.services
    user = services.staff.fresh_view(update.effective_user.id)
    if user is None:
        try:
            async with services.db.begin() as session:
                user = await users.get_by_telegram_id(session, update.effective_user.id)
        except Exception as exc:  # noqa: BLE001 - any database trouble: refuse in the default
            log.warning("guard could not read the language of %s: %s", who, type(exc).__name__)
    return user_translator(user, update, services)


async def identity_guard(update: Update, context: BotContext) -> None:
    """Refuses any text with a personnummer: it is deleted (or the user is asked to delete it),
    nothing of it is stored or logged, and no other handler ever sees it."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message else ""
    if not text or not contains_identity_number(text):
        return
    who = pseudonym(update.effective_user.id if update.effective_user else None)
    log.info("identity number refused from %s", who)
    try:
        if context.user_data is not None:
            context.user_data.pop("pending", None)
        chat_id = update.effective_chat.id
        deleted = await _with_retries(
            lambda: context.bot.delete_message(chat_id, message.message_id), "delete", who)
        t = await _translator(update, context, who)
        key = "guard.identity_refused" if deleted else "guard.identity_refused_not_deleted"
        await _with_retries(lambda: context.bot.send_message(chat_id, t(key)), "refuse", who)
    except Exception as exc:  # noqa: BLE001 - whatever failed, the update stops here
        log.error("guard failed for %s: %s", who, type(exc).__name__)
    raise ApplicationHandlerStop


def gate_handlers() -> list[tuple[int, BaseHandler]]:
    """(group, handler) pairs; lower groups run first and may stop the update.

    The guard runs before flood control: a message dropped for flooding would otherwise keep
    its personnummer in the chat, neither refused nor deleted.
    """
    return [
        (-3, TypeHandler(Update, private_only)),
        (-2, MessageHandler(filters.TEXT | filters.CAPTION, identity_guard)),
        (-1, TypeHandler(Update, FloodGate())),
    ]
