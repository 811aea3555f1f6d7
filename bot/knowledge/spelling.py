"""The pack words nearest to a misspelt word: a deletion index narrows, rapidfuzz decides.

Damerau-Levenshtein from one unseen question word to all ~2,600 pack words of a language
cost ~0.45 ms, most of a first-time question's search. Two words within k edits of each other
become the same string after at most k deletions from each: a substitution is one deletion on
each side, an insertion one on the other side, a transposition one of the two letters on both
sides. So an index from every "word with up to k letters deleted" to its words names a small
superset of the words within k edits (tens, not thousands). The distance, the cut-off, the
ranking and the order among equals (the word list's own order) stay rapidfuzz's, computed over
that subset, so the answer is the same as a search over the whole list.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein


def deletions(word: str, k: int) -> set[str]:
    """The word itself and every string made from it by deleting up to k letters."""
    out = {word}
    frontier = [(word, 0)]
    for _ in range(k):
        # Positions are deleted in increasing order, so each set of positions is cut once.
        deeper = []
        for w, start in frontier:
            for i in range(start, len(w)):
                cut = w[:i] + w[i + 1:]
                out.add(cut)
                deeper.append((cut, i))
        frontier = deeper
    return out


class SpellingIndex:
    """Words reachable by deletion variants, for nearest-spelling lookups up to max_edits."""

    def __init__(self, words: Sequence[str], max_edits: int = 2) -> None:
        self.words = list(words)
        self.max_edits = max_edits
        # Most variants belong to one word: a bare int, not a list, halves the memory (~10 MB
        # for 2,400 words) and the build time, and gives the garbage collector nothing to walk.
        by_variant: dict[str, int | tuple[int, ...]] = {}
        for i, w in enumerate(self.words):
            for v in deletions(w, max_edits):
                hit = by_variant.get(v)
                if hit is None:
                    by_variant[v] = i
                elif isinstance(hit, int):
                    by_variant[v] = (hit, i)
                else:
                    by_variant[v] = (*hit, i)
        self._by_variant = by_variant

    def candidates(self, word: str, edits: int) -> list[str]:
        """A superset of the words within `edits` of word, in the word list's order."""
        if edits > self.max_edits:
            raise ValueError(f"index built for up to {self.max_edits} edits, asked {edits}")
        found: set[int] = set()
        for v in deletions(word, edits):
            hit = self._by_variant.get(v)
            if isinstance(hit, int):
                found.add(hit)
            elif hit is not None:
                found.update(hit)
        return [self.words[i] for i in sorted(found)]

    def nearest(self, word: str, edits: int, limit: int) -> list[tuple[str, int]]:
        """Up to `limit` (word, distance) within `edits`, closest first, ties in list order.

        The same as rapidfuzz's `process.extract(word, words, scorer=DamerauLevenshtein
        .distance, score_cutoff=edits, limit=limit)` over the whole list.
        """
        return [(cand, int(dist)) for cand, dist, _ in process.extract(
            word, self.candidates(word, edits), scorer=DamerauLevenshtein.distance,
            score_cutoff=edits, limit=limit)]
