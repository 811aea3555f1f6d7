"""English questions: their chatter and genitives weigh as little as the Swedish ones'.

The questions here are written for these tests (everyday staff wording), never taken from the
benchmark sets.
"""

from __future__ import annotations

import pytest

from bot.knowledge.reply import Match
from bot.knowledge.text import QUESTION_FILLERS, fold, tokens


def test_an_english_genitive_is_the_noun_itself():
    assert tokens("the women's group, Ragunda’s guideline") == [
        "the", "women", "group", "ragunda", "guideline"]


def test_english_chatter_around_the_topic_still_finds_the_entry(kb):
    # "mentioned" and the genitive "women's" name no topic: the criteria entry answers.
    reply = kb.ask("Which criteria are mentioned for the women's group?", "stockholm", "en")
    assert not reply.abstained
    assert reply.cards[0].entry_id == "stockholm.kvinnor.kriterier"


def test_every_filler_is_written_folded():
    # Fillers are looked up folded ("nämns" -> "namns"): an unfolded one would never match.
    assert all(fold(w) == w for w in QUESTION_FILLERS)
    assert fold("nämns") in QUESTION_FILLERS
    # English chatter weighs as its Swedish counterpart does ("kommer" / "comes").
    assert {"comes", "mentioned", "via"} <= QUESTION_FILLERS


@pytest.mark.parametrize(("org", "question", "entry_id"), [
    # "labour market": the English texts keep the Swedish name ("Avestamodellen arbetsmarknad").
    ("avesta", "When did the labour market model start?", "avesta.tidplan.start"),
    # "chapter" and "the Social Services Act" are "kap." and SoL in the texts.
    ("stockholm", "How is a refusal under chapter 4 of the Social Services Act justified?",
     "stockholm.provning.avslag_4_1"),
])
def test_an_english_name_for_a_swedish_term_reaches_its_entry(kb, org, question, entry_id):
    reply = kb.ask(question, org, "en")
    assert not reply.abstained
    assert reply.cards[0].entry_id == entry_id


def test_both_languages_agreeing_on_one_topic_is_a_second_reading(kb):
    # An English question read against the English texts and, through the staff terms, the
    # Swedish ones: the same entry (or a sibling) on top of both, neither weak, is answered hedged.
    ranker = kb._ranker
    own = [Match("bjurholm.statlig.fordelning", 0.6, 0.6, 0.46)]
    assert ranker._agree(own, [Match("bjurholm.statlig.schablon", 0.6, 0.6, 0.40)])
    assert not ranker._agree(own, [Match("bjurholm.statlig.schablon", 0.4, 0.4, 0.20)])
    assert not ranker._agree(own, [Match("bjurholm.projekt", 0.6, 0.6, 0.46)])


def test_a_swedish_question_gets_no_second_reading(kb):
    # The English texts meet a Swedish question only through shared names: no agreement rule
    # ("hur ansöker jag om föräldrapenning för mig själv" is nobody's guideline question).
    assert kb.ask("hur ansöker jag om föräldrapenning för mig själv", "bjurholm").abstained
