"""Agreements: one year at a time [000 §4], the coordinator reminded before the end (DOMAIN
§5 R1), a request made active by a coordinator. Never commits. No Telegram."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.orders import config as orders_config
from bot.storage import outbox, reminders
from bot.storage.models import Agreement

REMIND_DAYS_BEFORE_END = (60, 30, 7)
REMIND_AT = time(9, 0)


def one_year_from(start: date) -> date:
    """The last day of a one-year term: start + 1 year − 1 day (29 Feb starts end 28 Feb)."""
    try:
        return start.replace(year=start.year + 1) - timedelta(days=1)
    except ValueError:  # 29 February
        return date(start.year + 1, 2, 28)


def params_of(row: Agreement) -> dict[str, object]:
    return {"party": row.party_name, "start_date": row.start_date.isoformat(),
            "end_date": row.end_date.isoformat()}


async def remind_before_end(session: AsyncSession, row: Agreement, coordinator: int,
                            now: datetime) -> int:
    """Reminders for `coordinator` 60, 30 and 7 days before the end, at 09:00 local time
    (those still ahead); returns how many."""
    tz = orders_config.for_org(row.org).tz
    count = 0
    for days in REMIND_DAYS_BEFORE_END:
        due = datetime.combine(row.end_date - timedelta(days=days), REMIND_AT, tzinfo=tz)
        if due <= now:
            continue
        await reminders.add_reminder(
            session, telegram_id=coordinator, org=row.org, kind="agreement_end", due_at=due,
            text_key="agreement.reminder.end", params={**params_of(row), "days": days},
            source="agreement", source_id=row.id, created_by=coordinator)
        count += 1
    return count


async def activate(session: AsyncSession, agreement_id: int, org: str, coordinator: int,
                   now: datetime) -> Agreement | str:
    """A coordinator makes a requested agreement active; the requester is told. Returns the
    row, or the locales key of why not (another municipality's, already handled)."""
    row = await session.get(Agreement, agreement_id)
    if row is None or row.org != org:
        return "order.err.other_org" if row is not None else "order.err.gone"
    if row.status != "requested":
        return "order.err.stale"
    row.status = "active"
    await session.flush()
    await remind_before_end(session, row, coordinator, now)
    await outbox.enqueue(session, f"agreement:{row.id}:active", row.created_by,
                         "agreement.notice.active", params_of(row))
    return row
