"""`python -m bot bench kb | telegram | forms | orders | reminders`: accuracy and speed figures,
printed (never asserted).

The benchmarks need packages a running bot does not (rank-bm25, the `[bench]` extra): they are
imported when a benchmark runs, never at start-up, so a plain `pip install .` runs every other
command, and a missing package is one line saying what to install.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.knowledge.loader import PACKS_DIR

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_QUESTIONS = ROOT / "tests" / "bench" / "questions.yaml"
BENCH_PACKAGES = {"rank_bm25": "rank-bm25"}  # import name -> distribution of the [bench] extra
INSTALL_BENCH = "pip install 'ame-assistenten[bench]'"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="benchmarks: kb (search vs BM25), telegram (load), "
                                     "forms (load), orders (compilation), reminders (delivery)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    kb = actions.add_parser("kb", help="knowledge search vs a BM25 baseline, x1 and scaled up")
    kb.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    kb.add_argument("--scale", type=int, default=50, help="replicate the packs this many times")
    kb.add_argument("--packs", type=Path, default=PACKS_DIR)
    kb.add_argument("--split", choices=("dev", "test", "all"), default="all",
                    help="dev (tuning two thirds), test (held-out third) or all questions")
    kb.add_argument("--set", dest="qset", default="all",
                    choices=("old", "fresh_dev", "fresh_holdout", "fresh_final", "fresh_r6",
                             "fresh_r6_final", "fresh_r7", "fresh_r7_final", "all"),
                    help="question set(s): old (questions.yaml), one fresh set, or all "
                         "(old and the tuning sets; never the untouched fresh_r7_final)")
    kb.add_argument("--misses", action="store_true",
                    help="list the tuning sets' failures (never fresh_r7_final's)")
    kb.add_argument("--calibrate", action="store_true",
                    help="also print the held-out threshold table behind the confidence knots")
    kb.set_defaults(func=run_kb)
    tg = actions.add_parser("telegram", help="many staff asking at once through a local Bot API")
    tg.add_argument("--users", type=int, default=50)
    tg.add_argument("--rounds", type=int, default=5)
    tg.add_argument("--database-url", default=None,
                    help="the bot's database (default: a fresh SQLite file, the embedded default)")
    tg.add_argument("--search-workers", type=int, choices=(0, 1), default=None,
                    help="BOT_SEARCH_WORKERS for the bot process (default: the bot's own default, 1)")
    tg.set_defaults(func=run_telegram)
    orders = actions.add_parser("orders", help="compile one period of N orders (XLSX, CSV, PNG)")
    orders.add_argument("--orders", type=int, default=100_000)
    orders.add_argument("--out", type=Path, default=None,
                        help="keep the files in this folder (default: thrown away)")
    orders.set_defaults(func=run_orders)
    fm = actions.add_parser("forms", help="many staff filling intake forms at once (local Bot API)")
    fm.add_argument("--users", type=int, default=50)
    fm.add_argument("--database-url", default=None,
                    help="the bot's database (default: a fresh SQLite file)")
    fm.add_argument("--spread", type=float, default=0.0,
                    help="seconds over which each round's steps arrive (0: all at once)")
    fm.set_defaults(func=run_forms)
    rem = actions.add_parser("reminders", help="a burst of due reminders through the rate limits")
    rem.add_argument("--reminders", type=int, default=10000)
    rem.add_argument("--users", type=int, default=2000)
    rem.add_argument("--kill-at", type=float, default=None,
                     help="SIGKILL the bot once this fraction has arrived, then restart it")
    rem.add_argument("--database-url", default=None,
                     help="the bot's database (default: a fresh SQLite file)")
    rem.set_defaults(func=run_reminders)


def _missing_extra(exc: ModuleNotFoundError) -> int:
    """One line naming what to install; a module missing for another reason is a real bug."""
    if exc.name not in BENCH_PACKAGES:
        raise exc
    print(f"the benchmarks need {BENCH_PACKAGES[exc.name]}: {INSTALL_BENCH}", file=sys.stderr)
    return 2


def run_kb(args: argparse.Namespace) -> int:
    try:
        from bot.benchmarks import kb_report
    except ModuleNotFoundError as exc:
        return _missing_extra(exc)
    return kb_report.run_kb(args)


def run_telegram(args: argparse.Namespace) -> int:
    try:  # imports the Telegram app and the question set's reader: only when asked
        from bot.benchmarks.telegram_load import main
    except ModuleNotFoundError as exc:
        return _missing_extra(exc)
    return main(args.users, args.rounds, args.database_url, args.search_workers)


def run_orders(args: argparse.Namespace) -> int:
    from bot.benchmarks.orders_bench import run

    run(args.orders, args.out)
    return 0


def run_forms(args: argparse.Namespace) -> int:
    try:
        from bot.benchmarks.forms_load import main
    except ModuleNotFoundError as exc:
        return _missing_extra(exc)
    return main(args.users, args.database_url, args.spread)


def run_reminders(args: argparse.Namespace) -> int:
    from bot.benchmarks.reminders_bench import main

    if args.reminders < 1 or args.users < 1 or not 0 < (args.kill_at or 0.5) < 1:
        print("--reminders and --users must be positive, --kill-at between 0 and 1",
              file=sys.stderr)
        return 2
    return main(args.reminders, args.users, args.kill_at, args.database_url)
