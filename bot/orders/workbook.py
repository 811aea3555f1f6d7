"""The compilation as an XLSX workbook (written by bot/orders/xlsx.py, read by openpyxl).

Sheets: every order; totals per ordering unit, per work group and per party kind (counts
below the threshold as "<3"); one billing sheet per private actor or association with the
rates in its header; the agreements in force. Kronor have a number format, the header row is
frozen and the columns are as wide as their content (within limits).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from bot.i18n import Translator
from bot.orders import xlsx
from bot.orders.compilation import Compiled, Total
from bot.orders.config import OrgConfig
from bot.orders.labels import ORDER_COLUMNS, TOTAL_COLUMNS, RowMaker, kronor, title

STYLE = {"sek": xlsx.KRONOR, "hours": xlsx.HOURS, "date": xlsx.DATE,
         "datetime": xlsx.DATETIME, "text": xlsx.PLAIN, "int": xlsx.PLAIN}
WIDTH_MIN, WIDTH_MAX = 8, 50
WIDTH_SAMPLE = 2000  # widths are measured on the first rows (a long sheet does not need all)
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, Decimal):
        return len(f"{value:,.2f}") + 3
    return len(str(value))


def _sheet(name: str, header: Sequence[str], rows: Sequence[Sequence[object]],
           kinds: Sequence[str], preamble: Sequence[str] = ()) -> xlsx.Sheet:
    widths = [len(h) for h in header]
    for row in rows[:WIDTH_SAMPLE]:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _width(value))
    return xlsx.Sheet(name, header, [STYLE[k] for k in kinds], rows,
                      [min(max(w + 2, WIDTH_MIN), WIDTH_MAX) for w in widths], preamble)


def _totals_rows(c: Compiled, totals: list[Total], name_of: dict[str, str]) -> list[list[object]]:
    return [[name_of.get(t.name, t.name), c.suppressed(t.orders), c.suppressed(t.completed),
             c.suppressed(t.declined), t.hours, t.billed] for t in totals]


def unique_names(names: Iterable[str]) -> list[str]:
    """Excel's rules for sheet names: ≤ 31 characters, none of []:*?/\\, no two alike."""
    seen: set[str] = set()
    out = []
    for name in names:
        base = _SHEET_BAD.sub("-", name)[:31]
        candidate, n = base, 2
        while candidate.lower() in seen:
            suffix = f" ({n})"
            candidate, n = base[:31 - len(suffix)] + suffix, n + 1
        seen.add(candidate.lower())
        out.append(candidate)
    return out


def build(c: Compiled, cfg: OrgConfig, t: Translator,
          rows: Sequence[Sequence[object]] | None = None) -> bytes:
    """`rows`: the orders as RowMaker made them, when the caller has them already."""
    heading = title(c, t)
    sheets: list[xlsx.Sheet] = []
    make = RowMaker(c, cfg, t)
    order_rows = rows if rows is not None else [make(line) for line in c.lines]
    sheets.append(_sheet(t("compile.sheet.orders"),
                         [t(f"compile.col.{k}") for k, _ in ORDER_COLUMNS],
                         order_rows, [k for _, k in ORDER_COLUMNS], [heading]))
    total_head = [t(f"compile.col.{k}") for k in TOTAL_COLUMNS]
    total_kinds = ["text", "text", "text", "text", "hours", "sek"]
    groups = {g.id: cfg.group_label(g.id, t.lang) for g in cfg.work_groups}
    for key, totals, names in (("by_party", c.by_party, {}), ("by_group", c.by_group, groups),
                               ("by_kind", c.by_kind, make.kinds)):
        sheets.append(_sheet(t(f"compile.sheet.{key}"), total_head,
                             _totals_rows(c, totals, names), total_kinds, [heading]))
    sheets.append(_sheet(t("compile.sheet.agreements"),
                         [t(f"compile.col.{k}") for k in ("party", "scope", "start", "end")],
                         [[a.party_name, a.scope[:200], a.start_date, a.end_date]
                          for a in c.agreements], ["text", "text", "date", "date"], [heading]))
    rates = t("compile.rates", hourly=kronor(t, c.rates.supervisor_hourly_sek),
              per_km=kronor(t, c.rates.fuel_per_km_sek))
    bill_head = [t(f"compile.col.{k}") for k in ("number", "completed", "actual_hours",
                                                 "supervisor_cost", "actual_km", "fuel_cost",
                                                 "billed")]
    bill_kinds = ["text", "date", "hours", "sek", "int", "sek", "sek"]
    bill_names = unique_names([*(s.name for s in sheets),
                          *(f"{t('compile.sheet.bill')} {p}" for p in c.bills)])[len(sheets):]
    for (party, lines), sheet_name in zip(c.bills.items(), bill_names, strict=True):
        bill: list[list[object]] = [
            [x.number, x.completed_at.astimezone(cfg.tz).date() if x.completed_at else None,
             x.actual_hours, x.cost.supervisor, x.actual_km, x.cost.fuel, x.cost.total]
            for x in lines]
        bill.append([t("compile.grand_total"), None, None, None, None, None,
                     sum((x.cost.total for x in lines), Decimal("0.00"))])
        sheets.append(_sheet(sheet_name, bill_head, bill, bill_kinds,
                             [f"{heading}: {party}", rates]))
    names_all = unique_names(s.name for s in sheets)
    for sheet, fixed in zip(sheets, names_all, strict=True):
        sheet.name = fixed
    return xlsx.write(sheets)
