"""Reminders survive the bot's absence: what fell due while it was down arrives once at start,
marked late; a bot killed with SIGKILL in the middle of a burst loses nothing after a restart
(the benchmark, small, on both databases: only messages in flight at the kill may repeat)."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta

from bot.benchmarks.reminders_bench import run as bench
from bot.localapi.server import FakeBotAPI
from bot.storage import reminders
from bot.storage.database import make_async_engine, make_sessionmaker
from tests.test_processes import ROOT, _env, _run


async def test_a_reminder_due_while_the_bot_was_down_arrives_once_marked_late(api,
                                                                             database_url):
    engine = make_async_engine(database_url)
    async with make_sessionmaker(engine).begin() as session:
        await reminders.add_reminder(session, telegram_id=6201, org="ragunda", kind="personal",
                                     due_at=datetime.now(UTC) - timedelta(hours=3),
                                     text_key="rem.personal", params={"text": "ring AF"})
    await engine.dispose()
    proc = _start(api, database_url)
    try:
        told = await api.wait_for(lambda c: c.chat_id == 6201 and "ring AF" in c.text,
                                  timeout=60)
        await asyncio.sleep(2.5)  # more ticks: nothing is sent again
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.get_running_loop().run_in_executor(None, proc.wait, 30)
    assert "Försenad" in told.text
    assert len([c for c in api.sent(6201, "sendMessage") if "ring AF" in c.text]) == 1
    assert proc.stderr is not None and "Traceback" not in proc.stderr.read().decode()


def _start(api: FakeBotAPI, db_url: str) -> subprocess.Popen:
    env = _env(BOT_TOKEN="123456:REMIND-TEST-abcdefghijklmnopqrstuv", BOT_API_URL=api.base_url,
               BOT_API_FILE_URL=api.file_url, DATABASE_URL=db_url, BOT_SEARCH_WORKERS="0",
               BOT_REMINDER_RULES="false", BOT_REMINDER_TICK_SECONDS="0.5")
    return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def test_a_bot_killed_mid_burst_loses_no_reminder_after_its_restart(database_url):
    figures = await bench(90, 15, kill_at=0.5, database_url=database_url, echo=False)
    assert figures["lost"] == 0 and figures["delivered"] == 90
    assert figures["duplicates"] <= 64  # at most what was in flight at the kill (IN_FLIGHT)


def test_the_bench_command_prints_the_agreed_last_line():
    result = _run("bench", "reminders", "--reminders", "20", "--users", "10", env=_env())
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("delivered 20 of 20, duplicates 0, lost 0, elapsed ")
    assert last.endswith(" s") and ", bound 1.0 s" in last  # 2 per user: one second apart
