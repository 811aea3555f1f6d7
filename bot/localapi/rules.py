"""Telegram's rules that the local Bot API enforces, so a bot that passes here passes there.

Each rule is a small function (or, for the stateful ones, a small class) that raises
`Rejected` with the status, the description and the parameters Telegram answers with. The
descriptions are Telegram's own, so code that looks at them (PTB's `BadRequest.message`) sees
what it will see in production. The rate limits are off unless a test or the terminal chat
turns them on: they make a session slower, and most tests are about something else.
"""

from __future__ import annotations

import json
import math
import time
from collections import deque
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

MAX_CALLBACK_DATA_BYTES = 64
MAX_TEXT_CHARS = 4096
MAX_CAPTION_CHARS = 1024

BUTTON_DATA_INVALID = "Bad Request: BUTTON_DATA_INVALID"
QUERY_TOO_OLD = ("Bad Request: query is too old and response timeout expired or query ID is "
                 "invalid")
TEXT_TOO_LONG = "Bad Request: message is too long"
CAPTION_TOO_LONG = "Bad Request: message caption is too long"
TEXT_EMPTY = "Bad Request: message text is empty"
NOT_MODIFIED = ("Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the "
                "message")
EDIT_NOT_FOUND = "Bad Request: message to edit not found"

# Methods that put a new message into a chat: what Telegram's flood limits count.
SENDS = frozenset({"sendMessage", "sendDocument", "sendPhoto", "sendAudio", "sendVideo",
                   "sendVoice", "sendAnimation", "sendSticker", "sendMediaGroup", "sendLocation",
                   "sendContact", "sendPoll", "copyMessage", "forwardMessage"})
TEXT_METHODS = frozenset({"sendMessage", "editMessageText"})
CAPTION_METHODS = frozenset({"sendDocument", "sendPhoto", "sendAudio", "sendVideo", "sendVoice",
                             "sendAnimation", "editMessageCaption"})


class Rejected(Exception):
    """Telegram's answer to a call that breaks a rule."""

    def __init__(self, status: int, description: str,
                 parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"ok": False, "error_code": self.status,
                                "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def markup_of(params: dict[str, Any]) -> dict[str, Any] | None:
    """The call's reply_markup as a dict (form posts carry it JSON-encoded), or None."""
    markup = params.get("reply_markup")
    if isinstance(markup, str):
        markup = json.loads(markup) if markup else None
    return markup or None


def check_button_data(params: dict[str, Any]) -> None:
    """Every inline button's callback_data is 1-64 bytes of UTF-8 (bytes, not characters)."""
    markup = markup_of(params) or {}
    for row in markup.get("inline_keyboard") or []:
        for button in row:
            if "callback_data" not in button:
                continue
            size = len(str(button["callback_data"]).encode("utf-8"))
            if not 1 <= size <= MAX_CALLBACK_DATA_BYTES:
                raise Rejected(400, BUTTON_DATA_INVALID)


class _Entities(HTMLParser):
    """An HTML-formatted text as Telegram keeps it: the visible text and its entities."""

    SAME = {"strong": "b", "em": "i", "ins": "u", "strike": "s", "del": "s"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.length = 0
        self.entities: list[tuple[str, list[Any], int, int]] = []
        self._open: list[tuple[str, list[Any], int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open.append((self.SAME.get(tag, tag), sorted(attrs), self.length))

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            name, attrs, start = self._open.pop()
            if self.length > start:
                self.entities.append((name, attrs, start, self.length))

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.length += len(data)


def parsed(text: str, parse_mode: str | None) -> tuple[str, list[Any]]:
    """The text a user sees and its formatting, as Telegram stores a message."""
    mode = (parse_mode or "").upper()
    if mode == "HTML":
        parser = _Entities()
        parser.feed(text)
        parser.close()
        return "".join(parser.parts), sorted(parser.entities)
    return text, [mode] if mode else []  # Markdown is not parsed here; the bot uses HTML


def visible_length(text: str, parse_mode: str | None) -> int:
    """The length Telegram limits: counted after entity parsing, so markup does not count."""
    return len(parsed(text, parse_mode)[0])


def check_text(method: str, params: dict[str, Any]) -> None:
    """Message text is 1-4,096 characters, a caption at most 1,024 (after entity parsing)."""
    mode = params.get("parse_mode")
    if method in TEXT_METHODS:
        visible = parsed(str(params.get("text") or ""), mode)[0]
        if not visible.strip():
            raise Rejected(400, TEXT_EMPTY)
        if len(visible) > MAX_TEXT_CHARS:
            raise Rejected(400, TEXT_TOO_LONG)
    elif method in CAPTION_METHODS and params.get("caption"):
        if visible_length(str(params["caption"]), mode) > MAX_CAPTION_CHARS:
            raise Rejected(400, CAPTION_TOO_LONG)


def content(text: str | None, parse_mode: str | None,
            markup: dict[str, Any] | None) -> tuple[str, str, str]:
    """What "not modified" compares: the visible text, its formatting, and the buttons."""
    visible, entities = parsed(text or "", parse_mode)
    buttons = (markup or {}).get("inline_keyboard") or []
    return visible, json.dumps(entities), json.dumps(buttons, sort_keys=True)


def check_edit(stored: dict[str, Any] | None, new: tuple[str, str, str]) -> None:
    """An edit needs a message to edit, and something in it has to change."""
    if stored is None:
        raise Rejected(400, EDIT_NOT_FOUND)
    if stored.get("_content") == new:
        raise Rejected(400, NOT_MODIFIED)


class CallbackQueries:
    """Each callback query gets one answer; a second one, or an unknown id, is a 400."""

    def __init__(self) -> None:
        self.open: dict[str, int] = {}  # query id -> the user who pressed
        self.answered: set[str] = set()

    def pressed(self, query_id: str, user_id: int) -> None:
        self.open[query_id] = user_id

    def answer(self, query_id: str) -> int:
        """Record the answer and return the user it goes to."""
        if query_id not in self.open or query_id in self.answered:
            raise Rejected(400, QUERY_TOO_OLD)
        self.answered.add(query_id)
        return self.open[query_id]


class RateLimits:
    """Telegram's flood limits: about 30 messages a second overall and one a second per chat.

    Counted over a sliding window of one second; a send over the limit is answered with 429
    and `retry_after` (whole seconds, as Telegram gives it) and is not delivered.
    """

    def __init__(self, overall_per_second: int = 30, per_chat_per_second: int = 1,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.overall, self.per_chat, self.clock = overall_per_second, per_chat_per_second, clock
        self._all: deque[float] = deque()
        self._chats: dict[int, deque[float]] = {}

    @staticmethod
    def _wait(window: deque[float], limit: int, now: float) -> float:
        while window and now - window[0] >= 1.0:
            window.popleft()
        return window[0] + 1.0 - now if len(window) >= limit else 0.0

    def check(self, method: str, params: dict[str, Any]) -> None:
        if method not in SENDS:
            return
        now = self.clock()
        chat = int(params.get("chat_id") or 0)
        per_chat = self._chats.setdefault(chat, deque())
        wait = max(self._wait(self._all, self.overall, now),
                   self._wait(per_chat, self.per_chat, now))
        if wait > 0:
            retry_after = max(1, math.ceil(wait))
            raise Rejected(429, f"Too Many Requests: retry after {retry_after}",
                           {"retry_after": retry_after})
        self._all.append(now)
        per_chat.append(now)
