"""A plain BM25 baseline over the raw guideline paragraphs, to measure the packs' search against."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rank_bm25 import BM25Okapi

from bot.knowledge.schema import Pack
from bot.knowledge.text import fold, tokens

# Used when a pack is missing: the seed files in the order of bot.ORGS (see seeds/README.md).
SEED_FILES = {
    "ragunda": "000_df5a2e5eb8871dca.txt",
    "bjurholm": "001_5cdb6f5f60cfd9a7.txt",
    "avesta": "002_d9c17aa8d403de14.txt",
    "danderyd": "003_b121e1a782162d60.txt",
    "stockholm": "004_1d3d080ae6e6c087.txt",
}


def seeds_dir(repo_root: Path) -> Path | None:
    """$SEEDS_DIR, else ../shared/seeds next to the repository; None when neither exists."""
    env = os.environ.get("SEEDS_DIR")
    for candidate in ([Path(env)] if env else []) + [repo_root.parent / "shared" / "seeds"]:
        if candidate.is_dir():
            return candidate
    return None


def paragraphs(text: str) -> list[str]:
    """A document split at blank lines, empty pieces dropped."""
    parts, current = [], []
    for line in text.splitlines():
        if line.strip():
            current.append(line.strip())
        elif current:
            parts.append(" ".join(current))
            current = []
    if current:
        parts.append(" ".join(current))
    return parts


def _bm25_tokens(text: str) -> list[str]:
    # Deliberately plain: lower case and å/ä/ö folding only, no stemming, no synonyms.
    return [fold(t) for t in tokens(text)]


@dataclass(frozen=True)
class Hit:
    """The best paragraph for a question and its BM25 score."""

    paragraph: str
    score: float


class Bm25Baseline:
    """One BM25 index per municipality over its document's paragraphs."""

    def __init__(self, docs: dict[str, list[str]]) -> None:
        self._paragraphs = docs
        self._bm25 = {org: BM25Okapi([_bm25_tokens(p) or ["_"] for p in ps])
                      for org, ps in docs.items() if ps}

    @classmethod
    def from_seeds(cls, directory: Path, packs: dict[str, Pack]) -> Bm25Baseline:
        """Read each municipality's seed document (file named by its pack, else SEED_FILES)."""
        docs = {}
        for org, default in SEED_FILES.items():
            name = packs[org].document.seed_file if org in packs else default
            path = directory / name
            if path.is_file():
                docs[org] = paragraphs(path.read_text("utf-8"))
        return cls(docs)

    def orgs(self) -> list[str]:
        return list(self._bm25)

    def search(self, question: str, org: str) -> Hit | None:
        """The top paragraph of the municipality's document, or None without a document."""
        bm25 = self._bm25.get(org)
        query = _bm25_tokens(question)
        if bm25 is None or not query:
            return None
        scores = bm25.get_scores(query)
        best = max(range(len(scores)), key=scores.__getitem__)
        return Hit(self._paragraphs[org][best], float(scores[best]))
