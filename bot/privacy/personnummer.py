"""Finds Swedish personal identity and coordination numbers in free text for the bot to refuse.

The scan for candidates is ours; the decision whether a candidate is a real number is left
to python-stdnum (`stdnum.se.personnummer` for the date, the century rules and the ``+``
for people aged 100 or more, and `stdnum.luhn` for the check digit). Only candidates with
a valid date *and* a valid check digit count, so the bot refuses real numbers but lets
look-alikes through.

Hits carry only a span and a kind, never the digits: callers must not log the matched text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

IdentityKind = Literal["personnummer", "samordningsnummer"]

# Skatteverket adds 60 to the day of birth in a coordination number (samordningsnummer).
_COORDINATION_DAY_OFFSET = 60

# Dashes that phones and word processors substitute for a hyphen-minus; a number typed on a
# phone must not slip through because the keyboard "helpfully" turned "-" into "–".
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_SPACES = " \u00a0\u202f"

# ASCII digits only: `\d` would also match other scripts' digits, which stdnum rejects anyway.
# The look-behind/look-ahead make a hit a whole digit run, so ten digits inside a longer
# number (an IBAN, a 14-digit reference) are not taken for an identity number.
_CANDIDATE = re.compile(
    rf"""
    (?<![0-9])
    (?P<century>18|19|20)?
    (?P<date>[0-9]{{6}})
    (?P<sep>[{_SPACES}]?[{_DASHES}+][{_SPACES}]?|[{_SPACES}])?
    (?P<serial>[0-9]{{4}})
    (?![0-9])
    """,
    re.VERBOSE,
)

# Trade-off for bare ten-digit runs that start with 0. Everyone born 2000-2009 has a number
# starting with "0", and those young adults are a core client group, so "0701239805" with a
# valid date and check digit is refused by default, even though it may be a mobile number:
# about 1 in 20 random unspaced 070 numbers pass both checks (072/073/076/079 never do, as
# "2X"-"9X" is no month). The text only "says phone" when the number is grouped like one
# ("070-123 45 67", "+46 70 ..."), which never matches the candidate pattern, or when a phone
# word stands right before it ("tel 0701239805", "ring mig på ..."); only then is the bare
# run let through. A number in identity-number shape ("070123-9805") is never excused.
_PHONE_CUE = re.compile(
    r"\b(?:tel|tfn|telefon\w*|mobil\w*|mob|ring|ringa|ringer|ringde|sms|sms:a|smsa|växel\w*|fax)"
    r"(?:\.?nr)?\b"
    r"(?:\s+(?:mig|oss|henne|honom|dem|på|till|nr|nummer)){0,3}[\s:.=]*\Z",
    re.IGNORECASE,
)
_PHONE_CUE_WINDOW = 40


@dataclass(frozen=True, slots=True)
class IdentityHit:
    """Where an identity number sits in a text, and what kind it is.

    Attributes:
        start: Index of the first character of the number.
        end: Index one past the last character, as in ``text[start:end]``.
        kind: ``"personnummer"`` or ``"samordningsnummer"`` (coordination number).
    """

    start: int
    end: int
    kind: IdentityKind


def find_identity_numbers(text: str) -> list[IdentityHit]:
    """Finds valid personal identity and coordination numbers anywhere in a text.

    Accepts ``YYMMDD-NNNN``, ``YYMMDD+NNNN``, ``YYMMDDNNNN``, ``YYYYMMDD-NNNN`` and
    ``YYYYMMDDNNNN``, with a space (or a dash with spaces around it) allowed as separator.
    A candidate counts only if its date (day + 60 for coordination numbers) is a real
    date and its Luhn check digit is right.

    Args:
        text: Free text from a user message.

    Returns:
        The hits in text order, without the matched digits.
    """
    hits: list[IdentityHit] = []
    for match in _CANDIDATE.finditer(text):
        kind = _classify(match)
        if kind is None or _is_cued_phone_number(text, match):
            continue
        hits.append(IdentityHit(start=match.start(), end=match.end(), kind=kind))
    return hits


def contains_identity_number(text: str) -> bool:
    """Tells whether a text holds at least one valid identity or coordination number.

    Args:
        text: Free text from a user message.

    Returns:
        True if the bot must refuse the text.
    """
    return bool(find_identity_numbers(text))


def _classify(match: re.Match[str]) -> IdentityKind | None:
    """Returns the kind of a candidate match, or None if it is not a valid number."""
    century = match["century"] or ""
    date = match["date"]
    serial = match["serial"]
    # stdnum reads the century from "+" versus "-"; spaces and dash variants mean "-".
    sign = "+" if "+" in (match["sep"] or "") else "-"
    if personnummer.is_valid(f"{century}{date}{sign}{serial}"):
        return "personnummer"
    if _is_coordination_number(century, date, sign, serial):
        return "samordningsnummer"
    return None


def _is_coordination_number(century: str, date: str, sign: str, serial: str) -> bool:
    """Checks a candidate as a coordination number (samordningsnummer).

    stdnum 2.x has no coordination-number support (its date check rejects day 61-91),
    so we take 60 off the day, let stdnum judge the resulting birth date with its own
    century and "+" rules, and run the Luhn check on the digits as written.
    """
    day = int(date[4:6])
    if not _COORDINATION_DAY_OFFSET < day <= _COORDINATION_DAY_OFFSET + 31:
        return False
    birth_date = f"{date[:4]}{day - _COORDINATION_DAY_OFFSET:02d}"
    try:
        personnummer.get_birth_date(f"{century}{birth_date}{sign}{serial}")
    except ValidationError:
        return False
    return luhn.is_valid(f"{date}{serial}")


def _is_cued_phone_number(text: str, match: re.Match[str]) -> bool:
    """Tells whether a bare 0-prefixed ten-digit run is introduced as a phone number."""
    if match["century"] or match["sep"] or not match["date"].startswith("0"):
        return False
    before = text[max(0, match.start() - _PHONE_CUE_WINDOW) : match.start()]
    return _PHONE_CUE.search(before) is not None
