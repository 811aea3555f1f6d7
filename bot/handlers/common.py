"""The glue every handler shares: one unit of work per update, the user's language and role."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update

from bot.access import has_role
from bot.handlers.context import BotContext
from bot.handlers.render import split_message
from bot.i18n import Translator, pick_language, translator
from bot.logging_setup import pseudonym
from bot.services import Services
from bot.staff_directory import StaffView
from bot.storage import users
from bot.storage.models import User

log = logging.getLogger(__name__)


@dataclass
class Turn:
    """One update's worth of state: the user, their language, the update's transaction."""

    update: Update
    context: BotContext
    user: User | StaffView  # a frozen StaffView on the directory path (see unit_of_work)
    t: Translator
    _session: AsyncSession | None = None

    @property
    def session(self) -> AsyncSession:
        """The update's one transaction, opened on first use: most questions need none."""
        if self._session is None:
            self._session = self.services.db()
        return self._session

    @property
    def opened_session(self) -> AsyncSession | None:
        """The transaction if the handler used one (the unit of work commits it)."""
        return self._session

    @property
    def services(self) -> Services:
        return self.context.services

    @property
    def org(self) -> str:
        """The municipality whose guideline the user asks about."""
        return self.user.ask_org or self.user.org or self.services.settings.default_org

    @property
    def who(self) -> str:
        return pseudonym(self.user.telegram_id)

    async def button_choice(self, allowed: Collection[str]) -> str | None:
        """The value after 'prefix:' in the pressed button's data, if it is one of `allowed`.

        Anything else (stale or forged data) is answered with "that button has expired".
        """
        query = self.update.callback_query
        value = (query.data or "").split(":", 1)[-1]
        if value in allowed:
            return value
        await query.answer(self.t("button.expired"), show_alert=True)
        return None

    async def reply(self, text: str, markup: InlineKeyboardMarkup | None = None) -> int | None:
        """Send text to the user's chat, split at Telegram's limit; buttons go on the last part.

        Returns:
            The id of the (last) message sent, None when the update has no chat.
        """
        chat = self.update.effective_chat
        if chat is None:
            return None
        parts = split_message(text)
        sent = None
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            sent = await self.context.bot.send_text(chat.id, part, markup if last else None)
        return sent


Handler = Callable[[Turn], Awaitable[Any]]


def user_translator(user: User | StaffView | None, update: Update, services: Services) -> Translator:
    code = update.effective_user.language_code if update.effective_user else None
    lang = pick_language(user.locale if user else None, code, services.settings.locale)
    return translator(lang, services.settings.tz)


def unit_of_work(role: str | None = "staff", changes_user: bool = False
                 ) -> Callable[[Handler], Any]:
    """Wrap a handler: open one transaction, load the user, check admission and role.

    Args:
        role: the lowest role needed; None lets a not-yet-admitted user through (only /start).
        changes_user: the handler writes the user's own row (language, municipality), so it
            needs the row from the database. Other staff-level handlers get an admitted
            user's frozen view from the staff directory and spare the database a read;
            everything else (refusals, /start, coordinator commands) reads the row.
    """
    use_directory = role == "staff" and not changes_user

    def decorate(func: Handler) -> Any:
        @functools.wraps(func)
        async def wrapper(update: Update, context: BotContext) -> Any:
            tg_user = update.effective_user
            if tg_user is None:
                return None
            services = context.services
            view = services.staff.fresh_view(tg_user.id) if use_directory else None
            session = None if view is not None else services.db()
            turn: Turn | None = None
            try:
                user = view or await users.get_or_create(session, tg_user.id)
                turn = Turn(update, context, user, user_translator(user, update, services),
                            session)
                result = await _checked(turn, func, role)
                session = turn.opened_session
                # Rows this transaction read or wrote, handed to the directory after commit.
                rows = users.touched(session) if session is not None else []
                if session is not None:
                    await session.commit()
            finally:
                session = turn.opened_session if turn is not None else session
                if session is not None:
                    await session.close()  # rolls back whatever was not committed
            services.staff.remember(rows)
            return result

        return wrapper

    return decorate


async def _checked(turn: Turn, func: Handler, role: str | None) -> Any:
    if role is not None and not turn.user.active:
        await _refuse(turn, "access.not_admitted")
        return None
    if role is not None and not has_role(turn.user.role, role):
        log.info("refused %s for %s (role %s)", func.__name__, turn.who, turn.user.role)
        await _refuse(turn, "access.not_allowed")
        return None
    return await func(turn)


async def _refuse(turn: Turn, key: str) -> None:
    if turn.update.callback_query:
        await turn.update.callback_query.answer(turn.t(key), show_alert=True)
    else:
        await turn.reply(turn.t(key))
