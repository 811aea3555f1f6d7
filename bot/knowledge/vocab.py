"""The words of the packs per language, and how a question word is mapped onto them.

Exact stem, å/ä/ö folding, compound splitting and spelling correction live here so the index
(index.py) only deals with postings and scores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from types import MappingProxyType

from bot.knowledge.spelling import SpellingIndex
from bot.knowledge.text import fold, is_stopword, split_compound, stem

PART_FACTOR = 0.7  # an entry word matched only through one part of its compound
TYPO_FACTOR = 0.85  # a query word matched only through a spelling correction
FOLD_FACTOR = 0.95  # a query word matched only after å/ä/ö folding
MIN_TYPO_LEN = 4  # shorter words are never spelling-corrected: too many near neighbours

Alternative = tuple[tuple[str, ...], float]  # (keys that must all match, factor)


class Vocabulary:
    """Every word of the packs in one language, and how a question word is mapped onto it."""

    def __init__(self, words: set[str], lang: str) -> None:
        self.lang = lang
        self.keys = frozenset(stem(w, lang) for w in words)
        by_surface: dict[str, set[str]] = defaultdict(set)
        by_folded_key: dict[str, set[str]] = defaultdict(set)
        for w in words:
            by_surface[fold(w)].add(stem(w, lang))
        for k in self.keys:
            by_folded_key[fold(k)].add(k)
        self.by_surface = MappingProxyType({k: tuple(sorted(v)) for k, v in by_surface.items()})
        self.by_folded_key = MappingProxyType(
            {k: tuple(sorted(v)) for k, v in by_folded_key.items()})
        self.surface_list = sorted(w for w in self.by_surface if len(w) >= MIN_TYPO_LEN - 1)
        self._spelling: SpellingIndex | None = None
        self._cache: dict[str, tuple[Alternative, ...]] = {}
        self._splits: dict[str, list[str] | None] = {}
        self._analysed: dict[str, tuple[str, tuple[str, ...]] | None] = {}

    @property
    def spelling(self) -> SpellingIndex:
        """The nearest-spelling index, built on first use (~0.1 s, ~10 MB).

        Built lazily so that a process that never corrects a spelling (the bot beside its
        search worker, the pack checks) does not pay for it; the search worker builds it
        before it reports ready (`KnowledgeBase.prepare`).
        """
        if self._spelling is None:
            self._spelling = SpellingIndex(self.surface_list, max_edits=2)
        return self._spelling

    def analyse(self, word: str) -> tuple[str, tuple[str, ...]] | None:
        """A pack word's index key and the keys of its compound parts; None for a stop word."""
        if word in self._analysed:
            return self._analysed[word]
        result: tuple[str, tuple[str, ...]] | None = None
        if not is_stopword(word, self.lang):
            parts = self.split(word) if len(word) >= 7 else None
            part_keys = tuple(self.keys_of_part(p)[0] for p in parts or ()
                              if self.keys_of_part(p))
            result = (stem(word, self.lang), part_keys)
        self._analysed[word] = result
        return result

    def stem_string(self, words: Iterable[str]) -> str:
        """The folded keys of a text's content words, for rapidfuzz comparison."""
        out = []
        for w in words:
            a = self.analyse(w)
            if a is not None:
                out.append(fold(a[0]))
        return " ".join(out)

    def known_surface(self, part: str) -> bool:
        """Whether a (folded) part is a word of the packs or the stem of one."""
        return part in self.by_surface or part in self.by_folded_key

    def split(self, word: str) -> list[str] | None:
        """Compound parts of a word, each a known word of the packs (min 3 letters)."""
        if len(word) < 6 or word.isdigit():
            return None
        if word not in self._splits:
            self._splits[word] = split_compound(fold(word), self._known_part)
        return self._splits[word]

    def _known_part(self, part: str) -> bool:
        return not is_stopword(part, self.lang) and self.known_surface(part)

    def keys_of_part(self, part: str) -> tuple[str, ...]:
        return self.by_surface.get(part) or self.by_folded_key.get(part, ())

    def resolve(self, word: str) -> tuple[Alternative, ...]:
        """The index keys a question word can stand for, best first (cached per word).

        Exact stem, then the word with å/ä/ö folded, then its compound parts, then the closest
        spelling of a pack word (Damerau-Levenshtein, 1 edit up to 7 letters, else 2).
        """
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        out: list[Alternative] = []
        s = stem(word, self.lang)
        if s in self.keys:
            out.append(((s,), 1.0))
        folded = fold(word)
        for k in self.by_surface.get(folded, ()) + self.by_folded_key.get(fold(s), ()):
            if k != s:
                out.append(((k,), FOLD_FACTOR))
        parts = None
        if not out:
            parts = self.split(word)
            if parts:
                keys = tuple(self.keys_of_part(p)[0] for p in parts if self.keys_of_part(p))
                out.append((keys, 1.0))
                out.append(((keys[-1],), PART_FACTOR))
        # A split ending in a short part is often a misspelling read as a compound
        # ("ungdommar" = ungdom|mår): the spelling correction is offered beside it.
        short_split = (parts is not None and bool(out) and len(out[0][0]) > 1
                       and len(parts[-1]) <= 3)
        if (not out or short_split) and len(word) >= MIN_TYPO_LEN and not word.isdigit():
            edits = 1 if len(word) <= 7 or short_split else 2
            for cand, dist in self.spelling.nearest(folded, edits, limit=3):
                if abs(len(cand) - len(folded)) <= edits and cand[0] == folded[0]:
                    out += [((k,), TYPO_FACTOR - 0.05 * dist) for k in self.by_surface[cand]]
        if not out and len(folded) >= 2 * MIN_TYPO_LEN and not word.isdigit():
            out += self._misspelt_compound(folded)
        result = tuple(dict.fromkeys(out))
        if len(self._cache) < 50_000:
            self._cache[word] = result
        return result

    def _corrected(self, part: str) -> str | None:
        """The pack word one edit from a compound part (same first letter), if any."""
        if len(part) < MIN_TYPO_LEN + 1:
            return None
        hit = self.spelling.nearest(part, 1, limit=1)
        if hit and hit[0][0][0] == part[0] and abs(len(hit[0][0]) - len(part)) <= 1:
            return hit[0][0]
        return None

    def _compound(self, head: str, tail: str) -> list[Alternative]:
        """Alternatives for a compound read as head + tail after a spelling correction."""
        # The packs may write the whole compound ("etableringsjobb"): its own key is best.
        for whole in (head + tail, head + "s" + tail):
            if whole in self.by_surface:
                return [((k,), TYPO_FACTOR) for k in self.by_surface[whole]]
            # …or only another form of it ("etableringsjobbet" where the packs say "-jobb").
            key = stem(whole, self.lang)
            if key in self.keys:
                return [((key,), TYPO_FACTOR)]
        hk, tk = self.keys_of_part(head)[0], self.keys_of_part(tail)[0]
        return [((hk, tk), TYPO_FACTOR), ((tk,), PART_FACTOR * TYPO_FACTOR)]

    def _misspelt_compound(self, folded: str) -> list[Alternative]:
        """A compound with one misspelt part ("utbildnigskrav", "etablerinsjobbet").

        Whole-word correction cannot reach a compound the packs never write; one part known as
        written and the other one edit from a pack word is read as that compound. Only cuts
        where one side is known are corrected, which keeps this to a lookup or two.
        """
        n = len(folded)
        for cut in range(n - MIN_TYPO_LEN, MIN_TYPO_LEN - 1, -1):  # longest head first
            head, tail = folded[:cut], folded[cut:]
            heads = [h for h in (head, head[:-1] if head.endswith("s") else None) if h]
            if self._known_part(tail):
                for h in heads:
                    fixed = self._corrected(h)
                    if fixed:
                        return self._compound(fixed, tail)
            for h in heads:
                if self._known_part(h):
                    fixed = self._corrected(tail)
                    if fixed:
                        return self._compound(h, fixed)
        return []
