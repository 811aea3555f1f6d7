"""The dates of a case and the reminders they become (DOMAIN §5: follow-up, S1 decision end).

Reminders go to the follow-up owner (the staff member who saved the case) at 08:00 Stockholm
time on the day; a decision end is announced 30 and 7 days before. Dates in the past get none.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage import reminders
from bot.storage.models import Case

TZ = ZoneInfo("Europe/Stockholm")
REMIND_AT = time(8, 0)
DECISION_END_BEFORE = (30, 7)
SOURCE = "case"


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Aug + 6 → 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def at_morning(day: date) -> datetime:
    return datetime.combine(day, REMIND_AT, tzinfo=TZ)


async def schedule_follow_up(session: AsyncSession, case: Case, now: datetime) -> int:
    """A follow_up reminder on the case's follow-up date; returns how many were added."""
    if case.follow_up_date is None or case.follow_up_owner is None:
        return 0
    due = at_morning(case.follow_up_date)
    if due <= now:
        return 0
    await reminders.add_reminder(
        session, telegram_id=case.follow_up_owner, org=case.org, kind="follow_up", due_at=due,
        text_key="case.rem.follow_up",
        params={"reference": case.reference, "date": case.follow_up_date.isoformat()},
        source=SOURCE, source_id=case.id, created_by=case.created_by)
    return 1


async def schedule_decision_end(session: AsyncSession, case: Case, now: datetime) -> int:
    """decision_end reminders 30 and 7 days before the decision ends (those still ahead)."""
    if case.decision_end_date is None or case.follow_up_owner is None:
        return 0
    added = 0
    for days in DECISION_END_BEFORE:
        due = at_morning(date.fromordinal(case.decision_end_date.toordinal() - days))
        if due <= now:
            continue
        await reminders.add_reminder(
            session, telegram_id=case.follow_up_owner, org=case.org, kind="decision_end",
            due_at=due, text_key="case.rem.decision_end",
            params={"reference": case.reference, "date": case.decision_end_date.isoformat(),
                    "days": days},
            source=SOURCE, source_id=case.id, created_by=case.created_by)
        added += 1
    return added


async def cancel_kind(session: AsyncSession, case: Case, kind: str) -> None:
    """Cancel the case's pending reminders of one kind (a date moved)."""
    for row in await reminders.pending_for_source(session, SOURCE, case.id):
        if row.kind == kind:
            row.status = reminders.CANCELLED
