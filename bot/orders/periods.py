"""The three compilation periods of a year, in the municipality's local time.

A period key is "<year>-<n>" (n = 1, 2, 3). A period runs from local midnight of its first
month's first day up to, not including, the next period's start: with the default months
30 April 23:59:59 belongs to 2026-1 and 1 May 00:00 to 2026-2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

_KEY = re.compile(r"^(\d{4})-([123])$")


@dataclass(frozen=True)
class Period:
    year: int
    index: int  # 1, 2 or 3
    start: datetime  # inclusive, aware (local zone)
    end: datetime  # exclusive, aware (local zone)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.index}"

    @property
    def last_moment(self) -> datetime:
        """The last whole second inside the period (for headings: "to 30 April")."""
        return self.end - timedelta(seconds=1)


def _start(year: int, index: int, starts: tuple[int, int, int], tz: ZoneInfo) -> datetime:
    if index == 4:
        year, index = year + 1, 1
    return datetime(year, starts[index - 1], 1, tzinfo=tz)


def period(year: int, index: int, starts: tuple[int, int, int], tz: ZoneInfo) -> Period:
    if index not in (1, 2, 3):
        raise ValueError(f"period index must be 1-3, not {index}")
    return Period(year, index, _start(year, index, starts, tz),
                  _start(year, index + 1, starts, tz))


def parse_key(key: str, starts: tuple[int, int, int], tz: ZoneInfo) -> Period:
    """"2026-3" -> the period; ValueError for anything else."""
    match = _KEY.match(key.strip())
    if match is None:
        raise ValueError(f"not a period key: {key!r} (expected e.g. 2026-3)")
    return period(int(match.group(1)), int(match.group(2)), starts, tz)


def period_of(moment: datetime, starts: tuple[int, int, int], tz: ZoneInfo) -> Period:
    """The period an aware moment falls in (compared in local time)."""
    if moment.tzinfo is None:
        raise ValueError("moment must be timezone-aware")
    local = moment.astimezone(tz)
    index = 1
    for i, month in enumerate(starts, start=1):
        if local.month >= month:
            index = i
    if local.month < starts[0]:  # a year whose first period starts after January
        return period(local.year - 1, 3, starts, tz)
    return period(local.year, index, starts, tz)


def previous(p: Period, starts: tuple[int, int, int], tz: ZoneInfo) -> Period:
    if p.index == 1:
        return period(p.year - 1, 3, starts, tz)
    return period(p.year, p.index - 1, starts, tz)


def last_ended(now: datetime, starts: tuple[int, int, int], tz: ZoneInfo) -> Period:
    """The most recent period that has ended at `now`."""
    return previous(period_of(now, starts, tz), starts, tz)


def compile_due_at(p: Period, delay_hours: int) -> datetime:
    """When a period is compiled: its end plus the configured delay (UTC)."""
    return (p.end + timedelta(hours=delay_hours)).astimezone(UTC)
