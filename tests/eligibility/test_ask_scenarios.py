"""Scenario questions through `python -m bot ask`, and ordinary questions left as they were."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import bot.knowledge.search as search

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

# (org, question, outcome word the answer opens with, a phrase it must hold, a cited section)
SCENARIOS = [
    ("stockholm", "kan en 45-årig man få insats på jobbtorg?", "Nej", "UVAS gäller unga 19–29 år",
     "UVAS"),
    ("stockholm", "en 31-årig kvinna med försörjningsstöd, omfattas hon?",
     "Beslutet fattas av stadsdelsförvaltningen", "försörjningsstöd",
     "Förutsättningar som gäller för båda målgrupperna"),
    ("stockholm", "en 24-åring som varken jobbar eller studerar men är folkbokförd i Solna, kan hen "
     "beviljas insats?", "Nej", "folkbokförd i Stockholms stad", "Kriterier för att beviljas"),
    ("stockholm", "kan en 25-årig kvinna fa insats pa jobbtorg", "Det går inte att avgöra",
     "Behövs för ett svar:", "UVAS"),
    ("danderyd", "missbruk men stabil i två månader, kan hen remitteras?", "Nej",
     "minst tre månader", "Urval"),
    ("danderyd", "En man som är bosatt i Täby men har kontakt med vår socialförvaltning, kan han "
     "få arbetscoach?", "Nej", "bosatt i Danderyds kommun", "Målgrupp"),
    ("danderyd", "en 24-årig kvinna bosatt i Danderyd med försörjningsstöd, kontakt med "
     "socialtjänsten och arbetsförmågan är utredd, kan hon remitteras till arbetscoach?", "Ja",
     "Unga under 29 år prioriteras", "Prioritering"),
    ("ragunda", "En arbetslös 30-åring dyker upp själv på enheten, ingen har aktualiserat hen. "
     "Kan vi ta emot hen?", "Nej", "samverkanspartners", "2.1.1 Att aktualiseras hos "
     "arbetsmarknadsenheten"),
    ("ragunda", "arbetsförmedlingen har aktualiserat en 50-årig man, kan han få stöd av enheten?",
     "Ja", "kartläggning och bedömning", "Aktualisering via arbetsförmedlingen"),
    ("avesta", "En arbetssökande vars behov går att lösa helt inom ordinarie verksamhet vill in i "
     "Avestamodellen. Ska hen tas in?", "Nej", "samordnat stöd", "Uppdrag:"),
    ("avesta", "en 19-åring i det kommunala uppföljningsansvaret behöver samordnat stöd, kan hen "
     "få stöd via modellen?", "Ja", "beredningsgruppen", "Beställare av insats"),
    ("bjurholm", "en 30-årig arbetssökande med spelberoende, kan hen få stöd av AMI?", "Ja",
     "motiveras till kontakt med socialtjänsten", "Beroendeproblematik"),
]

ORDINARY = [
    ("ragunda", "vem kan aktualisera till enheten"),
    ("ragunda", "kan en arbetslös själv höra av sig och börja hos arbetsmarknadsenheten utan att "
                "någon skickar dem?"),
    ("ragunda", "kan man gå fat om man har en funktionsnedsättning"),
    ("ragunda", "kan en förening få hjälp av er"),
    ("ragunda", "får privata aktörer beställa hjälp av utegruppen"),
    ("ragunda", "vem äger ärendet när IFO aktualiserar någon till oss"),
    ("ragunda", "hur länge får man ha etableringsjobb"),
    ("bjurholm", "kan man få busskort"),
    ("bjurholm", "hur mycket kostar busskortet för en nyanländ"),
    ("bjurholm", "En arbetssökande vill vara ledig tre veckor i juli. Kan AMI bevilja det?"),
    ("bjurholm", "vad gör vi med en arbetssökande som har missbruk"),
    ("avesta", "vem beställer insats i avestamodellen"),
    ("avesta", "hur länge får en insats via portalen pågå"),
    ("avesta", "vilka grupper omfattas av uppdraget"),
    ("danderyd", "hur många månader stabilitet krävs vid missbruk"),
    ("danderyd", "prioriteras unga under 29"),
    ("danderyd", "vilka målgrupper finns hos arbetscoachen"),
    ("danderyd", "om någon som har arbetscoach får en anställning via en arbetsmarknadspolitisk "
                 "åtgärd, kan de ha kvar coachen ett tag?"),
    ("danderyd", "måste arbetsförmågan vara utredd innan remiss"),
    ("stockholm", "hur gammal måste man vara för UVAS"),
    ("stockholm", "om personen har kontakt med stadsdelen, vem beslutar"),
    ("stockholm", "hur länge beviljas insatsen på jobbtorg"),
    ("stockholm", "vem fattar beslut om insats på jobbtorg"),
    ("stockholm", "kan man få insats om man har försörjningsstöd"),
    ("stockholm", "what are the criteria for UVAS"),
    ("stockholm", "kan en kvinna få studie- och yrkesvägledning på jobbtorg"),
    ("stockholm", "kan Ahmed 45 år få insats på jobbtorg"),
    ("stockholm", "hur blir vädret i morgon"),
]


def _ask(org: str, questions: list[str], lang: str = "sv") -> list[dict]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    result = subprocess.run([sys.executable, "-m", "bot", "ask", "--org", org, "--lang", lang,
                             "--json"], cwd=ROOT, input="\n".join(questions) + "\n",
                            capture_output=True, text=True, timeout=120, env=base)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def answers() -> dict[tuple[str, str], dict]:
    """Every question above, asked through one `python -m bot ask` per municipality."""
    out = {}
    for org in dict.fromkeys(o for o, *_ in [*SCENARIOS, *ORDINARY]):
        questions = [c[1] for c in [*SCENARIOS, *ORDINARY] if c[0] == org]
        out |= {(org, q): row for q, row in zip(questions, _ask(org, questions), strict=True)}
    return out


def test_scenario_questions_get_the_rules_applied_with_their_source(answers):
    for org, question, opens, phrase, section in SCENARIOS:
        row = answers[org, question]
        assert row["entry_id"] == f"{org}.eligibility", question
        assert not row["abstained"] and row["score"] == 1.0
        body = row["answer"].split("\n", 1)[1]  # after the card's title
        assert body.startswith(opens), (question, row["answer"])
        assert phrase in row["answer"], (question, row["answer"])
        assert section in row["source"], (question, row["source"])


def test_an_english_scenario_is_answered_in_english():
    [row] = _ask("stockholm", ["Is a 45 year old man eligible for Jobbtorg's measure?"], "en")
    assert row["entry_id"] == "stockholm.eligibility"
    assert "No: by the guideline" in row["answer"] and "aged 19–29" in row["answer"]
    assert row["source"].startswith("Source: ")


def test_ordinary_questions_are_not_scenarios_and_their_replies_are_unchanged(answers, kb,
                                                                              monkeypatch):
    assert len(ORDINARY) >= 20
    monkeypatch.setattr(search, "scenario_card", lambda *a, **k: None)
    for org, question in ORDINARY:
        row = answers[org, question]
        before = kb.ask(question, org, "sv")  # the same question without the hook
        assert not (row["entry_id"] or "").endswith(".eligibility"), question
        assert row["abstained"] == before.abstained, question
        assert row["entry_id"] == (before.cards[0].entry_id if before.cards else None), question
