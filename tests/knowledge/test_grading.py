"""How the fresh question sets are graded per kind, and `bench kb --set` printing them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge import grading
from bot.knowledge.reply import Reply

ROOT = Path(__file__).resolve().parents[2]



def _question(tmp_path: Path, text: str) -> grading.FreshQuestion:
    path = tmp_path / "set.yaml"
    path.write_text(text, "utf-8")
    return grading.load_fresh(path)[0]


def test_a_two_part_question_is_right_only_when_every_part_is_answered(kb, tmp_path):
    q = _question(tmp_path, """
- q: "vem gör kartläggningen när af aktualiserar och vad kostar en biljett till månen"
  org: ragunda
  kind: two_part
  parts:
    - {must: ["arbetsmarknadskonsulent"], section: "Aktualisering via arbetsförmedlingen av långtidsarbetslösa"}
    - {must: ["månbiljett"], section: "4. Service till kommunens olika enheter"}
""")
    tally, why = grading.grade(kb, kb.ask(q.q, q.org), q)
    assert (tally.right, tally.wrong, tally.parts_unanswered) == (0, 0, 1)
    assert why == "1 of 2 not answered"


def test_an_all_municipality_question_needs_each_listed_municipalitys_fact(kb, tmp_path):
    q = _question(tmp_path, """
- q: "vilka kommuner har busskort och vad kostar det"
  org: ragunda
  kind: all_orgs
  orgs:
    bjurholm: {must: ["600 kr"], section: "Busskort"}
""")
    tally, why = grading.grade(kb, kb.ask(q.q, q.org), q)
    assert tally.right == 1 and why is None


def test_an_answer_opening_with_a_gap_is_not_a_right_answer(kb, tmp_path):
    q = _question(tmp_path, """
- q: "hur går urvalet till för arbetscoach"
  org: danderyd
  kind: everyday
  must: ["överenskomna urvalskriterier"]
  section: "Urval"
""")
    card = kb.entry_card("danderyd.urval.kriterier")
    assert card.answer.startswith("Riktlinjen anger inte")
    hedged = Reply([card], False, 0.7, None, [], [], "")
    tally, _ = grading.grade(kb, hedged, q)
    assert (tally.right, tally.wrong) == (0, 1)


@pytest.mark.slow
def test_bench_kb_prints_each_fresh_kind_with_right_abstained_and_wrong():
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "bench", "kb", "--set", "fresh_dev", "--scale", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "== fresh_dev: " in out and "fresh_holdout" not in out
    for kind in grading.KINDS:
        assert f"\n  {kind} " in out
    assert "confidently wrong" in out and "latency p95" in out
