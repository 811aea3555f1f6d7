"""Reduces a question to its topic before it is kept for the coordinators. No Telegram here.

Safe by construction: every word not known to be harmless (bot/privacy/allowlist.py: the
guideline domain's words and function words, less common names) becomes "[…]", and a run of
masked words becomes one "[…]". Identity numbers, e-mail addresses, web addresses and digit
runs of five digits or more go first, whole. What is left tells the topic ("kan […] få OSA"),
never the person.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.knowledge.text import fold
from bot.privacy.allowlist import KEEP, allowed_words, as_frozenset
from bot.privacy.personnummer import find_identity_numbers

MASK = "[…]"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# Digits with separators between them: a phone number, an account, a date; five digits or more
# in one run say more than a topic needs ("18 år", "6 km" and "2024" stay).
_DIGIT_RUN = re.compile(r"\+?\d(?:[\d\s./:-]*\d)?")
_MAX_DIGITS = 4
# A word: letters, with inner hyphens or apostrophes ("OSA-plats"); a genitive ":s" ("AF:s")
# belongs to it.
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*(?::s\b)?")
_RUN = re.compile(re.escape(MASK) + r"(?:[\s,;/&+-]*" + re.escape(MASK) + r")+")


def scrub_identifiers(text: str, vocabulary: Collection[str] = ()) -> str:
    """The question with every word not known to be harmless replaced by "[…]".

    Args:
        text: The question as the user typed it (the identity guard has already run).
        vocabulary: Lower-case words of the knowledge packs (KnowledgeBase.vocabulary()).

    Returns:
        The question with only domain and function words, short numbers and punctuation left.
    """
    for hit in reversed(find_identity_numbers(text)):
        text = text[: hit.start] + MASK + text[hit.end :]
    text = _EMAIL.sub(MASK, text)
    text = _URL.sub(MASK, text)
    text = _DIGIT_RUN.sub(
        lambda m: m.group(0) if sum(c.isdigit() for c in m.group(0)) <= _MAX_DIGITS else MASK,
        text)
    allowed = allowed_words(as_frozenset(vocabulary))

    def word(m: re.Match[str]) -> str:
        token = m.group(0)
        return token if _harmless(token, allowed) else MASK

    return _RUN.sub(MASK, _WORD.sub(word, text))


def _harmless(token: str, allowed: frozenset[str]) -> bool:
    lower = token.lower().removesuffix(":s")
    if fold(lower) in allowed:
        # "Per vill ha OSA", "kan Maj få stöd": a kept word that is also a name counts as the
        # name when capitalised, even at a sentence start ("Per dag …" loses a word; fine).
        return not (lower in KEEP and token[:1].isupper())
    parts = re.split(r"['’-]", lower)
    return len(parts) > 1 and all(fold(p) in allowed for p in parts)
