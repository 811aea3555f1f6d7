"""Comparison questions: one answer card per municipality, on the same topic where possible.

A question about all municipalities gets each municipality's entry for it (its line is made in
org_lines.py), or none where its guideline does not state it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.knowledge import intent as intents
from bot.knowledge.facts import asks_fact, leads_with_gap
from bot.knowledge.org_lines import org_lines, states_fact
from bot.knowledge.reply import ANSWER_AT, SURE_AT, Match, Reply
from bot.knowledge.text import QUESTION_FILLERS, fold, stem, tokens

if TYPE_CHECKING:  # the knowledge base calls in here; imported for the annotation only
    from bot.knowledge.reading import Question
    from bot.knowledge.search import KnowledgeBase

# An all-municipality reply lists each municipality's best entry down to this confidence: every
# line names its source, and a municipality whose guideline lacks the topic gets a "not stated"
# line instead. Re-set after the staff-vocabulary phrasings (issue 16, round 2): at 0.4 three
# lines naming other partners than the one asked go ("samverkar med landstinget": Bjurholm's
# internal cooperation, Ragunda's AF/FK/IFO), no right line lost; 0.35 to 0.38 alike, 0.42 one
# right line fewer, 0.45 two questions fewer.
ALL_ORGS_AT = 0.4
# "Vilka kommuner nämner/tar upp X", "which mention X": each municipality's line is the entry that
# names X, searched among its MENTION_CANDIDATES best entries; X is a word of the question found
# in at most MENTION_RARE of them.
_MENTION = re.compile(r"\b(?:namner|namns|namnt|tar upp|tas upp|mentions?|mentioned|refers? to"
                      r"|hanvisar till|skriver om|sager (?:nagot|nat) om|says? anything about)\b")
MENTION_CANDIDATES, MENTION_RARE = 10, 3
# A question asking for a number or a duration ("hur många årsarbetare", "how long", "vilka har
# en tidsgräns") takes as a municipality's line the first of its FACT_CANDIDATES best entries
# that states one, however low it ranks: the asked fact is the question, the words around it
# ("insatser eller avtal", "a measure or programme") are spread over many entries. Fresh sets:
# all-municipality questions 69 -> 71 of 96, right lines 224 -> 231, wrong lines 26 -> 24 (3
# candidates: 70, 230; only the top: 69, 226).
FACT_CANDIDATES = 5
# A time limit asked ("tidsgräns", "time limit") asks for a duration, as "hur länge" does.
_TIME_LIMIT = re.compile(r"\b(?:tidsgrans\w*|tidsbegrans\w*|maxtid|time limits?)\b")
_DURATION = re.compile(_TIME_LIMIT.pattern + r"|\b(?:hur lang[et]?|how long)\b")
# A term a guideline names in many entries (Avesta names Försäkringskassan in four of its ten
# best) is rare in none of them; its top entry still names it, and at MENTION_FLOOR that is the
# line (fresh sets: +1 question, no new wrong line; 0.1 to 0.3 alike).
MENTION_FLOOR = 0.2
# "Vilka kommuner riktar sig till unga": a municipality whose top entry is under the floor yet
# names what the question is about (the words after its last preposition, not its frame verb
# "samverkar"), and few of its other close entries do, has that entry as its line down to
# NAMED_FLOOR: the guideline's word for the thing asked decides, not the frame's words. Not for
# mention, fact or duration questions (their own rules). Fresh sets (issue 16, round 4): +2
# questions, right lines 235 -> 237, wrong 22 -> 22, extra 73 -> 74; with any word of the
# question, not only the object: +3 right lines for 3 wrong and 10 extra; the entry's title
# instead: +1 right, 2 wrong, 6 extra.
NAMED_FLOOR = 0.1
# A top entry opening with a gap yields its line to the next entry when that one scores this
# share of the top's raw score and states something.
GAP_YIELD = 0.85
# A comparison topic the packs share (kb.topics: who may refer a person, who follows up, who
# adopted the guideline) is the question's topic when it tops TOPIC_VOTES municipalities'
# rankings, one of them at TOPIC_CONFIDENT, or tops TOPIC_MAJORITY of them however low. Then a
# municipality that is not sure of another entry gets its entry of that topic as its line when
# its ranking holds it within TOPIC_WITHIN at TOPIC_RAW_SHARE of its top's raw score. Set on the
# four fresh sets (issue 16): all-municipality questions right 58 -> 63 of 96, right lines
# 203 -> 217, wrong lines 32 -> 30; without the raw share 2 more wrong lines, 0.6 and 0.7 alike
# (0.6 keeps Stockholm's "who follows up" for "vem följer upp deltagarna"), 0.8 two right lines
# fewer; a sure municipality keeping its own entry: +1 question.
TOPIC_VOTES, TOPIC_CONFIDENT, TOPIC_MAJORITY = 2, ALL_ORGS_AT, 3
TOPIC_WITHIN, TOPIC_RAW_SHARE = 4, 0.6
# Overview topics (the measures, the target groups) list what a guideline covers: a question's
# generic word ("insatsen", "unga") ranks them first in several guidelines without any of them
# stating the fact asked ("tidsgräns"), so their agreement names no topic. Without this rule:
# 2 more right lines for 1 more wrong and 3 more lines for municipalities that state nothing.
OVERVIEW_TOPICS = frozenset({"insatser", "malgrupp"})


def compare_reply(kb: KnowledgeBase, q: Question, own: str, lang: str) -> Reply | None:
    """Cards for every compared municipality, or None when none of them answers."""
    orgs = intents.compared_orgs(q, own, kb.orgs())
    ranked = {o: kb.best(q.words, o, q.lang) for o in orgs}
    if q.all_orgs:
        return _all_orgs_reply(kb, q, own, lang, orgs, ranked)
    best_topic, topic_score = None, 0.0
    for ms in ranked.values():
        for m in ms[:3]:
            topic = kb.topic_of(m.entry_id)
            if topic and m.confidence >= ANSWER_AT and m.confidence > topic_score:
                best_topic, topic_score = topic, m.confidence
    cards, scores = [], []
    for o in orgs:
        # The same topic's entry in each municipality makes the cards comparable.
        entry_id = kb.topics.get(best_topic or "", {}).get(o)
        if entry_id:
            scores.append(topic_score)
        elif ranked[o] and ranked[o][0].confidence >= ANSWER_AT:
            entry_id = ranked[o][0].entry_id
            scores.append(ranked[o][0].confidence)
        if entry_id:
            cards.append(kb.entry_card(entry_id, lang))
    if not cards:
        return None
    named = next((o for o in q.named if o != own), None)
    return Reply(cards, False, max(scores), named, [], [], kb.ask_at(own, lang))


def _all_orgs_reply(kb: KnowledgeBase, q: Question, own: str, lang: str, orgs: list[str],
                    ranked: dict) -> Reply | None:  # type: ignore[type-arg]
    """Each municipality's own best entry where confident enough; a line for every one."""
    cards, scores = [], []
    mention = bool(_MENTION.search(q.folded))
    shared = _shared_topic(kb, ranked)
    asked = _asked_fact(q.folded)
    duration = bool(_DURATION.search(q.folded))
    for o in orgs:
        ms = ranked[o]
        named = _naming(kb, ms, q) if mention else None
        topical = _topic_entry(kb, shared, o, ms) if shared and not named else None
        if topical:
            # The municipalities agree on the topic: each one's line is its entry of that topic.
            cards.append(kb.entry_card(topical.entry_id, lang))
            scores.append(max(topical.confidence, ALL_ORGS_AT))
        elif named:
            # "Vilka kommuner nämner OSA": the line is the entry that names it.
            cards.append(kb.entry_card(named.entry_id, lang))
            scores.append(max(named.confidence, ALL_ORGS_AT))
        elif duration and (hunted := _fact_hunt(kb, ms, asked)) is not None:
            # "Vilka kommuner har en tidsgräns": the line is the entry stating a duration, even
            # under the floor; a duration in a guideline is rarely anything but the one asked.
            cards.append(kb.entry_card(hunted.entry_id, lang))
            scores.append(max(hunted.confidence, ALL_ORGS_AT))
        elif (not mention and not asked and not duration and ms
              and NAMED_FLOOR <= ms[0].confidence < ALL_ORGS_AT and _top_names(kb, ms, q)):
            # "riktar sig till unga": Danderyd's "Unga under 29 år prioriteras" at 0.16.
            cards.append(kb.entry_card(ms[0].entry_id, lang))
            scores.append(ALL_ORGS_AT)
        elif ms and ms[0].confidence >= ALL_ORGS_AT:
            line = _stating(kb, ms)
            answer = kb.entry_card(line.entry_id, "sv").answer
            if asked and not leads_with_gap(answer) and not states_fact(asked, answer):
                # "Hur många årsarbetare": a line must state a number, or say plainly that the
                # guideline states none; any other fact of that entry answers nothing asked.
                continue
            cards.append(kb.entry_card(line.entry_id, lang))
            scores.append(ms[0].confidence)
    if not cards:
        return None
    lines = org_lines(kb, q, orgs, cards, asked, lang)
    return Reply(cards, False, max(scores), None, [], [], kb.ask_at(own, lang),
                 per_org_lines=lines)


def _asked_fact(folded: str) -> str:
    """The question as read for the fact it asks ("" when it asks none).

    The whole question is read: the frame comes first ("How do the municipalities differ in how
    long …"), so the clause heads would miss the cue.
    """
    if asks_fact(folded):
        return folded
    return "hur lange" if _TIME_LIMIT.search(folded) else ""


def _fact_hunt(kb: KnowledgeBase, ms: list[Match], asked: str) -> Match | None:
    """A municipality's best-ranked entry stating the fact asked, if any near the top."""
    for m in ms[:FACT_CANDIDATES]:
        answer = kb.entry_card(m.entry_id, "sv").answer
        if not leads_with_gap(answer) and states_fact(asked, answer):
            return m
    return None


def _shared_topic(kb: KnowledgeBase, ranked: dict[str, list[Match]]) -> str | None:
    """The comparison topic the municipalities' own rankings agree on, if any.

    Rankings made independently in five documents rarely agree on a topic by chance, so their
    agreement names the topic even when each is unsure (the words asked are spread).
    """
    votes: dict[str, list[float]] = {}
    for ms in ranked.values():
        topic = kb.topic_of(ms[0].entry_id) if ms else None
        if topic and topic not in OVERVIEW_TOPICS:
            votes.setdefault(topic, []).append(ms[0].confidence)
    agreed = [(len(v), max(v), t) for t, v in votes.items()
              if len(v) >= TOPIC_VOTES and max(v) >= TOPIC_CONFIDENT or len(v) >= TOPIC_MAJORITY]
    return max(agreed)[2] if agreed else None


def _topic_entry(kb: KnowledgeBase, topic: str, org: str, ms: list[Match]) -> Match | None:
    """A municipality's entry of the shared topic when its ranking holds it near the top."""
    entry_id = kb.topics.get(topic, {}).get(org)
    if ms and ms[0].confidence >= SURE_AT:
        return None  # its own entry is sure ("unga" asked: its youth entry, not its target groups)
    return next((m for m in ms[:TOPIC_WITHIN]
                 if m.entry_id == entry_id and m.raw >= TOPIC_RAW_SHARE * ms[0].raw), None)


def _stating(kb: KnowledgeBase, ms: list[Match]) -> Match:
    """A municipality's line: its top entry, unless that opens with "the guideline does not
    state …" and the next one, nearly as close, states something (a line is for the fact)."""
    top = ms[0]
    if len(ms) < 2 or not leads_with_gap(kb.entry_card(top.entry_id).answer):
        return top
    runner = ms[1]
    if runner.raw >= GAP_YIELD * top.raw and not leads_with_gap(
            kb.entry_card(runner.entry_id).answer):
        return runner
    return top


def _naming(kb: KnowledgeBase, ms: list[Match], q: Question) -> Match | None:
    """The best-ranked entry whose own text names one of the question's rare words, if any.

    A word is rare in a municipality when at most MENTION_RARE of the ranked entries contain it
    ("OSA", "SFI", "socialtjänstlagen"); a common one ("arbete") names nothing in particular.
    """
    ranked = ms[:MENTION_CANDIDATES]
    words = {fold(w) for w in q.content if len(w) >= 3} - QUESTION_FILLERS
    if not ranked or not words:
        return None
    texts = [_words(kb, m.entry_id) for m in ranked]
    # The word itself first; else its stem opening a longer word ("civilsamhället" names
    # "civilsamhällesaktörer").
    whole = [words & t for t in texts]
    stems = {stem(w) for w in words if len(stem(w)) >= 4}
    opened = [{s for s in stems if any(x.startswith(s) for x in t)} for t in texts]
    if ranked[0].confidence >= ALL_ORGS_AT and (whole[0] or opened[0]):
        # The confident top names it already; one opening with a gap ("lists OSA but does not
        # explain it") yields to a confident entry that names it and states something.
        if leads_with_gap(kb.entry_card(ranked[0].entry_id).answer):
            stating = next((m for m, w, o in zip(ranked[1:], whole[1:], opened[1:], strict=True)
                            if (w or o) and m.confidence >= ALL_ORGS_AT
                            and not leads_with_gap(kb.entry_card(m.entry_id).answer)), None)
            if stating:
                return stating
        return ranked[0]
    if ranked[0].confidence >= ALL_ORGS_AT:
        # A confident top is about the question even in other words ("companies" asked, "företag"
        # written); a lower entry holding one rare word of it ("working") is not.
        return None
    for named in (whole, opened):
        rare = set().union(*named)
        rare = {w for w in rare if sum(w in n for n in named) <= MENTION_RARE}
        hit = next((m for m, n in zip(ranked, named, strict=True) if rare & n), None)
        if hit:
            return hit
    if ranked[0].confidence >= MENTION_FLOOR and whole[0]:
        # The term is everywhere in this guideline: its best entry names it.
        return ranked[0]
    return None


def _top_names(kb: KnowledgeBase, ms: list[Match], q: Question) -> bool:
    """Whether a municipality's top entry names what the question is about (a word after its last
    preposition) and at most MENTION_RARE of its close entries name it (a word every entry names,
    "coach" in Danderyd's, singles out none)."""
    ranked = ms[:MENTION_CANDIDATES]
    words = {fold(w) for w in q.content if len(w) >= 3} - QUESTION_FILLERS
    texts = [_words(kb, m.entry_id) for m in ranked]
    own = words & texts[0] & _object(q)
    return any(sum(w in t for t in texts) <= MENTION_RARE for w in own)


_PREPOSITIONS = frozenset("till med av om for pa i to with about of on in".split())


def _object(q: Question) -> frozenset[str]:
    """The words after the question's last preposition ("riktar sig till unga", "samverkar med
    landstinget eller vården"): what it asks about, not its frame verb."""
    folded = [fold(w) for w in q.words]
    cut = max((i for i, w in enumerate(folded) if w in _PREPOSITIONS), default=-1)
    return frozenset(folded[cut + 1:])


def _words(kb: KnowledgeBase, entry_id: str) -> frozenset[str]:
    """An entry's title, answer (both languages) and verbatim quote as folded words."""
    return _folded_words(" ".join([kb.entry_card(entry_id).title, *kb.card_texts(entry_id)]))


@lru_cache(maxsize=4096)
def _folded_words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in tokens(text))
