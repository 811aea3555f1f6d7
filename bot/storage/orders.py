"""Repository functions for service orders, agreements and compilations (issue 14).

They take a session and never commit: the caller owns the transaction (a finisher, a
coordinator's button, the compilation job).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Agreement, Compilation, Order

# The columns a compilation reads, in this order (plain tuples: 100 000 rows stay cheap).
COMPILE_COLUMNS = (Order.number, Order.created_at, Order.party_kind, Order.party_name,
                   Order.contact_role, Order.service, Order.description, Order.location,
                   Order.wanted_from, Order.wanted_to, Order.status, Order.decline_reason,
                   Order.scheduled_date, Order.completed_at, Order.est_hours,
                   Order.actual_hours, Order.est_km, Order.actual_km)


def aware(moment: datetime) -> datetime:
    """SQLite hands timestamps back without their zone; they were written in UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


async def add_order(session: AsyncSession, *, org: str, prefix: str, service: str,
                    party_name: str, party_kind: str, description: str, location: str | None,
                    wanted_from: date | None, wanted_to: date | None, est_hours: Decimal,
                    est_km: int, contact_role: str, requester_telegram_id: int,
                    now: datetime) -> Order:
    """A new order (status new); its number, e.g. RAG-2026-0042, comes from its row id, so
    two orders confirmed at once never get the same one."""
    row = Order(org=org, number="-", service=service, party_name=party_name,
                party_kind=party_kind, description=description, location=location,
                wanted_from=wanted_from, wanted_to=wanted_to, est_hours=est_hours,
                est_km=est_km, contact_role=contact_role, status="new",
                requester_telegram_id=requester_telegram_id, created_at=now, updated_at=now)
    session.add(row)
    await session.flush()
    row.number = f"{prefix}-{now.year}-{row.id:04d}"
    await session.flush()
    return row


async def get_order(session: AsyncSession, order_id: int) -> Order | None:
    return await session.get(Order, order_id)


async def orders_of_requester(session: AsyncSession, telegram_id: int,
                              limit: int = 10) -> list[Order]:
    rows = await session.scalars(select(Order).where(Order.requester_telegram_id == telegram_id)
                                 .order_by(Order.id.desc()).limit(limit))
    return list(rows)


async def open_orders(session: AsyncSession, org: str, limit: int = 20) -> list[Order]:
    """The orders a coordinator still has to act on (not done, not declined), oldest first."""
    rows = await session.scalars(
        select(Order).where(Order.org == org, Order.status.in_(("new", "accepted", "scheduled")))
        .order_by(Order.id).limit(limit))
    return list(rows)


async def orders_between(session: AsyncSession, org: str, start: datetime,
                         end: datetime) -> Sequence[Any]:
    """Every order received in [start, end), as tuples of COMPILE_COLUMNS, by number."""
    result = await session.execute(
        select(*COMPILE_COLUMNS)
        .where(Order.org == org, Order.created_at >= start.astimezone(UTC),
               Order.created_at < end.astimezone(UTC))
        .order_by(Order.id))
    return result.all()


async def add_agreement(session: AsyncSession, *, org: str, party_name: str, scope: str,
                        start_date: date, end_date: date, created_by: int,
                        now: datetime, status: str = "active") -> Agreement:
    row = Agreement(org=org, party_name=party_name, scope=scope, start_date=start_date,
                    end_date=end_date, status=status, created_by=created_by, created_at=now)
    session.add(row)
    await session.flush()
    return row


async def agreements_of(session: AsyncSession, org: str, limit: int = 20) -> list[Agreement]:
    rows = await session.scalars(select(Agreement).where(Agreement.org == org)
                                 .order_by(Agreement.end_date.desc()).limit(limit))
    return list(rows)


async def agreements_between(session: AsyncSession, org: str, first: date,
                             last: date) -> list[Agreement]:
    """Active agreements whose term overlaps [first, last]."""
    rows = await session.scalars(
        select(Agreement).where(Agreement.org == org, Agreement.status == "active",
                                Agreement.start_date <= last, Agreement.end_date >= first)
        .order_by(Agreement.start_date))
    return list(rows)


async def claim_compilation(session: AsyncSession, org: str, period: str,
                            now: datetime) -> bool:
    """Take the (org, period) row; False if it exists already (compiled, or being compiled by
    another instance). The unique constraint decides, so two instances never both win."""
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    inserted = await session.scalar(
        insert(Compilation).values(org=org, period=period, status="claimed", orders=0,
                                   claimed_at=now)
        .on_conflict_do_nothing(index_elements=["org", "period"])
        .returning(Compilation.id))
    return inserted is not None


async def mark_compiled(session: AsyncSession, org: str, period: str, orders: int,
                        now: datetime) -> None:
    await session.execute(update(Compilation)
                          .where(Compilation.org == org, Compilation.period == period)
                          .values(status="sent", orders=orders, sent_at=now))


async def compilation(session: AsyncSession, org: str, period: str) -> Compilation | None:
    return await session.scalar(select(Compilation).where(Compilation.org == org,
                                                          Compilation.period == period))
