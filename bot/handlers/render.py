"""Turns domain results into Telegram text and keyboards; the one place markup is built."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

TELEGRAM_LIMIT = 4096


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split a long reply at paragraph, then line, then word boundaries, never mid-word."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    parts: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[:limit]
        cut = max(window.rfind("\n\n"), 0)
        if cut < limit // 3:
            cut = window.rfind("\n")
        if cut < limit // 3:
            cut = window.rfind(" ")
        if cut < limit // 3:
            cut = limit  # one enormous word: a hard cut is all that is left
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    """Inline keyboard from rows of (label, callback data); None when there are no buttons."""
    built = [[InlineKeyboardButton(label, callback_data=data) for label, data in row]
             for row in rows if row]
    return InlineKeyboardMarkup(built) if built else None


def shorten(text: str, limit: int) -> str:
    """A button label that fits: cut at a word boundary and marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return cut + "…"


# ---- answers in Telegram's HTML ------------------------------------------------------------
# Replies with answers go out with parse_mode HTML: every text from a pack or a catalogue goes
# through `esc`, so a "<" or "&" in a guideline can never break (or inject) markup.

SOURCE_LIMIT = 80  # characters of a source line: one line on a phone held upright


def esc(text: str) -> str:
    """Text made safe for Telegram's HTML parse mode (quotes need no escaping there)."""
    return html.escape(text, quote=False)


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


_WORD = re.compile(r"\w+")


def source_text(short: str, section: str, room: int = SOURCE_LIMIT, title: str = "") -> str:
    """`short, section` in at most `room` characters, no word said twice.

    The short document name is a label, the section is a heading that must stay readable:
    a word of the short name that the section repeats ("Avestamodellen" in "Styrning av
    Avestamodellen arbetsmarknad") goes from the short name, and a section that is too long is
    cut at a word with "…". A section that is the document's full `title` (its opening part)
    adds nothing to the short name.
    """
    section = " ".join(section.split()).rstrip(" .:")  # "Mål:" is a heading, not a lead-in
    if section.casefold() == " ".join(title.split()).casefold():
        section = ""
    said = set(_words(section))
    label = " ".join(w for w in short.split() if not set(_words(w)) & said)
    if not section:
        return _cut(short, room)
    if not label:
        return _cut(section, room)
    head = f"{label}, "
    return head + _cut(section, max(room - len(head), 12))


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,.;:/–-(")
    return cut + "…"


def markup_rows(markup: InlineKeyboardMarkup | None) -> list[list[tuple[str, str]]]:
    """The (label, callback data) rows of a message's buttons, as `keyboard` takes them."""
    if markup is None:
        return []
    return [[(b.text, b.callback_data) for b in row if isinstance(b.callback_data, str)]
            for row in markup.inline_keyboard]
