"""Builds the Telegram Application: settings in, handlers registered in one explicit order."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseUpdateProcessor,
    ContextTypes,
    Defaults,
)

from bot.config import Settings
from bot.handlers import (
    ask,
    basics,
    cases,
    forms,
    gates,
    jobs,
    menus,
    order_jobs,
    orders,
    reminders,
    team,
)
from bot.handlers.context import BotContext
from bot.handlers.errors import on_error
from bot.logging_setup import quiet_noisy_loggers
from bot.services import Services
from bot.transport import AiohttpRequest, AssistantBot

log = logging.getLogger(__name__)

class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Updates of different users run concurrently; one user's updates run in order.

    `on_processed` callbacks get each update once its handlers (and the error handler) are
    done, so whoever waits for the bot's answer (the tests, the terminal chat) needs no sleep.
    """

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self.on_processed: list[Callable[[object], None]] = []

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await self._in_order(update, coroutine)
        finally:
            for callback in self.on_processed:
                callback(update)

    async def _in_order(self, update: object, coroutine: Awaitable[Any]) -> None:
        user = update.effective_user if isinstance(update, Update) else None
        if user is None:
            await coroutine
            return
        lock = self._locks.setdefault(user.id, asyncio.Lock())
        async with lock:
            await coroutine
        if not lock.locked() and not lock._waiters:  # noqa: SLF001 - drop idle locks
            self._locks.pop(user.id, None)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def register(app: Application) -> None:
    """All handlers, in order. Order matters: gates first, free text and fallbacks last."""
    for group, handler in gates.gate_handlers():
        app.add_handler(handler, group=group)
    # Forms first: their /avbryt cancels an open form, their text router goes before ask's.
    app.add_handlers(forms.handlers())
    app.add_handlers(cases.handlers())
    app.add_handlers(basics.handlers())
    app.add_handlers(team.handlers())
    app.add_handlers(orders.handlers())
    app.add_handlers(order_jobs.handlers())
    app.add_handlers(reminders.handlers())
    app.add_handlers(ask.handlers())  # includes the catch-all free-text question handler
    app.add_handlers(basics.fallback_handlers())
    app.add_error_handler(on_error)


async def _post_init(app: Application) -> None:
    services: Services = app.bot_data["services"]
    # The staff menu from the command registry; managers and coordinators get their own
    # per chat at admission (bot/handlers/menus.py).
    await menus.set_default_menus(app.bot, services.settings.locale)
    await jobs.sync_staff(services, full=True)  # before polling: the first updates find it
    jobs.schedule(app)
    order_jobs.schedule(app)
    await services.search.start()  # the search worker loads the packs beside the bot
    # app.initialize() asked Telegram (getMe); BOT_USERNAME only overrides it.
    services.bot_username = services.settings.bot_username or app.bot.username
    log.info("bot ready: %d knowledge entries", services.kb.size())


async def _post_shutdown(app: Application) -> None:
    services: Services = app.bot_data["services"]
    await services.close()


def build_application(settings: Settings, services: Services | None = None) -> Application:
    """The real Application, pointed at settings.bot_api_url (Telegram, or a local stand-in)."""
    if settings.bot_token is None:
        raise ValueError("BOT_TOKEN is not set")
    quiet_noisy_loggers()
    services = services or Services.create(settings)
    bot = AssistantBot(
        settings.bot_token.get_secret_value(),
        base_url=settings.bot_api_url,
        base_file_url=settings.bot_api_file_url,
        defaults=Defaults(tzinfo=settings.tz),
        request=AiohttpRequest(),
        get_updates_request=AiohttpRequest(connection_pool_size=1),
        # Telegram's 429s are retried after retry_after; the overall rate limit stays off
        # because one unit's staff never come near Telegram's 30 messages a second.
        # PTB types the rate limiter's generic as None here though AIORateLimiter takes dicts.
        rate_limiter=AIORateLimiter(  # type: ignore[arg-type]
            overall_max_rate=0, group_max_rate=0, max_retries=3),
    )
    app = (
        ApplicationBuilder()
        .bot(bot)
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(PerUserUpdateProcessor())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    app.bot_data["services"] = services
    register(app)
    return app
