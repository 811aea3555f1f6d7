"""Long polling when Telegram sends something odd: an unreadable update, a 409, a 5xx."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.app import build_application
from bot.localapi.server import FakeBotAPI
from bot.runner import CONFLICT, TOKEN_REJECTED, polling_fatal, start, stop
from tests.helpers.chat import texts

ROOT = Path(__file__).resolve().parents[1]
SECRET = "Zlatan Qwertysson 19850101-1234"

# An update PTB cannot read: its date is not a number. Its text and sender's name must
# reach no log.
UNREADABLE = {"message": {"message_id": 1, "date": "i går", "text": SECRET,
                          "chat": {"id": 4242, "type": "private"},
                          "from": {"id": 4242, "is_bot": False, "first_name": SECRET}}}


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)


async def test_an_unreadable_update_is_skipped_and_the_others_are_served(
        make_staff, api, caplog):
    caplog.set_level(logging.INFO)  # what production logs
    anna, bo = await make_staff(), await make_staff()
    first = await anna.say("hur söker man ekonomiskt bistånd")
    skipped = await api.push_raw(UNREADABLE)
    second = await bo.say("vad är jobbtorg")
    assert texts(first).strip() and texts(second).strip()
    # A third question after it: the bad update is not fetched again and again.
    third = await anna.say("/hjalp")
    assert "Det här kan du göra" in texts(third)
    log = _logged(caplog)
    assert SECRET not in log and "Qwertysson" not in log and "i går" not in log
    skips = [r for r in caplog.records if f"skipped update {skipped}" in r.getMessage()]
    assert len(skips) == 1, "the unreadable update is logged once, with its id"
    assert not [r for r in caplog.records if r.levelno >= logging.CRITICAL]


async def test_an_unreadable_last_update_is_confirmed_not_fetched_for_ever(make_staff, api,
                                                                           caplog):
    caplog.set_level(logging.INFO)
    anna = await make_staff()
    await api.push_raw(UNREADABLE)
    await api.push_raw({"callback_query": {"id": "x"}})  # no sender: unreadable too
    calls = await anna.say("/hjalp")
    assert "Det här kan du göra" in texts(calls)
    assert len([r for r in caplog.records if "skipped update" in r.getMessage()]) == 2


async def test_a_failing_getupdates_is_retried_after_a_pause_and_the_bot_goes_on(
        make_staff, api, caplog):
    caplog.set_level(logging.INFO)
    anna = await make_staff()
    api.fail_next("getUpdates", 502)
    api.fail_next("getUpdates", 502)
    for _ in range(300):  # the poll in flight ends within 1 s, then the two failing ones
        if len(api.sent(method="getUpdates:failed")) == 2:
            break
        await asyncio.sleep(0.05)
    failed = api.sent(method="getUpdates:failed")
    assert len(failed) == 2
    # PTB's retry loop waits 1 s, then longer: not a tight loop hammering the server.
    assert failed[1].at - failed[0].at >= 0.9
    calls = await anna.say("/hjalp", timeout=15)
    assert "Det här kan du göra" in texts(calls)
    warnings = [r for r in caplog.records if "getUpdates failed" in r.getMessage()]
    assert len(warnings) == 2 and all(r.exc_info is None for r in warnings)


@pytest.mark.parametrize(("status", "reason"), [
    (409, CONFLICT),  # another process polls with this token
    (401, TOKEN_REJECTED),  # the token was revoked while running: PTB's poller ends silently
])
async def test_a_fatal_polling_answer_stops_the_bot_with_one_clear_reason(services, api, status,
                                                                        reason):
    app = build_application(services.settings, services)
    stopping = asyncio.Event()
    await start(app, poll_timeout=1, stop_event=stopping)
    try:
        api.fail_next("getUpdates", status)
        await asyncio.wait_for(stopping.wait(), 20)
        assert polling_fatal(app) == reason
    finally:
        await stop(app)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env.pop("DATABASE_URL", None)
    env.update(extra)
    return env


@pytest.mark.slow
async def test_python_m_bot_run_exits_non_zero_on_409(tmp_path):
    api = await FakeBotAPI().start()
    try:
        env = _env(BOT_TOKEN="123456:CONFLICT-TEST-abcdefghijklmnopqrs", BOT_API_URL=api.base_url,
                   BOT_API_FILE_URL=api.file_url, DATABASE_URL=f"sqlite:///{tmp_path}/c.db")
        api.fail_next("getUpdates", 409)
        proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Waited for off the event loop: the local Bot API must keep answering meanwhile.
        out, err = await asyncio.get_running_loop().run_in_executor(
            None, lambda: proc.communicate(timeout=90))
    finally:
        await api.stop()
    assert proc.returncode == 2
    assert err.strip().splitlines()[-1] == CONFLICT
    assert "Traceback" not in err.split("409 Conflict")[0]
