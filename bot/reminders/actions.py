"""What the reminder buttons mean: Klar, Snooza 1 h, I morgon, Nästa vecka. Pure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.reminders.calendar import at_local, utc

SNOOZE_DAYS = {"tm": 1, "nw": 7}


def snooze_until(action: str, now: datetime, due_at: datetime, tz: ZoneInfo) -> datetime:
    """When a snoozed reminder comes back (UTC): an hour from now; or tomorrow / in a week at
    the local time it was due (a time of day that stays put across midnight and DST)."""
    if action == "h1":
        return (now + timedelta(hours=1)).astimezone(UTC)
    clock = utc(due_at).astimezone(tz).time().replace(tzinfo=None)
    day = now.astimezone(tz).date() + timedelta(days=SNOOZE_DAYS[action])
    return at_local(day, clock, tz)
