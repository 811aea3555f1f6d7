"""A question read once: its words, language, named municipalities, intents and its parts.

Every later stage (ranking, the fact check, the person and own-case checks, comparison and
two-part answering) takes this one value instead of tokenising the text again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.knowledge import intent as intents
from bot.knowledge.facts import as_typed, asks_fact, clause_heads
from bot.knowledge.text import colloquial, content_words, detect_language, fold, tokens

# Where a message holds a second question: "…? …?" or "… och hur/vem/vad …". The second half must
# open with a question word, so "FAT och praktik" (two things in one question) stays whole.
_WH_SV = "hur|vem|vad|vilka|vilken|vilket|nar|var|varfor|kan|far|ska|maste|galler|finns|ar"
_WH_EN = "how|who|what|which|when|where|why|can|does|do|is|are|must|should"
_SPLIT = re.compile(rf"\s+(?:och|samt|and|plus)\s+(?:(?:till|for|i|pa|av|med|om|fran|to|in|on|of"
                    rf"|for|with|from)\s+)?(?:(?:{_WH_SV}|{_WH_EN})\b)")
# After a comma, a second yes/no question may open with any common verb ("…, och gör AF något
# uppsökande arbete"); without the comma "och gör/har" mostly joins two things one person does.
_SPLIT_COMMA = re.compile(r",\s*(?:och|samt|and)\s+(?:gor|har|blir|behover|brukar|bor|tar|does|has)\b")
_SENTENCE = re.compile(r"(?<=[?;])\s+|\?\s*(?=\S)")
# A question about someone's situation, which eligibility rules (not only the guideline's text)
# can answer: an age ("52-årig", "en 22-åring", "a 30-year-old") or "en kvinna som/med …".
_SCENARIO = re.compile(r"\b\d{1,2} (?:arig|aring|ar gammal|year old)\b|\b(?:en|ett|a|an) (?:kvinna|man"
                       r"|person|ungdom|klient|deltagare|arbetssokande|nyanland|woman|client"
                       r"|participant|jobseeker) (?:som|med|utan|who|with|without)\b")
# A second half that points back at the first's topic ("det", "den", "dem", "it", "they").
_ANAPHOR = re.compile(r"\b(?:det|den|dem|de|detta|dessa|dar|dit|sa|it|they|them|this|that|these"
                      r"|those|there)\b")
# The first part needs a content word ("vad gör portalen"); a second part with fewer than
# MIN_PART_WORDS ("och hur länge gäller det") borrows the first part's topic words.
MIN_PART_WORDS = 2


@dataclass(frozen=True)
class Question:
    """One question as read. `words` are what is searched (municipality names taken out)."""

    text: str  # as typed (the person check needs its capitals)
    tokens: tuple[str, ...]  # lower-case tokens, chat shorthand read ("mkt" -> "mycket")
    folded: str  # the tokens folded (å -> a) and joined: what the fact and case checks read
    typed: str  # the text normalised and folded, compared with the packs' own phrasings
    heads: str  # each clause's first words, folded: where a question asks for a fact
    lang: str  # 'sv' or 'en', from the function words (the asker's language when none)
    words: list[str]  # the tokens without municipality names (and their "i", "kommun")
    named: list[str]  # municipalities named, in order
    compare: bool  # asks to compare municipalities
    all_orgs: bool  # asks about all of them ("vilka av kommunerna …")
    off_topic: bool  # weather, jokes and the like
    own_case: bool  # asks for advice on one's own client's case
    asks_fact: bool  # asks for an amount, count, duration, frequency, paragraph or weekday
    scenario: bool  # describes a concrete person's situation ("en 52-årig kvinna som …")
    parts: tuple[Question, ...] = ()  # two questions in one message; empty otherwise
    alone: Question | None = None  # a part that borrowed the first's words: its own reading

    @property
    def content(self) -> list[str]:
        return content_words(self.words)[0]


def read(text: str, lang: str = "sv") -> Question:
    """Read a question once (and each of its parts, when it holds two).

    Args:
        text: the question as typed.
        lang: the asker's language, used when the words reveal none.
    """
    whole = _read_one(text, lang)
    halves = _split(text)
    if len(halves) != 2 or whole.compare:
        return whole
    first, second = (_read_one(h, whole.lang) for h in halves)
    if not first.content:
        return whole
    if not second.content:
        # "… och var?": a tail of the same question, not a second one.
        return whole
    if len(second.content) < MIN_PART_WORDS and _ANAPHOR.search(fold(halves[1].lower())):
        # "vilka får busskort och hur mycket kostar det": the second half asks about the first's
        # topic. One that names its own ("och vad gör man på MÖTAS") keeps to it.
        own = second
        second = _read_one(f"{halves[1]} {' '.join(first.content)}", whole.lang)
        second = Question(**{**second.__dict__, "alone": own})
    named = whole.named
    first, second = (p if p.named else with_named(p, named) for p in (first, second))
    return Question(**{**whole.__dict__, "parts": (first, second)})


def with_named(part: Question, named: list[str]) -> Question:
    """The part with the message's named municipalities (a part naming none asks about them)."""
    return Question(**{**part.__dict__, "named": list(named)})


def _read_one(text: str, lang: str) -> Question:
    toks = colloquial(tokens(text))
    it = intents.analyse_words(toks)
    folded = " ".join(fold(w) for w in toks)
    heads = clause_heads(text)
    return Question(text, tuple(toks), folded, as_typed(text), heads,
                    detect_language(toks) if toks else lang, it.words, it.named, it.compare,
                    it.all_orgs, it.off_topic, intents.own_case(folded), asks_fact(heads),
                    bool(_SCENARIO.search(folded)))


def _split(text: str) -> list[str]:
    """The two halves of a message holding two questions, else the message alone."""
    pieces = [p.strip(" ,.") for p in _SENTENCE.split(text.strip()) if p.strip(" ,.?")]
    if len(pieces) == 2:
        return pieces
    if len(pieces) > 2:
        return [text]
    folded = fold(text.lower())
    m = _SPLIT.search(folded) or _SPLIT_COMMA.search(folded)
    if not m or m.start() < 8:
        return [text]
    # Positions agree: fold() maps one letter to one letter.
    second = text[m.start():].strip(" ,?").split(None, 1)
    return [text[: m.start()].strip(" ,"), second[1]] if len(second) == 2 else [text]
