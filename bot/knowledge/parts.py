"""Two questions in one message: each part answered as its own short card, or said unanswered."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.knowledge.reading import with_named
from bot.knowledge.reply import ANSWER_AT, SURE_AT, PartReply, Reply
from bot.knowledge.text import QUESTION_FILLERS, fold, stem, tokens

# A part answered in the whole message's context must be at least this confident on its own.
CONTEXT_FLOOR = 0.35

if TYPE_CHECKING:  # the knowledge base calls in here; imported for the annotation only
    from bot.knowledge.reading import Question
    from bot.knowledge.search import KnowledgeBase


def two_part_reply(kb: KnowledgeBase, q: Question, org: str, lang: str) -> Reply | None:
    """A reply with one PartReply per part, or None where the message is one question after all.

    None when no part has an answer (the whole message is then asked as one question) or both
    parts lead to the same entry (one topic asked twice over).
    """
    replies = [_answer_part(kb, p, org, lang) for p in q.parts]
    replies = [_in_context(kb, q, i, replies, org, lang) for i in range(len(replies))]
    answered = [r for r in replies if not r.abstained and r.cards]
    if not answered:
        return None
    ids = {r.cards[0].entry_id for r in answered}
    if len(answered) == len(replies) and len(ids) == 1:
        second = _second_topic(kb, q, replies, lang)
        if second is None:
            return None
        replies = second
        answered = [r for r in replies if not r.abstained and r.cards]
    # A part is shown as typed ("hur länge gäller det"), not with the words it borrowed.
    parts = [PartReply((p.alone or p).text, None if r.abstained or not r.cards else r.cards[0],
                       list(r.nearest) if r.abstained else [])
             for p, r in zip(q.parts, replies, strict=True)]
    cards = [p.card for p in parts if p.card is not None]
    first = answered[0]
    named = next((r.named_org for r in answered if r.named_org), None)
    return Reply(cards, False, min(r.score for r in answered), named, [], [],
                 first.ask_at_unit, parts=parts)


def _answer_part(kb: KnowledgeBase, part: Question, org: str, lang: str) -> Reply:
    """One part answered; a part that borrowed the first part's words keeps to its own words
    where they alone are sure of an entry ("… och hur följs de upp": "följs upp" names the
    follow-up topic; the borrowed words only pulled it back towards the first part's entry).
    """
    reply = kb.answer_one(part, org, lang)
    if part.alone is not None:
        own = kb.answer_one(with_named(part.alone, part.named), org, lang)
        if not own.abstained and own.cards and own.score >= SURE_AT:
            return own
    return reply


def _in_context(kb: KnowledgeBase, q: Question, i: int, replies: list[Reply], org: str,
                lang: str) -> Reply:
    """A part left under the threshold, answered (hedged) where the whole message agrees.

    The whole message, its other part's topic set aside (that part has its answer), ranks first
    the very entry the part ranks first: the message's context breaks the part's near tie ("Hur
    ofta ska LSG hålla ägarmöte? Och vilken styrelse beslutar om verksamheten?"). Only a
    low-confidence abstention (not a fact, person or own-case check) and not weakly.
    """
    reply, other = replies[i], replies[1 - i]
    if not reply.abstained or other.abstained or not other.cards:
        return reply
    part = q.parts[i]
    target = next((o for o in part.named if o in kb.orgs()), org)
    ranked = kb.best(part.words, target, part.lang)
    if (not ranked or reply.score != ranked[0].confidence
            or not CONTEXT_FLOOR <= ranked[0].confidence < ANSWER_AT):
        return reply  # abstained for another reason (a fact, a person), or too weak
    taken = other.cards[0].entry_id
    top = ranked[0].entry_id
    if top == taken or kb.siblings(top, taken) or _covers(kb, taken, part):
        return reply
    whole = next((m.entry_id for m in kb.best(q.words, target, q.lang)
                  if m.entry_id != taken and not kb.siblings(m.entry_id, taken)), None)
    if whole != top:
        return reply
    return replace(reply, cards=[kb.entry_card(top, lang)], abstained=False, nearest=[],
                   score=ranked[0].confidence)


def _covers(kb: KnowledgeBase, entry_id: str, part: Question) -> bool:
    """Whether an entry's answer names every topic word of a part: that card answers it too
    ("vilket diarienummer … och vem är processägare": the document entry names both)."""
    said = {stem(w) for text in kb.card_texts(entry_id) for w in tokens(text)}
    words = [w for w in part.content if fold(w) not in QUESTION_FILLERS]
    return bool(words) and all(stem(w) in said for w in words)


def _second_topic(kb: KnowledgeBase, q: Question, replies: list[Reply],
                  lang: str) -> list[Reply] | None:
    """Both parts on one entry: the part that fits it less well (hedged) takes its own next entry,
    where that one is confident in itself (two questions in one message ask two things: "vem anställer
    personen vid OSA och vem är kontaktperson"); None where it has none (one topic asked twice).
    """
    weaker = min(range(len(replies)), key=lambda i: replies[i].score)
    if replies[weaker].score >= SURE_AT:
        return None  # sure of the one entry for both parts: it answers both
    taken = replies[weaker].cards[0]
    part = q.parts[weaker]
    ranked = kb.best(part.words, taken.org, part.lang)
    other = next((m for m in ranked[1:] if m.entry_id != taken.entry_id
                  and m.confidence >= ANSWER_AT), None)
    if other is None:
        return None
    out = list(replies)
    out[weaker] = replace(replies[weaker], cards=[kb.entry_card(other.entry_id, lang)],
                          score=other.confidence, alternatives=[])
    return out
