"""`python -m bot report ...`: counts for managers, never a person. `report cases` counts intake
cases by route, form of support and outcome; a count below 3 is shown as "<3"."""

from __future__ import annotations

import argparse
import asyncio
from datetime import date

from bot import ORGS
from bot.cli import report_orders
from bot.cli.output import org_id, table
from bot.cli.startup import StartupError, fail, prepare_database, session_scope
from bot.storage import cases

SMALL = 3  # counts below this could point at a person: shown as "<3"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="reports: counts of cases (and orders)")
    kinds = p.add_subparsers(dest="report", metavar="REPORT", required=True)
    c = kinds.add_parser("cases", help="intake cases by route, form of support and outcome")
    c.add_argument("--org", type=org_id, choices=ORGS, required=True)
    c.add_argument("--from", dest="start", type=date.fromisoformat, required=True,
                   help="first day, YYYY-MM-DD")
    c.add_argument("--to", dest="end", type=date.fromisoformat, required=True,
                   help="last day, YYYY-MM-DD")
    c.set_defaults(func=run_cases)
    report_orders.add_orders(kinds)


def shown_count(n: int) -> str:
    """1 or 2 could point at a person; none cannot."""
    return f"<{SMALL}" if 0 < n < SMALL else str(n)


def run_cases(args: argparse.Namespace) -> int:
    if args.end < args.start:
        return fail("--to is before --from")
    try:
        settings = prepare_database()
    except StartupError as exc:
        return fail(str(exc))
    return asyncio.run(_cases(args, settings))


async def _cases(args: argparse.Namespace, settings) -> int:  # noqa: ANN001
    async with session_scope(settings) as session:
        found = await cases.between(session, args.org, args.start, args.end)
    print(f"cases {args.org} {args.start.isoformat()}..{args.end.isoformat()}: "
          f"{shown_count(len(found))}")
    rows = [[dimension, value, shown_count(n)]
            for dimension, counter in cases.counts(found).items()
            for value, n in sorted(counter.items())]
    table(["by", "value", "count"], rows, "no cases")
    return 0
