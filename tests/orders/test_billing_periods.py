"""Billing arithmetic (Decimal, half-up to öre; municipal units pay nothing) and the three
periods' boundaries in Stockholm time."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.orders import billing, config, periods
from bot.orders.config import OrdersConfigError, Rates

RATES = Rates(supervisor_hourly_sek=Decimal("347.33"), fuel_per_km_sek=Decimal("2.55"))
TZ = ZoneInfo("Europe/Stockholm")
STARTS = (1, 5, 9)


def test_a_private_actor_pays_wage_per_hour_plus_fuel_per_km_rounded_half_up():
    cost = billing.cost("private", "2.5", 13, RATES)
    assert cost.supervisor == Decimal("868.33")  # 868.325 -> 868.33 (half up, not to even)
    assert cost.fuel == Decimal("33.15")
    assert cost.total == Decimal("901.48")


def test_an_association_pays_too_and_floats_do_not_leak_binary_error():
    cost = billing.cost("association", 0.1, 0, Rates(supervisor_hourly_sek=Decimal("0.05"),
                                                      fuel_per_km_sek=Decimal("1")))
    assert cost.supervisor == Decimal("0.01")  # 0.005 half up; float 0.1*0.05 would be 0.00
    assert cost.total == Decimal("0.01")


def test_a_municipal_unit_pays_nothing_whatever_the_hours():
    assert billing.cost("municipal", 40, 500, RATES).total == Decimal("0.00")


def test_negative_figures_and_unknown_kinds_are_refused():
    with pytest.raises(ValueError):
        billing.cost("private", -1, 0, RATES)
    with pytest.raises(ValueError):
        billing.cost("person", 1, 0, RATES)


@pytest.mark.parametrize(("local", "key"), [
    (datetime(2026, 4, 30, 23, 59, 59), "2026-1"),
    (datetime(2026, 5, 1, 0, 0, 0), "2026-2"),
    (datetime(2026, 8, 31, 23, 59, 59), "2026-2"),
    (datetime(2026, 9, 1, 0, 0), "2026-3"),
    (datetime(2026, 12, 31, 23, 59, 59), "2026-3"),
    (datetime(2027, 1, 1, 0, 0), "2027-1"),
])
def test_period_boundaries_are_local_midnight(local, key):
    moment = local.replace(tzinfo=TZ).astimezone(UTC)  # stored in UTC, compared in Stockholm
    assert periods.period_of(moment, STARTS, TZ).key == key


def test_a_period_key_names_its_first_and_last_day():
    p = periods.parse_key("2026-3", STARTS, TZ)
    assert (p.start.date().isoformat(), p.last_moment.date().isoformat()) == (
        "2026-09-01", "2026-12-31")
    assert periods.parse_key("2026-1", STARTS, TZ).end.astimezone(UTC) == datetime(
        2026, 4, 30, 22, 0, tzinfo=UTC)  # summer time: local midnight is 22:00 UTC
    with pytest.raises(ValueError):
        periods.parse_key("2026-4", STARTS, TZ)


def test_the_last_ended_period_and_when_it_is_compiled():
    now = datetime(2026, 5, 1, 6, 0, tzinfo=TZ)
    last = periods.last_ended(now, STARTS, TZ)
    assert last.key == "2026-1"
    assert periods.compile_due_at(last, 7) == datetime(2026, 5, 1, 7, 0, tzinfo=TZ)
    assert periods.last_ended(datetime(2026, 1, 2, tzinfo=TZ), STARTS, TZ).key == "2025-3"


def test_only_ragunda_takes_orders_and_a_bad_configuration_names_its_fault():
    assert config.ordering_orgs() == ["ragunda"]
    assert config.for_org("ragunda").rates.supervisor_hourly_sek > 0
    with pytest.raises(OrdersConfigError, match="period_starts"):
        config.parse({"defaults": {"period_starts": [5, 1, 9]}, "orgs": {}})
    with pytest.raises(OrdersConfigError, match="lacks rates"):
        config.parse({"defaults": {}, "orgs": {"ragunda": {"takes_orders": True}}})
    with pytest.raises(OrdersConfigError, match="unknown municipality"):
        config.parse({"defaults": {}, "orgs": {"umea": {"takes_orders": False}}})
