"""A staff member talking to the bot through the fake Bot API, and what they saw.

`say` and `press` wait until the bot reports that it has processed the update they sent
(bot/localapi/processed.py), then collect what it showed. A bot in another process cannot
report; for those (the process tests) they wait until its output has been quiet for a moment.
"""

from __future__ import annotations

import asyncio
import time

from bot.localapi.server import Call, FakeBotAPI

VISIBLE = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "answerCallbackQuery",
           "sendDocument", "sendPhoto",
           "deleteMessage")
QUIET = 0.15  # only for a bot in another process, which cannot say it is done


class Staff:
    """One Telegram user. `say` and `press` return what the bot showed in answer."""

    def __init__(self, api: FakeBotAPI, user_id: int, language_code: str | None = "sv") -> None:
        self.api, self.user_id, self.language_code = api, user_id, language_code
        self.last_with_buttons: Call | None = None

    def _visible_since(self, index: int) -> list[Call]:
        return [c for c in self.api.calls[index:] if c.method in VISIBLE
                and (c.chat_id == self.user_id or c.to_user == self.user_id)]

    async def _collect(self, index: int, update_id: int, expect: int, timeout: float
                       ) -> list[Call]:
        if self.api.processed.reporting:
            if not await self.api.processed.wait(update_id, timeout):
                raise AssertionError(f"the bot did not finish update {update_id} in {timeout} s")
        else:
            await self._until_quiet(index, expect, timeout)
        calls = self._visible_since(index)
        if len(calls) < expect:
            raise AssertionError(f"bot showed {len(calls)} of {expect} expected replies: "
                                 f"{[c.method for c in calls]}")
        for c in calls:
            if c.buttons:
                self.last_with_buttons = c
        return calls

    async def _until_quiet(self, index: int, expect: int, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while len(self._visible_since(index)) < expect and time.monotonic() < deadline:
            await self.api.until_call(len(self.api.calls), deadline - time.monotonic())
        count = -1
        while count != len(self._visible_since(index)):  # let a multi-part reply finish
            count = len(self._visible_since(index))
            await asyncio.sleep(QUIET)

    async def say(self, text: str, expect: int = 1, timeout: float = 10.0) -> list[Call]:
        index = len(self.api.calls)
        update_id = await self.api.send_text(self.user_id, text, self.language_code)
        return await self._collect(index, update_id, expect, timeout)

    async def send_media(self, kind: str) -> list[Call]:
        index = len(self.api.calls)
        update_id = await self.api.send_media(self.user_id, kind, self.language_code)
        return await self._collect(index, update_id, 1, 10.0)

    async def press(self, label: str, expect: int = 1, message: Call | None = None) -> list[Call]:
        """Press the button whose label contains `label` on the latest message with buttons."""
        message = message or self.last_with_buttons
        assert message is not None, "no message with buttons to press"
        for row in message.buttons:
            for button in row:
                if label.lower() in button["text"].lower():
                    return await self.press_data(button["callback_data"], message, expect)
        labels = [b["text"] for row in message.buttons for b in row]
        raise AssertionError(f"no button {label!r}; buttons were {labels}")

    async def press_data(self, data: str, message: Call | None = None,
                         expect: int = 1) -> list[Call]:
        index = len(self.api.calls)
        update_id = await self.api.press(self.user_id, data, message, self.language_code)
        return await self._collect(index, update_id, expect, 10.0)


def texts(calls: list[Call]) -> str:
    """Everything the user read in these calls, as one string."""
    return "\n".join(c.text or str(c.params.get("text", "")) for c in calls)


def button_labels(call: Call) -> list[str]:
    return [b["text"] for row in call.buttons for b in row]
