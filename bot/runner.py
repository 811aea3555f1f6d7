"""Starts and stops an Application without owning the event loop (run, chat and tests share it).

Polling errors: PTB's poller retries a failed getUpdates with a growing pause (1 s, then x1.5
up to 30 s) and calls our `error_callback` each time. Most failures pass (a network blip, a
5xx) and are logged in one line. A 409 Conflict does not pass: Telegram says another process
is polling with this token, and the two would take turns stealing each other's updates. The
process then stops with one line saying so (`serve_until` returns it), instead of retrying for
ever. So does a 401 (the token revoked while running): PTB's poller ends without telling anyone,
and the process would otherwise keep running without reading a single update.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.error import Conflict, TelegramError
from telegram.ext import Application

from bot.transport import AssistantBot

log = logging.getLogger(__name__)

TOKEN_REJECTED = ("stopped: Telegram rejected the bot token while polling (401 Unauthorized): "
                  "it was revoked or changed; set BOT_TOKEN to the current token")
CONFLICT = ("stopped: Telegram answered 409 Conflict: another process is polling with this "
            "bot token; run only one instance per bot")


class _Polling:
    """The poller's error callback; a fatal error sets `stop` and is kept as `fatal`."""

    def __init__(self, stop: asyncio.Event | None) -> None:
        self.stop = stop
        self.fatal: str | None = None

    def token_rejected(self) -> None:
        # PTB's poller gives up after a 401 without calling on_error: the process must end.
        if self.fatal is None:
            log.error("getUpdates: 401, the token was rejected; stopping")
        self.fatal = TOKEN_REJECTED
        if self.stop is not None:
            self.stop.set()

    def on_error(self, exc: TelegramError) -> None:
        # Called by PTB's retry loop, which then sleeps before the next try; must not raise.
        if isinstance(exc, Conflict):
            if self.fatal is None:
                log.error("getUpdates: 409 Conflict, another poller uses this token; stopping")
            self.fatal = CONFLICT
            if self.stop is not None:
                self.stop.set()
            return
        # One line, no traceback: the description names the failure, never a message body.
        log.warning("getUpdates failed (%s: %s); retrying after a pause", type(exc).__name__, exc)


async def start(app: Application, poll_timeout: int = 10,
                stop_event: asyncio.Event | None = None) -> None:
    """Initialize, run post_init, and start long polling.

    `stop_event`, when given, is set if polling meets an error that must end the process (a
    409 Conflict); `polling_fatal(app)` then gives the one-line reason.
    """
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    polling = _Polling(stop_event)
    app.bot_data["polling"] = polling
    if isinstance(app.bot, AssistantBot):
        app.bot.on_token_rejected(polling.token_rejected)
    if app.updater is None:
        raise RuntimeError("the application was built without an updater")
    await app.updater.start_polling(
        timeout=poll_timeout, allowed_updates=Update.ALL_TYPES, drop_pending_updates=False,
        bootstrap_retries=-1, error_callback=polling.on_error,
    )
    await app.start()


async def stop(app: Application) -> None:
    """Stop polling and processing, then shut down (post_shutdown closes the database)."""
    if app.updater and app.updater.running:
        try:
            await app.updater.stop()
        except TelegramError:
            # The poller ended on this error already (a 401); it was reported then.
            if polling_fatal(app) is None:
                raise
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)


def polling_fatal(app: Application) -> str | None:
    """Why polling ended the process (one line), or None when it was asked to stop."""
    polling = app.bot_data.get("polling")
    return polling.fatal if isinstance(polling, _Polling) else None


async def serve_until(app: Application, stop_event: asyncio.Event) -> str | None:
    """Serve until `stop_event` is set (a signal, or a fatal polling error).

    Returns:
        None after an ordinary stop; otherwise the one-line reason the bot had to stop.
    """
    await start(app, stop_event=stop_event)
    try:
        await stop_event.wait()
    finally:
        await stop(app)
    return polling_fatal(app)
