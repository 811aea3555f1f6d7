"""How closely a question reads like candidate entries: the rapidfuzz half of the ranking score.

Owns the text-similarity score (0..1) of a question to an entry's phrasings, title and matching
multi-word keywords (`Item.texts`, `Item.full`, `Item.phrases`, see index.py). Scores every
candidate of one question in a single rapidfuzz call per scorer (`process.cdist`, float64 so the
values are bit-identical to calling `fuzz.*` pair by pair), then combines them per entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

if TYPE_CHECKING:
    from bot.knowledge.index import Item


def _scores(query: str, choices: list[str], scorer: Callable[..., float]) -> list[float]:
    """`scorer(query, c)` for every choice, as Python floats (float64: no float32 rounding)."""
    row: list[float] = process.cdist([query], choices, scorer=scorer, dtype=np.float64)[0].tolist()
    return row


def best_text_similarities(query: str, full_query: str, items: Sequence[Item]) -> list[float]:
    """For each item, how closely the question reads like one of its phrasings or title, 0..1.

    `query` is the question's folded stems, `full_query` its whole folded text. An entry's
    multi-word keywords count only when the question contains all their words. Per text the
    score is 0.45 token-sort + 0.45 token-set ratio of the stems, plus 0.1 whole-text ratio when
    within 10 points of the entry's best so far (it only breaks near ties); the entry scores its
    best text.
    """
    asked = set(query.split())
    texts: list[str] = []
    fulls: list[str] = []
    ends: list[int] = []
    for item in items:
        if len(item.texts) != len(item.full):
            raise ValueError(f"{item.entry_id}: texts and full texts differ in number")
        texts += item.texts
        fulls += item.full
        for t, full in item.phrases:
            if asked.issuperset(t.split()):
                texts.append(t)
                fulls.append(full)
        ends.append(len(texts))
    if not texts:
        return [0.0] * len(items)
    sort = _scores(query, texts, fuzz.token_sort_ratio)
    tset = _scores(query, texts, fuzz.token_set_ratio)
    ratio = _scores(full_query, fulls, fuzz.ratio)
    out = []
    start = 0
    for end in ends:
        best = 0.0
        for j in range(start, end):
            v = 0.45 * sort[j] + 0.45 * tset[j]
            if v >= best - 10:  # the whole-text ratio only breaks near ties
                v += 0.1 * ratio[j]
            best = max(best, v)
        out.append(best / 100.0)
        start = end
    return out


def best_text_similarity(query: str, full_query: str, item: Item) -> float:
    """How closely the question reads like one of the entry's phrasings or its title, 0..1."""
    return best_text_similarities(query, full_query, [item])[0]
