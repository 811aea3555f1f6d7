"""Spelling correction finds the same pack words as a search over every word, only sooner."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from bot.knowledge.loader import load_packs
from bot.knowledge.search import KnowledgeBase
from bot.knowledge.spelling import SpellingIndex, deletions

LETTERS = "abcdefghijklmnopqrstuvwxyzåäö"


def _typo(word: str, rnd: random.Random) -> str:
    """One or two slips of a thumb: a letter dropped, added, changed or two swapped."""
    for _ in range(rnd.choice((1, 2))):
        i = rnd.randrange(len(word))
        match rnd.randrange(4):
            case 0:
                word = word[:i] + word[i + 1:]
            case 1:
                word = word[:i] + rnd.choice(LETTERS) + word[i:]
            case 2:
                word = word[:i] + rnd.choice(LETTERS) + word[i + 1:]
            case _:
                word = word[:i] + word[i + 1:i + 2] + word[i] + word[i + 2:]
    return word


@pytest.fixture(scope="module")
def vocabularies():
    kb = KnowledgeBase.from_packs(load_packs())
    return kb._index.vocab  # noqa: SLF001 - the vocabularies the search itself uses


def test_deletion_variants():
    assert deletions("abc", 1) == {"abc", "bc", "ac", "ab"}
    assert deletions("ab", 2) == {"ab", "a", "b", ""}


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_index_finds_exactly_what_a_full_search_finds(vocabularies, lang):
    words = vocabularies[lang].surface_list
    index = SpellingIndex(words)
    rnd = random.Random(20261123)
    misspelt = [_typo(w, rnd) for w in rnd.sample(words, 600)]
    misspelt += ["busskortt", "ungdommar", "aktualisring", "lonebidrag", "sekertess", "xq"]
    for word in misspelt:
        for edits in (1, 2):
            full = [(c, int(d)) for c, d, _ in process.extract(
                word, words, scorer=DamerauLevenshtein.distance, score_cutoff=edits, limit=3)]
            assert index.nearest(word, edits, limit=3) == full, (word, edits)


def test_misspelt_question_words_reach_the_pack_words(vocabularies):
    sv = vocabularies["sv"]
    for typed, meant in [("sekertess", "sekretess"), ("lonebidarg", "lönebidrag"),
                         ("arbetsförmedlnigen", "arbetsförmedl")]:
        keys = [k for keys, _ in sv.resolve(typed) for k in keys]
        assert meant in keys, (typed, keys)
