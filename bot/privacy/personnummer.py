"""Finds Swedish personal identity and coordination numbers in free text for the bot to refuse.

A typo is still a personnummer, so the date decides, not the check digit: a candidate whose
first six or eight digits are a real birth date (day + 60 for a samordningsnummer) is refused,
whatever its Luhn check digit says. The check digit only breaks ties where a text that looks
like an identity number is more likely something else:

* a bare ten-digit run starting with 0 is a Swedish phone number as often as it is the number
  of someone born 2000-2009 (a core client group): refused when its check digit is right and
  no phone word stands near it, let through when its check digit is wrong, or when a phone word
  ("tel", "ring", "nummer", "mobil", "telefon", …) is near and no identity word ("pnr") is;
* a date and a four-digit clock time with a space between ("20241126 1315") is a date-time
  when the check digit is wrong or a word such as "kl", "tid", "möte" is near; otherwise it
  is refused;
* a four-digit year puts the date in a century: a date after today is no birth date;
* a date, a space and four digits followed by an amount or a unit ("2500 kr") is an amount.

The text is normalised before the scan, because a phone keyboard, a copy from a PDF or a
deliberate dodge all change how a number looks: digits of any script become ASCII digits,
invisible characters (soft hyphen, zero-width space and joiners, direction marks) are dropped,
and any dash, slash, dot, underscore, space or run of spaces counts as a separator.

The date and century rules come from python-stdnum (`stdnum.se.personnummer`), the check
digit from `stdnum.luhn`. Hits carry only a span (in the original text) and a kind, never the
digits: callers must not log the matched text.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from stdnum import luhn
from stdnum.exceptions import ValidationError
from stdnum.se import personnummer

IdentityKind = Literal["personnummer", "samordningsnummer"]

# Skatteverket adds 60 to the day of birth in a coordination number (samordningsnummer).
_COORDINATION_DAY_OFFSET = 60

# Characters with no width that a number may hide behind; Unicode's "format" category (soft
# hyphen, zero-width space/joiners, word joiner, BOM, direction marks) is dropped as a whole,
# and these fillers besides.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180e\u3164\uffa0")
# Separators other than whitespace, after every dash has become "-".
_SEPARATORS = "-/._"

# The date may be written with separators of one kind between year, month and day
# ("1990-01-01", "90 01 01"); between date and serial any one separator or "+" (people aged
# 100 or more), with or without spaces around it, or spaces alone. The look-arounds make a hit
# a whole number: not part of a longer digit run, and not the start of a range or a longer
# reference ("2024-11-26-2024-12-01").
_CANDIDATE = re.compile(
    r"""
    (?<![0-9])
    (?P<century>18|19|20)?
    (?P<yy>[0-9]{2}) (?P<dsep>[-/._ ]?) (?P<mm>[0-9]{2}) (?P=dsep) (?P<dd>[0-9]{2})
    (?P<sep>\ {0,2}[-+/._]\ {0,2}|\ {1,2})?
    (?P<serial>[0-9]{4})
    (?![0-9])
    (?!\ ?[-/._:]\ ?[0-9])
    """,
    re.VERBOSE,
)

# A phone word close before a bare run ("ring mig på", "tel.nr:") or right after it
# ("… är mitt nummer"). Word boundaries keep "personnummer" from counting as "nummer".
_PHONE_WORD = (r"\b(?:tel|tfn|telefon\w*|mobil\w*|mob|mobile|phone|ring|ringa|ringer|ringde"
               r"|call|sms|sms:a|smsa|växel\w*|vaxel\w*|fax|nummer|numret|nr|number|nummret)"
               r"(?:\.?nr)?\b")
_PHONE_BEFORE = re.compile(_PHONE_WORD + r"[^0-9]{0,24}\Z", re.IGNORECASE)
_PHONE_AFTER = re.compile(r"\A[^0-9]{0,16}" + _PHONE_WORD, re.IGNORECASE)
_PHONE_WINDOW = 40
# Words that say "identity number" outweigh a phone word nearby.
_IDENTITY_WORD = re.compile(
    r"\b(?:pnr|personnr|personnumm\w*|personnummer\w*|samordningsn\w*|snr|födelse\w*|fodelse\w*"
    r"|född|fodd|id-?nr|ssn)\b", re.IGNORECASE)
# Words that make a date followed by four digits a date and a time ("möte 20241126 1315").
_TIME_WORD = re.compile(
    r"\b(?:kl|klockan|tid|tiden|tidsbokning|möte\w*|mote\w*|träff\w*|traff\w*|bokad|bokat"
    r"|bokning\w*|besök\w*|besok\w*|at|time|meeting|appointment)\b", re.IGNORECASE)
# An amount or unit right after the four digits (matched from there): "2024-11-26 2500 kr" is
# money, not a serial.
_UNIT_AFTER = re.compile(
    r" ?(?:kr\b|kronor|sek\b|:-|%|st\b|stycken|tim\b|timmar|h\b|min\b|minuter|euro|€|\$)",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IdentityHit:
    """Where an identity number sits in a text, and what kind it is.

    Attributes:
        start: Index of the first character of the number in the text as given.
        end: Index one past the last character, as in ``text[start:end]``.
        kind: ``"personnummer"`` or ``"samordningsnummer"`` (coordination number).
    """

    start: int
    end: int
    kind: IdentityKind


def normalise(text: str) -> tuple[str, list[int] | None]:
    """The text as the scan reads it, and where each of its characters came from.

    Args:
        text: Free text from a user message.

    Returns:
        The normalised text and, for each of its characters, the index of the original
        character (None when the text is unchanged in length, so indexes agree).
    """
    if text.isascii():
        return _ASCII_SPACES.sub(" ", text), None
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        mapped = _normal_char(ch)
        if mapped:
            out.append(mapped)
            origin.append(index)
    return "".join(out), origin


_ASCII_SPACES = re.compile(r"[\t\n\r\f\v]")


def _normal_char(ch: str) -> str:
    """One character as the scan reads it; "" for a character that is dropped."""
    if ch.isascii():
        return " " if ch.isspace() else ch
    category = unicodedata.category(ch)
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    if category in ("Cf", "Mn", "Me") or ch in _INVISIBLE:
        return ""
    if category == "Pd" or ch == "\u2212":
        return "-"
    if ch.isspace() or category == "Zs":
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) == 1 and folded.isascii():
        return " " if folded.isspace() else folded
    return ch


def find_identity_numbers(text: str) -> list[IdentityHit]:
    """Finds personal identity and coordination numbers anywhere in a text.

    Accepts ``YYMMDD-NNNN``, ``YYMMDD+NNNN``, ``YYMMDDNNNN``, ``YYYYMMDD-NNNN``,
    ``YYYYMMDDNNNN`` and ``YYYY-MM-DD-NNNN``, with any separator, in any script's digits,
    with invisible characters anywhere. A candidate counts if its date (day - 60 for a
    coordination number) is a real date; see the module docstring for the few shapes where
    the check digit decides.

    Args:
        text: Free text from a user message.

    Returns:
        The hits in text order, spans in the original text, without the matched digits.
    """
    scan, origin = normalise(text)
    hits: list[IdentityHit] = []
    for match in _CANDIDATE.finditer(scan):
        kind = _classify(match)
        if kind is None or _spared(scan, match):
            continue
        start, end = match.start(), match.end()
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        hits.append(IdentityHit(start=start, end=end, kind=kind))
    return hits


def contains_identity_number(text: str) -> bool:
    """Tells whether a text holds at least one identity or coordination number.

    Args:
        text: Free text from a user message.

    Returns:
        True if the bot must refuse the text.
    """
    return bool(find_identity_numbers(text))


def _digits(match: re.Match[str]) -> str:
    """The ten digits YYMMDDNNNN the check digit is computed over."""
    return f"{match['yy']}{match['mm']}{match['dd']}{match['serial']}"


def _classify(match: re.Match[str]) -> IdentityKind | None:
    """The kind of a candidate whose date is a real (birth or coordination) date, else None."""
    century = match["century"] or ""
    sign = "+" if "+" in (match["sep"] or "") else "-"
    day = int(match["dd"])
    kind: IdentityKind = "personnummer"
    if _COORDINATION_DAY_OFFSET < day <= _COORDINATION_DAY_OFFSET + 31:
        day -= _COORDINATION_DAY_OFFSET
        kind = "samordningsnummer"
    try:
        # stdnum picks the century of a six-digit date (and reads "+" as 100 years older).
        born = personnummer.get_birth_date(
            f"{century}{match['yy']}{match['mm']}{day:02d}{sign}0000")
    except ValidationError:
        return None
    if century and born > datetime.date.today():
        return None  # nobody is born in the future: a meeting date, a deadline
    return kind


def _spared(scan: str, match: re.Match[str]) -> bool:
    """True for the few identity-number shapes that are more likely something else."""
    if _near(_IDENTITY_WORD, scan, match):
        return False  # "pnr 0701239806": said to be one, so it is one
    sep = match["sep"] or ""
    spaced = sep != "" and not sep.strip()  # spaces alone between date and serial
    if spaced and _UNIT_AFTER.match(scan, match.end()):
        return True
    checks = luhn.is_valid(_digits(match))
    if spaced and _is_clock_time(match["serial"]) and (
            not checks or _near(_TIME_WORD, scan, match)):
        return True
    bare = not sep and not match["century"] and not match["dsep"]
    if bare and match["yy"].startswith("0"):
        return not checks or _cued_as_phone(scan, match)
    return False


def _is_clock_time(serial: str) -> bool:
    return int(serial[:2]) < 24 and int(serial[2:]) < 60


def _near(pattern: re.Pattern[str], scan: str, match: re.Match[str]) -> bool:
    """Whether `pattern` occurs within _PHONE_WINDOW characters before or after the match."""
    before = scan[max(0, match.start() - _PHONE_WINDOW) : match.start()]
    after = scan[match.end() : match.end() + _PHONE_WINDOW]
    return bool(pattern.search(before) or pattern.search(after))


def _cued_as_phone(scan: str, match: re.Match[str]) -> bool:
    """A phone word just before the number ("ring mig på") or just after ("… är mitt nr")."""
    before = scan[max(0, match.start() - _PHONE_WINDOW) : match.start()]
    after = scan[match.end() : match.end() + _PHONE_WINDOW]
    return bool(_PHONE_BEFORE.search(before) or _PHONE_AFTER.search(after))
