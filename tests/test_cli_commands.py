"""The command line as an operator meets it: one language, headed listings with zoned times,
case-insensitive municipalities, a quiet closed pipe, `db upgrade` saying what it did, one check
of the settings for every command, and a terminal chat that says whose guidelines it answers."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from bot.cli.main import build_parser, main
from bot.config import load_settings
from bot.storage import audit, questions
from bot.storage.database import make_async_engine, make_sessionmaker
from bot.storage.migrate import alembic_config
from tests.helpers.databases import create_pg_schema, drop_pg_schema, postgres_unavailable
from tests.test_processes import ROOT, _env, _run

HEAD = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """The in-process command line with none of the caller's BOT_* settings."""
    for name in list(os.environ):
        if name.startswith("BOT_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    return monkeypatch


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_database_url(request: pytest.FixtureRequest, tmp_path) -> str:  # noqa: ANN001
    """A database with no schema yet, of each kind."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/fresh.db"
        return
    if reason := postgres_unavailable():
        pytest.skip(f"POSTGRESQL NOT TESTED (unreachable: {reason})")
    schema, url = create_pg_schema()
    try:
        yield url
    finally:
        drop_pg_schema(schema)


async def _fill(url: str, audit_rows: int = 0, question: str | None = None) -> None:
    engine = make_async_engine(url)
    try:
        async with make_sessionmaker(engine).begin() as session:
            for i in range(audit_rows):
                await audit.record(session, "cli", "invite_created", "avesta", f"staff-{i}")
            if question:
                await questions.record_unanswered(session, "avesta", question)
    finally:
        await engine.dispose()


# ---- municipality ids ---------------------------------------------------------------------

def test_municipality_ids_are_case_insensitive(cli_env, capsys, database_url):
    cli_env.setenv("DATABASE_URL", database_url)
    assert load_settings(BOT_DEFAULT_ORG=" Ragunda").default_org == "ragunda"
    assert main(["admin", "invite", "--org", "Avesta", "--role", "staff"]) == 0
    assert "role staff in avesta" in capsys.readouterr().out
    assert main(["admin", "audit", "--org", "AVESTA"]) == 0
    assert "invite_created\tavesta" in capsys.readouterr().out
    assert main(["ask", "--org", "Bjurholm", "vad betyder osa"]) == 0
    assert capsys.readouterr().out.strip()


# ---- one language -------------------------------------------------------------------------

def _all_help_texts() -> list[str]:
    parser = build_parser()
    texts = [parser.format_help()]
    stack = [parser]
    while stack:
        for action in stack.pop()._actions:  # noqa: SLF001 - argparse keeps subparsers there
            for sub in getattr(action, "choices", None) or {}:
                if isinstance(action.choices, dict):
                    texts.append(action.choices[sub].format_help())
                    stack.append(action.choices[sub])
    return texts


def test_the_command_line_speaks_english_in_help_and_errors(cli_env, capsys, tmp_path):
    helps = _all_help_texts()
    assert len(helps) > 10
    for text in helps:
        assert not re.search(r"[åäöÅÄÖ]|\bkommun\b|\bfråga\b", text), text
    assert main(["ask", "--org", "umea", "--lang", "sv", "hej"]) == 2
    assert "unknown municipality 'umea'" in capsys.readouterr().err
    cli_env.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/e.db")
    assert main(["kb", "unanswered"]) == 0
    assert capsys.readouterr().out.strip() == "no questions"
    with pytest.raises(SystemExit):
        main(["admin", "invite", "--org", "umea", "--role", "staff"])
    assert "invalid choice: 'umea'" in capsys.readouterr().err


# ---- listings -----------------------------------------------------------------------------

def test_empty_listings_say_so(cli_env, capsys, database_url):
    cli_env.setenv("DATABASE_URL", database_url)
    assert main(["admin", "audit"]) == 0
    assert capsys.readouterr().out.strip() == "no audit events"
    assert main(["kb", "unanswered"]) == 0
    assert capsys.readouterr().out.strip() == "no questions"


@pytest.mark.parametrize("zone,abbreviations", [("", ("CET", "CEST")),
                                                ("America/New_York", ("EST", "EDT"))])
def test_listings_have_a_header_and_every_time_names_its_zone(cli_env, capsys, database_url,
                                                               zone, abbreviations):
    asyncio.run(_fill(database_url, audit_rows=1, question="vilken färg har portalen"))
    cli_env.setenv("DATABASE_URL", database_url)
    if zone:
        cli_env.setenv("BOT_TIMEZONE", zone)
    name = zone or "Europe/Stockholm"
    stamp = r"\d{4}-\d\d-\d\d \d\d:\d\d (" + "|".join(abbreviations) + ")"
    for argv, header in ((["admin", "audit"], "actor\taction"),
                         (["kb", "unanswered"], "org\twhy\tquestion")):
        assert main(argv) == 0
        lines = capsys.readouterr().out.strip().splitlines()
        assert lines[0] == f"time ({name})\t" + lines[0].split("\t", 1)[1]
        assert header in lines[0]
        assert len(lines) == 2 and re.match(stamp, lines[1]), lines
    assert main(["admin", "invite", "--org", "avesta", "--role", "staff", "--expires", "2d"]) == 0
    assert re.search(r"expires " + stamp + r" \(in 2d\)", capsys.readouterr().out)


def test_a_closed_pipe_ends_quietly(database_url):
    asyncio.run(_fill(database_url, audit_rows=3000))  # more than a pipe's buffer holds
    proc = subprocess.Popen([sys.executable, "-m", "bot", "admin", "audit", "--limit", "3000"],
                            cwd=ROOT, env=_env(DATABASE_URL=database_url), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = proc.stdout.readline()  # `| head -1`
    proc.stdout.close()
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert first.startswith("time (Europe/Stockholm)")
    assert err == ""


# ---- db upgrade ---------------------------------------------------------------------------

def test_db_upgrade_says_what_it_created_and_when_there_is_nothing_to_do(cli_env, capsys,
                                                                       fresh_database_url):
    cli_env.setenv("DATABASE_URL", fresh_database_url)
    assert main(["db", "upgrade"]) == 0
    out = capsys.readouterr().out.strip()
    created = ("created database" if fresh_database_url.startswith("sqlite")
               else "created the schema in")
    assert out.startswith(created) and f"at revision {HEAD} (" in out
    assert main(["db", "upgrade"]) == 0
    assert f"is already at revision {HEAD} (" in capsys.readouterr().out
    assert main(["db", "downgrade", "0001"]) == 0
    capsys.readouterr()
    assert main(["db", "upgrade"]) == 0
    assert f"from revision 0001 to {HEAD} (" in capsys.readouterr().out


def test_a_missing_database_folder_is_named_not_created(tmp_path):
    missing = tmp_path / "missing" / "dir"
    for args in (("db", "upgrade"), ("admin", "audit"), ("run",)):
        result = _run(*args, env=_env(DATABASE_URL=f"sqlite:///{missing}/x.db", BOT_TOKEN="1:x"))
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "DATABASE_URL" in lines[0] and "does not exist" in lines[0]
    assert not (tmp_path / "missing").exists()


def test_the_default_data_folder_is_created(tmp_path):
    result = subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], cwd=tmp_path,
                            env=_env(), capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "created database sqlite:///./data/ame.db" in result.stdout
    assert (tmp_path / "data" / "ame.db").is_file()


# ---- one settings check for every command -------------------------------------------------

@pytest.mark.parametrize("argv", [["run"], ["chat"], ["ask", "--org", "ragunda", "hej"],
                                  ["kb", "check"], ["kb", "unanswered"], ["admin", "audit"],
                                  ["admin", "invite", "--org", "avesta", "--role", "staff"],
                                  ["db", "upgrade"], ["bench", "kb"]])
def test_every_command_checks_the_settings_the_same_way(cli_env, capsys, tmp_path, argv):
    cli_env.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/w.db")
    cli_env.setenv("BOT_LOCALE", "fr")
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == ("configuration error: BOT_LOCALE: unsupported locale 'fr' "
                                    "(sv or en)")
    assert not (tmp_path / "w.db").exists()


# ---- hints that work as printed -----------------------------------------------------------

def test_without_a_token_the_hint_is_a_command_that_works_here(tmp_path):
    result = _run("run", env=_env(DATABASE_URL=f"sqlite:///{tmp_path}/a.db"))
    assert result.returncode == 2
    printed = re.search(r"without Telegram: (\S+) -m bot chat$", result.stderr, re.MULTILINE)
    assert printed, result.stderr
    python = printed.group(1)
    assert (ROOT / python).resolve() == Path(sys.executable).resolve()


# ---- the terminal chat's municipality -----------------------------------------------------

def test_the_chat_banner_names_the_municipality_its_answers_are_for(database_url):
    env = _env(DATABASE_URL=database_url, BOT_CHAT_DATABASE_URL=database_url,
               BOT_DEFAULT_ORG="Ragunda")
    first = _run("chat", env=env, stdin="/kommun\n3\n")
    assert first.returncode == 0, first.stderr
    assert "Frågorna besvaras för Ragunda kommun (BOT_DEFAULT_ORG)" in first.stdout
    assert "[3] Avesta kommun" in first.stdout
    second = _run("chat", env=env, stdin="")
    assert second.returncode == 0, second.stderr
    banner = second.stdout.splitlines()[:2]
    assert "(Avesta kommun)" in banner[0]
    assert banner[1] == ("Frågorna besvaras för Avesta kommun: ditt sparade val med /kommun "
                         "gäller före BOT_DEFAULT_ORG (Ragunda kommun).")
