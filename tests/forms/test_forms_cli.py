"""`forms check` and `report cases` as an operator runs them, on both databases."""

from __future__ import annotations

import asyncio
import os
import shutil
from datetime import UTC, datetime, timedelta

import pytest

from bot.cli.main import main
from bot.config import load_settings
from bot.forms.loader import DEFS_DIR
from bot.retention import purge
from bot.storage import cases, drafts
from bot.storage.database import make_async_engine, make_sessionmaker


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.startswith("BOT_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)
    return monkeypatch


def test_forms_check_counts_per_municipality(cli_env, capsys):
    assert main(["forms", "check"]) == 0
    out = capsys.readouterr().out
    assert "stockholm   1 forms   15 steps" in out
    # Ragunda's intake, order, agreement and order-completion forms are counted too.
    assert "bjurholm.vagledning (info" in out and "total       8 forms   59 steps" in out


def test_a_broken_form_is_one_line_naming_file_form_and_step(cli_env, capsys, tmp_path):
    for path in DEFS_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    bad = tmp_path / "danderyd.aktualisering.yaml"
    bad.write_text(bad.read_text("utf-8").replace("    min: 0\n    max: 600\n",
                                                  "    min: 10\n    max: 6\n", 1), "utf-8")
    assert main(["forms", "check", "--forms", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["danderyd.aktualisering.yaml, form danderyd.aktualisering, step stability: "
                   "min is above max"]


async def _seed(url: str) -> None:
    engine = make_async_engine(url)
    try:
        async with make_sessionmaker(engine).begin() as session:
            for route, form, outcome in [("af", "fat", None), ("af", "fat", None),
                                         ("af", "fat", "arbete"), ("ifo", "praktik", None)]:
                case = await cases.create(session, org="ragunda", form_id="ragunda.aktualisering",
                                          reference="R-1", created_by=1, route=route,
                                          support_form=form)
                if outcome:
                    cases.close(case, outcome)
            await cases.create(session, org="avesta", form_id="avesta.aktualisering",
                               reference="A-1", created_by=1, route="annan")
    finally:
        await engine.dispose()


def test_report_cases_counts_small_numbers_as_under_three(cli_env, capsys, database_url):
    asyncio.run(_seed(database_url))
    cli_env.setenv("DATABASE_URL", database_url)
    today = datetime.now(UTC).date()
    assert main(["report", "cases", "--org", "Ragunda", "--from",
                 (today - timedelta(days=1)).isoformat(), "--to", today.isoformat()]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("cases ragunda") and lines[0].endswith(": 4")
    assert "route\taf\t3" in lines and "route\tifo\t<3" in lines
    assert "support_form\tfat\t3" in lines and "support_form\tpraktik\t<3" in lines
    assert "outcome\topen\t3" in lines and "outcome\tarbete\t<3" in lines
    assert not any("annan" in line for line in lines)  # another municipality's case
    assert main(["report", "cases", "--org", "ragunda", "--from", "2020-01-01",
                 "--to", "2020-01-31"]) == 0
    empty = capsys.readouterr().out
    assert "no cases" in empty and "2020-01-31: 0" in empty  # none points at nobody: not "<3"


async def _drafts_purged(url: str) -> tuple[int, int]:
    engine = make_async_engine(url)
    settings = load_settings(BOT_TOKEN="123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz",
                             DATABASE_URL=url, BOT_DRAFT_RETENTION_DAYS="30")
    try:
        async with make_sessionmaker(engine).begin() as session:
            old = await drafts.start(session, telegram_id=7, org="ragunda",
                                     form_id="ragunda.aktualisering", form_version=1,
                                     step_id="route")
            old.updated_at = datetime.now(UTC) - timedelta(days=31)
            await drafts.start(session, telegram_id=8, org="ragunda",
                               form_id="ragunda.aktualisering", form_version=1, step_id="route")
        async with make_sessionmaker(engine).begin() as session:
            report = await purge(session, settings)
        async with make_sessionmaker(engine).begin() as session:
            left = await drafts.open_draft(session, 8)
        return report.drafts, 1 if left else 0
    finally:
        await engine.dispose()


def test_an_abandoned_draft_is_purged_after_the_retention_period(cli_env, database_url):
    assert asyncio.run(_drafts_purged(database_url)) == (1, 1)


