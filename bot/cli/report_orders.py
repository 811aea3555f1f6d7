"""`python -m bot report orders --org ORG --period 2026-3 --out DIR`: one period's compilation
(XLSX, CSV, PNG) written to a folder, the same files the coordinators are sent.

Hooked into `python -m bot report` by bot/cli/report_cmd.py: `add_orders(actions)`.
"""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot import ORGS
from bot.cli.output import org_id
from bot.cli.startup import StartupError, fail, prepare_database, session_scope
from bot.config import Settings
from bot.orders import config as orders_config
from bot.orders.periods import Period, parse_key
from bot.orders.report import build_report


def add_orders(actions: argparse._SubParsersAction) -> None:
    p = actions.add_parser("orders", help="compile one period's service orders "
                                          "(XLSX, CSV, PNG) into a folder")
    p.add_argument("--org", type=org_id, required=True, choices=ORGS)
    p.add_argument("--period", required=True, help="YEAR-N, N = 1, 2 or 3 (e.g. 2026-3)")
    p.add_argument("--out", type=Path, required=True, help="the folder to write the files to")
    p.add_argument("--lang", choices=("sv", "en"), default=None,
                   help="the files' language (default: BOT_LOCALE)")
    p.set_defaults(func=run_orders)


def run_orders(args: argparse.Namespace) -> int:
    cfg = orders_config.for_org(args.org)
    if not cfg.takes_orders:
        return fail(f"{args.org} has no service orders in its guideline (see bot/orders/config.yaml)")
    try:
        period = parse_key(args.period, cfg.period_starts, cfg.tz)
    except ValueError as exc:
        return fail(str(exc))
    try:
        settings = prepare_database()
    except StartupError as exc:
        return fail(str(exc))
    return asyncio.run(_run(args, settings, period))


async def _run(args: argparse.Namespace, settings: Settings, period: Period) -> int:
    cfg = orders_config.for_org(args.org)
    async with session_scope(settings) as session:
        report = await build_report(session, cfg, period,
                                    args.lang or settings.locale)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, data in report.files:
        (args.out / name).write_bytes(data)
        print(args.out / name)
    print(f"{report.count} orders in {args.org} {period.key}")
    return 0
