"""How a question's words are read: inflections, particles, genitives, names and asked facts."""

from __future__ import annotations

import pytest

from bot.knowledge import intent as intents
from bot.knowledge.index import Item, best_text_similarity
from bot.knowledge.text import content_words, detect_language, stem, tokens


def test_adjective_and_participle_forms_meet_their_base():
    assert stem("socialt") == stem("sociala") == stem("social")
    assert stem("individuellt") == stem("individuell")
    assert stem("uppfyllda") == stem("uppfyllas")
    assert stem("inskrivna") == stem("inskriven")


def test_an_abbreviations_genitive_is_the_abbreviation():
    assert tokens("vad är AF:s uppdrag") == ["vad", "är", "af", "uppdrag"]
    assert tokens("kl 10:30") == ["kl", "10", "30"]


def test_a_verb_with_its_particle_is_also_read_as_the_compound():
    content, joined = content_words(["måste", "man", "skriva", "in", "sig", "på", "jobbtorg"])
    assert content == ["måste", "skriva", "jobbtorg"]
    assert joined == [None, "inskriva", None]
    assert stem("inskriva") == stem("inskrivning")


def test_a_particle_compound_reaches_the_packs_noun(kb):
    content, joined = content_words(["skriva", "in"])
    slots = kb._index.slots(content, "sv", {}, joined)
    keys = {k for keys, _ in slots[0].alternatives for k in keys}
    assert stem("inskrivning") in keys


def test_a_municipality_inside_a_compound_is_named_and_the_word_kept():
    it = intents.analyse("vem är styrgrupp för avestamodellen")
    assert it.named == ["avesta"]
    assert "avestamodellen" in it.words
    assert intents.analyse("vem är styrgrupp").named == []


def test_a_multi_word_keyword_counts_only_when_the_question_holds_all_its_words():
    item = Item("a", ("lonebidrag anstall",), ("lonebidrag for anstallning",),
                (("krav utbild", "krav pa utbildning"),))
    with_phrase = best_text_similarity("utbild krav kvinn", "utbildningskrav kvinnor", item)
    without = best_text_similarity("krav kvinn", "krav kvinnor", item)
    assert with_phrase > 0.6 > without


@pytest.mark.parametrize("question,answer,expected", [
    # After "hur länge" the thing measured decides: the gap is about another thing, and the
    # answer states the duration of the one asked about.
    ("hur lange galler avtalet",
     "Avtalet gäller ett år. Hur länge enheten står för kostnaden anges inte.", None),
    ("hur lange galler avtalet",
     "Enheten tar kostnaden. Hur länge enheten står för kostnaden anges inte.", "missing"),
    ("hur lange far praktiken vara", "Praktik ges. Hur länge anges inte.", "explicit"),
    # "Until further notice" is a duration.
    ("hur lange galler riktlinjen", "Giltighetstid: tills vidare.", None),
    # Same subject, another predicate: the projects there have been, not those running now.
    ("vilka projekt har vi haft",
     "Det har funnits projekt. Vilka projekt som pågår nu anger riktlinjen inte.", None),
    ("vilka projekt pagar nu",
     "Det har funnits projekt. Vilka projekt som pågår nu anger riktlinjen inte.", "explicit"),
    ("vem star for kostnaden", "Enheten hjälper. Vem som står för kostnaden anges inte.",
     "explicit"),
])
def test_a_gap_sentence_about_something_else_is_no_answer_to_the_question(question, answer,
                                                                           expected):
    assert intents.lacks_asked_fact(question, answer, stem) == expected


def test_swedish_typed_without_accents_is_read_as_swedish():
    # "för" typed as "for" is also English "for": the other words decide.
    assert detect_language(tokens("ar ame bara for langtidsarbetslosa")) == "sv"
    assert detect_language(tokens("vad galler for lonebidrag")) == "sv"
    assert detect_language(tokens("is there a fee for the bus card")) == "en"
    assert detect_language(tokens("what is the rule for bus cards")) == "en"


def test_an_english_possessive_after_a_municipality_is_no_word_of_the_question():
    from bot.knowledge.reading import read

    q = read("According to Ragunda's guideline, how many providers can offer FAT?", "en")
    assert q.named == ["ragunda"] and "s" not in q.words
