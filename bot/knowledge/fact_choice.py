"""Choosing the entry that answers a question asking for a fact: keep the top, let a close entry
that states the fact stand in, or abstain.

facts.py reads what a question asks for and what an answer states; this module decides, for one
question's ranked matches, which entry (if any) is the answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.knowledge.facts import (
    asks_fact,
    lacks_fact,
    leads_with_gap,
    phrasing_typed,
    sentences,
)
from bot.knowledge.items import names_item, paid_item
from bot.knowledge.text import is_stopword

# How far (raw score) a non-sibling candidate may trail the top and still answer in its place
# when it states the asked fact and the top does not: close enough to be the same question.
FACT_CLOSE = 0.08
FACT_WINDOW = 6  # candidates looked at for one that states the fact


@dataclass(frozen=True)
class FactCheck:
    """What the fact check decided: answer with `index` (into the matches), or abstain."""

    abstain: bool
    index: int = 0
    swapped: bool = False


def entry_lacks(folded: str, typed: str, answer: str, own_phrasings: list[str], sure: bool,
                key: Callable[[str], str], answer_en: str = "",
                heads: str | None = None) -> str | None:
    """Whether an entry fails to give the fact a question asks for ("explicit"/"missing"/None).

    A question that is one of the entry's own phrasings never lacks it (the entry was written
    for it). An entry that opens with "the guideline does not state …" is itself the honest
    answer, but only when the match is sure; hedged, it lacks what is asked.
    """
    # `typed` is the same reading as phrasing_typed, made once per question (uncached: questions are
    # the staff's own words, and a cache would keep thousands of them for no gain).
    if any(phrasing_typed(p) == typed for p in own_phrasings):
        return None
    item = paid_item(folded, key)
    if item and not names_item(item, [answer, answer_en, *own_phrasings], key):
        return "missing"  # "betalar ni körkort": an entry never naming the item is no answer
    if leads_with_gap(answer):
        if sure:
            return None
        # Hedged, a gap entry asked for a specific fact (how long, which paragraph), or for the
        # very thing its opening says the guideline leaves out, is no answer: its "the guideline
        # does not say" is as good as abstaining with it named as nearest.
        if asks_fact(folded if heads is None else heads) or _asks_the_gap(
                folded, [answer, answer_en], key):
            return "explicit"
        # Hedged, "the guideline does not state it" is no answer to a question it was not written
        # for: a close entry that states something stands in, else the reply abstains with it
        # named as nearest (issue 16: a confident answer contains what was asked).
        return "missing"
    return lacks_fact(folded, answer, key, heads)


# The words of a gap sentence that only say "the guideline does not state" (both languages).
_GAP_WORDS = frozenset("""riktlinjen riktlinje anger anges sager namner namns framgar beskriver
inte inget ingen inga ingenting nagot om vilka vilken vem hur nar bara den det guideline
document does doesn not state states say says mention mentions give gives nothing about who
which what when how only""".split())


def _asks_the_gap(folded: str, answers: list[str], key: Callable[[str], str]) -> bool:
    """Whether a question names what an answer's opening sentence says the guideline lacks."""
    asked = {key(w) for w in folded.split() if not is_stopword(w) and len(w) > 2}
    for answer in answers:
        first = sentences(answer)[:1]
        if not first:
            continue
        gap = {key(w) for w in first[0].split()
               if w not in _GAP_WORDS and not is_stopword(w) and not is_stopword(w, "en")
               and len(w) > 2}
        if asked & gap:
            return True
    return False


def choose(lacks: Callable[[int], str | None], raws: list[float], related: Callable[[int], bool],
           floor_ok: Callable[[int], bool],
           states: Callable[[int], bool] = lambda i: False) -> FactCheck:
    """Keep the top, swap in a candidate that states the asked fact, or abstain.

    Args:
        lacks: index -> entry_lacks verdict for that match.
        raws: the matches' raw scores, best first.
        related: index -> whether that match is a sibling of the top (same topic).
        floor_ok: index -> whether that match is confident enough to be offered at all.
        states: index -> whether that match's answer states the kind of fact the whole question
            asks for (a duration, an amount …); False when the question asks for none.
    """
    verdict = lacks(0)
    if verdict is None:
        return FactCheck(False)
    # "600 kronor" for the bus card: a sibling, or any entry as close as one, that does state
    # the fact answers; otherwise abstain and name the top as the nearest topic. A top that itself
    # says the guideline does not give this ("explicit") yields only to an entry as close as a
    # sibling would be: another topic stating it ("hur länge gäller avtalet") is the answer.
    for i in range(1, min(FACT_WINDOW, len(raws))):
        if not floor_ok(i):
            continue
        near = raws[0] - raws[i] <= FACT_CLOSE
        if verdict == "explicit":
            if near and states(i):
                return FactCheck(False, i, True)
        elif (near or related(i)) and lacks(i) is None:
            return FactCheck(False, i, True)
    return FactCheck(True)
