"""The strict half of the local Bot API: each call is held to Telegram's rules (rules.py).

A mixin for FakeBotAPI, kept apart so the server stays about HTTP and updates. It owns the
state the rules need: the callback queries still open, the messages as the chats show them
(what "not modified" compares), the optional flood limits, and the list of violations.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.localapi import rules

if TYPE_CHECKING:
    from bot.localapi.server import Call


class StrictBotAPI:
    """Telegram's rules for FakeBotAPI; `violations` lists the calls refused with a 400."""

    calls: list[Call]
    messages: dict[tuple[int, int], dict[str, Any]]
    _cond: asyncio.Condition

    def _init_rules(self, rate_limits: bool) -> None:
        self.queries = rules.CallbackQueries()
        self.limits: rules.RateLimits | None = None
        self.enforce_rate_limits(rate_limits)
        self.violations: list[Call] = []

    def enforce_rate_limits(self, on: bool = True, overall_per_second: int = 30,
                            per_chat_per_second: int = 1) -> None:
        """Answer sends over Telegram's flood limits with 429 and retry_after (off by default)."""
        self.limits = rules.RateLimits(overall_per_second, per_chat_per_second) if on else None

    def _enforce(self, call: Call) -> None:
        """The rules that hold before any method runs (the edit rules live in `_edit`, which
        knows the message); raises rules.Rejected."""
        rules.check_button_data(call.params)
        rules.check_text(call.method, call.params)
        if call.method == "answerCallbackQuery":
            call.to_user = self.queries.answer(str(call.params.get("callback_query_id")))
        if self.limits is not None:
            self.limits.check(call.method, call.params)

    async def _reject(self, call: Call, exc: rules.Rejected) -> web.Response:
        """Record the refused call (not delivered: nobody sees it) and answer as Telegram."""
        suffix = ":limited" if exc.status == 429 else ":rejected"
        rejected = dataclasses.replace(call, method=call.method + suffix, error=exc.description)
        self.calls.append(rejected)
        if exc.status == 400:
            self.violations.append(rejected)
        async with self._cond:
            self._cond.notify_all()
        return web.json_response(exc.body(), status=exc.status)

    def _store(self, chat_id: int, message_id: int, msg: dict[str, Any], text: str | None,
               parse_mode: str | None) -> None:
        """Keep the message as the chat shows it, with what "not modified" compares."""
        self.messages[(chat_id, message_id)] = {
            **msg, "_content": rules.content(text, parse_mode, msg.get("reply_markup")),
            "_text": text, "_parse_mode": parse_mode}

    def _edit(self, params: dict[str, Any], text: str | None, parse_mode: str | None,
              markup: dict[str, Any] | None) -> dict[str, Any]:
        """Replace a message's content, as Telegram does: it has to exist and to change."""
        chat_id = int(params.get("chat_id", 0))
        message_id = int(params.get("message_id", 0))
        stored = self.messages.get((chat_id, message_id))
        rules.check_edit(stored, rules.content(text, parse_mode, markup))
        assert stored is not None  # check_edit refused a missing message
        params["_message_id"] = message_id
        msg = {k: v for k, v in stored.items() if not k.startswith("_") and k != "reply_markup"}
        # Telegram returns the text as the user sees it, without its tags.
        visible = rules.parsed(text or "", parse_mode)[0]
        msg.update({"date": int(time.time()), "edit_date": int(time.time()), "text": visible})
        if markup:
            msg["reply_markup"] = markup
        self._store(chat_id, message_id, msg, text, parse_mode)
        return msg
