"""How the bot talks HTTP to the Bot API: python-telegram-bot's request interface on aiohttp.

PTB's default backend is httpx. Profiling the bot under 50 simultaneous users showed httpx
(with httpcore and anyio under it) as the largest single cost of an update, ~45 % of the
bot's CPU for one sendMessage; aiohttp's client does the same request for about a quarter
of that. PTB documents `BaseRequest` as the extension point for exactly this
(`ApplicationBuilder.request` / `.get_updates_request`); errors map to PTB's own
`TimedOut` / `NetworkError` so retries and the error handler behave as with httpx.
Requests without files go as one JSON body, which the Bot API takes as well as a form.

`AssistantBot.get_updates` reads each update of a batch on its own: PTB parses a batch as a
whole, so one update it cannot read failed the batch, which the poller fetched again at once,
forever, logging the raw batch (other users' texts and names) at CRITICAL every time.
"""

from __future__ import annotations

import datetime as dtm
import json
import logging
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

import aiohttp
from telegram import Bot, InlineKeyboardMarkup, Update
from telegram.error import InvalidToken, NetworkError, TelegramError, TimedOut
from telegram.ext import ExtBot
from telegram.request import BaseRequest, RequestData

log = logging.getLogger(__name__)

# Set while a self-paced send runs (AssistantBot.send_text_paced); a ContextVar, so that the
# other sends running at the same moment still go through PTB's rate limiter.
_PACED: ContextVar[bool] = ContextVar("paced_send", default=False)

_JSON = {"Content-Type": "application/json"}


class AiohttpRequest(BaseRequest):
    """One aiohttp session, a bounded connection pool, PTB's timeouts per request."""

    def __init__(self, connection_pool_size: int = 64, read_timeout: float = 5.0,
                 write_timeout: float = 5.0, connect_timeout: float = 5.0,
                 pool_timeout: float = 1.0, media_write_timeout: float = 20.0) -> None:
        self._pool_size = connection_pool_size
        self._timeouts = {"read": read_timeout, "write": write_timeout,
                          "connect": connect_timeout, "pool": pool_timeout}
        self._media_write_timeout = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(
                connector=connector, headers={"User-Agent": self.USER_AGENT},
                # Telegram's answers are JSON the caller parses; no cookies to keep.
                cookie_jar=aiohttp.DummyCookieJar(),
            )

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    def _timeout(self, name: str, value: object) -> float | None:
        if value is BaseRequest.DEFAULT_NONE:
            return self._timeouts[name]
        # PTB passes a float, or None for "no limit".
        return float(value) if isinstance(value, int | float) else None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("AiohttpRequest is not initialized")
        data: aiohttp.FormData | bytes | None = None
        headers = None
        write = self._timeout("write", write_timeout)
        if request_data is not None and request_data.contains_files:
            data = aiohttp.FormData()
            for name, value in request_data.json_parameters.items():
                data.add_field(name, value)
            for name, (filename, content, mimetype) in request_data.multipart_data.items():
                data.add_field(name, content, filename=filename, content_type=mimetype)
            if write_timeout is BaseRequest.DEFAULT_NONE:
                write = self._media_write_timeout
        elif request_data is not None:
            # One JSON body (the Bot API takes application/json): json.dumps runs in C, where
            # a form body is URL-quoted character by character in Python (~10 % of the bot's
            # CPU per reply under load).
            data = json.dumps(request_data.parameters, ensure_ascii=False).encode()
            headers = _JSON
        read = self._timeout("read", read_timeout)
        timeout = aiohttp.ClientTimeout(
            # aiohttp has no separate write timeout: reading the answer starts after writing.
            sock_read=None if read is None or write is None else read + write,
            sock_connect=self._timeout("connect", connect_timeout),
            connect=self._timeout("pool", pool_timeout),
        )
        try:
            async with self._session.request(method, url, data=data, headers=headers,
                                             timeout=timeout) as res:
                return res.status, await res.read()
        except TimeoutError as err:
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err


class AssistantBot(ExtBot[None]):
    """PTB's ExtBot, plus one lighter way to send a text message, and forgiving getUpdates.

    `send_message` turns Telegram's answer into a full `Message` (its chat, sender and
    keyboard as objects); under 50 users at once that was ~12 % of the bot's CPU, for a
    reply whose answer we read for one number at most.
    """

    # The offset past every update seen, readable or not: a skipped update at the end of a
    # batch is confirmed to Telegram by the next call instead of coming back for ever.
    _seen_up_to = 0
    # Told when Telegram rejects the token while polling: PTB's poller then ends its loop
    # without a word to the application, which would go on running deaf (bot/runner.py).
    _on_token_rejected: Callable[[], None] | None = None

    def on_token_rejected(self, callback: Callable[[], None]) -> None:
        """Call `callback` when Telegram rejects the token (401) while polling."""
        self._on_token_rejected = callback

    async def get_updates(
        self,
        offset: int | None = None,
        limit: int | None = None,
        timeout: int | dtm.timedelta | None = None,
        allowed_updates: Sequence[str] | None = None,
        *,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
        api_kwargs: dict[str, Any] | None = None,
    ) -> tuple[Update, ...]:
        """PTB's getUpdates, except that an update that cannot be read is skipped.

        It is logged with its update id and the kind of error only: the error's text can quote
        the update (a name, a message), and logs hold no message bodies.

        Raises:
            TelegramError: as PTB's; also when the answer is not a list of updates, so that the
                poller backs off as after any other failed call.
        """
        if offset is not None and offset < self._seen_up_to:
            offset = self._seen_up_to
        # As PTB: a long poll may take `timeout` seconds longer than the usual read timeout.
        base = self._request[0].read_timeout if read_timeout is BaseRequest.DEFAULT_NONE \
            else read_timeout
        poll = timeout.total_seconds() if isinstance(timeout, dtm.timedelta) else (timeout or 0)
        try:
            result = await self._post(
                "getUpdates",
                {"timeout": timeout, "offset": offset, "limit": limit,
                 "allowed_updates": allowed_updates},
                read_timeout=(base or 0) + poll, write_timeout=write_timeout,
                connect_timeout=connect_timeout, pool_timeout=pool_timeout,
                api_kwargs=api_kwargs,
            )
        except InvalidToken:
            if self._on_token_rejected is not None:
                self._on_token_rejected()
            raise
        if not isinstance(result, list):
            raise TelegramError(f"getUpdates answered a {type(result).__name__}, not a list")
        updates: list[Update] = []
        for raw in result:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            if isinstance(update_id, int):
                self._seen_up_to = max(self._seen_up_to, update_id + 1)
            try:
                update = Update.de_json(raw, self)
                self.insert_callback_data(update)
            except Exception as exc:  # noqa: BLE001 - whatever it is, the others go on
                log.warning("skipped update %s: it could not be read (%s)",
                            update_id, type(exc).__name__)
                continue
            updates.append(update)
        return tuple(updates)

    async def _do_post(self, endpoint: str, data: dict[str, Any], *,
                       read_timeout: Any = BaseRequest.DEFAULT_NONE,
                       write_timeout: Any = BaseRequest.DEFAULT_NONE,
                       connect_timeout: Any = BaseRequest.DEFAULT_NONE,
                       pool_timeout: Any = BaseRequest.DEFAULT_NONE) -> Any:
        """PTB's post, through its rate limiter unless the caller paces itself (below)."""
        timeouts = {"read_timeout": read_timeout, "write_timeout": write_timeout,
                    "connect_timeout": connect_timeout, "pool_timeout": pool_timeout}
        if _PACED.get():
            return await Bot._do_post(self, endpoint, data, **timeouts)
        return await super()._do_post(endpoint, data, **timeouts)

    async def send_text_paced(self, chat_id: int, text: str,
                              reply_markup: InlineKeyboardMarkup | None = None) -> int:
        """send_text for a caller that keeps Telegram's limits itself (the reminders tick):
        past PTB's rate limiter, so a 429 comes back at once as RetryAfter instead of being
        retried outside the caller's pacing, and the caller reschedules after retry_after."""
        token = _PACED.set(True)
        try:
            return await self.send_text(chat_id, text, reply_markup)
        finally:
            _PACED.reset(token)

    async def send_text(self, chat_id: int, text: str,
                        reply_markup: InlineKeyboardMarkup | None = None,
                        parse_mode: str | None = None) -> int:
        """sendMessage through PTB's own request path (rate limiter, retries, errors).

        Only the parameters given are sent: a `Defaults` value such as a parse mode would not be
        added here (the app's Defaults set only the time zone, which sendMessage has no use for).

        Returns:
            The new message's id.
        """
        # No callback-data cache to update here: the app does not use arbitrary callback data.
        data = {"chat_id": chat_id, "text": text, "reply_markup": reply_markup}
        if parse_mode is not None:
            data["parse_mode"] = parse_mode
        result = await self._post("sendMessage", data)
        return int(result["message_id"])

    async def edit_text(self, chat_id: int, message_id: int, text: str,
                        reply_markup: InlineKeyboardMarkup | None = None,
                        parse_mode: str | None = None) -> None:
        """editMessageText of a chat's message, through PTB's request path, without turning
        Telegram's answer into a `Message` (as send_text; every form step edits its prompt)."""
        data: dict[str, Any] = {"chat_id": chat_id, "message_id": message_id, "text": text,
                                "reply_markup": reply_markup}
        if parse_mode is not None:
            data["parse_mode"] = parse_mode
        await self._post("editMessageText", data)

    async def edit_markup(self, chat_id: int, message_id: int,
                          reply_markup: InlineKeyboardMarkup | None = None) -> None:
        """editMessageReplyMarkup of a chat's message (None removes the buttons), as edit_text."""
        await self._post("editMessageReplyMarkup", {"chat_id": chat_id, "message_id": message_id,
                                                    "reply_markup": reply_markup})
