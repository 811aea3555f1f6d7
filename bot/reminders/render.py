"""A reminder's words in its recipient's language: the single message, the morning digest, and
the state a button press leaves it in. No Telegram here (buttons are (label, data) pairs)."""

from __future__ import annotations

import json
from datetime import datetime

from bot import callback_data
from bot.i18n import MOMENT, Translator
from bot.storage.models import Reminder

PREFIX = "rem"
WHEN = MOMENT  # "lördag 12 december 10:00": the weekday matters for a reminder
ACTIONS = ("done", "h1", "tm", "nw")  # Klar, Snooza 1 h, I morgon, Nästa vecka
Buttons = list[list[tuple[str, str]]]


def when(t: Translator, value: datetime) -> str:
    """A moment as a reminder names it, in the user's language and the configured zone."""
    return t.datetime(value, WHEN)


def body(row: Reminder, t: Translator) -> str:
    """The reminder's own text, its stored placeholders rendered for the reader (Translator.
    stored: `_key` locales keys, `date`/`_date` dates, `_at` moments)."""
    return t(row.text_key, **t.stored(json.loads(row.params or "{}")))


def notes(row: Reminder, t: Translator, late: bool) -> list[str]:
    """Why it comes when it comes: moved by the rules, or late (the bot was down)."""
    lines = []
    if row.moved_from is not None:
        lines.append(t("rem.moved", when=when(t, row.moved_from)))
    if late:
        lines.append(t("rem.late"))
    return lines


def single(row: Reminder, t: Translator, late: bool) -> tuple[str, Buttons]:
    text = "\n".join([t("rem.heading"), body(row, t), *notes(row, t, late)])
    return text, buttons(row.id, t)


def buttons(reminder_id: int, t: Translator) -> Buttons:
    b = [(t(f"rem.button_{a}"), callback_data.build(PREFIX, a, reminder_id)) for a in ACTIONS]
    return [b[:2], b[2:]]


def digest(rows: list[Reminder], t: Translator, late: set[int]) -> str:
    lines = [t("rem.digest_heading", count=len(rows))]
    for row in rows:
        extra = notes(row, t, row.id in late)
        lines.append("• " + body(row, t) + (f" ({'; '.join(extra)})" if extra else ""))
    lines.append(t("rem.digest_footer"))
    return "\n".join(lines)


def state(row: Reminder, t: Translator) -> str:
    """The message after a press: its text and what became of it."""
    if row.status == "done":
        status = t("rem.state_done")
    elif row.status == "cancelled":
        status = t("rem.state_cancelled")
    else:
        status = t("rem.state_snoozed", when=when(t, row.due_at))
    return "\n".join([t("rem.heading"), body(row, t), status])
