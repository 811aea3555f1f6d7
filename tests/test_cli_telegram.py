"""The operator's first start: Telegram is asked who the bot is, a bad token or Bot API URL is one
line, and the way to admit the first coordinator is printed as a command that works."""

from __future__ import annotations

import asyncio
import re
import shlex
import signal
import socket
import subprocess
import sys
from functools import partial

import pytest
from aiohttp import web

from bot.localapi.server import FakeBotAPI
from tests.helpers.chat import Staff, texts
from tests.test_processes import ROOT, _env, _run

TOKEN = "123456:SECRET-token-abcdefghijklmnopqrstuv"


async def _run_async(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """A CLI run in a thread: the local Bot API answering it lives on this event loop."""
    return await asyncio.get_running_loop().run_in_executor(None, partial(_run, *args, env=env))


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _server(handler) -> tuple[web.AppRunner, str]:  # noqa: ANN001
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # noqa: SLF001
    return runner, f"http://127.0.0.1:{port}"


async def _redirect_loop(request: web.Request) -> web.Response:
    raise web.HTTPFound(str(request.rel_url))


async def _web_page(request: web.Request) -> web.Response:
    return web.Response(text="<html><body>Welcome to nginx!</body></html>",
                        content_type="text/html")


def _one_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert TOKEN not in result.stdout + result.stderr
    assert "SECRET" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("status", [401, 404])
async def test_a_token_telegram_rejects_is_one_line_and_exit_2(api: FakeBotAPI, tmp_path, status):
    api.fail_next("getMe", status)
    env = _env(BOT_TOKEN=TOKEN, BOT_API_URL=api.base_url, BOT_API_FILE_URL=api.file_url,
               DATABASE_URL=f"sqlite:///{tmp_path}/a.db")
    line = _one_line(await _run_async("run", env=env))
    assert "BOT_TOKEN" in line and "rejected" in line and "@BotFather" in line


async def test_an_unreachable_bot_api_is_one_line_and_exit_2(tmp_path):
    url = f"http://127.0.0.1:{_closed_port()}/bot"
    env = _env(BOT_TOKEN=TOKEN, BOT_API_URL=url, DATABASE_URL=f"sqlite:///{tmp_path}/a.db")
    line = _one_line(await _run_async("run", env=env))
    assert "cannot reach" in line and url in line and "BOT_API_URL" in line


@pytest.mark.parametrize("handler,expected", [
    (_redirect_loop, "redirects in a loop"),
    (_web_page, "not a Telegram Bot API"),
])
async def test_a_bot_api_url_pointing_elsewhere_is_one_line_and_exit_2(tmp_path, handler,
                                                                       expected):
    runner, base = await _server(handler)
    try:
        env = _env(BOT_TOKEN=TOKEN, BOT_API_URL=f"{base}/bot",
                   DATABASE_URL=f"sqlite:///{tmp_path}/a.db")
        line = _one_line(await _run_async("run", env=env))
    finally:
        await runner.cleanup()
    assert expected in line and "BOT_API_URL" in line


async def test_a_wrong_path_on_a_real_bot_api_is_not_taken_for_a_bad_token(api, tmp_path):
    env = _env(BOT_TOKEN=TOKEN, BOT_API_URL=api.base_url.replace("/bot", "/wrong/bot"),
               DATABASE_URL=f"sqlite:///{tmp_path}/a.db")
    line = _one_line(await _run_async("run", env=env))
    assert "not a Telegram Bot API" in line and "rejected" not in line


def _start_bot(api: FakeBotAPI, database_url: str, **extra: str) -> subprocess.Popen:
    env = _env(BOT_TOKEN=TOKEN, BOT_API_URL=api.base_url, BOT_API_FILE_URL=api.file_url,
               DATABASE_URL=database_url, **extra)
    return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


async def _stop(proc: subprocess.Popen) -> str:
    proc.send_signal(signal.SIGTERM)
    out, err = await asyncio.get_running_loop().run_in_executor(None, proc.communicate, None, 30)
    return out + err


async def test_the_first_start_says_how_to_admit_the_first_coordinator(api, database_url):
    proc = _start_bot(api, database_url)
    try:
        # Anyone talking gets the not-admitted answer once the bot polls.
        await Staff(api, 31337).say("/hjalp", timeout=60)
    finally:
        output = await _stop(proc)
    assert TOKEN not in output
    printed = re.search(r"^\s*(\S+ -m bot admin invite --org ragunda --role coordinator)\s*$",
                        output, re.MULTILINE)
    assert printed, output
    # The command works exactly as printed, from the project folder, in this venv; its link
    # names the bot as Telegram's getMe does.
    env = _env(BOT_TOKEN=TOKEN, BOT_API_URL=api.base_url, DATABASE_URL=database_url)
    invite = await asyncio.get_running_loop().run_in_executor(None, partial(
        subprocess.run, shlex.split(printed.group(1)), cwd=ROOT, env=env, capture_output=True,
        text=True, timeout=120))
    assert invite.returncode == 0, invite.stderr
    code = re.search(r"code: (\S+)", invite.stdout).group(1)
    assert f"https://t.me/ame_bot?start={code}" in invite.stdout
    assert TOKEN not in invite.stdout + invite.stderr
    coordinator = Staff(api, 4242)
    proc = _start_bot(api, database_url)
    try:
        assert "Ragunda" in texts(await coordinator.say(f"/start {code}", expect=2, timeout=60))
    finally:
        await _stop(proc)
    proc = _start_bot(api, database_url)
    try:
        await coordinator.say("/hjalp", timeout=60)
    finally:
        output = await _stop(proc)
    assert "No coordinator is admitted yet" not in output  # once one is, the hint is gone


async def test_the_chat_invite_link_names_the_bot_telegram_reports(make_staff, services):
    coordinator = await make_staff(role="coordinator", org="avesta")
    await coordinator.say("/bjudin")
    shown = texts(await coordinator.press("Chef", expect=2))
    code = shown.split("/start ")[-1].split()[0]
    assert f"https://t.me/ame_bot?start={code}" in shown  # the local Bot API's getMe name
    assert services.bot_username == "ame_bot"


async def test_bot_username_overrides_what_telegram_reports(api, database_url):
    env = _env(BOT_TOKEN=TOKEN, BOT_API_URL=api.base_url, DATABASE_URL=database_url,
               BOT_USERNAME="@ame_ragunda_bot")
    result = await _run_async("admin", "invite", "--org", "ragunda", "--role", "staff", env=env)
    assert result.returncode == 0, result.stderr
    assert "https://t.me/ame_ragunda_bot?start=" in result.stdout
    assert not api.sent(method="getMe")  # an override needs no question to Telegram


async def test_admin_invite_without_a_bot_name_prints_the_code_and_how_to_use_it(database_url):
    result = await _run_async("admin", "invite", "--org", "ragunda", "--role", "coordinator",
                              env=_env(DATABASE_URL=database_url))
    assert result.returncode == 0, result.stderr
    code = re.search(r"code: (\S+)", result.stdout).group(1)
    assert "t.me" not in result.stdout.replace("no t.me link", "")
    assert "username is unknown" in result.stdout and "BOT_TOKEN" in result.stdout
    assert f"send: /start {code}" in result.stdout


async def test_admin_invite_with_a_rejected_token_says_so_and_still_gives_the_code(api,
                                                                                   database_url):
    api.fail_next("getMe", 401)
    env = _env(BOT_TOKEN=TOKEN, BOT_API_URL=api.base_url, DATABASE_URL=database_url)
    result = await _run_async("admin", "invite", "--org", "Avesta", "--role", "staff", env=env)
    assert result.returncode == 0, result.stderr
    assert "rejected" in result.stdout and "/start " in result.stdout
    assert TOKEN not in result.stdout + result.stderr
