"""Per-municipality order configuration (bot/orders/config.yaml), validated when loaded.

Which municipalities take orders, their work groups, the billing rates, the three periods and
the suppression threshold. The rates and periods are configuration: no guideline states them.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot import ORGS

CONFIG_PATH = Path(__file__).resolve().parent / "config.yaml"


class OrdersConfigError(ValueError):
    """The configuration file is wrong; the message names the file and the place."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rates(_Strict):
    supervisor_hourly_sek: Decimal = Field(ge=0)
    fuel_per_km_sek: Decimal = Field(ge=0)


class WorkGroup(_Strict):
    id: str = Field(pattern=r"^[a-z0-9_]{2,32}$")
    label: dict[str, str]


class Cite(_Strict):
    doc: str
    section: str


class Defaults(_Strict):
    timezone: str = "Europe/Stockholm"
    period_starts: tuple[int, int, int] = (1, 5, 9)
    compile_delay_hours: int = Field(default=7, ge=0, le=72)
    suppress_below: int = Field(default=3, ge=0, le=20)

    @field_validator("timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        ZoneInfo(v)  # raises for an unknown zone
        return v

    @field_validator("period_starts")
    @classmethod
    def _starts(cls, v: tuple[int, int, int]) -> tuple[int, int, int]:
        if not (1 <= v[0] < v[1] < v[2] <= 12):
            raise ValueError("period_starts must be three increasing months 1-12")
        return v


class OrgOrders(_Strict):
    takes_orders: bool
    order_prefix: str | None = Field(default=None, pattern=r"^[A-Z]{2,5}$")
    cite: Cite | None = None
    rates: Rates | None = None
    work_groups: tuple[WorkGroup, ...] = ()
    # Per municipality overrides of the defaults (None: the defaults' value).
    period_starts: tuple[int, int, int] | None = None
    suppress_below: int | None = Field(default=None, ge=0, le=20)


class OrdersFile(_Strict):
    defaults: Defaults
    orgs: dict[str, OrgOrders]


class OrgConfig(_Strict):
    """One municipality's settings with the defaults applied."""

    org: str
    takes_orders: bool
    order_prefix: str
    cite: Cite | None
    rates: Rates
    work_groups: tuple[WorkGroup, ...]
    timezone: str
    period_starts: tuple[int, int, int]
    compile_delay_hours: int
    suppress_below: int

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def work_group(self, group_id: str) -> WorkGroup | None:
        return next((g for g in self.work_groups if g.id == group_id), None)

    def group_label(self, group_id: str, lang: str) -> str:
        group = self.work_group(group_id)
        if group is None:
            return group_id
        return group.label.get(lang) or group.label.get("sv") or group_id


def parse(data: object, source: str = "config.yaml") -> dict[str, OrgConfig]:
    """Validate a loaded YAML document; every municipality gets a config."""
    try:
        parsed = OrdersFile.model_validate(data)
    except ValidationError as exc:
        raise OrdersConfigError(f"{source}: {exc}") from None
    unknown = sorted(set(parsed.orgs) - set(ORGS))
    if unknown:
        raise OrdersConfigError(f"{source}: unknown municipality {', '.join(unknown)}")
    d = parsed.defaults
    out: dict[str, OrgConfig] = {}
    for org in ORGS:
        o = parsed.orgs.get(org) or OrgOrders(takes_orders=False)
        if o.takes_orders and (o.rates is None or not o.work_groups or not o.order_prefix):
            raise OrdersConfigError(
                f"{source}: {org} takes orders but lacks rates, work_groups or order_prefix")
        out[org] = OrgConfig(
            org=org, takes_orders=o.takes_orders, order_prefix=o.order_prefix or org[:3].upper(),
            cite=o.cite, rates=o.rates or Rates(supervisor_hourly_sek=Decimal(0),
                                                fuel_per_km_sek=Decimal(0)),
            work_groups=o.work_groups, timezone=d.timezone,
            period_starts=o.period_starts or d.period_starts,
            compile_delay_hours=d.compile_delay_hours,
            suppress_below=d.suppress_below if o.suppress_below is None else o.suppress_below)
    return out


def load(path: Path = CONFIG_PATH) -> dict[str, OrgConfig]:
    with path.open(encoding="utf-8") as fh:
        return parse(yaml.safe_load(fh), str(path))


@cache
def bundled() -> dict[str, OrgConfig]:
    """The bundled configuration, loaded once."""
    return load()


def for_org(org: str) -> OrgConfig:
    return bundled()[org]


def ordering_orgs() -> list[str]:
    return [org for org, cfg in bundled().items() if cfg.takes_orders]
