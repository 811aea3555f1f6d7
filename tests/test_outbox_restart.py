"""A notice committed but not yet sent survives `kill -9`: the restarted bot sends it, once."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys

from sqlalchemy import select

from bot import invites
from bot.handlers.jobs import HOLD_ENV
from bot.localapi.server import FakeBotAPI
from bot.storage.database import make_async_engine, make_sessionmaker
from bot.storage.models import OutboxMessage
from tests.helpers.chat import Staff, texts
from tests.test_processes import ROOT, _env

NOTICE = "(roll: Personal)"


def _start(api: FakeBotAPI, db_url: str, **extra: str) -> subprocess.Popen:
    env = _env(BOT_TOKEN="123456:OUTBOX-TEST-abcdefghijklmnopqrstuv", BOT_API_URL=api.base_url,
               BOT_API_FILE_URL=api.file_url, DATABASE_URL=db_url, BOT_SEARCH_WORKERS="0",
               **extra)
    return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


async def _outbox(db_url: str) -> list[OutboxMessage]:
    engine = make_async_engine(db_url)
    try:
        async with make_sessionmaker(engine).begin() as session:
            return list(await session.scalars(select(OutboxMessage)))
    finally:
        await engine.dispose()


async def _stop(proc: subprocess.Popen, sig: int) -> None:
    proc.send_signal(sig)
    await asyncio.get_running_loop().run_in_executor(None, proc.wait, 30)


async def test_a_notice_committed_before_a_kill_is_delivered_once_after_restart(
        api, database_url):
    engine = make_async_engine(database_url)
    async with make_sessionmaker(engine).begin() as session:
        coordinator_code = await invites.create_invite(session, "ragunda", "coordinator")
        staff_code = await invites.create_invite(session, "ragunda", "staff")
    await engine.dispose()
    coordinator, newcomer = Staff(api, 6101), Staff(api, 6102)
    # The dispatcher of this run waits a minute before it claims anything: the kill window.
    proc = _start(api, database_url, **{HOLD_ENV: "60"})
    try:
        await coordinator.say(f"/start {coordinator_code}", expect=2, timeout=60)
        # The newcomer's welcome goes out after the commit that queued the coordinator's notice.
        assert "Välkommen" in texts(await newcomer.say(f"/start {staff_code}", expect=2))
        [queued] = await _outbox(database_url)
        assert queued.telegram_id == coordinator.user_id and queued.sent_at is None
    finally:
        await _stop(proc, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    assert not [c for c in api.sent(coordinator.user_id) if NOTICE in c.text]

    proc = _start(api, database_url)
    try:
        await api.wait_for(lambda c: c.chat_id == coordinator.user_id and NOTICE in c.text,
                           timeout=60)
        await asyncio.sleep(5)  # two more ticks of the dispatcher: nothing is sent again
        [row] = await _outbox(database_url)
    finally:
        await _stop(proc, signal.SIGTERM)
    assert len([c for c in api.sent(coordinator.user_id) if NOTICE in c.text]) == 1
    assert row.sent_at is not None and row.attempts == 1
    assert "Traceback" not in proc.stderr.read().decode()
