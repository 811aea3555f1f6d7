"""`python -m bot kb check`: validate the knowledge packs and show what each municipality has."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from bot.knowledge.loader import PACKS_DIR, PackError, load_packs


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("kb", help="knowledge packs: check")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="validate all packs; exit 2 on a broken pack")
    check.add_argument("--packs", type=Path, default=None,
                       help="pack directory (default: $BOT_PACKS_DIR or the bundled packs)")
    check.set_defaults(func=run_check)
    # `kb unanswered` is added here later (questions the bot could not answer).


def _directory(args: argparse.Namespace) -> Path:
    if args.packs:
        return args.packs
    env = os.environ.get("BOT_PACKS_DIR")
    return Path(env) if env else PACKS_DIR


def run_check(args: argparse.Namespace) -> int:
    """Print entries and glossary terms per municipality, or the PackError text (exit 2)."""
    try:
        packs = load_packs(_directory(args))
    except PackError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    for org, pack in packs.items():
        print(f"{org:<10} {pack.document.municipality:<20} {len(pack.entries):>3} entries  "
              f"{len(pack.glossary):>3} glossary terms")
    print(f"{'total':<31} {sum(len(p.entries) for p in packs.values()):>3} entries")
    return 0
