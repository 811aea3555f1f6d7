"""Comparison questions: one answer card per municipality, on the same topic where possible."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.knowledge import intent as intents
from bot.knowledge.reply import ANSWER_AT, Reply

if TYPE_CHECKING:  # the knowledge base calls in here; imported for the annotation only
    from bot.knowledge.search import KnowledgeBase


def compare_reply(kb: KnowledgeBase, it: intents.Intent, own: str, lang: str) -> Reply | None:
    """Cards for every compared municipality, or None when none of them answers."""
    orgs = intents.compared_orgs(it, own, kb.orgs())
    ranked = {o: kb.best(it.words, o, lang) for o in orgs}
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
    named = next((o for o in it.named if o != own), None)
    return Reply(cards, False, max(scores), named, [], [], kb.ask_at(own, lang))
