"""A period's compilation as plain data: order lines, totals, bills and agreements.

Built from the rows bot/storage/orders.py reads; the workbook, the CSV and the chart are
drawn from it. Counts below the configured threshold are shown as "<3" in whatever is sent
(suppressed()); amounts stay Decimal until a writer formats them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from bot.orders import billing
from bot.orders.config import OrgConfig, Rates
from bot.orders.periods import Period

DESCRIPTION_CHARS = 200  # the order sheet shows a task's first 200 characters (DOMAIN §4.5)
ZERO_HOURS = Decimal("0.00")


@dataclass(frozen=True)
class OrderLine:
    number: str
    received_at: datetime  # aware
    party_kind: str
    party_name: str
    contact_role: str
    service: str
    description: str
    location: str | None
    wanted_from: date | None
    wanted_to: date | None
    status: str
    decline_reason: str | None
    scheduled_date: date | None
    completed_at: datetime | None
    est_hours: Decimal
    actual_hours: Decimal | None
    est_km: int
    actual_km: int | None
    cost: billing.Cost  # billed: actual figures of a completed private/association order

    @property
    def billable(self) -> bool:
        return billing.billable(self.party_kind)

    @property
    def hours(self) -> Decimal:
        """The supervisor hours that count: actual when done, else the estimate."""
        return self.actual_hours if self.actual_hours is not None else self.est_hours


@dataclass
class Total:
    """One summary row: a party, a work group or a party kind."""

    name: str
    orders: int = 0
    completed: int = 0
    declined: int = 0
    hours: Decimal = ZERO_HOURS
    billed: Decimal = ZERO_HOURS

    def add(self, line: OrderLine) -> None:
        self.orders += 1
        self.completed += line.status == "done"
        self.declined += line.status == "declined"
        self.hours += line.hours
        self.billed += line.cost.total


@dataclass(frozen=True)
class AgreementLine:
    party_name: str
    scope: str
    start_date: date
    end_date: date


@dataclass(frozen=True)
class Compiled:
    org: str
    period: Period
    rates: Rates
    suppress_below: int
    lines: list[OrderLine]
    by_party: list[Total]
    by_group: list[Total]
    by_kind: list[Total]
    bills: dict[str, list[OrderLine]]  # party name -> its completed billable orders
    agreements: list[AgreementLine] = field(default_factory=list)

    def suppressed(self, count: int) -> str | int:
        """A count as sent: below the threshold (but not zero) it is "<threshold"."""
        return f"<{self.suppress_below}" if 0 < count < self.suppress_below else count

    @property
    def billed_total(self) -> Decimal:
        return sum((t.billed for t in self.by_kind), ZERO_HOURS)


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def line_from_row(row: Sequence[Any], rates: Rates) -> OrderLine:
    """One row of storage.orders.COMPILE_COLUMNS as an order line with its bill."""
    (number, created_at, kind, party, role, service, description, location, wanted_from,
     wanted_to, status, reason, scheduled, completed_at, est_h, act_h, est_km, act_km) = row
    cost = (billing.cost(kind, act_h, act_km, rates) if status == "done" else billing.ZERO)
    return OrderLine(number, _aware(created_at) or datetime.now(UTC), kind, party, role, service,
                     description[:DESCRIPTION_CHARS], location, wanted_from, wanted_to, status,
                     reason, scheduled, _aware(completed_at), Decimal(est_h),
                     None if act_h is None else Decimal(act_h), int(est_km),
                     None if act_km is None else int(act_km), cost)


def _totals(lines: Iterable[OrderLine]) -> tuple[list[Total], list[Total], list[Total]]:
    """Per party, per work group and per party kind, in one pass; most orders first."""
    found: tuple[dict[str, Total], dict[str, Total], dict[str, Total]] = ({}, {}, {})
    for line in lines:
        for table, name in zip(found, (line.party_name, line.service, line.party_kind),
                               strict=True):
            total = table.get(name)
            if total is None:
                total = table[name] = Total(name)
            total.add(line)
    party, group, kind = (sorted(t.values(), key=lambda t: (-t.orders, t.name)) for t in found)
    return party, group, kind


def compile_period(cfg: OrgConfig, period: Period, rows: Iterable[Sequence[Any]],
                   agreements: Iterable[AgreementLine] = ()) -> Compiled:
    lines = [line_from_row(row, cfg.rates) for row in rows]
    bills: dict[str, list[OrderLine]] = {}
    for line in lines:
        if line.billable and line.status == "done":
            bills.setdefault(line.party_name, []).append(line)
    by_party, by_group, by_kind = _totals(lines)
    return Compiled(cfg.org, period, cfg.rates, cfg.suppress_below, lines, by_party, by_group,
                    by_kind, dict(sorted(bills.items())), list(agreements))
