"""The command line: `report orders` writes a period's files; `bench orders` runs small; the
order form's work groups are the configured ones."""

from __future__ import annotations

import csv
import io

import openpyxl

from bot.benchmarks.orders_bench import run
from bot.cli.main import main
from bot.forms.loader import bundled
from bot.orders import config
from bot.storage.migrate import upgrade


def test_report_orders_writes_the_three_files(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path}/bot.db"
    upgrade(url)
    monkeypatch.setenv("DATABASE_URL", url)
    out = tmp_path / "out"
    assert main(["report", "orders", "--org", "Ragunda", "--period", "2026-3",
                 "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "bestallningar-ragunda-2026-3.csv", "bestallningar-ragunda-2026-3.png",
        "bestallningar-ragunda-2026-3.xlsx"]
    assert "0 orders in ragunda 2026-3" in capsys.readouterr().out
    assert main(["report", "orders", "--org", "avesta", "--period", "2026-3",
                 "--out", str(out)]) == 2
    assert main(["report", "orders", "--org", "ragunda", "--period", "2026-4",
                 "--out", str(out)]) == 2
    assert "not a period key" in capsys.readouterr().err


def test_the_benchmark_runs_small_and_says_what_it_compiled(tmp_path, capsys):
    compiled, seconds, peak = run(300, tmp_path)
    assert compiled == 300 and seconds > 0 and peak > 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("compiled 300 orders in ") and last.endswith(" MB")
    wb = openpyxl.load_workbook(tmp_path / "bestallningar-ragunda-2026-1.xlsx")
    assert wb["Beställningar"].max_row == 302  # the heading, the header and 300 orders
    text = (tmp_path / "bestallningar-ragunda-2026-1.csv").read_text("utf-8-sig")
    assert len(list(csv.reader(io.StringIO(text), delimiter=";"))) == 301


def test_the_order_form_offers_exactly_the_configured_work_groups():
    form = bundled()["ragunda.bestallning"]
    step = next(s for s in form.steps if s.id == "service")
    assert [o.value for o in step.options] == [
        g.id for g in config.for_org("ragunda").work_groups]
