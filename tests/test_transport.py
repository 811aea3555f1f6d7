"""The bot's HTTP to the Bot API (aiohttp under python-telegram-bot): errors PTB understands."""

from __future__ import annotations

import asyncio
import socket

import pytest
from aiohttp import web
from telegram.error import NetworkError, TimedOut

from bot.transport import AiohttpRequest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
async def request_backend():
    backend = AiohttpRequest(read_timeout=0.3, write_timeout=0.3, connect_timeout=0.5)
    await backend.initialize()
    yield backend
    await backend.shutdown()


async def test_an_unreachable_bot_api_is_a_network_error(request_backend):
    url = f"http://127.0.0.1:{_free_port()}/bot1:x/getMe"
    with pytest.raises(NetworkError):
        await request_backend.do_request(url, "POST")


async def test_a_bot_api_that_does_not_answer_in_time_is_a_timeout(request_backend):
    async def slow(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_post("/bot1:x/getMe", slow)
    runner = web.AppRunner(app)
    await runner.setup()
    port = _free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        with pytest.raises(TimedOut):
            await request_backend.do_request(f"http://127.0.0.1:{port}/bot1:x/getMe", "POST",
                                             read_timeout=0.2, write_timeout=0.1)
    finally:
        await runner.cleanup()


async def test_a_file_goes_out_as_multipart_with_its_name(api, bot):
    await bot.bot.send_document(4242, document=b"rad 1\nrad 2\n", filename="rapport.txt",
                                caption="Sammanstallning")
    [call] = api.sent(chat_id=4242, method="sendDocument")
    assert call.params["caption"] == "Sammanstallning"
    assert call.params["document"] == {"filename": "rapport.txt", "size": 12}
