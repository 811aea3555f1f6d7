"""Grading the independent question sets per kind: right, abstained right, confidently wrong.

The fresh sets (tests/bench/fresh_dev.yaml, fresh_holdout.yaml, fresh_final.yaml) carry no
`entries` labels: a card answers a question (or one part of it) when it comes from the right
municipality's document, quotes the right section or states the question's `must` phrases, and
does not open with "the guideline does not state …" (a confident answer must contain what was
asked).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from bot.knowledge.facts import lacks_asked_fact, leads_with_gap
from bot.knowledge.reply import SURE_AT, AnswerCard, Reply
from bot.knowledge.text import fold, is_stopword, normalise, stem, tokens

if TYPE_CHECKING:  # the benchmark passes the knowledge base in; annotation only
    from bot.knowledge.search import KnowledgeBase

KINDS = ("everyday", "paraphrase", "scenario", "two_part", "english", "all_orgs", "abstain")
# A must phrase counts as stated when this share of its content words' stems is in the card.
MUST_SHARE = 0.6


@dataclass(frozen=True)
class Target:
    """What one answer (a whole question, a part, or one municipality) must contain."""

    org: str
    must: tuple[str, ...]
    section: str


@dataclass(frozen=True)
class FreshQuestion:
    """One question of a fresh set."""

    q: str
    org: str
    lang: str
    kind: str
    expect: str  # "answer" | "abstain"
    targets: tuple[Target, ...]  # one; one per part (two_part); one per municipality (all_orgs)
    why: str = ""


@dataclass
class Tally:
    """Counts for one group of questions (a set, or one kind within it)."""

    answerable: int = 0
    right: int = 0
    must_abstain: int = 0
    abstained_right: int = 0
    wrong: int = 0  # answered confidently, but wrongly (answerable or must-abstain)
    parts_unanswered: int = 0  # two-part questions: parts the reply said it had no answer for

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def score(self) -> float:
        """Right share of the group: answered right, or abstained right for must-abstain."""
        total = self.answerable + self.must_abstain
        return (self.right + self.abstained_right) / total if total else 0.0


@dataclass
class SetResult:
    """A set's tallies by kind, and the wrong answers' questions (for the dev set's tuning)."""

    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[str] = field(default_factory=list)

    def total(self) -> Tally:
        t = Tally()
        for v in self.by_kind.values():
            t.add(v)
        return t


def _target(org: str, item: dict[str, Any]) -> Target:
    return Target(org, tuple(str(m) for m in item.get("must") or ()),
                  str(item.get("section") or ""))


def load_fresh(path: Path) -> list[FreshQuestion]:
    """Read a fresh question set (the old set's fields plus kind, parts, orgs, verdict)."""
    out = []
    for item in yaml.safe_load(path.read_text("utf-8")) or []:
        org = item["org"]
        expect = item.get("expect", "answer")
        kind = item.get("kind") or ("abstain" if expect == "abstain" else
                                    "english" if item.get("lang") == "en" else "everyday")
        if item.get("parts"):
            targets = tuple(_target(item.get("answer_org") or org, p) for p in item["parts"])
        elif item.get("orgs"):
            targets = tuple(_target(o, v or {}) for o, v in item["orgs"].items())
        else:
            targets = (_target(item.get("answer_org") or org, item),)
        out.append(FreshQuestion(str(item["q"]), org, item.get("lang", "sv"), kind, expect,
                                 targets if expect == "answer" else (), str(item.get("why") or "")))
    return out


def _same_section(a: str, b: str) -> bool:
    a, b = fold(normalise(a)), fold(normalise(b))
    return bool(a and b) and (a == b or a in b or b in a)


def _stems(text: str) -> set[str]:
    return {stem(fold(w)) for w in tokens(text) if not is_stopword(w)}


_SUSPENDED = re.compile(r"(\w+)-\s+(och|som|eller|samt|till|and|or)\s+(\w+)")


def _unsuspend(phrase: str, folded_text: str) -> str:
    """A suspended compound written out as the card writes it: "hel- som deltid" is "heltid som
    deltid" where the card says "heltid" (the first word takes an ending of the second)."""
    def whole(m: re.Match[str]) -> str:
        head, tail = m.group(1), m.group(3)
        for i in range(1, len(tail) - 1):
            if f" {fold(head + tail[i:]).lower()} " in f" {folded_text} ":
                return f"{head}{tail[i:]} {m.group(2)} {tail}"
        return m.group(0)
    return _SUSPENDED.sub(whole, phrase)


def states(kb: KnowledgeBase, card: AnswerCard, must: tuple[str, ...]) -> bool:
    """Whether a card (its answer in both languages, title and quote) states every must phrase."""
    text = " ".join([card.title, card.answer, *kb.card_texts(card.entry_id)])
    folded = fold(normalise(text))
    have = _stems(text)
    for phrase in (_unsuspend(p, folded) for p in must):
        if fold(normalise(phrase)) in folded:
            continue
        want = _stems(phrase)
        if not want or len(want & have) < MUST_SHARE * len(want):
            return False
    return True


def sv_answer(kb: KnowledgeBase, card: AnswerCard) -> str:
    """A card's Swedish answer text: a pack entry's, or the card's own (an eligibility verdict,
    which is no pack entry)."""
    return kb.entry_card(card.entry_id, "sv").answer if kb.has_entry(card.entry_id) else card.answer


def answers(kb: KnowledgeBase, card: AnswerCard, target: Target, strict: bool = False) -> bool:
    """Whether a card answers a target: its municipality, its section or facts, no gap opening.

    `strict` (a part of a two-part question, one municipality of an all-municipality one): the
    card must state the target's must phrases; otherwise the right section is enough.
    """
    if card.org != target.org or leads_with_gap(sv_answer(kb, card)):
        return False
    stated = bool(target.must) and states(kb, card, target.must)
    if strict:
        return stated or (not target.must and _same_section(card.section, target.section))
    return stated or _same_section(card.section, target.section)


def _honest_gap(kb: KnowledgeBase, reply: Reply, q: FreshQuestion) -> bool:
    """A must-abstain question answered "the guideline does not state X" where X is what it asks.

    The card must open with the gap, and either restate what the question asks (the fact check
    finds the question's focus in a gap sentence) or be a sure match (the old set's rule).
    """
    if reply.abstained or not reply.cards:
        return False
    answer = sv_answer(kb, reply.cards[0])
    if not leads_with_gap(answer):
        return False
    return reply.score >= SURE_AT or lacks_asked_fact(q.q, answer, stem) == "explicit"


def grade(kb: KnowledgeBase, reply: Reply, q: FreshQuestion) -> tuple[Tally, str | None]:
    """One question's tally, and why it failed (None when right)."""
    t = Tally()
    if q.expect == "abstain":
        t.must_abstain = 1
        if reply.abstained or _honest_gap(kb, reply, q):
            t.abstained_right = 1
            return t, None
        t.wrong = 1
        return t, "answered a must-abstain question"
    t.answerable = 1
    cards = list(reply.cards)
    if q.kind == "two_part" and reply.parts:
        cards = [p.card for p in reply.parts if p.card is not None]
        t.parts_unanswered = sum(p.card is None for p in reply.parts)
    if reply.abstained and not cards:
        return t, "abstained"
    if q.kind in ("two_part", "all_orgs"):
        missing = [x for x in q.targets if not any(answers(kb, c, x, True) for c in cards)]
        if not missing:
            t.right = 1
            return t, None
        if len(missing) < len(q.targets) or not cards:
            return t, f"{len(missing)} of {len(q.targets)} not answered"
        t.wrong = 1
        return t, "no part answered right"
    if cards and answers(kb, cards[0], q.targets[0]):
        t.right = 1
        return t, None
    t.wrong = 1
    return t, f"wrong card {cards[0].entry_id if cards else None}"


def run_set(kb: KnowledgeBase, questions: list[FreshQuestion],
            latencies: list[float] | None = None) -> SetResult:
    """Ask every question; tallies per kind, and one line per failure."""
    import time

    result = SetResult()
    for q in questions:
        t0 = time.perf_counter()
        reply = kb.ask(q.q, q.org, q.lang)
        if latencies is not None:
            latencies.append((time.perf_counter() - t0) * 1000)
        tally, why = grade(kb, reply, q)
        result.by_kind[q.kind].add(tally)
        if why:
            result.misses.append(f"[{q.kind}] {why}: {q.q!r} ({q.org})")
    return result


def old_by_kind(kb: KnowledgeBase, questions: list[Any]) -> SetResult:
    """The old, labelled set (benchmark.Question) tallied per kind with its own labels."""
    from bot.knowledge import benchmark as bm

    result = SetResult()
    labelled = all(q.entries is not None for q in questions if q.expect == "answer")
    for q in questions:
        reply = kb.ask(q.q, q.org, q.lang)
        kind = "abstain" if q.expect == "abstain" else "english" if q.lang == "en" else "everyday"
        t = Tally()
        if q.expect == "abstain":
            t.must_abstain = 1
            ok = reply.abstained or bm.honest_gap(kb, reply, q)
            t.abstained_right, t.wrong = int(ok), int(not ok)
        else:
            t.answerable = 1
            right = bm.reply_is_right(reply, q, labelled)
            t.right = int(right)
            t.wrong = int(not reply.abstained and not right)
        result.by_kind[kind].add(t)
    return result
