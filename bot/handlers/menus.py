"""Telegram's command menus, derived from the command registry (bot/commands.py).

The default scope gets the staff menu in each language; a manager or coordinator gets their
own menu in their private chat (BotCommandScopeChat), set at admission and at a role change,
and taken away again when they become staff.
"""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeChat

from bot import commands
from bot.i18n import LANGUAGES, translator


def _menu(role: str, lang: str) -> list[BotCommand]:
    t = translator(lang)
    return [BotCommand(name, t(key)) for name, key in commands.menu(role, lang)]


async def set_default_menus(bot: Bot, default_lang: str) -> None:
    """The staff menu for everyone, per language (and in the default language without one)."""
    for lang in LANGUAGES:
        await bot.set_my_commands(_menu("staff", lang), language_code=lang)
    await bot.set_my_commands(_menu("staff", default_lang))


async def set_chat_menu(bot: Bot, chat_id: int, role: str | None, default_lang: str) -> None:
    """The menu of `role` in one private chat; staff (or None) fall back to the default menu.

    Telegram picks a chat scope with the user's language first, then the chat scope without
    one, before any default: so each language is set, and the default language without one.
    """
    scope = BotCommandScopeChat(chat_id)
    if role is None or role not in commands.roles_with_own_menu():
        for lang in (*LANGUAGES, None):
            await bot.delete_my_commands(scope=scope, language_code=lang)
        return
    for lang in LANGUAGES:
        await bot.set_my_commands(_menu(role, lang), scope=scope, language_code=lang)
    await bot.set_my_commands(_menu(role, default_lang), scope=scope)
