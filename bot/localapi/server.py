"""A small Bot API server on 127.0.0.1: it queues user updates, records what the bot sends.

python-telegram-bot talks to it through its normal `base_url` request path, so the real
Application runs unchanged. The terminal chat and the test suite both use it. It can also be told
to answer the next call of a method with 429 (retry_after), 403, 409 or 5xx.

It is as strict as Telegram where the features lean on it (bot/localapi/rules.py): button data,
one answer per callback query, text length, "message is not modified", and, when turned on,
the flood limits. A call that breaks a rule gets Telegram's error and is recorded as
"<method>:rejected" (429s as "<method>:limited"); `violations` lists the 400s. `processed`
learns when the bot has finished an update (bot/localapi/processed.py).
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.localapi import rules
from bot.localapi.processed import ProcessedUpdates
from bot.localapi.strict import StrictBotAPI

BOT_USER = {"id": 999000, "is_bot": True, "first_name": "AME-assistenten", "username": "ame_bot",
            "can_join_groups": False, "can_read_all_group_messages": False,
            "supports_inline_queries": False}


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    to_user: int | None = None  # whom an answerCallbackQuery goes to (it names no chat)
    error: str | None = None  # Telegram's description, when the call was rejected

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        """What the user reads: with parse_mode HTML, the text without its tags."""
        text = str(self.params.get("text") or self.params.get("caption") or "")
        if str(self.params.get("parse_mode", "")).upper() == "HTML":
            return html.unescape(_TAG.sub("", text))
        return text

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        markup = self.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        return markup.get("inline_keyboard", [])


# ---- Telegram's HTML parse mode --------------------------------------------------------------
# Telegram refuses a message whose HTML it cannot parse (400 "can't parse entities"): only these
# tags, properly nested, and every other <, > and & written as an entity.
HTML_TAGS = frozenset("b strong i em u ins s strike del a code pre tg-spoiler blockquote".split())
_TAG_ATTRIBUTES = {"a": "href", "code": "class", "blockquote": "expandable"}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-z-]+(?:=\"[^\"<>]*\")?)*)\s*>")
_HTML_TOKEN = re.compile(_TAG.pattern + r"|&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);|[<>&]")
_ENTITY_NAMES = frozenset(("lt", "gt", "amp", "quot"))


def html_entity_error(text: str) -> str | None:
    """Why Telegram would refuse `text` in parse mode HTML, or None when it parses."""
    open_tags: list[str] = []
    for m in _HTML_TOKEN.finditer(text):
        at = len(text[: m.start()].encode("utf-16-le")) // 2
        token = m.group(0)
        if token in ("<", ">", "&"):
            return f"unescaped {token!r} at offset {at}"
        if token.startswith("&"):
            if not m.group(4).startswith("#") and m.group(4) not in _ENTITY_NAMES:
                return f"unsupported entity {token!r} at offset {at}"
            continue
        closing, name, attributes = m.group(1), m.group(2).lower(), m.group(3).strip()
        if name not in HTML_TAGS:
            return f"unsupported {'end' if closing else 'start'} tag {name!r} at offset {at}"
        if closing:
            if attributes or not open_tags or open_tags[-1] != name:
                return f"unmatched end tag {name!r} at offset {at}"
            open_tags.pop()
            continue
        if attributes and attributes.split("=")[0] != _TAG_ATTRIBUTES.get(name):
            return f"unsupported attribute in tag {name!r} at offset {at}"
        open_tags.append(name)
    if open_tags:
        return f"can't find end tag corresponding to start tag {open_tags[-1]!r}"
    return None


def _parse_error(method: str, params: dict[str, Any]) -> str | None:
    if method not in ("sendMessage", "editMessageText"):
        return None
    if str(params.get("parse_mode", "")).upper() != "HTML":
        return None
    problem = html_entity_error(str(params.get("text", "")))
    return f"Bad Request: can't parse entities: {problem}" if problem else None


class FakeBotAPI(StrictBotAPI):
    """The server. Start it with `await api.start()`; `api.base_url` goes into BOT_API_URL."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, rate_limits: bool = False) -> None:
        self.host, self.port = host, port
        self.calls: list[Call] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._cond = asyncio.Condition()
        self._failures: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._init_rules(rate_limits)
        self.processed = ProcessedUpdates()

    # ---- lifecycle -------------------------------------------------------------------------
    async def start(self) -> FakeBotAPI:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        server = site._server  # noqa: SLF001 - aiohttp keeps the bound port only there
        sockets = server.sockets if isinstance(server, asyncio.Server) else ()
        self.port = sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        # A long poll still waiting would hold the shutdown for its whole timeout.
        self._closing = True
        async with self._cond:
            self._cond.notify_all()
        if self._runner:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/bot"

    @property
    def file_url(self) -> str:
        return f"http://{self.host}:{self.port}/file/bot"

    # ---- what users do ---------------------------------------------------------------------
    def _user(self, user_id: int, language_code: str | None) -> dict[str, Any]:
        user: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": "Staff"}
        if language_code:
            user["language_code"] = language_code
        return user

    async def _push(self, update: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        update["update_id"] = update_id
        async with self._cond:
            self._updates.append(update)
            self._cond.notify_all()
        return update_id

    def _message(self, user_id: int, language_code: str | None, chat_type: str) -> dict[str, Any]:
        chat = {"id": user_id, "type": chat_type}
        if chat_type != "private":
            chat = {"id": -user_id, "type": chat_type, "title": "Grupp"}
        return {"message_id": next(self._message_ids), "date": int(time.time()),
                "chat": chat, "from": self._user(user_id, language_code)}

    async def send_text(self, user_id: int, text: str, language_code: str | None = "sv",
                        chat_type: str = "private") -> int:
        """A user types a message (a command if it starts with '/')."""
        msg = self._message(user_id, language_code, chat_type)
        msg["text"] = text
        if text.startswith("/"):
            command = text.split()[0]
            msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return await self._push({"message": msg})

    async def send_media(self, user_id: int, kind: str, language_code: str | None = "sv") -> int:
        """A user sends a photo, voice, sticker or document."""
        msg = self._message(user_id, language_code, "private")
        file = {"file_id": f"f{msg['message_id']}", "file_unique_id": f"u{msg['message_id']}"}
        if kind == "photo":
            msg["photo"] = [{**file, "width": 10, "height": 10}]
        elif kind == "voice":
            msg["voice"] = {**file, "duration": 1}
        elif kind == "sticker":
            msg["sticker"] = {**file, "type": "regular", "width": 10, "height": 10,
                              "is_animated": False, "is_video": False}
        else:
            msg["document"] = {**file, "file_name": "bilaga.pdf"}
        return await self._push({"message": msg})

    async def press(self, user_id: int, data: str, message: Call | None = None,
                    language_code: str | None = "sv") -> int:
        """A user presses an inline button (callback data) under a message the bot sent."""
        if message is None or "_message_id" not in message.params:
            message = self._forged_message(user_id, data)
        msg_id = int(message.params["_message_id"])
        # The message as it stands now (after edits), buttons included, as Telegram sends it.
        shown = self.messages.get((user_id, msg_id), {})
        text = shown.get("text", message.text)
        query_id = str(next(self._message_ids))
        self.queries.pressed(query_id, user_id)
        cq: dict[str, Any] = {"id": query_id, "from": self._user(user_id, language_code),
              "chat_instance": str(user_id), "data": data,
              "message": {"message_id": msg_id, "date": int(time.time()), "text": text,
                          "chat": {"id": user_id, "type": "private"}, "from": BOT_USER}}
        if shown.get("reply_markup"):
            cq["message"]["reply_markup"] = shown["reply_markup"]
        return await self._push({"callback_query": cq})

    def _forged_message(self, user_id: int, data: str) -> Call:
        """A message carrying a button with `data`, for a press of data the bot never sent
        (a forged or stale button); Telegram only delivers presses on messages that exist."""
        markup = {"inline_keyboard": [[{"text": "?", "callback_data": data}]]}
        params = {"chat_id": user_id, "text": "…", "reply_markup": markup}
        self._sent_message(params, Call("sendMessage", params))
        return Call("sendMessage", params)

    async def push_raw(self, update: dict[str, Any]) -> int:
        """Queue an update exactly as given (it may be one the bot cannot read); its id is set."""
        return await self._push(dict(update))

    def fail_next(self, method: str, status: int, retry_after: int | None = None) -> None:
        """Answer the next call of `method` with an error (429 with retry_after, 403, 5xx)."""
        params = {"retry_after": retry_after} if retry_after is not None else {}
        self._failures.setdefault(method, []).append((status, params))

    # ---- what tests read -------------------------------------------------------------------
    def sent(self, chat_id: int | None = None, method: str | None = None) -> list[Call]:
        return [c for c in self.calls if (chat_id is None or c.chat_id == chat_id)
                and (method is None or c.method == method)]

    async def until_call(self, count: int, timeout: float) -> None:
        """Wait until more than `count` calls are recorded, or `timeout` seconds pass."""
        async with self._cond:
            try:
                await asyncio.wait_for(self._cond.wait_for(lambda: len(self.calls) > count),
                                       timeout)
            except TimeoutError:
                pass

    async def wait_for(self, predicate, timeout: float = 10.0) -> Call:  # noqa: ANN001
        """Wait until a call matching `predicate` has been recorded, and return it."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for call in self.calls[seen:]:
                if predicate(call):
                    return call
            seen = len(self.calls)
            if time.monotonic() > deadline:
                raise TimeoutError("the bot did not make the expected call in time")
            async with self._cond:
                try:
                    await asyncio.wait_for(self._cond.wait(), max(0.01, deadline - time.monotonic()))
                except TimeoutError:
                    pass

    # ---- HTTP ------------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        if request.content_type in ("multipart/form-data", "application/x-www-form-urlencoded"):
            data = await request.post()
            out: dict[str, Any] = {}
            for key, value in data.items():
                if isinstance(value, web.FileField):
                    out[key] = {"filename": value.filename, "size": len(value.file.read())}
                else:
                    # Nested values (keyboards, command lists) arrive JSON-encoded.
                    out[key] = json.loads(value) if value[:1] in ("[", "{") else value
            return out
        body = await request.read()
        return json.loads(body) if body else {}

    async def _file(self, request: web.Request) -> web.Response:
        return web.Response(body=b"file")

    def _ok(self, result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await self._params(request)
        # getUpdates too: a 409 is how Telegram tells of a second poller.
        failure = self._failures.get(method)
        if failure:
            status, extra = failure.pop(0)
            self.calls.append(Call(method + ":failed", params))
            desc = {401: "Unauthorized", 429: "Too Many Requests", 403: "Forbidden: bot was blocked by the user",
                    409: "Conflict: terminated by other getUpdates request; make sure that "
                         "only one bot instance is running"}
            body = {"ok": False, "error_code": status,
                    "description": desc.get(status, "Internal Server Error")}
            if extra:
                body["parameters"] = extra
            return web.json_response(body, status=status)
        handler = getattr(self, f"_m_{method}", None)
        if method != "getUpdates":
            call = Call(method, params)
            try:
                problem = _parse_error(method, params)
                if problem:
                    raise rules.Rejected(400, problem)
                self._enforce(call)  # Telegram's rules (strict.py); the edits check their own
                result = handler(params, call) if handler else True
            except rules.Rejected as exc:
                return await self._reject(call, exc)
            self.calls.append(call)
            async with self._cond:
                self._cond.notify_all()
            return self._ok(result)
        return self._ok(await self._m_getUpdates(params))

    async def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        async with self._cond:
            # Confirming an offset drops everything before it, as Telegram does.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if not self._updates and timeout:
                try:
                    await asyncio.wait_for(
                        self._cond.wait_for(lambda: bool(self._updates) or self._closing),
                        timeout)
                except TimeoutError:
                    pass
            return list(self._updates[:100])

    def _m_getMe(self, params: dict[str, Any], call: Call) -> dict[str, Any]:
        return BOT_USER

    def _sent_message(self, params: dict[str, Any], call: Call) -> dict[str, Any]:
        chat_id = int(params.get("chat_id", 0))
        message_id = next(self._message_ids)
        params["_message_id"] = message_id
        msg = {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
               "chat": {"id": chat_id, "type": "private"}}
        if "text" in params:
            msg["text"] = Call("", params).text  # Telegram returns the text without tags
        markup = rules.markup_of(params)
        if markup:
            msg["reply_markup"] = markup
        self._store(chat_id, message_id, msg, params.get("text"), params.get("parse_mode"))
        return msg

    _m_sendMessage = _sent_message

    def _m_sendDocument(self, params: dict[str, Any], call: Call) -> dict[str, Any]:
        msg = self._sent_message(params, call)
        msg["document"] = {"file_id": "d1", "file_unique_id": "d1", "file_name": "fil"}
        return msg

    def _m_sendPhoto(self, params: dict[str, Any], call: Call) -> dict[str, Any]:
        msg = self._sent_message(params, call)
        msg["photo"] = [{"file_id": "p1", "file_unique_id": "p1", "width": 1, "height": 1}]
        return msg

    def _m_editMessageText(self, params: dict[str, Any], call: Call) -> dict[str, Any]:
        # An edit without reply_markup removes the buttons, as on Telegram.
        return self._edit(params, params.get("text"), params.get("parse_mode"),
                          rules.markup_of(params))

    def _m_editMessageReplyMarkup(self, params: dict[str, Any], call: Call) -> Any:
        stored = self.messages.get((int(params.get("chat_id", 0)),
                                    int(params.get("message_id", 0)))) or {}
        return self._edit(params, stored.get("_text"), stored.get("_parse_mode"),
                          rules.markup_of(params))
