"""What an order costs: Decimal kronor, rounded half-up to whole öre.

Private actors and associations pay the supervisor's wage per hour plus fuel per kilometre
[000 §4.1]; municipal units pay nothing [000 §4]. The rates are configuration.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency

from bot.orders.config import Rates

ORE = Decimal("0.01")
PARTY_KINDS = ("municipal", "private", "association")
BILLABLE_KINDS = frozenset({"private", "association"})


@dataclass(frozen=True)
class Cost:
    supervisor: Decimal
    fuel: Decimal
    total: Decimal  # supervisor + fuel (both already whole öre)


ZERO = Cost(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


def billable(party_kind: str) -> bool:
    if party_kind not in PARTY_KINDS:
        raise ValueError(f"unknown party kind {party_kind!r}")
    return party_kind in BILLABLE_KINDS


def _dec(value: Decimal | int | float | str) -> Decimal:
    # str() first: Decimal(0.1) would carry the binary float's error into the bill.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def cost(party_kind: str, hours: Decimal | int | float | str | None,
         km: Decimal | int | float | str | None, rates: Rates) -> Cost:
    """hours × hourly wage + km × fuel rate, each rounded to öre; zero for municipal units."""
    if not billable(party_kind):
        return ZERO
    h, k = _dec(hours or 0), _dec(km or 0)
    if h < 0 or k < 0:
        raise ValueError("hours and kilometres cannot be negative")
    supervisor = (h * rates.supervisor_hourly_sek).quantize(ORE, rounding=ROUND_HALF_UP)
    fuel = (k * rates.fuel_per_km_sek).quantize(ORE, rounding=ROUND_HALF_UP)
    return Cost(supervisor, fuel, supervisor + fuel)


def kronor(amount: Decimal) -> str:
    """Swedish kronor the Swedish way, in either language (1 234,50 kr)."""
    return format_currency(amount, "SEK", locale="sv_SE")
