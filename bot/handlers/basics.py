"""Start, help, language, cancel, and the polite answers to unknown commands and media."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot import invites
from bot.access import COMMAND_ROLE, has_role
from bot.handlers.common import Turn, unit_of_work, user_translator
from bot.handlers.context import BotContext
from bot.handlers.render import keyboard
from bot.i18n import LANGUAGES, translator
from bot.storage import audit, users

# The commands of the help text, in the order staff meet them; aliases are left out.
HELP_ORDER = ["fraga", "kommun", "aktualisera", "arenden", "paminn", "paminnelser", "moten",
              "bestall", "mina_bestallningar", "avtal", "sammanstall", "obesvarade", "bjudin",
              "anvandare", "sprak", "avbryt", "hjalp"]
# Only commands that exist yet are offered; later features add theirs to this set.
AVAILABLE = {"fraga", "kommun", "obesvarade", "bjudin", "anvandare", "sprak", "avbryt", "hjalp"}


@unit_of_work(role=None)
async def start(turn: Turn) -> None:
    """Welcomes an admitted user, or admits one who brings an invite code."""
    code = turn.context.args[0] if turn.context.args else None
    if code and not turn.user.active:
        if await invites.redeem(turn.session, turn.user, code):
            await audit.record(turn.session, turn.who, "admitted", turn.user.org)
            name = turn.services.kb.municipality_name(turn.user.org)
            turn.reply(turn.t("start.admitted", municipality=name))
            turn.reply(help_text(turn))
            return
        turn.reply(turn.t("access.not_admitted"))
        return
    if not turn.user.active:
        turn.reply(turn.t("access.not_admitted"))
        return
    name = turn.services.kb.municipality_name(turn.org)
    turn.reply(turn.t("start.welcome", municipality=name))


def help_text(turn: Turn) -> str:
    lines = [turn.t("help.intro")]
    for command in HELP_ORDER:
        if command in AVAILABLE and has_role(turn.user.role, COMMAND_ROLE[command]):
            lines.append(f"/{command} – {turn.t('cmd.' + command)}")
    lines.append(turn.t("help.free_text"))
    return "\n".join(lines)


@unit_of_work()
async def show_help(turn: Turn) -> None:
    """Lists what the user may do, for their role."""
    turn.reply(help_text(turn))


@unit_of_work()
async def cancel(turn: Turn) -> None:
    """Ends whatever the user was doing and says so."""
    turn.context.user_data.pop("pending", None)
    turn.reply(turn.t("cancel.done"))


@unit_of_work()
async def choose_language(turn: Turn) -> None:
    """Offers Swedish or English."""
    turn.reply(turn.t("language.choose"),
                     keyboard([[("Svenska", "lang:sv"), ("English", "lang:en")]]))


@unit_of_work(changes_user=True)
async def set_language(turn: Turn) -> None:
    """Stores the language the user picked and confirms in it."""
    lang = turn.button_choice(LANGUAGES)
    if lang is None:
        return
    await users.set_locale(turn.session, turn.user, lang)
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


async def expired_button(update: Update, context: BotContext) -> None:
    """Any button no handler knows (old or forged) gets 'that button has expired'."""
    services = context.services
    async with services.db.begin() as session:
        user = await users.get_by_telegram_id(session, update.effective_user.id)
    t = user_translator(user, update, services)
    await update.callback_query.answer(t("button.expired"), show_alert=True)


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("start", start),
        CommandHandler(["hjalp", "help"], show_help),
        CommandHandler(["avbryt", "cancel"], cancel),
        CommandHandler(["sprak", "language"], choose_language),
        CallbackQueryHandler(set_language, pattern=r"^lang:"),
    ]


def fallback_handlers() -> list[BaseHandler]:
    """Registered last: whatever nothing else took."""
    return [
        MessageHandler(filters.COMMAND, unknown_command),
        MessageHandler(~filters.TEXT & ~filters.COMMAND & ~filters.StatusUpdate.ALL, non_text),
        CallbackQueryHandler(expired_button),
    ]
