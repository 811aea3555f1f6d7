"""The local Bot API refuses what Telegram refuses, with Telegram's answers.

A raw HTTP client plays the bot here, so each rule is seen exactly as python-telegram-bot
sees it; the last tests run the real application with the flood limits on.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import Update

from bot.app import PerUserUpdateProcessor
from bot.localapi.server import FakeBotAPI
from tests.helpers.chat import texts

TOKEN = "123456:LOCAL-API-TEST"


class RawBot:
    """A bot that speaks plain HTTP to the local Bot API."""

    def __init__(self, api: FakeBotAPI, session: aiohttp.ClientSession) -> None:
        self.api, self.session = api, session

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        url = f"{self.api.base_url}{TOKEN}/{method}"
        async with self.session.post(url, json=params) as response:
            body = await response.json()
            assert (response.status == 200) is body["ok"]
            return body

    async def send(self, text: str = "hej", chat_id: int = 7, **params: Any) -> dict[str, Any]:
        return await self.call("sendMessage", chat_id=chat_id, text=text, **params)


@pytest.fixture
async def raw() -> AsyncIterator[RawBot]:
    api = await FakeBotAPI().start()
    async with aiohttp.ClientSession() as session:
        yield RawBot(api, session)
    await api.stop()


def keyboard(*data: str) -> dict[str, Any]:
    return {"inline_keyboard": [[{"text": str(i), "callback_data": d} for i, d in enumerate(data)]]}


def refused(body: dict[str, Any], status: int, description: str) -> bool:
    return (not body["ok"] and body["error_code"] == status
            and body["description"].startswith(description))


async def test_button_data_over_64_bytes_is_refused_wherever_a_keyboard_goes(raw):
    assert (await raw.send(reply_markup=keyboard("x" * 64, "å" * 32)))["ok"]
    for data in ("x" * 65, "å" * 33, ""):  # bytes count, not characters; empty is invalid too
        body = await raw.send(reply_markup=keyboard("ok", data))
        assert refused(body, 400, "Bad Request: BUTTON_DATA_INVALID"), data
    message_id = (await raw.send(reply_markup=keyboard("a")))["result"]["message_id"]
    for method, extra in (("editMessageText", {"text": "ny"}), ("editMessageReplyMarkup", {})):
        body = await raw.call(method, chat_id=7, message_id=message_id,
                              reply_markup=keyboard("y" * 65), **extra)
        assert refused(body, 400, "Bad Request: BUTTON_DATA_INVALID"), method
    assert [c.method for c in raw.api.violations] == ["sendMessage:rejected"] * 3 + [
        "editMessageText:rejected", "editMessageReplyMarkup:rejected"]
    assert len(raw.api.sent(method="sendMessage")) == 2  # the refused ones were not delivered


async def test_a_callback_query_takes_one_answer(raw):
    await raw.api.press(7, "lang:sv")
    [query_id] = raw.api.queries.open
    assert (await raw.call("answerCallbackQuery", callback_query_id=query_id))["ok"]
    again = await raw.call("answerCallbackQuery", callback_query_id=query_id, text="igen")
    assert refused(again, 400, "Bad Request: query is too old and response timeout expired")
    unknown = await raw.call("answerCallbackQuery", callback_query_id="424242")
    assert refused(unknown, 400, "Bad Request: query is too old")
    [answer] = raw.api.sent(method="answerCallbackQuery")
    assert answer.to_user == 7


async def test_text_is_at_most_4096_characters_after_entity_parsing(raw):
    assert (await raw.send("ö" * 4096))["ok"]
    assert refused(await raw.send("ö" * 4097), 400, "Bad Request: message is too long")
    assert (await raw.send("<b>" + "x" * 4096 + "</b>", parse_mode="HTML"))["ok"]
    assert refused(await raw.send("&amp;" * 4097, parse_mode="HTML"), 400,
                   "Bad Request: message is too long")
    assert refused(await raw.send("  "), 400, "Bad Request: message text is empty")
    assert refused(await raw.send("<b> </b>", parse_mode="HTML"), 400,
                   "Bad Request: message text is empty")
    message_id = (await raw.send("kort"))["result"]["message_id"]
    body = await raw.call("editMessageText", chat_id=7, message_id=message_id, text="x" * 4097)
    assert refused(body, 400, "Bad Request: message is too long")
    body = await raw.call("sendDocument", chat_id=7, document="d1", caption="x" * 1025)
    assert refused(body, 400, "Bad Request: message caption is too long")


async def test_an_edit_that_changes_nothing_is_not_modified(raw):
    message_id = (await raw.send("Fråga?", reply_markup=keyboard("a", "b")))["result"]["message_id"]
    same = dict(chat_id=7, message_id=message_id, text="Fråga?", reply_markup=keyboard("a", "b"))
    body = await raw.call("editMessageText", **same)
    assert refused(body, 400, "Bad Request: message is not modified")
    body = await raw.call("editMessageReplyMarkup", chat_id=7, message_id=message_id,
                          reply_markup=keyboard("a", "b"))
    assert refused(body, 400, "Bad Request: message is not modified")
    # New buttons are a change; an edit without reply_markup removes them, which is one too.
    assert (await raw.call("editMessageText", **{**same, "reply_markup": keyboard("c")}))["ok"]
    assert (await raw.call("editMessageText", chat_id=7, message_id=message_id,
                           text="Fråga?"))["ok"]
    body = await raw.call("editMessageText", chat_id=7, message_id=message_id, text="Fråga?")
    assert refused(body, 400, "Bad Request: message is not modified")
    # Formatting is compared as Telegram keeps it: HTML without tags is the same plain text.
    body = await raw.call("editMessageText", chat_id=7, message_id=message_id,
                          text="Fråga?", parse_mode="HTML")
    assert refused(body, 400, "Bad Request: message is not modified")
    assert (await raw.call("editMessageText", chat_id=7, message_id=message_id,
                           text="<b>Fråga?</b>", parse_mode="HTML"))["ok"]
    body = await raw.call("editMessageText", chat_id=7, message_id=message_id,
                          text="<strong>Fråga?</strong>", parse_mode="HTML")
    assert refused(body, 400, "Bad Request: message is not modified")
    body = await raw.call("editMessageText", chat_id=7, message_id=999999, text="x")
    assert refused(body, 400, "Bad Request: message to edit not found")


async def test_flood_limits_are_off_unless_asked_for(raw):
    for i in range(40):
        assert (await raw.send(f"meddelande {i}"))["ok"]


async def test_flood_limits_answer_429_with_retry_after(raw):
    now = [100.0]
    raw.api.enforce_rate_limits()
    raw.api.limits.clock = lambda: now[0]
    assert (await raw.send(chat_id=1))["ok"]
    body = await raw.send(chat_id=1)
    assert refused(body, 429, "Too Many Requests: retry after 1")
    assert body["parameters"] == {"retry_after": 1}
    now[0] += 1.0
    assert (await raw.send(chat_id=1))["ok"]  # a second later the chat may have one more
    for chat in range(2, 31):  # 30 a second overall: chat 1 plus 29 others
        assert (await raw.send(chat_id=chat))["ok"], chat
    body = await raw.send(chat_id=31)
    assert refused(body, 429, "Too Many Requests") and body["parameters"]["retry_after"] >= 1
    assert raw.api.sent(method="sendMessage:limited") and not raw.api.violations
    now[0] += 1.0
    assert (await raw.send(chat_id=31))["ok"]


async def test_with_flood_limits_on_a_two_message_welcome_still_arrives(api, make_staff):
    api.enforce_rate_limits()
    staff = await make_staff()  # the welcome is two messages to one chat: the second waits
    assert api.sent(chat_id=staff.user_id, method="sendMessage:limited")
    assert "Det här kan du göra" in texts(await staff.say("/hjalp"))


async def test_every_update_is_reported_processed_even_when_its_handler_fails():
    processor = PerUserUpdateProcessor()
    done: list[int] = []
    processor.on_processed.append(lambda update: done.append(update.update_id))
    update = Update.de_json({"update_id": 5, "message": {
        "message_id": 1, "date": 0, "chat": {"id": 3, "type": "private"},
        "from": {"id": 3, "is_bot": False, "first_name": "A"}, "text": "x"}}, None)

    async def fails() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await processor.do_process_update(update, fails())
    assert done == [5]


async def test_a_group_message_nobody_answers_is_still_processed(api, make_staff):
    staff = await make_staff()
    before = len(api.calls)
    update_id = await api.send_text(staff.user_id, "/hjalp", chat_type="group")
    assert await api.processed.wait(update_id, timeout=10)
    assert not [c for c in api.calls[before:] if c.chat_id == -staff.user_id]
