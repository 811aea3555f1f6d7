"""What time a user means: "imorgon 9", "fredag 14:00", "om 2 timmar", "nästa måndag",
"2026-12-01 08:30", "tomorrow 9", "3 december 10", followed by the reminder's text.

A small parser for the forms staff type, in the configured zone. dateparser 1.5 was tried
first: it reads "imorgon 9" and "tomorrow 9" as 10:00 (the current hour), "imorgon kl 9" and
"nästa måndag" as nothing, and it cannot say where the time ends and the reminder's text
begins, which /paminn needs. A day without
a time means 09:00; a time without a day means today, or tomorrow once it has passed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_TIME = time(9, 0)
MAX_AHEAD = timedelta(days=3 * 366)

WEEKDAYS = {
    "måndag": 0, "mandag": 0, "tisdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4,
    "lördag": 5, "lordag": 5, "söndag": 6, "sondag": 6,
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
    "october": 10,
}
UNITS = {
    "min": 1, "minut": 1, "minuter": 1, "minute": 1, "minutes": 1, "mins": 1,
    "h": 60, "tim": 60, "timme": 60, "timmar": 60, "hour": 60, "hours": 60,
    "dag": 1440, "dagar": 1440, "day": 1440, "days": 1440,
    "vecka": 10080, "veckor": 10080, "week": 10080, "weeks": 10080,
}
_CLOCK = re.compile(r"([01]?\d|2[0-3])(?:[:.]([0-5]\d))?")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMBER = re.compile(r"\d{1,4}")


@dataclass(frozen=True)
class Parsed:
    """The moment (aware, in the configured zone) and the text after it."""

    when: datetime
    text: str


@dataclass(frozen=True)
class Problem:
    """Why it could not be read: unknown (no time found), past, too_far, no_text."""

    reason: str


def parse(raw: str, now: datetime, tz: ZoneInfo) -> Parsed | Problem:
    """Read the time at the start of `raw` and the reminder's text after it."""
    words = raw.split()
    lowered = [w.lower().rstrip(",") for w in words]
    local_now = now.astimezone(tz)
    got = _relative(lowered, local_now) or _absolute(lowered, local_now)
    if got is None:
        return Problem("unknown")
    when, used = got
    text = " ".join(words[used:]).strip()
    if when <= local_now:
        return Problem("past")
    if when - local_now > MAX_AHEAD:
        return Problem("too_far")
    if not text:
        return Problem("no_text")
    return Parsed(when, text)


def _relative(w: list[str], now: datetime) -> tuple[datetime, int] | None:
    """"om 2 timmar" / "in 2 hours" / "om en timme"."""
    if len(w) < 3 or w[0] not in ("om", "in"):
        return None
    amount = {"en": 1, "ett": 1, "a": 1, "an": 1}.get(w[1])
    if amount is None and _NUMBER.fullmatch(w[1]):
        amount = int(w[1])
    unit = UNITS.get(w[2])
    if amount is None or unit is None or amount == 0:
        return None
    return now + timedelta(minutes=amount * unit), 3


def _absolute(w: list[str], now: datetime) -> tuple[datetime, int] | None:
    day, used = _day(w, now.date())
    clock, used = _clock(w, used, explicit=day is not None)
    if day is None and clock is None:
        return None
    if day is None:
        assert clock is not None
        day = now.date() if clock > now.time().replace(tzinfo=None) else now.date() + \
            timedelta(days=1)
    when = datetime.combine(day, clock or DEFAULT_TIME, tzinfo=now.tzinfo)
    if when <= now and w and w[0] in WEEKDAYS:
        when += timedelta(days=7)  # "tisdag 9" on a Tuesday at ten: next Tuesday
    return when, used


def _day(w: list[str], today: date) -> tuple[date | None, int]:
    if not w:
        return None, 0
    first = w[0]
    if first in ("idag", "today"):
        return today, 1
    if first in ("imorgon", "tomorrow"):
        return today + timedelta(days=1), 1
    if first == "i" and len(w) > 1 and w[1] == "morgon":
        return today + timedelta(days=1), 2
    if first in ("övermorgon", "iövermorgon") or (first == "i" and w[1:2] == ["övermorgon"]):
        return today + timedelta(days=2), 1 if first != "i" else 2
    start, strict = (1, True) if first in ("nästa", "next", "på", "on") else (0, False)
    if start < len(w) and w[start] in WEEKDAYS:
        ahead = (WEEKDAYS[w[start]] - today.weekday()) % 7
        if ahead == 0 and strict:
            ahead = 7  # "nästa tisdag" on a Tuesday is next week's
        return today + timedelta(days=ahead), start + 1
    if start:
        return None, 0
    iso = _ISO.fullmatch(first)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3])), 1
        except ValueError:
            return None, 0
    if len(w) > 1 and _NUMBER.fullmatch(first) and w[1] in MONTHS:
        return _next_date(today, MONTHS[w[1]], int(first)), 2
    return None, 0


def _next_date(today: date, month: int, day: int) -> date | None:
    """That day of the month this year, or next year once it has passed."""
    for year in (today.year, today.year + 1):
        try:
            found = date(year, month, day)
        except ValueError:
            return None
        if found >= today:
            return found
    return None


def _clock(w: list[str], at: int, explicit: bool) -> tuple[time | None, int]:
    """A time at word `at`: "kl 9", "kl. 14:30", "at 9", "14:00", "9" (a bare hour only after a
    day or "kl"), "14.30"."""
    marker = at < len(w) and w[at] in ("kl", "kl.", "klockan", "at")
    i = at + 1 if marker else at
    if i >= len(w):
        return None, at
    m = _CLOCK.fullmatch(w[i])
    if m is None or (m[2] is None and not (marker or explicit)):
        return None, at
    return time(int(m[1]), int(m[2] or 0)), i + 1
