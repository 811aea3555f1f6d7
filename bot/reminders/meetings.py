"""Meeting series into reminders: each tick plans the occurrences of the coming days.

For every active series, each occurrence within HORIZON that is later than the last one
planned gets one reminder per coordinator of the municipality, on the morning of the meeting
(bot/reminders/series.py); `planned_until` moves on in the same transaction, and the series
rows are locked while planned (PostgreSQL: SKIP LOCKED), so two ticks never plan one twice.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.reminders.series import occurrences, reminder_time
from bot.storage import meetings, reminders, users

HORIZON = timedelta(days=8)
MEETING = "meeting"


async def plan_meetings(db: async_sessionmaker[AsyncSession], now: datetime,
                        tz: ZoneInfo) -> int:
    """Create the reminders of upcoming occurrences; returns how many were created."""
    created = 0
    async with db.begin() as session:
        for series in await meetings.claim_active(session):
            planned = series.planned_until
            if planned is not None and planned.tzinfo is None:
                planned = planned.replace(tzinfo=UTC)  # SQLite hands back naive UTC
            after = max(now, planned) if planned is not None else now
            start = datetime.fromisoformat(series.dtstart)
            found = occurrences(series.rrule, start, after, now + HORIZON, tz)
            if not found:
                continue
            coordinators = await users.active_with_role(session, series.org, "coordinator")
            for occurrence in found:
                for person in coordinators:
                    await reminders.add_reminder(
                        session, telegram_id=person.telegram_id, org=series.org, kind=MEETING,
                        due_at=reminder_time(occurrence), text_key="meet.reminder",
                        params={"title": series.title, "meeting_at": occurrence.isoformat()},
                        source=MEETING, source_id=series.id, created_by=series.created_by)
                    created += 1
            series.planned_until = found[-1]
    return created
