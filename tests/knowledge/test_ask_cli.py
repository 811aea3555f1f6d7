"""`python -m bot ask` and `kb check` as a script or a person uses them, through a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge.loader import PACKS_DIR, load_packs

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {"question", "org", "entry_id", "answer", "source", "score", "alternatives"}

pytestmark = pytest.mark.slow


def _run(*args: str, stdin: str = "", env: dict[str, str] | None = None):
    base = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120, env={**base, **(env or {})})


@pytest.fixture(scope="module")
def packs():
    return load_packs()


def test_json_lines_keep_the_input_order_and_the_contract_fields(packs):
    entries = packs["ragunda"].entries[:3]
    questions = [e.phrasings[0] for e in entries] + ["hur blir vädret i morgon"]
    result = _run("ask", "--org", "ragunda", "--json", stdin="\n".join(questions) + "\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["question"] for r in rows] == questions
    for row in rows:
        assert FIELDS <= set(row)
        assert row["org"] == "ragunda"
        assert 0.0 <= row["score"] <= 1.0
        assert all(set(a) == {"entry_id", "title"} for a in row["alternatives"])
    assert [r["entry_id"] for r in rows[:3]] == [e.id for e in entries]
    for row, entry in zip(rows, entries, strict=False):
        assert entry.answer in row["answer"]
        assert entry.source.section in row["source"]
    assert rows[3]["entry_id"] is None and rows[3]["source"] is None


def test_a_question_as_argument_prints_the_answer_and_its_source(packs):
    entry = packs["bjurholm"].entries[0]
    result = _run("ask", "--org", "bjurholm", entry.phrasings[0])
    assert result.returncode == 0, result.stderr
    assert entry.answer in result.stdout
    assert f"Källa: {packs['bjurholm'].document.title}, {entry.source.section}" in result.stdout


def test_english_answers_with_lang_en(packs):
    entry = packs["danderyd"].entries[0]
    result = _run("ask", "--org", "danderyd", "--lang", "en", "--json", entry.phrasings[0])
    row = json.loads(result.stdout)
    assert row["entry_id"] == entry.id and entry.en.answer in row["answer"]


def test_a_comparison_joins_the_municipalities_answers(packs):
    result = _run("ask", "--org", "ragunda", "--json", "jämför sekretess i ragunda och danderyd")
    row = json.loads(result.stdout)
    assert packs["ragunda"].document.municipality in row["answer"]
    assert packs["danderyd"].document.municipality in row["answer"]


def test_an_unknown_municipality_is_one_line_and_exit_2():
    result = _run("ask", "--org", "umea", "vad är FAT")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "umea" in result.stderr
    assert result.stdout == ""


def test_kb_check_lists_entries_per_municipality(packs):
    result = _run("kb", "check")
    assert result.returncode == 0, result.stderr
    for org, pack in packs.items():
        assert org in result.stdout and str(len(pack.entries)) in result.stdout


def test_kb_check_reports_a_broken_pack_and_exits_2(tmp_path):
    for path in PACKS_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    broken = sorted(tmp_path.glob("*.yaml"))[0]
    broken.write_text(broken.read_text("utf-8").replace("phrasings:", "phrasingz:", 1), "utf-8")
    result = _run("kb", "check", "--packs", str(tmp_path))
    assert result.returncode == 2
    assert broken.name in result.stderr and "Traceback" not in result.stderr
