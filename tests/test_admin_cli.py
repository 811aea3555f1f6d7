"""Admission and the audit trail from the shell, as the unit's administrator uses them."""

from __future__ import annotations

import re

from bot.localapi.server import FakeBotAPI
from tests.helpers.chat import Staff, texts
from tests.test_processes import _env, _run, _start_bot


async def test_a_cli_invite_admits_in_chat_and_the_audit_shows_it(api: FakeBotAPI, tmp_path):
    env = _env(DATABASE_URL=f"sqlite:///{tmp_path}/admin.db", BOT_USERNAME="ame_test_bot")
    result = _run("admin", "invite", "--org", "bjurholm", "--role", "manager", "--uses", "1",
                  "--expires", "2d", env=env)
    assert result.returncode == 0, result.stderr
    code = re.search(r"code: (\S+)", result.stdout).group(1)
    assert f"https://t.me/ame_test_bot?start={code}" in result.stdout
    proc = await _start_bot(api, f"sqlite:///{tmp_path}/admin.db")
    try:
        calls = await Staff(api, 4711).say(f"/start {code}", expect=2, timeout=60)
        assert "Bjurholm" in texts(calls)
    finally:
        proc.kill()
        proc.wait()
    audit = _run("admin", "audit", env=env).stdout
    assert "invite_created" in audit and "admitted" in audit and "bjurholm" in audit
    assert code not in audit and "4711" not in audit


def test_bad_invite_arguments_are_one_clear_line(tmp_path):
    env = _env(DATABASE_URL=f"sqlite:///{tmp_path}/admin.db")
    result = _run("admin", "invite", "--org", "bjurholm", "--role", "staff", "--expires",
                  "soon", env=env)
    assert result.returncode == 2 and "bad duration" in result.stderr
    assert "Traceback" not in result.stderr


def test_purge_dry_run_reports_without_deleting(tmp_path):
    env = _env(DATABASE_URL=f"sqlite:///{tmp_path}/admin.db")
    result = _run("admin", "purge", "--dry-run", env=env)
    assert result.returncode == 0 and "would delete: 0 invites, 0 questions" in result.stdout


async def test_kb_unanswered_lists_what_the_bot_could_not_answer(tmp_path):
    from bot.storage import questions
    from bot.storage.database import make_async_engine, make_sessionmaker
    from bot.storage.migrate import upgrade

    url = f"sqlite:///{tmp_path}/kb.db"
    upgrade(url)
    engine = make_async_engine(url)
    async with make_sessionmaker(engine).begin() as session:
        await questions.record_unanswered(session, "avesta", "vilken färg har portalen")
        await questions.record_unanswered(session, "ragunda", "hur mycket kostar fika",
                                          kind="downvoted", entry_id="ragunda.x")
    await engine.dispose()
    out = _run("kb", "unanswered", "--org", "avesta", env=_env(DATABASE_URL=url)).stdout
    assert "vilken färg har portalen" in out and "fika" not in out
    out = _run("kb", "unanswered", env=_env(DATABASE_URL=url)).stdout
    assert "👎" in out and "fika" in out
