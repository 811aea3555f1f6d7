"""Facts a question asks for (an amount, a count, a duration …) and whether an entry gives them.

The kinds of fact are in fact_kinds.py; this module reads an answer's sentences against them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from bot.knowledge.fact_kinds import (
    AMOUNT_CUE,
    ANYWHERE_FACTS,
    COUNT_CUE,
    COUNT_FACT,
    COUNT_MEASURE,
    COUNT_NOISE,
    FACTS,
    PARAGRAPH_CUE,
    RAW_FACTS,
)
from bot.knowledge.text import colloquial, fold, is_stopword, normalise, tokens

# "Riktlinjen anger inte …", "Hur stor den är anges inte", "Det framgår inte", "säger ingenting".
_GAP = re.compile(r"\b(?:anger|anges|innehaller|namner|namns|sager|skriver|framgar|star|beskriver|forklarar"
                  r"|klargor|namnger|reglerar)\b(?:\s+\S+){0,2}?\s+(?:inte|inget|ingen|inga"
                  r"|ingenting)\b|\briktlinjen har (?:inget|ingen|inga)\b|\bgar inte att lasa ut\b")
_WH = {"vem": "vem", "vilka": "vilk", "vilken": "vilk", "vilket": "vilk", "hur": "hur",
       "nar": "nar", "var": "var"}


@lru_cache(maxsize=8192)  # answers are few and fixed; one is checked on nearly every question
def sentences(text: str) -> tuple[str, ...]:
    """The folded, lower-case sentences of an answer."""
    return tuple(f for _, f in written_sentences(text))


@lru_cache(maxsize=8192)
def written_sentences(text: str) -> tuple[tuple[str, str], ...]:
    """An answer's sentences as written, each with its folded reading (non-empty ones)."""
    return tuple((p, f) for p, f in ((p, fold(" ".join(tokens(p))))
                                     for p in re.split(r"(?<=[.!?;])\s+", text)) if f)


@lru_cache(maxsize=32768)
def phrasing_typed(text: str) -> str:
    """A phrasing or question as compared for "the same question": normalised and folded."""
    return fold(normalise(text))


def is_gap(sentence: str) -> bool:
    """Whether a (folded) sentence says the guideline does not state something."""
    return bool(_GAP.search(sentence))


def leads_with_gap(answer: str) -> bool:
    """Whether an answer opens by saying the guideline does not state the thing: a gap entry."""
    first = sentences(answer)[:1]
    return bool(first) and is_gap(first[0])


def lacks_asked_fact(question: str, answer: str, key: Callable[[str], str]) -> str | None:
    """Whether a question asks for a fact the answer does not give: "explicit", "missing" or None.

    "explicit": a gap sentence of the answer restates what is asked ("Vem den andra aktören är
    anger riktlinjen inte" for "vem är den andra aktören"; "Hur stor ersättningen är anger
    riktlinjen inte" for "hur mycket ersättning"), so no other entry should be tried.
    "missing": the question asks for a kind of fact (amount, count, duration, frequency, weekday,
    paragraph) that no stating sentence of the answer contains.
    """
    return lacks_fact(read_folded(question), answer, key, clause_heads(question))


def read_folded(question: str) -> str:
    """A question as the fact checks read it: its tokens, chat shorthand read, folded."""
    return " ".join(fold(w) for w in colloquial(tokens(question)))


# A cue asks for a fact only near the start of a clause: "hur mycket kostar det" does, "utan krav
# på hur mycket hon hinner" (a person's situation) does not.
HEAD_WORDS = 5
_CLAUSE = re.compile(r"[,.;:?!()]+|\b(?:och|samt|men|eller|and|but|or)\b")


def clause_heads(text: str) -> str:
    """The first HEAD_WORDS words of each clause of a question, folded, joined by " | "."""
    heads = (colloquial(tokens(c))[:HEAD_WORDS] for c in _CLAUSE.split(text.lower()))
    return " | ".join(" ".join(fold(w) for w in h) for h in heads if h)


def lacks_fact(q: str, answer: str, key: Callable[[str], str],
               heads: str | None = None) -> str | None:
    """lacks_asked_fact for a question already read (`read_folded`, or Question.folded).

    `heads` (clause_heads) is where the fact cues are looked for; the whole question if None.
    """
    cues = q if heads is None else heads
    parts = written_sentences(answer)
    gaps = [s for _, s in parts if is_gap(s)]
    stating = [s for _, s in parts if not is_gap(s)]
    written = [w for w, s in parts if not is_gap(s)]
    asked = _focus(q.split(), key, 2)
    if asked is not None and any(_same_focus(asked, _focus(s.split(), key, 2)) for s in gaps):
        return "explicit"
    checks = [(c, f, cues) for c, f in FACTS] + [(c, f, q) for c, f in ANYWHERE_FACTS]
    for cue, fact, where in checks:
        if cue is COUNT_CUE and cue.search(where):
            if not any(_states_count(q, s, key) for s in stating):
                return "explicit" if any(cue.search(s) and _about(asked, s, key)
                                         for s in gaps) else "missing"
            continue
        if fact in RAW_FACTS:
            if cue.search(where) and not any(fact.search(w) for w in written):
                return "explicit" if any(cue.search(s) and _about(asked, s, key)
                                         for s in gaps) else "missing"
            continue
        if cue is AMOUNT_CUE and cue.search(where):
            # An amount answers only about the thing asked: "600 kronor" of the bus card's own
            # fee is no answer to "hur mycket ersättning för egen bil".
            thing = _asked_thing(q, cue, key)
            amounts = [s for s in stating if fact.search(s)]
            named = [s for s in stating if not fact.search(s) and _tied(thing, s, key) >= TIE]
            if not amounts or (named and not any(_tied(thing, s, key) for s in amounts)):
                return "explicit" if any(cue.search(s) and _about(asked, s, key)
                                         for s in gaps) else "missing"
            continue
        if cue is PARAGRAPH_CUE:
            # A paragraph of another law is no answer: "vilken paragraf i OSL" is not answered
            # by "4 kap. 2 § SoL"; the stating sentence must name the law asked about.
            laws = [law for law in _LAWS if law.search(q)]
            if laws and cue.search(where) and not any(
                    fact.search(s) and all(law.search(s) for law in laws) for s in stating):
                return "missing"
        if cue.search(where) and not any(fact.search(s) for s in stating):
            return "explicit" if any(cue.search(s) and _about(asked, s, key) for s in gaps) \
                else "missing"
    return None


def _states_count(q: str, sentence: str, key: Callable[[str], str]) -> bool:
    """Whether a stating sentence gives a count: a number that is no year, date or law number,
    or "en"/"ett" just before the thing counted ("hur många koordinatorer": "en koordinator")."""
    after = COUNT_CUE.split(q, maxsplit=1)[-1].split()
    first = next((w for w in after if not is_stopword(w) and len(w) > 2), None)
    counted = key(first) if first is not None else None
    plain = COUNT_NOISE.sub(" ", sentence)
    if COUNT_FACT.search(plain):
        if first is None or COUNT_MEASURE.fullmatch(first):
            return True
        # A count of meetings or weeks is no count of the people asked about (fact_kinds).
        toks = plain.split()
        for i, w in enumerate(toks):
            if COUNT_FACT.match(w):
                unit = next((n for n in toks[i + 1:i + 4] if not COUNT_FACT.match(n)
                             and n not in ("till", "a", "per")), "")
                if not COUNT_MEASURE.fullmatch(unit):
                    return True
    words = sentence.split()
    return counted is not None and any(
        w in ("en", "ett", "one", "a", "an") and any(_same_word(counted, key(n))
                                                     for n in words[i + 1:i + 4])
        for i, w in enumerate(words))


# Laws a question may ask a paragraph of, by abbreviation or name (folded text).
_LAWS = (re.compile(r"\bosl\b|sekretesslag\w*"), re.compile(r"\bsol\b|socialtjanstlag\w*"),
         re.compile(r"\blss\b"), re.compile(r"\bskollag\w*"), re.compile(r"\bforvaltningslag\w*"))
# An answer names the asked thing in a sentence without an amount when it shares this many of
# its words; its amounts must then name the thing too, or they are another thing's.
TIE = 2
# Words that only ask for an amount, or are about anyone's amount ("kostar", "betala", "pengar").
_AMOUNT_WORDS = frozenset("""hur mycket stor stora stort storlek vad kostar kosta kostnad kostnaden
kostnader timpris timpriset belopp beloppet summa summan kronor kr pengar betala betalar betalt
far fa ges ska skall man vi ni de dom how much cost costs does do get paid pay money""".split())


def _asked_thing(q: str, cue: re.Pattern[str], key: Callable[[str], str]) -> frozenset[str]:
    """The stems of what an amount question is about: its content words but the cue's own."""
    rest = cue.sub(" ", q)
    return frozenset(key(w) for w in rest.split() if w not in _AMOUNT_WORDS
                     and not is_stopword(w) and not is_stopword(w, "en") and len(w) > 2
                     and not w.isdigit())


def _tied(thing: frozenset[str], sentence: str, key: Callable[[str], str]) -> int:
    """How many of the asked thing's words a sentence names."""
    words = [key(w) for w in sentence.split() if len(w) > 2]
    return sum(any(_same_word(a, w) for w in words) for a in thing)


def _about(asked: tuple[str, tuple[tuple[str, str], ...]] | None, gap: str,
           key: Callable[[str], str]) -> bool:
    """Whether a gap sentence naming the asked kind of fact is about what the question asks."""
    focus = _focus(gap.split(), key, 2)
    return asked is None or focus is None or _same_focus(asked, focus)


# Words between a wh-word and what it asks about: "vilka (de) tre parter"; "hur lång" keeps
# "lång", so "hur lång stabilitet" (a duration) differs from "hur stabiliteten dokumenteras".
_SKIP = frozenset("de den det ar tre tva fyra fem andra".split())
_AT = frozenset("pa hos inom".split())


def _focus(words: list[str], key: Callable[[str], str],
           width: int) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """The first wh-word of a (folded) clause and its next `width` content words (word, stem)."""
    for i, w in enumerate(words[:12]):
        if w in _WH:
            start = i + 1
            if w == "vem" and words[start:start + 1] and words[start] in _AT:
                start += 2  # "vem på kommunen prövar": where the person sits is not what is asked
            asked = [(n, key(n)) for n in words[start:start + 4]
                     if n not in _SKIP and n not in _WH and not is_stopword(n)][:width]
            return (_WH[w], tuple(asked)) if asked else None
    return None


# Light verbs whose object carries the meaning: "vem skickar fakturan" asks what "vem fakturerar"
# asks, so the object is compared too.
_LIGHT_VERBS = frozenset("skickar skicka skickas gor gora tar ta ger ge skoter skota haller halla"
                         " sends send does do takes take gives give handles handle".split())
# Stems sharing this many first letters are one word in another form ("faktur|an" asked,
# "faktur|erar" in the gap sentence): Snowball leaves verb and noun forms apart.
_SAME_ROOT = 5


# The verbs and subject of a gap sentence ("… anger riktlinjen inte", "… framgår inte").
_GAP_VERBS = frozenset("anger anges riktlinjen framgar namner namns beskriver beskrivs reglerar"
                       " regleras".split())
# Words that only say which measure is asked ("hur länge", "hur mycket", "hur ofta").
_DEGREE = frozenset("lange lang langt mycket ofta manga stor stort stora".split())


# Nouns for a party ("vilken aktör", "vilken myndighet"): asked with "vilken", answered as "vem".
_PARTIES = ("aktor", "part", "organisation", "myndighet", "instans", "forvaltning", "namnd",
            "person", "enhet")


def _same_word(a: str, b: str) -> bool:
    return a == b or (len(a) >= _SAME_ROOT and a[:_SAME_ROOT] == b[:_SAME_ROOT])


def _same_focus(asked: tuple[str, tuple[tuple[str, str], ...]],
                gap: tuple[str, tuple[tuple[str, str], ...]] | None) -> bool:
    """Whether a gap sentence's wh-clause is about what the question asks."""
    if gap is None:
        return False
    if gap[0] != asked[0]:
        # "vilken (är den andra) aktör" asks what "vem" asks: both ask for a party.
        party = asked[0] == "vilk" and asked[1][0][0].startswith(_PARTIES)
        if not (party and gap[0] == "vem"):
            return False
        asked = (gap[0], asked[1])
    # "Hur länge anges inte": the gap's own verb is no word of what is asked about.
    kept = tuple(w for w in gap[1] if w[0] not in _GAP_VERBS)
    if kept:
        gap = (gap[0], kept)
    if asked[1][0][0] in _DEGREE and len(asked[1]) > 1 and len(gap[1]) > 1:
        # "hur länge gäller avtalet" is not answered by "hur länge enheten står för kostnaden
        # anges inte": after a degree word the thing measured decides.
        return _same_word(asked[1][1][1], gap[1][1][1])
    target = gap[1][0][1]
    first = asked[1][0]
    if _same_word(first[1], target):
        # "vilka projekt har vi haft" is not "vilka projekt som pågår nu anges inte": where both
        # go on, the next word must agree too.
        if len(asked[1]) < 2 or len(gap[1]) < 2:
            return True
        return _same_word(asked[1][1][1], gap[1][1][1])
    if len(asked[1]) < 2:
        return False
    second = asked[1][1][1]
    # "vilken statistik ska registreras" against "vilka uppgifter som ska registreras": the
    # words in the same place after the wh-word (the predicate) agree.
    if len(gap[1]) > 1 and _same_word(second, gap[1][1][1]):
        return True
    return first[0] in _LIGHT_VERBS and _same_word(second, target)


def asks_for_fact(question: str) -> bool:
    """Whether a question asks for an amount, count, duration, frequency, paragraph or weekday."""
    return asks_fact(clause_heads(question))


def states_asked_fact(q: str, answer: str, key: Callable[[str], str]) -> bool:
    """Whether a question (folded, read whole) asks for a kind of fact the answer states."""
    return asks_fact(q) and lacks_fact(q, answer, key) is None


def asks_fact(q: str) -> bool:
    """asks_for_fact for a question already read (its clause heads)."""
    return any(cue.search(q) for cue, _ in (*FACTS, *ANYWHERE_FACTS))


def as_typed(question: str) -> str:
    """A question as compared with an entry's phrasings for "the same question"."""
    return fold(normalise(question))
