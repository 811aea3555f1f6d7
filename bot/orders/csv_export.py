"""The compilation's orders as CSV that Swedish Excel opens as it is: semicolons, UTF-8 with
a byte-order mark, decimal commas, ISO dates. One row per order, the order sheet's columns."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from bot.i18n import Translator
from bot.orders.compilation import Compiled
from bot.orders.config import OrgConfig
from bot.orders.labels import ORDER_COLUMNS, RowMaker, decimal_comma


def _cell(value: object) -> str:
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, datetime):  # before date: a datetime is a date
        return value.isoformat(" ", "minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return decimal_comma(value)
    return str(value)


def build(c: Compiled, cfg: OrgConfig, t: Translator,
          rows: Sequence[Sequence[object]] | None = None) -> bytes:
    """`rows`: the orders as RowMaker made them, when the caller has them already."""
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([t(f"compile.col.{k}") for k, _ in ORDER_COLUMNS])
    if rows is None:
        make = RowMaker(c, cfg, t)
        rows = [make(line) for line in c.lines]
    writer.writerows([_cell(v) for v in row] for row in rows)
    out.flush()
    data = raw.getvalue()
    out.detach()
    return data
