"""scenario_card: a scenario question answered by applying the rules, as one AnswerCard."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from bot.eligibility.evaluate import (
    ELIGIBLE,
    NEEDS_MORE,
    NOT_ELIGIBLE,
    OTHER_DECIDES,
    Facts,
    Verdict,
    evaluate,
)
from bot.eligibility.patterns import PLACE, WORKPLACE
from bot.eligibility.scenario import is_scenario, is_specific, read_scenario
from bot.eligibility.schema import FactDef, RuleSet, bundled
from bot.i18n import Translator, translator
from bot.knowledge import intent as intents
from bot.knowledge.reply import AnswerCard

# Facts that say too little to answer on: "en kvinna" in a question about study guidance is no
# eligibility question. Assumed facts never count either.
_WEAK = frozenset({"gender"})
MAX_LISTED = 4  # facts named one by one in "Stämmer: ..."; more are summed up


# A question that is, give or take, one of a pack entry's own phrasings (search.EXACT_RAW) was
# written with its answer: "man 35 år kan han få insats" has a curated entry, and it stays.
PHRASING_RAW = 0.95


class _Match(Protocol):
    @property
    def raw(self) -> float: ...  # read-only: search.Match is a frozen dataclass


class _KnowledgeBase(Protocol):
    def vocabulary(self) -> frozenset[str]: ...

    def rank_question(self, question: str, org: str, lang: str = "sv") -> Sequence[_Match]: ...


def scenario_card(kb: _KnowledgeBase | None, question: str, org: str,
                  lang: str = "sv") -> AnswerCard | None:
    """The eligibility answer to a scenario question, or None for any other question.

    Args:
        kb: the knowledge base: its vocabulary tells a client's first name from a pack word (a
            question naming a client is left to the ordinary path, which declines it), and a
            question that is one of its entries' phrasings is left to that entry.
        question: as typed.
        org: the user's municipality; a question naming one other municipality is about it.
        lang: 'sv' or 'en'.

    Returns:
        An AnswerCard (entry id "<org>.eligibility") whose answer applies the rules to what the
        question states, names what it assumed or still needs, and cites the rules; None when
        the question is no scenario or states nothing the municipality's rules read.
    """
    if not is_scenario(question):  # the cheap test first: most questions end here
        return None
    target = _asked_about(question, org)
    if target is None:
        return None
    facts_defs, rulesets = bundled()
    rs = rulesets.get(target)
    if rs is None:
        return None
    facts = read_scenario(question, lang, target)
    if facts is None or _informative(facts, rs) < (1 if is_specific(question) else 2):
        return None
    # A client's name is left to the ordinary path, which declines it. Stricter than that path
    # (a capitalised word no pack uses counts as a name), but "bosatt i Täby" is a place.
    vocabulary = kb.vocabulary() if kb is not None else frozenset()
    unplaced = PLACE.sub(" ", question)
    if intents.probable_person(unplaced, vocabulary.__contains__, _compound_of(vocabulary)):
        return None
    if kb is not None:
        ranked = kb.rank_question(question, target, lang)
        if ranked and ranked[0].raw >= PHRASING_RAW:
            return None
    verdict = evaluate(target, facts, rulesets)
    t = translator(lang)
    return AnswerCard(target, f"{target}.eligibility", rs.title.get(lang),
                      render(verdict, facts, rs, facts_defs, t), rs.document.title,
                      " · ".join(verdict.citations), document_short=rs.document.short_title)


def _asked_about(question: str, org: str) -> str | None:
    """The municipality whose rules the question asks about: the one it names, else the
    asker's. Where it names two, a place the person lives in ("folkbokförd i Stockholm") or the
    asker's workplace ("jag jobbar i Ragunda") is no rule-giver: the one other named is. None
    for a comparison, or where no one municipality is left."""
    it = intents.analyse(question)
    if len(it.named) <= 1:
        return None if it.compare else it.named[0] if it.named else org
    if it.all_orgs:
        return None
    left = intents.analyse(WORKPLACE.sub(" ", PLACE.sub(" ", question))).named
    return left[0] if len(left) == 1 else None


def _compound_of(vocabulary: frozenset[str]) -> Callable[[str], bool]:
    """A word of the packs, or a compound of two ("jobbtorgsinsats": jobbtorg + s + insats),
    which no client's name is."""
    def known(word: str) -> bool:
        if word in vocabulary:
            return True
        for i in range(4, len(word) - 3):
            head, tail = word[:i], word[i:]
            if tail in vocabulary and (head in vocabulary or (
                    head.endswith("s") and head[:-1] in vocabulary)):
                return True
        return False
    return known


def _informative(facts: Facts, rs: RuleSet) -> int:
    """How many stated facts the municipality's rules read: a question about a particular
    person needs one, "en arbetslös ..." (anyone of a kind) two, or it is about the rule."""
    read = {f for r in rs.rules for f in r.reads}
    return sum(name in read and name not in _WEAK and name not in facts.assumed
               for name in facts.values)


def render(verdict: Verdict, facts: Facts, rs: RuleSet, defs: dict[str, FactDef],
           t: Translator) -> str:
    """The verdict as a few short lines: the outcome, why, what is missing, what was assumed."""
    lang = t.lang
    lines: list[str] = []
    if verdict.outcome == ELIGIBLE:
        lines.append(t("eligibility.verdict.eligible_group", group=verdict.group.name.get(lang))
                     if verdict.group else t("eligibility.verdict.eligible"))
    elif verdict.outcome == NOT_ELIGIBLE:
        lines.append(t("eligibility.verdict.not_eligible"))
        lines += _bullets(r.explain.get(lang) for r in verdict.decisive)
    elif verdict.outcome == OTHER_DECIDES:
        assert verdict.decided_by is not None
        lines.append(t("eligibility.verdict.other_decides", who=verdict.decided_by.get(lang)))
        lines += _bullets(r.explain.get(lang) for r in verdict.decisive)
    else:
        lines.append(t("eligibility.verdict.needs_more"))
        # A note the stated facts set off ("needs other support from social services") is what
        # the asker is told to do now: it comes before what is still needed.
        lines += _bullets(r.explain.get(lang) for r in verdict.notes if r.condition is not None)
        if verdict.fits is not None:  # lead with the group the facts fit, not the one ruled out
            lines.append(t("eligibility.fits_group", group=verdict.fits.name.get(lang)))
        else:
            lines += _bullets(r.explain.get(lang) for r in verdict.failed)
    if verdict.outcome == NEEDS_MORE:
        met = [f for r in rs.rules if r.kind == "criterion" and r not in verdict.failed
               for f in r.reads if facts.get(f) is not None and f not in verdict.needed
               and f not in verdict.assumed]  # those are named once, under "Antaget"
        met = list(dict.fromkeys(met))
        if len(met) > MAX_LISTED:  # a phone screen: the long list adds nothing to "yes so far"
            lines.append(t("eligibility.met_all"))
        elif met:
            lines.append(t("eligibility.met", facts=", ".join(
                _describe(f, facts, defs, t) for f in met)))
        lines.append(t("eligibility.needed", facts=", ".join(
            defs[f].label.get(lang) for f in verdict.needed)))
        if verdict.fits is not None and verdict.failed:
            lines.append(t("eligibility.ruled_out"))
            lines += _bullets(r.explain.get(lang) for r in verdict.failed)
    lines += _bullets(r.explain.get(lang) for r in verdict.notes
                      if verdict.outcome != NEEDS_MORE or r.condition is None)
    if verdict.assumed:
        lines.append(t("eligibility.assumed", facts=", ".join(
            _describe(f, facts, defs, t) for f in verdict.assumed)))
    return "\n".join(lines)


def _bullets(texts: Iterable[str]) -> list[str]:
    return [f"• {text}" for text in dict.fromkeys(texts)]


def _describe(name: str, facts: Facts, defs: dict[str, FactDef], t: Translator) -> str:
    """"ålder 45", "folkbokförd i kommunen: ja", "målgrupp: missbruk"."""
    d, value, lang = defs[name], facts.get(name), t.lang
    if d.type == "bool":
        shown = t("eligibility.value_yes") if value else t("eligibility.value_no")
    elif d.type == "number":
        shown = t.number(value) if isinstance(value, int | float) else str(value)
    elif d.type == "list":
        # A list fact holds value names (a list, as scenario._target_groups reads them).
        names = [v for v in value if isinstance(v, str)] if isinstance(value, list) else []
        shown = ", ".join(d.values[v].get(lang) for v in names if v in d.values)
    elif isinstance(value, str) and value in d.values:
        shown = d.values[value].get(lang)
    else:
        shown = str(value)
    return f"{d.label.get(lang)}: {shown}"
