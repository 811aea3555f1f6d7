"""When a reminder may reach someone: Swedish working days, quiet hours, the morning digest.

Pure functions over local wall-clock time in the configured zone (Europe/Stockholm). A reminder
falling on a weekend or a Swedish public holiday (the `holidays` library's Sweden calendar, plus
the eves that are days off in practice: midsommarafton, julafton, nyårsafton) moves to the next
working day at the same local time; one falling in the quiet hours (18:00-07:00) goes into the
user's next morning digest instead of pushing at night.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

QUIET_FROM = time(18, 0)
QUIET_UNTIL = time(7, 0)
DEFAULT_DIGEST = time(8, 0)
# The de-facto days off the public calendar leaves out (English names in `holidays`).
_DAYS_OFF_IN_PRACTICE = ("Midsummer Eve", "Christmas Eve", "New Year's Eve")


@cache
def days_off(year: int) -> frozenset[date]:
    """Public holidays of Sweden in `year`, plus midsommarafton, julafton and nyårsafton."""
    public = set(holidays.Sweden(years=year))
    de_facto = holidays.Sweden(years=year, categories=("de_facto",))
    public.update(d for d, name in de_facto.items() if name in _DAYS_OFF_IN_PRACTICE)
    return frozenset(public)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in days_off(day.year)


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, else the first one after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def in_quiet_hours(clock: time) -> bool:
    return clock >= QUIET_FROM or clock < QUIET_UNTIL


def valid_digest_time(clock: time) -> bool:
    """A digest time must fall outside the quiet hours (07:00-17:59)."""
    return not in_quiet_hours(clock)


def utc(value: datetime) -> datetime:
    """An aware UTC datetime (SQLite hands back naive ones for UTC columns)."""
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def at_local(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """That wall-clock moment in `tz`, as UTC (a time skipped by DST moves on an hour)."""
    local = datetime.combine(day, clock, tzinfo=tz)
    return local.astimezone(UTC).astimezone(tz).astimezone(UTC)


@dataclass(frozen=True)
class Placement:
    """Where the rules put a reminder: `due_at` (UTC); moved or not; in the digest or not."""

    due_at: datetime
    moved: bool
    digest: bool


def place(due_at: datetime, tz: ZoneInfo, digest_time: time = DEFAULT_DIGEST) -> Placement:
    """Apply the delivery rules to a due time. Idempotent: a placed time places to itself.

    * on a weekend or holiday: the next working day, same local time;
    * in the quiet hours: the user's digest on the next working morning (an evening time goes
      to the next working day's digest, an early-morning time to that same day's).
    """
    local = utc(due_at).astimezone(tz)
    day, clock = local.date(), local.time().replace(tzinfo=None)
    moved = False
    if not is_working_day(day):
        day, moved = next_working_day(day), True
    if in_quiet_hours(clock):
        if clock >= QUIET_FROM:
            day = next_working_day(day + timedelta(days=1))
        return Placement(at_local(day, digest_time, tz), True, True)
    if not moved:
        return Placement(utc(due_at), False, False)
    return Placement(at_local(day, clock, tz), True, False)
