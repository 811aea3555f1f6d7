"""Two questions in one message: each part answered as its own short card, or said unanswered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.knowledge.reply import PartReply, Reply

if TYPE_CHECKING:  # the knowledge base calls in here; imported for the annotation only
    from bot.knowledge.reading import Question
    from bot.knowledge.search import KnowledgeBase


def two_part_reply(kb: KnowledgeBase, q: Question, org: str, lang: str) -> Reply | None:
    """A reply with one PartReply per part, or None where the message is one question after all.

    None when no part has an answer (the whole message is then asked as one question) or both
    parts lead to the same entry (one topic asked twice over).
    """
    replies = [kb.answer_one(p, org, lang) for p in q.parts]
    answered = [r for r in replies if not r.abstained and r.cards]
    if not answered:
        return None
    ids = {r.cards[0].entry_id for r in answered}
    if len(answered) == len(replies) and len(ids) == 1:
        return None
    parts = [PartReply(p.text, None if r.abstained or not r.cards else r.cards[0],
                       list(r.nearest) if r.abstained else [])
             for p, r in zip(q.parts, replies, strict=True)]
    cards = [p.card for p in parts if p.card is not None]
    first = answered[0]
    named = next((r.named_org for r in answered if r.named_org), None)
    return Reply(cards, False, min(r.score for r in answered), named, [], [],
                 first.ask_at_unit, parts=parts)
