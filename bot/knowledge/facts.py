"""Facts a question asks for (an amount, a count, a duration …) and whether an entry gives them."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from bot.knowledge.text import colloquial, fold, is_stopword, normalise, tokens

# A question asking for one specific fact (an amount, a count, a duration, a frequency, a weekday)
# can only be answered by an entry whose answer states that kind of fact. The pattern pairs are
# (question cue on folded text, what an answer sentence must contain); a sentence that says the
# guideline does not state something never counts as containing the fact.
_NUM = (r"(?:\d|\b(?:en|ett|tva|tre|fyra|fem|sex|sju|atta|nio|tio|elva|tolv|tjugo|hundra|halva"
        r"|halften|one|two|three|four|five|six|seven|eight|nine|ten|twelve|half)\b)")
_FACTS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\b(?:hur mycket|hur stor[at]?(?: (?:del|andel|bidrag|ersattning|summa|belopp|avgift))?"
                r"|hur manga kronor|vad kostar|timpris|belopp|how much|what does \w+ cost)\b"),
     re.compile(r"\d|\bkronor\b|\bkr\b|procent|\bhalva\b|\bhalften\b|\bgratis\b|kostnadsfri"
                r"|ingen (?:avgift|kostnad)|inte (?:kostar|nagot)")),
    (re.compile(r"\b(?:hur manga|how many)\b"), re.compile(_NUM)),
    (re.compile(r"\b(?:hur lang[et]?|how long|maxtid)\b"),
     re.compile(_NUM + r"\s*(?:\w+\s+){0,2}(?:dag|veck|manad|ar\b|arsvis|timm|tim\b)"
                r"|\btills vidare\b|\btillsvidare\b|\bslutdatum\b")),
    (re.compile(r"\b(?:hur ofta|how often|intervall)\b"),
     re.compile(r"\bgang(?:er)? (?:i|per|om)\b|\bvarje\b|dagligen|veckovis|manadsvis|lopande"
                r"|regelbundet|\d")),
    (re.compile(r"\b(?:paragraf|paragrafer|lagrum|which section of the law)\b"),
     re.compile(r"\bkap\b|\d")),
    (re.compile(r"\b(?:veckodag|vilken dag|vilka dagar|what day|which day)\b"),
     re.compile(r"mandag|tisdag|onsdag|torsdag|fredag|lordag|sondag")),
    # A time of day, or hours of work: "once a week" answers neither.
    (re.compile(r"\b(?:vilken tid|vilka tider|hur dags|klockan|what time|at what time)\b"),
     re.compile(r"\bkl\b|klockan|\d{1,2}[.:]\d{2}|formiddag|eftermiddag|kvall")),
    (re.compile(r"\b(?:hur manga timmar|how many hours|timmar (?:i|per) vecka\w*"
                r"|hours (?:a|per) week)\b"),
     re.compile(r"timm|\btim\b|hour")),
    # Contact details: a street address, a phone number, an e-mail address or opening hours.
    # "Måste hon ha sin adress i stan" asks about residence, not for an address: the cue is the
    # question for one ("vilken adress", "vad har X för telefonnummer").
    (re.compile(r"\b(?:vilken adress|vilka adresser|var har \w+ (?:sitt|sina) kontor|telefonnumm?er"
                r"|telefonnumret|e ?postadress\w*|mejladress\w*|mailadress\w*|oppettider\w*"
                r"|what is the address|which address|phone number|telephone|email address"
                r"|opening hours)\b"),
     re.compile(r"@|\b\w+(?:gatan|vagen|grand|torget|platsen)\s+\d|\b0\d{1,3}[- ]?\d{2,3}"
                r"|\bkl\b|klockan|\d{1,2}[.:]\d{2}")),
    # A total ("vad kostar busskortet totalt") is not answered by one share of it (the
    # participant's own fee): the answer must state the whole.
    (re.compile(r"\b(?:hur mycket|vad kostar|how much|what does \w+ cost)\b(?:\s+\S+){0,4}?"
                r"\s+(?:totalt|sammanlagt|allt som allt|in total|altogether)\b"),
     re.compile(r"\btotal\w*|sammanlagt|hela kostnaden|allt som allt|\bfull cost|\bin all\b")),
)
# Facts asked for wherever the question names them (not only at a clause's head): when the
# guideline is revised or reviewed ("when is the guideline due for revision") is a date that only
# a sentence about revising states; a sentence saying there is no revision date does not.
_ANYWHERE_FACTS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\b(?:nar|when)\b.*\b(?:revider\w*|revision\w*|revis(?:e|ed)|review(?:ed)?"
                r"|ses over|uppdateras)\b"),
     re.compile(r"revider|revision|revise|review|ses over|uppdater")),
)
# "Riktlinjen anger inte …", "Hur stor den är anges inte", "Det framgår inte", "säger ingenting".
_GAP = re.compile(r"\b(?:anger|anges|innehaller|namner|namns|sager|skriver|framgar|star|beskriver|forklarar"
                  r"|klargor|namnger|reglerar)\b(?:\s+\S+){0,2}?\s+(?:inte|inget|ingen|inga"
                  r"|ingenting)\b|\briktlinjen har (?:inget|ingen|inga)\b|\bgar inte att lasa ut\b")
_WH = {"vem": "vem", "vilka": "vilk", "vilken": "vilk", "vilket": "vilk", "hur": "hur",
       "nar": "nar", "var": "var"}


@lru_cache(maxsize=8192)  # answers are few and fixed; one is checked on nearly every question
def sentences(text: str) -> tuple[str, ...]:
    """The folded, lower-case sentences of an answer."""
    return tuple(s for s in (fold(" ".join(tokens(p)))
                             for p in re.split(r"(?<=[.!?;])\s+", text)) if s)


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
    parts = sentences(answer)
    gaps = [s for s in parts if is_gap(s)]
    stating = [s for s in parts if not is_gap(s)]
    asked = _focus(q.split(), key, 2)
    if asked is not None and any(_same_focus(asked, _focus(s.split(), key, 2)) for s in gaps):
        return "explicit"
    checks = [(c, f, cues) for c, f in _FACTS] + [(c, f, q) for c, f in _ANYWHERE_FACTS]
    for cue, fact, where in checks:
        if cue is _AMOUNT_CUE and cue.search(where):
            # An amount answers only about the thing asked: "600 kronor" of the bus card's own
            # fee is no answer to "hur mycket ersättning för egen bil".
            thing = _asked_thing(q, cue, key)
            amounts = [s for s in stating if fact.search(s)]
            named = [s for s in stating if not fact.search(s) and _tied(thing, s, key) >= TIE]
            if not amounts or (named and not any(_tied(thing, s, key) for s in amounts)):
                return "explicit" if any(cue.search(s) and _about(asked, s, key)
                                         for s in gaps) else "missing"
            continue
        if cue.search(where) and not any(fact.search(s) for s in stating):
            return "explicit" if any(cue.search(s) and _about(asked, s, key) for s in gaps) \
                else "missing"
    return None


_AMOUNT_CUE = _FACTS[0][0]
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


def _focus(words: list[str], key: Callable[[str], str],
           width: int) -> tuple[str, tuple[tuple[str, str], ...]] | None:
    """The first wh-word of a (folded) clause and its next `width` content words (word, stem)."""
    for i, w in enumerate(words[:12]):
        if w in _WH:
            asked = [(n, key(n)) for n in words[i + 1:i + 5]
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
    return any(cue.search(q) for cue, _ in (*_FACTS, *_ANYWHERE_FACTS))


def as_typed(question: str) -> str:
    """A question as compared with an entry's phrasings for "the same question"."""
    return fold(normalise(question))
