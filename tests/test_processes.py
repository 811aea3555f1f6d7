"""The command line as a person uses it: start, restart after a crash, wrong settings."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot import invites
from bot.localapi.server import FakeBotAPI
from bot.storage.database import make_async_engine, make_sessionmaker
from bot.storage.migrate import upgrade
from tests.helpers.chat import Staff, texts

ROOT = Path(__file__).resolve().parents[1]


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env.pop("DATABASE_URL", None)
    env.update(extra)
    return env


def _run(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_help_lists_every_subcommand():
    out = _run("--help", env=_env()).stdout
    for name in ("run", "chat", "ask", "kb", "admin", "db", "bench"):
        assert name in out


@pytest.mark.parametrize("variable,value,expected", [
    ("BOT_TIMEZONE", "Mars/Olympus", "BOT_TIMEZONE"),
    ("BOT_API_URL", "not a url", "BOT_API_URL"),
    ("BOT_DEFAULT_ORG", "umea", "BOT_DEFAULT_ORG"),
    ("DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none", "cannot reach the database"),
])
def test_a_wrong_setting_is_one_clear_line_and_exit_code_2(tmp_path, variable, value, expected):
    env = _env(**{"BOT_TOKEN": "1:x", "DATABASE_URL": f"sqlite:///{tmp_path}/a.db",
                  variable: value})
    result = _run("run", env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0]
    assert "Traceback" not in result.stderr
    assert "1:x" not in result.stderr + result.stdout


def test_run_without_a_token_says_how_to_get_one(tmp_path):
    result = _run("run", env=_env(DATABASE_URL=f"sqlite:///{tmp_path}/a.db"))
    assert result.returncode == 2
    assert "BotFather" in result.stderr and "python -m bot chat" in result.stderr


def test_the_terminal_chat_answers_like_the_bot(tmp_path):
    env = _env(BOT_CHAT_DATABASE_URL=f"sqlite:///{tmp_path}/chat.db", BOT_DEFAULT_ORG="bjurholm")
    result = _run("chat", env=env, stdin="/hjalp\n/sprak\n2\n/help\n")
    assert result.returncode == 0, result.stderr
    assert "Det här kan du göra" in result.stdout
    assert "[1] Svenska" in result.stdout and "[2] English" in result.stdout
    assert "This is what you can do" in result.stdout


def test_db_upgrade_creates_the_schema(tmp_path):
    result = _run("db", "upgrade", env=_env(DATABASE_URL=f"sqlite:///{tmp_path}/up.db"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "up.db").exists()


async def _start_bot(api: FakeBotAPI, db_url: str) -> subprocess.Popen:
    env = _env(BOT_TOKEN="123456:RESTART-TEST-abcdefghijklmnopqrstuv", BOT_API_URL=api.base_url,
               BOT_API_FILE_URL=api.file_url, DATABASE_URL=db_url)
    return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


async def test_the_bot_answers_again_after_being_killed(api, tmp_path):
    db_url = f"sqlite:///{tmp_path}/restart.db"
    upgrade(db_url)
    engine = make_async_engine(db_url)
    async with make_sessionmaker(engine).begin() as session:
        code = await invites.create_invite(session, "danderyd", "staff")
    await engine.dispose()
    staff = Staff(api, 777)
    proc = await _start_bot(api, db_url)
    try:
        calls = await staff.say(f"/start {code}", expect=2, timeout=60)
        assert "Danderyd" in texts(calls)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    proc = await _start_bot(api, db_url)
    try:
        calls = await staff.say("/hjalp", timeout=60)
        assert "Det här kan du göra" in texts(calls)  # still admitted after the crash
    finally:
        proc.send_signal(signal.SIGTERM)
        await asyncio.get_running_loop().run_in_executor(None, proc.wait, 30)
    assert "Traceback" not in proc.stderr.read().decode()


def test_a_broken_knowledge_pack_stops_start_up_naming_file_entry_and_field(tmp_path):
    import shutil

    import yaml

    from bot.knowledge.loader import PACKS_DIR

    packs = tmp_path / "packs"
    shutil.copytree(PACKS_DIR, packs)
    raw = yaml.safe_load((packs / "avesta.yaml").read_text("utf-8"))
    broken = raw["entries"][2]
    broken["phrasings"] = ["bara en"]
    (packs / "avesta.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), "utf-8")
    env = _env(BOT_TOKEN="1:x", DATABASE_URL=f"sqlite:///{tmp_path}/a.db", BOT_PACKS_DIR=str(packs))
    result = _run("run", env=env)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "avesta.yaml" in result.stderr and broken["id"] in result.stderr
    assert "phrasings" in result.stderr
    check = _run("kb", "check", env=env)
    assert check.returncode == 2 and broken["id"] in check.stderr
