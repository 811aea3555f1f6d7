"""Meeting series: a short syntax to an RFC 5545 rule (dateutil's rrule), expanded in local time.

"varje måndag 09:00 MÖTAS" (weekly), "första måndag 13:00 LSG" (monthly, first Monday;
"sista" for the last), "varje månad 15 10:00 Avstämning" (monthly on a date),
"varje år 26 november 10:00 Ägarmöte" (yearly); English too ("every monday 09:00 …",
"first monday", "every month 15", "every year 26 november"). The rule is expanded over a naive
local start and each occurrence is then placed in the zone, so a 09:00 meeting stays at 09:00
across the daylight-saving changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from bot.reminders.when import MONTHS, WEEKDAYS

_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_CLOCK = re.compile(r"([01]?\d|2[0-3])[:.]([0-5]\d)")
MAX_TITLE = 80


@dataclass(frozen=True)
class SeriesSpec:
    """A parsed series: its rule (no DTSTART), first local start, and title."""

    rrule: str
    dtstart: datetime  # naive, local
    title: str


def parse_series(raw: str, now: datetime, tz: ZoneInfo) -> SeriesSpec | None:
    """The series a coordinator typed after "/moten ny", or None when it is not one of the
    forms above (or has no title)."""
    w = raw.split()
    low = [x.lower() for x in w]
    rule, used = _rule(low)
    if rule is None or used >= len(low):
        return None
    clock = _CLOCK.fullmatch(low[used])
    title = " ".join(w[used + 1:]).strip()[:MAX_TITLE]
    if clock is None or not title:
        return None
    local_now = now.astimezone(tz).replace(tzinfo=None)
    start = datetime.combine(local_now.date() - timedelta(days=1),
                             time(int(clock[1]), int(clock[2])))
    first = rrulestr(rule, dtstart=start).after(local_now)
    if first is None:
        return None
    return SeriesSpec(rule, first, title)


def _rule(w: list[str]) -> tuple[str | None, int]:
    if len(w) < 2:
        return None, 0
    every = w[0] in ("varje", "every")
    if every and w[1] in WEEKDAYS:
        return f"FREQ=WEEKLY;BYDAY={_CODES[WEEKDAYS[w[1]]]}", 2
    nth = {"första": 1, "first": 1, "andra": 2, "second": 2, "sista": -1, "last": -1}.get(w[0])
    if nth is not None and w[1] in WEEKDAYS:
        return f"FREQ=MONTHLY;BYDAY={nth:+d}{_CODES[WEEKDAYS[w[1]]]}", 2
    if every and w[1] in ("månad", "month") and len(w) > 2 and w[2].isdigit() \
            and 1 <= int(w[2]) <= 28:
        return f"FREQ=MONTHLY;BYMONTHDAY={int(w[2])}", 3
    if every and w[1] in ("år", "year") and len(w) > 3 and w[2].isdigit() and w[3] in MONTHS:
        month, day = MONTHS[w[3]], int(w[2])
        try:
            date(2024, month, day)  # a leap year: 29 February is refused below
        except ValueError:
            return None, 0
        if (month, day) == (2, 29):
            return None, 0
        return f"FREQ=YEARLY;BYMONTH={month};BYMONTHDAY={day}", 4
    return None, 0


def occurrences(rule: str, dtstart: datetime, after: datetime, until: datetime,
                tz: ZoneInfo) -> list[datetime]:
    """The occurrences strictly after `after` up to `until` (both aware), aware in `tz`."""
    naive_start = dtstart.replace(tzinfo=None)
    lo = after.astimezone(tz).replace(tzinfo=None)
    hi = until.astimezone(tz).replace(tzinfo=None)
    found = rrulestr(rule, dtstart=naive_start).between(lo, hi, inc=False)
    return [d.replace(tzinfo=tz) for d in found]


def reminder_time(occurrence: datetime) -> datetime:
    """When the participants are reminded: the morning of the meeting day (08:00, or 07:00 for
    a meeting before nine), or an hour before if that is already past the meeting."""
    morning = occurrence.replace(hour=7 if occurrence.hour < 9 else 8, minute=0, second=0)
    return morning if morning < occurrence else occurrence - timedelta(hours=1)


def describe(rule: str) -> tuple[str, dict[str, object]]:
    """A locales key and its values describing the rule ("every Monday", "first Monday")."""
    parts = dict(p.split("=", 1) for p in rule.split(";"))
    freq = parts.get("FREQ")
    if freq == "WEEKLY":
        return "meet.rule_weekly", {"weekday_key": f"meet.day_{parts['BYDAY']}"}
    if freq == "MONTHLY" and "BYDAY" in parts:
        byday = parts["BYDAY"]
        return "meet.rule_nth", {"nth_key": f"meet.nth_{byday[:-2]}",
                                 "weekday_key": f"meet.day_{byday[-2:]}"}
    if freq == "MONTHLY":
        return "meet.rule_monthday", {"day": parts.get("BYMONTHDAY", "")}
    return "meet.rule_yearly", {"day": parts.get("BYMONTHDAY", ""),
                                "month_key": f"meet.month_{parts.get('BYMONTH', '')}"}
