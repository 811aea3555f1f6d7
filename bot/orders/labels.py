"""The words and formats the compilation's files share: column headings (locales keys),
shown values (status, party kind, work group) and Swedish amounts formatted with Babel."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_currency, format_decimal

from bot.i18n import Translator
from bot.orders.compilation import Compiled, OrderLine
from bot.orders.config import OrgConfig

# The order sheet's and the CSV's columns, in order: (locales key suffix, kind).
ORDER_COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", "text"), ("period", "text"), ("received", "datetime"), ("kind", "text"),
    ("party", "text"), ("role", "text"), ("group", "text"), ("description", "text"),
    ("location", "text"), ("wanted_from", "date"), ("wanted_to", "date"), ("status", "text"),
    ("decline_reason", "text"), ("scheduled", "date"), ("completed", "datetime"),
    ("est_hours", "hours"), ("actual_hours", "hours"), ("est_km", "int"),
    ("actual_km", "int"), ("billable", "text"), ("supervisor_cost", "sek"),
    ("fuel_cost", "sek"), ("billed", "sek"),
)
STATUSES = ("new", "accepted", "declined", "scheduled", "done")
TOTAL_COLUMNS = ("name", "orders", "completed_count", "declined_count", "hours", "billed_total")


def _locale(t: Translator) -> str:
    return "sv_SE" if t.lang == "sv" else "en_GB"


def kronor(t: Translator, amount: Decimal) -> str:
    """1 234,50 kr (sv) / SEK 1,234.50 (en)."""
    return format_currency(amount, "SEK", locale=_locale(t))


def decimal_comma(amount: Decimal) -> str:
    """For the CSV: no grouping, a decimal comma (what Swedish Excel reads as a number)."""
    return f"{amount:.2f}".replace(".", ",")


def hours_text(t: Translator, hours: Decimal) -> str:
    return format_decimal(hours, format="#,##0.##", locale=_locale(t))


class RowMaker:
    """Orders as typed values in ORDER_COLUMNS order (local, naive datetimes); the shown
    words are looked up once per compilation, not once per row."""

    def __init__(self, c: Compiled, cfg: OrgConfig, t: Translator) -> None:
        self.period = c.period.key
        self.tz = cfg.tz
        self.kinds = {k: t(f"order.kind.{k}") for k in ("municipal", "private", "association")}
        self.statuses = {s: t(f"order.status.{s}") for s in STATUSES}
        self.groups = {g.id: cfg.group_label(g.id, t.lang) for g in cfg.work_groups}
        self.yes, self.no = t("compile.yes"), t("compile.no")

    def __call__(self, line: OrderLine) -> list[object]:
        tz = self.tz
        billable = line.billable
        return [
            line.number, self.period, line.received_at.astimezone(tz).replace(tzinfo=None),
            self.kinds.get(line.party_kind, line.party_kind), line.party_name,
            line.contact_role, self.groups.get(line.service, line.service), line.description,
            line.location or "", line.wanted_from, line.wanted_to,
            self.statuses.get(line.status, line.status), line.decline_reason or "",
            line.scheduled_date,
            line.completed_at.astimezone(tz).replace(tzinfo=None) if line.completed_at else None,
            line.est_hours, line.actual_hours, line.est_km, line.actual_km,
            self.yes if billable else self.no,
            line.cost.supervisor if billable else None, line.cost.fuel if billable else None,
            line.cost.total if billable else None,
        ]


def title(c: Compiled, t: Translator) -> str:
    return t("compile.title", period=c.period.key, first=t.date(c.period.start.date()),
             last=t.date(c.period.last_moment.date()))
