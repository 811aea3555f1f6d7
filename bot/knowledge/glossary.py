"""The packs' glossaries: term lookup, synonym expansions for search, and definition replies."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from bot.knowledge import intent as intents
from bot.knowledge.loader import PACKS_DIR
from bot.knowledge.reply import ANSWER_AT, Match, Reply
from bot.knowledge.schema import GlossaryTerm, Pack
from bot.knowledge.text import SYNONYMS, fold, normalise, tokens

if TYPE_CHECKING:  # the knowledge base calls in here; imported for the annotation only
    from bot.knowledge.reading import Question
    from bot.knowledge.search import KnowledgeBase

GLOSSARY_PREFIX = "glossary"
EXACT_RAW = 0.95  # raw score of a question that is, give or take, one of an entry's phrasings


SHARED_SYNONYMS = PACKS_DIR / "shared" / "synonyms.yaml"


@lru_cache(maxsize=1)
def staff_synonyms(path: Path = SHARED_SYNONYMS) -> tuple[tuple[str, ...], ...]:
    """The packs' shared synonym table: groups of everyday words for the guidelines' terms."""
    raw = yaml.safe_load(path.read_text("utf-8")) or {}
    return tuple(tuple(str(w).lower() for w in group) for group in raw.get("groups") or ())


def slug(term: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(term.lower())).strip("_") or "term"


class Glossary:
    """Every municipality's terms by folded name, and the word expansions they imply."""

    def __init__(self, packs: dict[str, Pack]) -> None:
        self.by_id: dict[str, tuple[str, GlossaryTerm]] = {}
        self.terms: dict[str, dict[str, GlossaryTerm]] = {}
        self.expansions: dict[str, dict[str, tuple[tuple[str, ...], ...]]] = {}
        common: dict[str, list[tuple[str, ...]]] = {}
        for group in (*SYNONYMS, *staff_synonyms()):
            for word in group:
                common.setdefault(fold(word), []).extend(
                    (other,) for other in group if other != word)
        for org, p in packs.items():
            terms: dict[str, GlossaryTerm] = {}
            expansions = {k: list(v) for k, v in common.items()}
            for g in p.glossary:
                self.by_id[self.entry_id(org, g)] = (org, g)
                names = [g.term, g.expansion, *g.synonyms]
                for name in names:
                    terms.setdefault(fold(normalise(name)), g)
                for name in names:
                    words = tuple(tokens(name))
                    if len(words) == 1:
                        others = [tuple(tokens(n)) for n in names if n != name]
                        expansions.setdefault(fold(words[0]), []).extend(
                            o for o in others if o and o != words)
            self.terms[org] = terms
            self.expansions[org] = {k: tuple(dict.fromkeys(v)) for k, v in expansions.items()}

    @staticmethod
    def entry_id(org: str, g: GlossaryTerm) -> str:
        return f"{org}.{GLOSSARY_PREFIX}.{slug(g.term)}"

    def find(self, term: str, org: str) -> GlossaryTerm | None:
        terms = self.terms.get(org, {})
        return terms.get(term) or terms.get(" ".join(tokens(term)))


def glossary_reply(kb: KnowledgeBase, gloss: Glossary, it: Question, own: str, target: str,
                   named: str | None, lang: str, matches: list[Match]) -> Reply | None:
    """The glossary's definition for "vad betyder OSA" / "what does FAT stand for", if any."""
    asked = intents.glossary_term(it.words)
    if not asked:
        return None
    term, strong = asked
    if matches and kb.mentions(matches[0].entry_id, term):
        # An entry about the term wins when the question is (nearly) one of its phrasings,
        # or, for "vad är X", when it is a confident answer.
        top = matches[0]
        if top.raw >= EXACT_RAW or (not strong and top.confidence >= ANSWER_AT):
            return None
    order = [target] + ([] if named else [o for o in kb.orgs() if o != target])
    for org in order:
        g = gloss.find(term, org)
        if g is None:
            continue
        card = kb.entry_card(Glossary.entry_id(org, g), lang)
        return Reply([card], False, 1.0, org if org != own else None, [], [], kb.ask_at(org, lang))
    return None
