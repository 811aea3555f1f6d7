"""Finds the five guideline documents (../shared/seeds or $SEEDS_DIR) and extracts their facts."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from bot.knowledge.baseline import SEED_FILES


def seeds_dir() -> Path | None:
    """The seed folder, or None where neither $SEEDS_DIR nor ../shared/seeds exists."""
    candidates = []
    if os.environ.get("SEEDS_DIR"):
        candidates.append(Path(os.environ["SEEDS_DIR"]))
    repo = Path(__file__).resolve().parents[2]
    candidates.append(repo.parent / "shared" / "seeds")
    for c in candidates:
        if (c / SEED_FILES["ragunda"]).is_file():
            return c
    return None


def seed_text(org: str) -> str:
    """The document text of a municipality; skips the test with a reason when it is absent."""
    d = seeds_dir()
    if d is None:
        pytest.skip(
            "guideline documents not found: set SEEDS_DIR or place them at ../shared/seeds"
        )
    return (d / SEED_FILES[org]).read_text(encoding="utf-8")


def normalise(text: str) -> str:
    """Fold case, dashes, non-breaking spaces and runs of white space, for verbatim checks."""
    text = text.replace("\u00a0", " ").replace("–", "-").replace("—", "-")
    text = text.replace("”", '"').replace("“", '"').replace("’", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


MONTHS = (
    "januari februari mars april maj juni juli augusti september oktober november december"
).split()
_MONTH_RE = "|".join(MONTHS)
_NUMWORD = r"(?:en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|tolv)"
_UNIT = r"(?:år|månader|månad|veckor|vecka|dagar|gånger|gång|tjänster|tjänst)"

# Order matters: the longest, most specific shapes are taken first and cut out of the line.
_TOKEN_PATTERNS = [
    ("date", rf"\b\d{{1,2}} (?:{_MONTH_RE}) \d{{4}}\b"),
    ("date", rf"\b(?:{_MONTH_RE}) \d{{4}}\b"),
    ("date", rf"\b\d{{1,2}} (?:{_MONTH_RE})\b"),
    ("date", r"\b\d{4}-\d{2}-\d{2}\b"),
    ("law", r"\bkap \d+\. \d+ §"),
    ("law", r"\b\d+ kap\.? \d+ ?§?"),
    ("sfs", r"\b\d{4}:\d+\b"),
    ("ratio", r"\b\d+/\d+\b"),
    ("time", r"\b\d{1,2}:\d{2}\b"),
    ("percent", r"\b\d+ ?%"),
    ("range", r"\b\d+ ?- ?\d+\b"),
    ("decimal", r"\b\d+[.,]\d+\b"),
    ("words", rf"\b{_NUMWORD} {_UNIT}\b"),
    ("number", r"\b\d+\b"),
]


def _strip_structure(text: str) -> list[str]:
    """Body lines only: no contents lines, heading numbers, page markers or footnote marks."""
    lines = []
    for line in text.splitlines():
        line = re.sub(r"<sup>\d+</sup>", "", line)
        if "....." in line or re.search(r"\t\d+\s*$", line):
            continue  # table of contents with page numbers
        if re.fullmatch(r"\s*\d+ \(\d+\)\s*", line):
            continue  # page marker such as "4 (6)"
        line = re.sub(r"^\s*\d+(\.\d+)*\.?\s*(?=[A-ZÅÄÖ])", "", line)  # heading number
        lines.append(line)
    return lines


def fact_tokens(text: str) -> set[str]:
    """Every number, amount, percentage, date, duration and law reference of a document."""
    tokens: set[str] = set()
    for line in _strip_structure(text):
        rest = normalise(line)
        for _kind, pattern in _TOKEN_PATTERNS:
            for m in re.finditer(pattern, rest):
                tokens.add(m.group(0).strip())
            rest = re.sub(pattern, " ", rest)
    return tokens


def token_variants(token: str) -> list[str]:
    """Accepted spellings of a token in an answer (spacing and date style may differ)."""
    t = normalise(token)
    variants = {t, t.replace(" ", ""), re.sub(r" ?- ?", "-", t), re.sub(r" ?%", " %", t),
                re.sub(r" ?%", "%", t)}
    m = re.fullmatch(rf"(\d{{1,2}}) ({_MONTH_RE}) (\d{{4}})", t)
    if m:
        variants.add(f"{m.group(3)}-{MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}")
    return sorted(variants)


def token_in(token: str, haystack: str) -> bool:
    """Whether a fact token stands in normalised text, not as part of a longer number."""
    hay = normalise(haystack)
    for v in token_variants(token):
        if re.search(rf"(?<![\w,.]){re.escape(v)}(?![\w]|[.,]\d)", hay):
            return True
    return False
