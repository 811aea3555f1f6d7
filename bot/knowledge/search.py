"""The public question-answering API: KnowledgeBase.ask returns a Reply of AnswerCards."""

from __future__ import annotations

from pathlib import Path

from bot import ORGS
from bot.eligibility.card import scenario_card
from bot.knowledge import fact_choice, facts, situation
from bot.knowledge import intent as intents
from bot.knowledge.compare import compare_reply
from bot.knowledge.glossary import Glossary, glossary_reply
from bot.knowledge.index import Index
from bot.knowledge.loader import PACKS_DIR, load_packs
from bot.knowledge.parts import two_part_reply
from bot.knowledge.ranking import CANDIDATES, Ranker
from bot.knowledge.reading import Question, read
from bot.knowledge.relations import Relations
from bot.knowledge.reply import (
    ANSWER_AT,
    SURE_AT,
    AnswerCard,
    Match,
    Reply,
)
from bot.knowledge.schema import Entry, Pack
from bot.knowledge.text import fold, is_stopword, normalise, stem, tokens

__all__ = ["AnswerCard", "KnowledgeBase", "Match", "Reply"]

EXACT_RAW = 0.95  # raw score of a question that is, give or take, one of an entry's phrasings
MAX_ALTERNATIVES = 3
ALTERNATIVE_RAW_SHARE = 0.75  # a runner-up this close (raw) to a hedged top is offered too


class KnowledgeBase:
    """The packs, indexed once; answers questions for one municipality at a time."""

    def __init__(self, packs: dict[str, Pack]) -> None:
        self._packs = dict(packs)
        self._entries: dict[str, tuple[str, Entry]] = {
            e.id: (org, e) for org, p in packs.items() for e in p.entries}
        self._gloss = Glossary(packs)
        self._glossary = self._gloss.by_id
        self._index = Index(packs)
        self._relations = Relations(packs)
        self.topics = self._relations.topics  # topic -> municipality -> entry (compare)
        self._ranker = Ranker(self._index, self._gloss.expansions, self._relations,
                              lambda entry_id: self._title(entry_id, "sv"),
                              lambda entry_id: self._entries[entry_id][1].source.section)
        self._vocabulary = frozenset(
            w for v in self._index.vocab.values() for w in v.by_surface) | frozenset(
            w for p in packs.values() for e in p.entries for w in tokens(
                " ".join([e.title, e.answer, *e.phrasings, *e.keywords]))) | frozenset(
            w for p in packs.values() for g in p.glossary for w in tokens(
                " ".join([g.term, g.expansion, *g.synonyms]))) | frozenset(ORGS)
        # Each municipality's entries by folded keyword: a word off topic elsewhere ("fotboll") is
        # on topic where the guideline names it (Bjurholm's help with children's leisure costs).
        self._keyword_entries: dict[str, dict[str, list[Entry]]] = {}
        self._entry_stems: dict[str, frozenset[str]] = {}
        for org, p in packs.items():
            by_word = self._keyword_entries.setdefault(org, {})
            for e in p.entries:
                for w in {fold(w) for k in e.keywords for w in tokens(k)}:
                    by_word.setdefault(w, []).append(e)

    @classmethod
    def from_packs(cls, packs: dict[str, Pack]) -> KnowledgeBase:
        """Build the index from packs already loaded."""
        return cls(packs)

    @classmethod
    def load(cls, directory: Path | None = None) -> KnowledgeBase:
        """Load and validate the packs (raises PackError), then build the index."""
        return cls(load_packs(directory or PACKS_DIR))

    # ------------------------------------------------------------------ lookups
    def orgs(self) -> list[str]:
        return [o for o in ORGS if o in self._packs] + sorted(set(self._packs) - set(ORGS))

    def has_org(self, org: str) -> bool:
        return org in self._packs

    def municipality_name(self, org: str) -> str:
        pack = self._packs.get(org)
        return pack.document.municipality if pack else org.capitalize()

    def size(self) -> int:
        return len(self._entries)

    def prepare(self) -> KnowledgeBase:
        """Build now what is otherwise built on first use (the spelling indexes, ~0.2 s)."""
        for vocab in self._index.vocab.values():
            vocab.spelling  # noqa: B018 - built on first access
        return self

    def vocabulary(self) -> frozenset[str]:
        """Every lower-case word of the packs (for telling names from guideline words)."""
        return self._vocabulary

    def has_entry(self, entry_id: str) -> bool:
        return entry_id in self._entries or entry_id in self._glossary

    def entry_card(self, entry_id: str, lang: str = "sv") -> AnswerCard:
        """The card for an entry or glossary id; raises KeyError for an unknown id."""
        if entry_id in self._glossary:
            org, g = self._glossary[entry_id]
            return AnswerCard(org, entry_id, f"{g.term}: {g.expansion}",
                              g.meaning_en if lang == "en" else g.meaning,
                              self._packs[org].document.title, g.section or "",
                              document_short=self._packs[org].document.short_title)
        org, e = self._entries[entry_id]
        followups = [(f, self._title(f, lang)) for f in e.followups if f in self._entries]
        return AnswerCard(org, e.id, e.en.title if lang == "en" else e.title,
                          e.en.answer if lang == "en" else e.answer,
                          self._packs[org].document.title, e.source.section, followups,
                          document_short=self._packs[org].document.short_title)

    def card_texts(self, entry_id: str) -> list[str]:
        """An entry's verbatim quote and the other language's answer (for grading a card)."""
        if entry_id in self._glossary:
            g = self._glossary[entry_id][1]
            return [g.meaning, g.meaning_en]
        if entry_id not in self._entries:
            return []  # a card made elsewhere (an eligibility verdict) carries its own text
        e = self._entries[entry_id][1]
        return [e.source.quote, e.answer, e.en.answer]

    def _title(self, entry_id: str, lang: str) -> str:
        if entry_id in self._glossary:
            return self.entry_card(entry_id, lang).title
        e = self._entries[entry_id][1]
        return e.en.title if lang == "en" else e.title

    def ask_at(self, org: str, lang: str) -> str:
        p = self._packs[org]
        return p.ask_at_unit_en if lang == "en" else p.ask_at_unit

    # ------------------------------------------------------------------ ranking
    def rank(self, words: list[str], org: str, qlang: str, limit: int = CANDIDATES) -> list[Match]:
        """Entries of one municipality ranked for a question's words, best first."""
        return self._ranker.rank(words, org, qlang, limit)

    def rank_question(self, question: str, org: str, lang: str = "sv") -> list[Match]:
        """The entries of the named (else the given) municipality ranked for a question."""
        q = read(question, lang)
        target = next((o for o in q.named if o in self._packs), org)
        return self.best(q.words, target, q.lang)

    def best(self, words: list[str], org: str, qlang: str) -> list[Match]:
        """Ranked in the question's language; retried in the other when nothing is confident."""
        return self._ranker.best(words, org, qlang)

    # ------------------------------------------------------------------ answering
    def ask(self, question: str, org: str, lang: str = "sv") -> Reply:
        """Answer a staff question from the user's municipality's guideline, or abstain.

        The one entry point: the question is read once (reading.read) and routed: out of
        scope, a comparison or all-municipality question, two questions in one, or one
        question answered from one guideline. (Eligibility rules for scenario questions about a
        concrete person belong here too, as one more route taking the same Question.)

        Args:
            question: free text as typed.
            org: the user's municipality (pack id).
            lang: 'sv' or 'en', the language of the answer text.

        Returns:
            A Reply; `abstained` when no answer is confident enough or the question is out of
            scope (named client, weather, jokes).

        Raises:
            ValueError: for a municipality without a pack.
        """
        if org not in self._packs:
            raise ValueError(f"unknown municipality {org!r}")
        card = scenario_card(self, question, org, lang)  # a concrete person: apply the rules
        if card:
            return Reply([card], False, 1.0, card.org if card.org != org else None, [], [],
                         self.ask_at(card.org, lang))
        q = read(question, lang)
        if q.off_topic and self._off_topic_here(q, org):
            return self._abstain(org, lang, [], None, 0.0)
        if q.compare:
            reply = compare_reply(self, q, org, lang)
            if reply:
                return reply
        if q.parts:
            reply = two_part_reply(self, q, org, lang)
            if reply:
                return reply
        reply = self.answer_one(q, org, lang)
        if reply.abstained and not q.off_topic:
            # A person's situation spread over words no entry has: search its topic alone.
            topic = situation.topic_question(q)
            if topic is not None:
                second = self.answer_one(topic, org, lang)
                if not second.abstained:
                    return second
        return reply

    def _off_topic_here(self, q: Question, org: str) -> bool:
        """Whether a question read as off topic stays so in this municipality.

        It does not when the off-topic word is a keyword of one of its entries and the question
        shares another word with that entry ("slant … fotboll … kostar": the leisure-cost entry);
        "hur gick fotbollen igår" shares none and stays off topic.
        """
        by_word = self._keyword_entries.get(org, {})
        own = {fold(w) for w in q.tokens} & by_word.keys()
        if not own or intents.analyse_words(
                [w for w in q.tokens if fold(w) not in own]).off_topic:
            return True
        rest = {stem(w) for w in q.tokens if fold(w) not in own and len(w) > 3
                and not is_stopword(w)}
        return not any(rest & self._stems_of(e) for w in own for e in by_word[w])

    def _stems_of(self, e: Entry) -> frozenset[str]:
        """An entry's words as stems, worked out once per entry (asked for per question)."""
        if e.id not in self._entry_stems:
            text = " ".join([e.title, e.answer, *e.phrasings, *e.keywords])
            self._entry_stems[e.id] = frozenset(stem(w) for w in tokens(text))
        return self._entry_stems[e.id]

    def answer_one(self, q: Question, org: str, lang: str) -> Reply:
        """One question answered from one guideline (the named one, else the asker's)."""
        target = next((o for o in q.named if o in self._packs), org)
        matches = self.best(q.words, target, q.lang)
        if target != org:
            own = self.best(q.words, org, q.lang)
            if own and own[0].confidence >= ANSWER_AT and self.mentions(own[0].entry_id, target,
                                                                         answer=True):
                # "företag i Stockholm" in Danderyd's own guideline: a place, not a redirect.
                target, matches = org, own
        named = target if target != org else None
        if q.own_case or intents.probable_person(q.text, self._vocabulary.__contains__,
                                                 self._is_known):
            return self._abstain(target, lang, matches, named, 0.0)
        gloss = glossary_reply(self, self._gloss, q, org, target, named, lang, matches)
        if gloss:
            return gloss
        if not matches or matches[0].confidence < ANSWER_AT:
            score = matches[0].confidence if matches else 0.0
            return self._abstain(target, lang, matches, named, score)
        top = matches[0]
        check = fact_choice.choose(
            lambda i: self._lacks_fact(q, matches[i]), [m.raw for m in matches],
            lambda i: self._relations.siblings(top.entry_id, matches[i].entry_id),
            lambda i: matches[i].confidence >= ANSWER_AT * 0.6,
            lambda i: facts.states_asked_fact(
                q.folded, self._entries[matches[i].entry_id][1].answer, stem))
        if check.abstain:
            return self._abstain(target, lang, matches, named, top.confidence)
        if check.swapped:
            # The stand-in rides on the top's confidence in the topic, hedged so the top is
            # offered too.
            chosen = matches[check.index]
            hedged = min(top.confidence, SURE_AT - 0.01)
            matches = [Match(chosen.entry_id, chosen.raw, chosen.evidence, hedged),
                       *(m for m in matches if m is not chosen)]
            top = matches[0]
        alternatives = []
        if top.confidence < SURE_AT:
            # "Menade du …?" covers the middle: the runners-up confident in themselves, or
            # close behind a hedged top (a long question's lead leaves them low in confidence).
            close = [m for m in matches[1:] if m.confidence >= ANSWER_AT * 0.6
                     or m.raw >= ALTERNATIVE_RAW_SHARE * top.raw]
            alternatives = self._distinct(close, lang, exclude={top.entry_id})
        return Reply([self.entry_card(top.entry_id, lang)], False, top.confidence, named,
                     alternatives, [], self.ask_at(target, lang))

    def _lacks_fact(self, q: Question, match: Match) -> str | None:
        e = self._entries[match.entry_id][1]
        return fact_choice.entry_lacks(q.folded, q.typed, e.answer,
                                       [*e.phrasings, *e.en.phrasings],
                                       match.confidence >= SURE_AT, stem, e.en.answer, q.heads)

    def _is_known(self, word: str) -> bool:
        return word in self._vocabulary or bool(self._index.vocab["sv"].resolve(word)) or bool(
            self._index.vocab["en"].resolve(word))

    def _distinct(self, matches: list[Match], lang: str, exclude: set[str],
                  floor: float = 0.0) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        seen_titles: set[str] = set()
        for m in matches:
            title = self._title(m.entry_id, lang)
            if m.entry_id in exclude or title in seen_titles or m.confidence < floor:
                continue
            seen_titles.add(title)
            out.append((m.entry_id, title))
            if len(out) == MAX_ALTERNATIVES:
                break
        return out

    def _abstain(self, org: str, lang: str, matches: list[Match], named: str | None,
                 score: float) -> Reply:
        nearest = self._distinct(matches, lang, exclude=set(), floor=0.05)
        return Reply([], True, score, named, [], nearest, self.ask_at(org, lang))

    def siblings(self, a: str, b: str) -> bool:
        """Whether two entries are one topic (same id family or `related`)."""
        return self._relations.siblings(a, b)

    def topic_of(self, entry_id: str) -> str | None:
        return self._entries[entry_id][1].topic

    def mentions(self, entry_id: str, term: str, answer: bool = False) -> bool:
        """Whether an entry's title, phrasings or keywords (or answer) contain a folded term."""
        e = self._entries[entry_id][1]
        parts = [e.title, *e.phrasings, *e.keywords] + ([e.answer] if answer else [])
        text = fold(normalise(" ".join(parts)))
        return f" {term} " in f" {text} " or (answer and f" {term}s " in f" {text} ")
