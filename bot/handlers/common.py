"""The glue every handler shares: one unit of work per update, the user's language and role."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import InlineKeyboardMarkup, Update

from bot import callback_data, commands
from bot.access import has_role
from bot.handlers import jobs, output
from bot.handlers.context import BotContext
from bot.handlers.output import Out
from bot.i18n import Translator, pick_language, translator
from bot.logging_setup import pseudonym
from bot.services import Services
from bot.staff_directory import StaffView
from bot.storage import outbox, users, writes
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
    _outbox: list[Out] = field(default_factory=list)

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

    @property
    def row(self) -> User:
        """The user's database row. Handlers that write the user (changes_user=True), /start
        and the coordinators' commands are given the row, never the directory's frozen view."""
        if not isinstance(self.user, User):
            raise RuntimeError("this handler has the staff directory's view, not the row")
        return self.user

    @property
    def home_org(self) -> str:
        """The municipality the user was admitted for (every admitted user has one)."""
        if self.user.org is None:
            raise RuntimeError("an admitted user without a municipality")
        return self.user.org

    def button(self, prefix: str, *fields: callback_data.Field) -> tuple | None:
        """The fields of the pressed button's data (bot/callback_data.parse).

        Anything else (stale or forged data) is answered with "that button has expired".
        """
        query = self.update.callback_query
        values = callback_data.parse(query.data if query else None, prefix, *fields)
        if values is None:
            self.answer(self.t("button.expired"), alert=True)
        return values

    def button_choice(self, allowed: Collection[str], prefix: str | None = None) -> str | None:
        """The one value of `prefix:value` data, if it is one of `allowed` (else "expired").

        Without `prefix`, the data's own (the handler was routed on it).
        """
        query = self.update.callback_query
        data = (query.data if query else None) or ""
        values = self.button(prefix or data.split(":", 1)[0], callback_data.choice(allowed))
        return values[0] if values else None

    # Output. Nothing is sent while the handler runs: every call below queues, and the unit of
    # work sends the queue once the update's transaction has committed (commit, then confirm).
    # When the commit fails the queue is dropped and the user hears of the failure instead, so
    # nobody is told that something was saved that was not; a send that fails after the commit
    # rolls nothing back (the next input shows the current state).

    def reply(self, text: str, markup: InlineKeyboardMarkup | None = None,
              on_sent: Callable[[int], Any] | None = None, parse_mode: str | None = None
              ) -> None:
        """Send text to the user's chat, split at Telegram's limit; buttons go on the last part.

        `on_sent` gets the id of the (last) message once it is out.
        """
        self._outbox.append(Out("reply", text=text, markup=markup, on_sent=on_sent,
                                 parse_mode=parse_mode))

    def answer(self, text: str | None = None, alert: bool = False) -> None:
        """Answer the pressed button (its spinner stops; `text` shows as a toast or alert).

        Telegram takes one answer per button press: only the first call counts.
        """
        if self.update.callback_query is None or any(o.kind == "answer" for o in self._outbox):
            return
        self._outbox.append(Out("answer", text=text, alert=alert))

    def edit(self, text: str, markup: InlineKeyboardMarkup | None = None,
             parse_mode: str | None = None) -> None:
        """Replace the text (and buttons) of the message whose button was pressed."""
        self._outbox.append(Out("edit", text=text, markup=markup, parse_mode=parse_mode))

    def edit_markup(self, markup: InlineKeyboardMarkup | None) -> None:
        """Replace only the buttons of the message whose button was pressed (None removes)."""
        self._outbox.append(Out("edit_markup", markup=markup))

    def drop_buttons(self, message_id: int) -> None:
        """Remove the buttons of an earlier message in this chat (e.g. a prompt answered by
        typing); best effort, a failure is only logged."""
        self._outbox.append(Out("drop_buttons", message_id=message_id))

    def send_document(self, filename: str, data: bytes, caption: str | None = None) -> None:
        self._outbox.append(Out("document", text=caption, filename=filename, data=data))

    def set_menu(self, role: str | None, chat_id: int | None = None) -> None:
        """Give a private chat (this one by default) the command menu of `role` (None: the
        default staff menu)."""
        self._outbox.append(Out("menu", text=role, chat_id=chat_id))

    def discard_output(self) -> None:
        self._outbox.clear()

    async def flush(self, saved: bool = False) -> None:
        """Send the queued output in order; called by the unit of work after the commit.

        Args:
            saved: the update's transaction wrote something (see output.send_all).
        """
        queued, self._outbox = self._outbox, []
        await output.send_all(self, queued, saved)


Handler = Callable[[Turn], Awaitable[Any]]


def user_translator(user: User | StaffView | None, update: Update, services: Services) -> Translator:
    code = update.effective_user.language_code if update.effective_user else None
    lang = pick_language(user.locale if user else None, code, services.settings.locale)
    return translator(lang, services.settings.tz)


def unit_of_work(role: str | None = "staff", changes_user: bool = False,
                 command: str | None = None) -> Callable[[Handler], Any]:
    """Wrap a handler: open one transaction, load the user, check admission and role.

    Args:
        role: the lowest role needed; None lets a not-yet-admitted user through (only /start).
        changes_user: the handler writes the user's own row (language, municipality), so it
            needs the row from the database.
        command: take the role from the command registry (bot/commands.py) instead.

    Staff-level handlers that do not change the user get an admitted user's frozen view from
    the staff directory and spare the database a read; everything else (refusals, /start,
    coordinator commands) reads the row. A handler on the directory's word that writes
    anything has the row re-read in its own transaction before the commit: a user revoked
    a moment ago in another process writes nothing.
    """
    if command is not None:
        role = commands.role_of(command)

    def decorate(func: Handler) -> Any:
        @functools.wraps(func)
        async def wrapper(update: Update, context: BotContext) -> Any:
            tg_user = update.effective_user
            if tg_user is None:
                return None
            services = context.services
            view = None
            if role == "staff" and not changes_user:
                view = services.staff.fresh_view(tg_user.id)
                if view is not None and _names(tg_user) != (view.display_name, view.username):
                    view = None  # renamed in Telegram: take the row, to store the new name
            session = None if view is not None else services.db()
            turn: Turn | None = None
            rows: list[User] = []
            saved = False
            try:
                if view is not None:
                    user: User | StaffView = view
                else:
                    assert session is not None  # opened above whenever there is no view
                    user = await users.get_or_create(session, tg_user.id)
                turn = Turn(update, context, user, user_translator(user, update, services),
                            session)
                result = await _checked(turn, func, role)
                session = turn.opened_session
                saved = writes.wrote(session)
                if saved and session is not None and isinstance(turn.user, StaffView):
                    standing = await users.standing(session, tg_user.id)
                    if not _allowed(standing, role):
                        # Nothing is committed; the next update reads the row itself.
                        log.info("write refused for %s: no longer admitted", turn.who)
                        turn.discard_output()
                        await _refuse(turn, "access.not_admitted")
                        services.staff.forget(tg_user.id)
                        saved, session = False, None
                elif isinstance(turn.user, User) and turn.user.active:
                    users.remember_names(turn.user, *_names(tg_user))
                # Rows this transaction read or wrote, handed to the directory after commit.
                rows = users.touched(session) if session is not None else []
                woke = outbox.enqueued(session)
                if session is not None:
                    await session.commit()
            except Exception:
                if turn is not None:
                    turn.discard_output()  # nothing queued may claim what was not saved
                raise
            finally:
                session = turn.opened_session if turn is not None else session
                if session is not None:
                    await session.close()  # rolls back whatever was not committed
            services.staff.remember(rows)
            if woke:
                jobs.wake_outbox(context.application)  # tell others now, not at the next tick
            await turn.flush(saved)
            return result

        return wrapper

    return decorate


def _names(tg_user: Any) -> tuple[str | None, str | None]:
    """The Telegram display name and @username, as users.remember_names stores them."""
    return ((tg_user.full_name or "").strip()[:128] or None,
            (tg_user.username or "").strip()[:64] or None)


def _allowed(standing: tuple[bool, str] | None, role: str | None) -> bool:
    """Whether (active, role) as the database has it now still lets the user do this."""
    return standing is not None and bool(standing[0]) and (
        role is None or has_role(standing[1], role))


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
        turn.answer(turn.t(key), alert=True)
    else:
        turn.reply(turn.t(key))
