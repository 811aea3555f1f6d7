"""One running instance per database: a second `run` (or `chat`) on it is refused."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.instance_lock import AlreadyRunning, InstanceLease
from bot.storage import users
from bot.storage.database import make_async_engine, make_sessionmaker
from tests.helpers.chat import Staff, texts

ROOT = Path(__file__).resolve().parents[1]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env.pop("DATABASE_URL", None)
    env.update(extra)
    return env


def test_the_lease_is_held_once_and_free_again_after_release(database_url):
    first = InstanceLease.acquire(database_url)
    try:
        with pytest.raises(AlreadyRunning, match="already running"):
            InstanceLease.acquire(database_url)
    finally:
        first.release()
    InstanceLease.acquire(database_url).release()


async def test_a_bot_whose_postgresql_lease_connection_dies_stops_with_one_line(database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("a file lease cannot be lost while its process lives")
    from sqlalchemy import create_engine, text

    from bot.cli.lease import watch
    from bot.instance_lock import LEASE_LOST
    from bot.storage.database import sync_url

    lease = InstanceLease.acquire(database_url)
    stop = asyncio.Event()
    lost: list[str] = []
    watcher = asyncio.create_task(watch(lease, stop, lost, interval=0.2))
    try:
        await asyncio.sleep(0.5)
        assert not stop.is_set() and lease.alive()
        # The server ends the lease's session (a restart, an idle-connection killer).
        admin = create_engine(sync_url(database_url), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks "
                "WHERE locktype = 'advisory' AND pid <> pg_backend_pid() AND granted "
                "AND objid = (hashtextextended('ame-assistenten:' || current_database() "
                "|| ':' || current_schema(), 0) & 4294967295)::oid"))
        admin.dispose()
        await asyncio.wait_for(stop.wait(), 10)
        assert lost == [LEASE_LOST]
        # And the database is free for another instance to take over.
        InstanceLease.acquire(database_url).release()
    finally:
        watcher.cancel()
        lease.release()


def test_another_database_has_its_own_lease(database_url, tmp_path):
    mine = InstanceLease.acquire(database_url)
    try:
        InstanceLease.acquire(f"sqlite:///{tmp_path}/other.db").release()
    finally:
        mine.release()


def _start(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bot", *args], cwd=cwd, env=env,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


async def _finish(proc: subprocess.Popen, stdin: str | None = None) -> tuple[str, str]:
    # Off the event loop: the local Bot API must keep answering while the process runs.
    return await asyncio.get_running_loop().run_in_executor(
        None, lambda: proc.communicate(stdin, timeout=90))


async def _admit(url: str, telegram_id: int) -> None:
    engine = make_async_engine(url)
    async with make_sessionmaker(engine).begin() as session:
        user = await users.get_or_create(session, telegram_id)
        user.active, user.org, user.role = True, "ragunda", "staff"
    await engine.dispose()


@pytest.mark.slow
async def test_a_second_bot_on_the_same_database_exits_with_one_line(api, database_url,
                                                                      tmp_path):
    await _admit(database_url, 321)
    env = _env(BOT_TOKEN="123456:INSTANCE-TEST-abcdefghijklmnopqrst", BOT_API_URL=api.base_url,
               BOT_API_FILE_URL=api.file_url, DATABASE_URL=database_url)
    first = _start(["run"], env, tmp_path)
    try:
        calls = await Staff(api, 321).say("/hjalp", timeout=60)  # the first one is serving
        assert "Det här kan du göra" in texts(calls)
        second = _start(["run"], env, tmp_path)
        out, err = await _finish(second)
        assert second.returncode == 2
        assert err.strip().splitlines() == [err.strip()], "one line"
        assert "already running" in err and "Traceback" not in err
        assert "INSTANCE-TEST" not in err + out
        # The terminal chat asked onto the same database is refused the same way.
        chat = _start(["chat", "--database-url", database_url], env, tmp_path)
        out, err = await _finish(chat, "/hjalp\n")
        assert chat.returncode == 2 and "already running" in err
        # ... and the first bot still serves.
        calls = await Staff(api, 321).say("/hjalp", timeout=30)
        assert "Det här kan du göra" in texts(calls)
    finally:
        first.send_signal(signal.SIGTERM)
        await _finish(first)
    assert first.returncode == 0


@pytest.mark.slow
async def test_a_killed_bot_leaves_no_lease_behind(api, tmp_path):
    url = f"sqlite:///{tmp_path}/k.db"
    env = _env(BOT_TOKEN="123456:INSTANCE-TEST-abcdefghijklmnopqrst", BOT_API_URL=api.base_url,
               BOT_API_FILE_URL=api.file_url, DATABASE_URL=url)
    first = _start(["run"], env, tmp_path)
    await api.wait_for(lambda c: c.method == "setMyCommands", timeout=60)
    first.send_signal(signal.SIGKILL)
    await _finish(first)
    InstanceLease.acquire(url).release()  # the operating system released it with the process


def test_the_terminal_chat_uses_its_own_database_not_database_url(tmp_path):
    production = tmp_path / "production.db"
    env = _env(DATABASE_URL=f"sqlite:///{production}")
    result = subprocess.run([sys.executable, "-m", "bot", "chat"], cwd=tmp_path, env=env,
                            input="/hjalp\n", capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Det här kan du göra" in result.stdout
    assert not production.exists(), "the chat must not touch DATABASE_URL"
    assert (tmp_path / "data" / "chat.db").exists()
    banner = result.stdout.splitlines()[:3]
    assert any("sqlite:///./data/chat.db" in line for line in banner)  # it says which
    chosen = tmp_path / "chosen.db"
    result = subprocess.run([sys.executable, "-m", "bot", "chat"], cwd=tmp_path, input="/hjalp\n",
                            env={**env, "BOT_CHAT_DATABASE_URL": f"sqlite:///{chosen}"},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert chosen.exists() and not production.exists()
