"""Asking Telegram who the bot is (getMe) from the shell: the start-up check and the username.

`run` asks once before polling starts, so a rejected token, an unreachable Telegram or a wrong
BOT_API_URL is one line and exit code 2 instead of a traceback with the token in a URL; `admin
invite`, which has no running bot, asks for the username its t.me link needs. The request goes
through python-telegram-bot and the app's own HTTP transport, so the URL is built and the answer
read exactly as the running bot will. No message here ever contains the token.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import contextmanager

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut

from bot.cli.startup import StartupError
from bot.config import Settings
from bot.transport import AiohttpRequest

# The check is one short look: a Telegram that does not answer within this is "unreachable".
TIMEOUT = 10.0


class TelegramCheckError(StartupError):
    """Telegram (or what BOT_API_URL points at) did not say who the bot is; one line."""


@contextmanager
def _quiet_libraries():
    # PTB logs a non-JSON answer with its traceback (and the answer may echo the URL, token
    # included); what went wrong is said once, in our own words, by the caller.
    previous = logging.root.manager.disable
    logging.disable(logging.CRITICAL)
    try:
        yield
    finally:
        logging.disable(previous)


def _reason(exc: BaseException, token: str) -> str:
    cause = exc.__cause__
    name = type(cause).__name__ if cause is not None else ""
    if name == "TooManyRedirects":
        return "it redirects in a loop"
    if name in ("ClientConnectorError", "ClientConnectorDNSError", "ClientOSError",
                "ServerDisconnectedError", "ClientConnectionError"):
        return "no connection (wrong host or port, or no network)"
    if isinstance(exc, TimedOut) or isinstance(cause, TimeoutError):
        return f"no answer within {TIMEOUT:.0f} s"
    text = str(exc).split(". Parsing")[0].strip() or type(exc).__name__
    return text.replace(token, "<BOT_TOKEN>")[:120]


async def fetch_username(settings: Settings) -> str:
    """The bot's username, from getMe through settings.bot_api_url.

    Raises:
        TelegramCheckError: one line saying what is wrong (never the token).
    """
    if settings.bot_token is None:
        raise TelegramCheckError("BOT_TOKEN is not set")
    token = settings.bot_token.get_secret_value()
    where = f"the Bot API at {settings.bot_api_url}"
    request = AiohttpRequest(connection_pool_size=1, read_timeout=TIMEOUT,
                             connect_timeout=TIMEOUT, pool_timeout=TIMEOUT)
    bot = Bot(token, base_url=settings.bot_api_url, base_file_url=settings.bot_api_file_url,
              request=request, get_updates_request=AiohttpRequest(connection_pool_size=1))
    try:
        with _quiet_libraries():
            await request.initialize()
            try:
                me = await bot.get_me()
            finally:
                await request.shutdown()
    except InvalidToken as exc:
        if exc.__cause__ is not None:  # a 401/404 whose body is not Bot API JSON
            raise TelegramCheckError(
                f"BOT_API_URL: {where} is not a Telegram Bot API (it answered "
                f"{_reason(exc, token)}); check BOT_API_URL") from None
        raise TelegramCheckError(
            "BOT_TOKEN: Telegram rejected the token (revoked or mistyped); "
            "get the current one from @BotFather (/mybots)") from None
    except (NetworkError, TimedOut) as exc:
        raise TelegramCheckError(
            f"BOT_API_URL: cannot reach {where}: {_reason(exc, token)}") from None
    except (TelegramError, KeyError, TypeError, ValueError) as exc:
        raise TelegramCheckError(
            f"BOT_API_URL: {where} is not a Telegram Bot API "
            f"({_reason(exc, token)}); check BOT_API_URL") from None
    if not me.is_bot or not me.username:
        raise TelegramCheckError(
            f"BOT_TOKEN: {where} says this token is not a bot's; check BOT_TOKEN and BOT_API_URL")
    return me.username


def check_telegram(settings: Settings) -> str:
    """`fetch_username` for a caller without an event loop (run, before polling starts)."""
    return asyncio.run(fetch_username(settings))
