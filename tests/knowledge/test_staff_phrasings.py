"""Staff wording added as pack phrasings (issue 16, round 5) reaches the entry stating the fact.

Questions written for these tests in everyday staff wording, not taken from the benchmark sets.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("org", "question", "entry_id"), [
    # Lending participants to a club or a firm: what private actors are charged.
    ("ragunda", "vad får en fotbollsklubb betala när den lånar några deltagare",
     "ragunda.privata.kostnad"),
    # "stänga ärendet" is staff talk for ending the measure.
    ("danderyd", "när kan vi stänga coachärendet", "danderyd.mal.avslut"),
    # Internal colleagues are internal cooperation.
    ("bjurholm", "vilka kollegor i kommunen jobbar ami ihop med", "bjurholm.samverkan.intern"),
    # A place to try out a job is a work placement.
    ("danderyd", "var kan en klient få prova på att jobba", "danderyd.arbetssatt.praktikplatser"),
    # Some weeks off in summer is holiday.
    ("bjurholm", "får en arbetslös vara ledig några veckor i sommar",
     "bjurholm.ledighet.semester"),
    # Round 4: why the unit exists is its purpose ("hjälpverksamhet vid arbetslöshet").
    ("ragunda", "vad är tanken med att kommunen har en ame", "ragunda.enheten.syfte"),
    # "i första hand" is the guideline's own wording of the unit's main purpose.
    ("ragunda", "vad är ame i första hand till för", "ragunda.enheten.syfte"),
    # Why the support is outside the right to assistance: the 4 kap. 1 § refusal reasoning.
    ("stockholm", "varför omfattas jobbtorgs stöd inte av rätten till bistånd",
     "stockholm.provning.avslag_4_1"),
    # Who employs a person in OSA (Socialförvaltningen): what OSA is here.
    ("danderyd", "vem anställer klienten vid osa", "danderyd.osa.vad"),
    # Coaching alongside studies part-time: the measure combines with other planning.
    ("danderyd", "får man ha arbetscoach medan man pluggar på deltid", "danderyd.arbetssatt.coachande"),
    # Odd jobs ordered by other units are the intranet orders, gathered three times a year.
    ("ragunda", "hur ofta gås småjobben från andra enheter igenom", "ragunda.service.bestallning"),
    # Projects paid by outside money are AMI's externally funded projects.
    ("bjurholm", "vilka projekt med pengar utifrån har ami haft", "bjurholm.projekt"),
    # What the person gains from a decision on assistance: documentation and legal certainty.
    ("stockholm", "vad ger biståndsbeslutet personen", "stockholm.sekretess"),
    # A job for newly arrived people with studies on work time is an etableringsjobb.
    ("ragunda", "hur länge får nyanlända vara anställda med studier på arbetstid",
     "ragunda.etableringsjobb"),
])
def test_staff_wording_reaches_the_entry_stating_the_fact(kb, org, question, entry_id):
    reply = kb.ask(question, org, "sv")
    assert not reply.abstained
    assert reply.cards[0].entry_id == entry_id


def test_plocka_ut_is_read_as_valja_ut(kb):
    # "plocka ut" (everyday) for the guideline's "urval"/"välja ut" (shared synonym group).
    reply = kb.ask("hur plockas klienterna ut till arbetscoach", "danderyd", "sv")
    assert not reply.abstained
    assert reply.cards[0].entry_id.startswith("danderyd.urval.")


def test_lotsa_is_read_as_hanvisa(kb):
    # "lotsa" (steer someone to a service) for the guidelines' "hänvisa"/"slussa".
    reply = kb.ask("vart ska vi lotsa en deltagare med missbruk", "bjurholm", "sv")
    assert not reply.abstained
    assert reply.cards[0].entry_id == "bjurholm.beroende"
