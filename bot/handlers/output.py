"""Sending a Turn's queued output once the update's transaction has committed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from telegram import InlineKeyboardMarkup
from telegram.error import Forbidden, TelegramError

from bot.handlers import menus
from bot.handlers.render import split_message

if TYPE_CHECKING:
    from bot.handlers.common import Turn

log = logging.getLogger(__name__)


@dataclass
class Out:
    """One queued piece of output."""

    kind: str  # reply | answer | edit | edit_markup | document | menu | drop_buttons
    text: str | None = None  # for a menu: the role whose menu it is
    markup: InlineKeyboardMarkup | None = None
    alert: bool = False
    parse_mode: str | None = None
    filename: str | None = None
    data: bytes | None = None
    chat_id: int | None = None
    on_sent: Callable[[int], Any] | None = None
    message_id: int | None = None  # drop_buttons: an earlier message of the chat


async def send_all(turn: Turn, queued: list[Out], saved: bool) -> None:
    """Send `queued` in order. A send that fails rolls nothing back (it is committed): the
    rest still goes out, and the user is told once at the end — that what they did was saved
    but the answer did not get through if the transaction wrote, else "something went wrong".
    """
    failed = False
    for out in queued:
        if out.kind == "menu":
            await _set_menu(turn, out.text, out.chat_id)
            continue
        if out.kind == "drop_buttons":
            await _drop_buttons(turn, out.message_id)
            continue
        try:
            await _send(turn, out)
        except Forbidden:
            return  # the user blocked the bot: nobody to tell
        except TelegramError as exc:
            log.warning("could not send %s to %s: %s", out.kind, turn.who, type(exc).__name__)
            failed = True
    chat = turn.update.effective_chat
    if failed and chat is not None:
        key = "error.saved_not_shown" if saved else "error.generic"
        try:
            await turn.context.bot.send_text(chat.id, turn.t(key))
        except TelegramError:
            log.warning("could not tell %s that a reply failed", turn.who)


async def _set_menu(turn: Turn, role: str | None, chat_id: int | None) -> None:
    # The menu is a convenience: a failure is logged, and the user is not bothered with it.
    chat = turn.update.effective_chat
    chat_id = chat_id or (chat.id if chat else None)
    if chat_id is None:
        return
    try:
        await menus.set_chat_menu(turn.context.bot, chat_id, role,
                                  turn.services.settings.locale)
    except TelegramError as exc:
        log.warning("could not set the menu of %s: %s", turn.who, type(exc).__name__)


async def _drop_buttons(turn: Turn, message_id: int | None) -> None:
    # Tidying: buttons that would only answer "already done" go; a failure (the message was
    # deleted, or already has none) is logged, and the user is not bothered with it.
    chat = turn.update.effective_chat
    if chat is None or message_id is None:
        return
    try:
        await turn.context.bot.edit_markup(chat.id, message_id, None)
    except TelegramError as exc:
        log.info("could not drop the buttons of a message to %s: %s", turn.who,
                 type(exc).__name__)


async def _send(turn: Turn, out: Out) -> None:
    bot = turn.context.bot
    query = turn.update.callback_query
    chat = turn.update.effective_chat
    if out.kind in ("answer", "edit", "edit_markup"):
        if query is None:
            return  # only a button press has a message to answer or edit
        message = query.message
        if out.kind == "answer":
            await query.answer(out.text, show_alert=out.alert)
        elif message is not None:
            # The pressed message is in the chat: edit it without parsing Telegram's answer.
            if out.kind == "edit":
                await bot.edit_text(message.chat.id, message.message_id, out.text or "",
                                    out.markup, parse_mode=out.parse_mode)
            else:
                await bot.edit_markup(message.chat.id, message.message_id, out.markup)
        elif out.kind == "edit":
            await query.edit_message_text(out.text or "", reply_markup=out.markup,
                                          parse_mode=out.parse_mode)
        else:
            await query.edit_message_reply_markup(out.markup)
    elif chat is None:
        return
    elif out.kind == "document":
        await bot.send_document(chat.id, out.data or b"", filename=out.filename,
                                caption=out.text)
    else:
        parts = split_message(out.text or "")
        sent = None
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            sent = await bot.send_text(chat.id, part, out.markup if last else None,
                                       parse_mode=out.parse_mode)
        if sent is not None and out.on_sent is not None:
            out.on_sent(sent)
