"""The compact line each municipality gets in an all-municipality reply: its fact and source.

Five lines and their sources fit one phone screen, so a line is about two lines of a phone: the
answer's sentence nearest the question, and what of the answer fits beside it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.knowledge.facts import is_gap, states_asked_fact, written_sentences
from bot.knowledge.reply import AnswerCard, OrgLine
from bot.knowledge.text import SYNONYMS, fold, is_stopword, stem, tokens

if TYPE_CHECKING:  # the knowledge base calls in here; imported for the annotation only
    from bot.knowledge.reading import Question
    from bot.knowledge.search import KnowledgeBase

# A line's fact: about two lines of a phone (five municipalities then fit one screen).
LINE_FACT_CHARS = 150
SOURCE_CHARS = 80  # a source line that fits a phone (issue 11): document short name, section
# A year, a date or a case number ("KS 2023/424", "2022-06-15") is no duration or count: without
# this a guideline's adoption entry ("… är antagen 2024, dnr 2023/424") stated one.
_ABBREVIATION = re.compile(r"\b(?:t\.ex|bl\.a|m\.fl|m\.m|d\.v\.s|dvs|s\.k|ca|kap|resp|jfr)\.$")
_GAP_INVERTED = re.compile(r"\bhar riktlinjen (?:inte|inget|ingen|inga)\b")
_DATE_NOISE = re.compile(r"\b(?:19|20)\d{2}(?:[-/]\d+)*\b|\b\d+/\d+\b")
# An English line is chosen among English sentences, so it needs the English gap sentence ("The
# guideline does not state …", "… is not stated", "The guideline gives no …"): with only the
# Swedish patterns an English line could be "The guideline describes no arenas …".
_GAP_EN = re.compile(
    r"\b(?:is|are) (?:otherwise )?not (?:stated|given|named|specified|described)\b"
    r"|\b(?:guideline|it) (?:itself )?(?:does not|doesn\W*t) (?:state|say|name|give|explain"
    r"|expand|spell|describe|mention|specify|set|refer)\b"
    r"|\b(?:guideline|it) (?:gives|states|names|has|sets|describes|mentions|contains|lists) no\b"
    r"|\bguideline (?:says nothing|names none)\b")
# English durations read as the Swedish units the fact tables know ("12 months" is "12 manader"):
# the line of an English answer is to state the duration asked, as a Swedish one's does.
_EN_UNITS = ((re.compile(r"\bmonths?\b"), "manader"), (re.compile(r"\bweeks?\b"), "veckor"),
             (re.compile(r"\bdays?\b"), "dagar"), (re.compile(r"\byears?\b"), "ar"),
             (re.compile(r"\bhours?\b"), "timmar"))


def states_fact(asked: str, text: str, lang: str = "sv") -> bool:
    """Whether a text states the kind of fact asked, years, dates and case numbers aside (an
    English text's durations read in Swedish units)."""
    text = _DATE_NOISE.sub("", text)
    if lang == "en":
        for unit, sv in _EN_UNITS:
            text = unit.sub(sv, text.lower())
    return states_asked_fact(asked, text, stem)


def org_lines(kb: KnowledgeBase, q: Question, orgs: list[str],
              cards: list[AnswerCard], asked: str = "", lang: str = "sv") -> list[OrgLine]:
    """One line per municipality: the answer's sentence nearest the question, and its source.

    `asked` (a question asking for a number or a duration): the sentence stating one, when any
    does, since that is what the line is for. `lang`: the cards' language (their gap sentences
    and durations are read in it).
    """
    by_org = {c.org: c for c in cards}
    words = {stem(fold(w)) for w in q.content}
    near = _synonyms(words)
    lines = []
    for o in orgs:
        card = by_org.get(o)
        name = kb.municipality_name(o)
        if card is None:
            lines.append(OrgLine(o, name, "", ""))
            continue
        source = _shorten(f"{card.document_short or card.document}, {card.section}", SOURCE_CHARS)
        lines.append(OrgLine(o, name, _fact(card.answer, words, asked, lang, near), source, card.entry_id))
    return lines


def _synonyms(words: set[str]) -> frozenset[str]:
    """The stems of the question's everyday synonyms (text.SYNONYMS) it does not use itself: a
    line is the sentence naming what is asked, and "unga" asked is named by "ungdomar i det
    kommunala uppföljningsansvaret" too, though less than by "Unga under 29 år"."""
    out: set[str] = set()
    for group in SYNONYMS:
        stems = {stem(fold(w)) for w in group}
        if stems & words:
            out |= stems
    return frozenset(out - words)


def _fact(answer: str, words: set[str], asked: str = "", lang: str = "sv",
          near: frozenset[str] = frozenset()) -> str:
    """The answer's sentence sharing most words with the question (the first on a tie), then
    what follows it up to the line's length; a window of it when the cut drops a word asked.

    Asked for a number or a duration, the sentence stating one comes first. What follows the
    sentence fills the line because a short sentence often only opens the fact ("Ja, ungdomar
    … ingår i uppdraget." before "Upp till 20 …"): on the four fresh sets' Swedish questions,
    lines naming what the set expects 115 -> 127 of 164, the longest reply 1028 -> 1094 chars.
    """
    raw, folded = _sentences(answer)
    best, best_hits = 0, -1
    for i, s in enumerate(folded):
        said = {stem(w) for w in s.split() if not is_stopword(w)}
        # A word asked counts twice a synonym of it: a synonym decides only among sentences
        # naming no more of the question's own words.
        hits = 2 * len(words & said) + len(near & said)
        gap = _gap(s, lang)
        if asked and not gap and states_fact(asked, raw[i], lang):
            hits += 100  # the fact asked outweighs any count of shared words
        if hits > best_hits and not gap:
            best, best_hits = i, hits
    text = raw[best]
    for later, read in zip(raw[best + 1:], folded[best + 1:], strict=True):
        if _gap(read, lang) or len(text) >= LINE_FACT_CHARS:
            break  # "the guideline does not state …" is no part of the fact
        text += " " + later
    return _around(text, len(raw[best]), words, LINE_FACT_CHARS)


def _around(text: str, own: int, words: set[str], limit: int) -> str:
    """`text` shortened to `limit`; or, when the cut drops a word asked that its first `own`
    chars (the chosen sentence) hold and the rest before the cut does not, a window holding it
    ("Riktlinjen räknar upp: Arbetsförmedlingen, … Försäkringskassan")."""
    head = _shorten(text, limit)
    if len(text) <= limit:
        return head
    seen = {stem(fold(w.lower())) for w in tokens(head)} & words
    late = next((m.start() for m in re.finditer(r"\w+", text[:own])
                 if m.start() >= len(head) - 1 and stem(fold(m.group().lower())) in words - seen),
                None)
    if late is None:
        return head
    start = text.find(" ", max(0, late - limit // 2)) + 1
    return "…" + _shorten(text[start:], limit - 1)


def _sentences(answer: str) -> tuple[list[str], list[str]]:
    """An answer's sentences as written and folded; an abbreviation ("t.ex.", "bl.a.") ends
    none (split there, "Målgrupper anges per insats, t.ex." was a line of its own)."""
    raw: list[str] = []
    folded: list[str] = []
    for written, read in written_sentences(answer):
        if raw and _ABBREVIATION.search(raw[-1]):
            raw[-1] += " " + written.strip()
            folded[-1] += " " + read
        else:
            raw.append(written.strip())
            folded.append(read)
    return raw or [answer], folded or [fold(answer.lower())]


def _gap(sentence: str, lang: str = "sv") -> bool:
    """Whether a folded sentence says the guideline does not state something (facts.is_gap, and
    "något avsnitt om X har riktlinjen inte"; in English, _GAP_EN): such a sentence is no line's
    fact."""
    if lang == "en":
        return bool(_GAP_EN.search(sentence))
    return is_gap(sentence) or bool(_GAP_INVERTED.search(sentence))


def _shorten(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–-")
    return cut + "…"
