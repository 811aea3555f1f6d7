"""Start, help, language, cancel, and the polite answers to unknown commands and media."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import callback_data, commands, invites
from bot.handlers.common import Turn, unit_of_work
from bot.handlers.render import keyboard
from bot.i18n import LANGUAGES, translator
from bot.outbox import notices
from bot.storage import audit, users


@unit_of_work(command="start")
async def start(turn: Turn) -> None:
    """Welcomes an admitted user, or admits one who brings an invite code."""
    code = turn.context.args[0] if turn.context.args else None
    if code and not turn.user.active:
        had_menu = turn.user.role in commands.roles_with_own_menu()
        if await invites.redeem(turn.session, turn.row, code):
            await audit.record(turn.session, turn.who, "admitted", turn.user.org)
            # Now, not after the handler: the coordinators' notice names the newcomer.
            tg_user = turn.update.effective_user
            if tg_user is not None:
                users.remember_names(turn.row, tg_user.full_name, tg_user.username)
            # Messages sent to them later (the outbox) have no update to read a language from.
            if turn.user.locale is None:
                await users.set_locale(turn.session, turn.row, turn.t.lang)
            await notices.colleague_admitted(turn.session, turn.row)
            name = turn.services.kb.municipality_name(turn.home_org)
            turn.reply(turn.t("start.admitted", municipality=name))
            turn.reply(help_text(turn))
            if had_menu or turn.user.role in commands.roles_with_own_menu():
                turn.set_menu(turn.user.role)
            return
        turn.reply(turn.t("access.not_admitted"))
        return
    if not turn.user.active:
        turn.reply(turn.t("access.not_admitted"))
        return
    name = turn.services.kb.municipality_name(turn.org)
    turn.reply(turn.t("start.welcome", municipality=name))


def help_text(turn: Turn) -> str:
    """The commands the user's role may use, under the names of the user's language."""
    lines = [turn.t("help.intro")]
    for name, key in commands.help_list(turn.user.role, turn.t.lang):
        lines.append(f"/{name} – {turn.t(key)}")
    lines.append(turn.t("help.free_text"))
    return "\n".join(lines)


@unit_of_work(command="hjalp")
async def show_help(turn: Turn) -> None:
    """Lists what the user may do, for their role."""
    turn.reply(help_text(turn))


@unit_of_work(command="avbryt")
async def cancel(turn: Turn) -> None:
    """Ends whatever the user was doing and says so."""
    if turn.context.user_data is not None:
        turn.context.user_data.pop("pending", None)
    turn.reply(turn.t("cancel.done"))


@unit_of_work(command="sprak")
async def choose_language(turn: Turn) -> None:
    """Offers Swedish or English."""
    turn.reply(turn.t("language.choose"),
               keyboard([[("Svenska", callback_data.build("lang", "sv")),
                          ("English", callback_data.build("lang", "en"))]]))


@unit_of_work(command="sprak", changes_user=True)
async def set_language(turn: Turn) -> None:
    """Stores the language the user picked and confirms in it."""
    lang = turn.button_choice(LANGUAGES, "lang")
    if lang is None:
        return
    await users.set_locale(turn.session, turn.row, lang)
    t = translator(lang, turn.services.settings.tz)
    turn.answer()
    turn.edit(t("language.set"))


@unit_of_work()
async def unknown_command(turn: Turn) -> None:
    """Says the command is unknown and points at /hjalp."""
    turn.reply(turn.t("unknown.command"))


@unit_of_work()
async def non_text(turn: Turn) -> None:
    """Explains that only text is read; the media itself is neither stored nor looked at."""
    turn.reply(turn.t("unknown.media"))


@unit_of_work(role=None)
async def expired_button(turn: Turn) -> None:
    """Any button no handler knows (old or forged) gets 'that button has expired'."""
    turn.answer(turn.t("button.expired"), alert=True)


def command(name: str, callback: Callable[..., Any]) -> CommandHandler[Any, Any]:
    """A handler for a registry command, under all its names (hjalp and help alike)."""
    found = commands.get(name)
    if found is None or not found.available:
        raise ValueError(f"/{name} is not an available command in bot/commands.py")
    return CommandHandler(found.names, callback)


def handlers() -> list[BaseHandler]:
    return [
        command("start", start),
        command("hjalp", show_help),
        command("avbryt", cancel),
        command("sprak", choose_language),
        CallbackQueryHandler(set_language, pattern=callback_data.prefix_pattern("lang")),
    ]


def fallback_handlers() -> list[BaseHandler]:
    """Registered last: whatever nothing else took."""
    return [
        MessageHandler(filters.COMMAND, unknown_command),
        MessageHandler(~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL, non_text),
        CallbackQueryHandler(expired_button),
    ]
