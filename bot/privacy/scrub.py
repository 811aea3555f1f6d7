"""Masks what could identify a person in a question before it is kept for the coordinators."""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.privacy.personnummer import find_identity_numbers

MASK = "[…]"
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_DIGITS = re.compile(r"\+?\d[\d\s-]{5,}\d")
_WORD = re.compile(r"\b[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?\b")


def scrub_identifiers(text: str, vocabulary: Collection[str] = ()) -> str:
    """Replace identity numbers, e-mail addresses, long digit runs and probable names.

    A capitalised word counts as a probable name unless it starts the text or a sentence, or is
    a word of the guidelines (`vocabulary`, lower-case). Over-masking is the safe error here: the
    coordinators need the question's topic, not its people.
    """
    for hit in reversed(find_identity_numbers(text)):
        text = text[: hit.start] + MASK + text[hit.end:]
    text = _EMAIL.sub(MASK, text)
    text = _DIGITS.sub(MASK, text)

    def _name(m: re.Match[str]) -> str:
        word = m.group(0)
        before = text[: m.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?:"
        if sentence_start or word.lower() in vocabulary:
            return word
        return MASK

    return _WORD.sub(_name, text)
