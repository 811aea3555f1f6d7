"""The data of the buttons under answers (kb:, src:, fb:, fbr:), built and read through
bot.callback_data, and the reply keyboard they make.

Every button names the language of the answer it sits under, so what a press shows (the entry,
its source, the thanks) is in the language the answer was in, even when the question was typed
in the other language than the user's setting.
"""

from __future__ import annotations

from bot.callback_data import build, choice, integer, parse, token
from bot.knowledge.glossary import GLOSSARY_PREFIX

LANGS = ("sv", "en")
REASONS = ("topic", "incomplete", "outdated", "other")  # what a 👎 says was wrong

# Glossary ids are long ("stockholm.glossary.kvinnor_med_svag_stallning_pa_arbetsmarknaden" is
# 64 bytes, Telegram's whole limit). In button data "org.glossary.term" is written "org-term":
# "-" never occurs in an entry id or a glossary slug, so the short form reads back unambiguously.
_GLOSSARY = f".{GLOSSARY_PREFIX}."
_SHORT = "-"


def entry_ref(entry_id: str) -> str:
    """An entry id as written in button data."""
    return entry_id.replace(_GLOSSARY, _SHORT, 1)


def _entry(raw: str) -> str | None:
    ref = token(raw)
    if ref is None or ref.count(_SHORT) > 1:
        return None
    return ref.replace(_SHORT, _GLOSSARY, 1)


_lang = choice(LANGS)


def show(entry_id: str, lang: str) -> str:
    """A follow-up, "menade du" or nearest-topic button: show this entry."""
    return build("kb", entry_ref(entry_id), lang)


def source(entry_id: str, lang: str) -> str:
    """The "Källa" button: the full title, decision and section of an entry's document."""
    return build("src", entry_ref(entry_id), lang)


def vote(helpful: bool, answer_id: int, lang: str) -> str:
    """👍 or 👎 on the answer stored as answers_sent row `answer_id`."""
    return build("fb", int(helpful), answer_id, lang)


def reason(why: str, answer_id: int, lang: str) -> str:
    """What was wrong with a 👎'd answer."""
    return build("fbr", why, answer_id, lang)


def read_entry(data: str | None, prefix: str) -> tuple[str, str] | None:
    """(entry id, language) of a kb: or src: button, or None."""
    got = parse(data, prefix, _entry, _lang)
    return (got[0], got[1]) if got else None


def read_vote(data: str | None) -> tuple[bool, int, str] | None:
    """(helpful, answer id, language) of a fb: button, or None."""
    got = parse(data, "fb", choice("01"), integer, _lang)
    return (got[0] == "1", got[1], got[2]) if got else None


def read_reason(data: str | None) -> tuple[str, int, str] | None:
    """(reason, answer id, language) of a fbr: button, or None."""
    got = parse(data, "fbr", choice(REASONS), integer, _lang)
    return (got[0], got[1], got[2]) if got else None


def is_vote_or_reason(data: str) -> bool:
    return read_vote(data) is not None or read_reason(data) is not None
