"""Turns domain results into Telegram text and keyboards; the one place markup is built."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.handlers import answer_buttons as buttons

if TYPE_CHECKING:  # annotations only: rendering takes what the knowledge base gives
    from bot.i18n import Translator
    from bot.knowledge.reply import AnswerCard, Reply
    from bot.knowledge.search import KnowledgeBase

TELEGRAM_LIMIT = 4096
Rows = list[list[tuple[str, str]]]


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


# ---- all-municipality replies ----------------------------------------------------------------
# One line per municipality, the whole within one phone screen held upright (issue 16): about
# 1,200 characters. Facts give way first, then sources; "not stated" ones share one last line.

SCREEN_CHARS = 1200
_FACT_STEPS = (150, 120, 100, 80, 60, 45)
_SOURCE_STEPS = (80, 50, 30)
_TAG = re.compile(r"<[^>]+>")


def visible_length(text: str) -> int:
    """How many characters a Telegram HTML text shows (tags gone, entities one character)."""
    return len(html.unescape(_TAG.sub("", text)))


def short_municipality(name: str, org: str) -> str:
    """"Bjurholms kommun" → "Bjurholm", "Stockholms stad" → "Stockholm", "Avesta kommun" →
    "Avesta": what a compact line or a button needs. The genitive s goes only where the org id
    has none there ("Hofors kommun" stays "Hofors")."""
    for suffix in (" kommun", " stad", " Kommun", " Stad"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    if name.endswith("s") and not org.endswith("s"):
        name = name[:-1]
    return name


def org_lines_html(heading: str, lines: Sequence[tuple[str, str, str]], missing: str | None,
                   limit: int = SCREEN_CHARS) -> str:
    """`heading`, then "• <b>name</b>: fact — <i>source</i>" per (name, fact, source), then the
    `missing` line; facts and sources are cut at a word until it shows at most `limit` chars."""
    text = ""
    for source_room in _SOURCE_STEPS:
        for fact_room in _FACT_STEPS:
            body = [f"• <b>{esc(name)}</b>: {esc(shorten(fact, fact_room))}"
                    + (f" — <i>{esc(_cut(source, source_room))}</i>" if source else "")
                    for name, fact, source in lines]
            text = "\n\n".join(filter(None, (f"<b>{esc(heading)}</b>", "\n".join(body),
                                             f"<i>{esc(missing)}</i>" if missing else "")))
            if visible_length(text) <= limit:
                return text
    return text


def card_html(t: Translator, kb: KnowledgeBase, card: AnswerCard, label_org: bool) -> str:
    """An answer card: the municipality where asked for, the title in bold, the answer, and a
    source line that fits a phone."""
    head = ""
    if label_org:
        head = esc(t("ask.for_municipality", municipality=kb.municipality_name(card.org))) + "\n"
    room = SOURCE_LIMIT - len(t("ask.source_line", source=""))
    source = source_text(card.document_short or card.document, card.section, room,
                         card.document)
    line = t("ask.source_line", source=source)
    return f"{head}<b>{esc(card.title)}</b>\n\n{esc(card.answer)}\n\n<i>{esc(line)}</i>"


def parts_replies(t: Translator, kb: KnowledgeBase, reply: Reply, answer_ids: Sequence[int]
                  ) -> list[tuple[str, Rows]]:
    """Two questions in one message get a message each: a short card per answered part, with
    its own 📄/👍/👎 (a vote edits only its own message's buttons), then one message naming the
    parts without an answer, their nearest topics as buttons. `answer_ids`: the answers_sent
    rows of reply.cards, in order (none: no votes)."""
    lang, label_org = t.lang, reply.named_org is not None
    messages: list[tuple[str, Rows]] = []
    gaps, nearest = [], {}
    for part in reply.parts:
        if part.card is None:
            gaps.append(t("ask.part_no_answer", part=part.text.strip(" ?")))
            nearest.update((e, title) for e, title in part.nearest if e not in nearest)
            continue
        row = ([(t("ask.source_button"), buttons.source(part.card.entry_id, lang))]
               if kb.has_entry(part.card.entry_id) else [])
        if len(answer_ids) > len(messages):
            answer_id = answer_ids[len(messages)]
            row += [("👍", buttons.vote(True, answer_id, lang)),
                    ("👎", buttons.vote(False, answer_id, lang))]
        messages.append((card_html(t, kb, part.card, label_org), [row]))
    if gaps:
        answered = {c.entry_id for c in reply.cards}
        offered = [(e, title) for e, title in nearest.items() if e not in answered][:3]
        lines = [*gaps, *([t("ask.nearest")] if offered else []), reply.ask_at_unit]
        messages.append(("\n\n".join(esc(line) for line in lines),
                         [[(shorten(title, 60), buttons.show(e, lang))] for e, title in offered]))
    return messages


def all_orgs_reply(t: Translator, kb: KnowledgeBase, reply: Reply) -> tuple[str, Rows]:
    """One compact line per municipality with its fact and source, the unstated ones together
    at the end, within one phone screen; a button opens each municipality's whole entry."""
    stated = [(short_municipality(o.municipality, o.org), o) for o in reply.per_org_lines
              if o.fact]
    missing = [short_municipality(o.municipality, o.org) for o in reply.per_org_lines
               if not o.fact]
    text = org_lines_html(
        t("ask.all_orgs_heading"),
        # The line starts with the municipality: its source need not name it again.
        [(name, o.fact, re.sub(rf"\s*\b{re.escape(name)}\b", "", o.source)) for name, o in stated],
        t("ask.all_orgs_not_stated", municipalities=", ".join(missing)) if missing else None)
    opens = [(t("ask.more", title=name), buttons.show(o.entry_id, t.lang))
             for name, o in stated if o.entry_id]
    return text, [opens[i:i + 2] for i in range(0, len(opens), 2)]
