"""`python -m bot report ...`: reports from the database, printed or written to files.

(Branch `orders` stand-in: engineer A's report_cmd.py owns this file with `report cases`;
at merge keep A's and add `report_orders.add_orders(actions)`.)
"""

from __future__ import annotations

import argparse

from bot.cli import report_orders


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="reports: orders (a period's compilation)")
    actions = p.add_subparsers(dest="action", metavar="REPORT", required=True)
    report_orders.add_orders(actions)
