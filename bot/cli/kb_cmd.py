"""`python -m bot kb check`: validate the knowledge packs and show what each municipality has."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bot import ORGS
from bot.cli.output import org_id, table, time_in_zone, zone_label
from bot.cli.startup import StartupError, fail, prepare_database, session_scope
from bot.knowledge.loader import PACKS_DIR, PackError, load_packs
from bot.storage import questions


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("kb", help="knowledge packs: check")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="validate all packs; exit 2 on a broken pack")
    check.add_argument("--packs", type=Path, default=None,
                       help="pack directory (default: $BOT_PACKS_DIR or the bundled packs)")
    check.set_defaults(func=run_check)
    unanswered = actions.add_parser(
        "unanswered", help="questions the bot could not answer, or whose answer got a 👎")
    unanswered.add_argument("--org", type=org_id, choices=ORGS, default=None)
    unanswered.add_argument("--limit", type=int, default=50)
    unanswered.set_defaults(func=run_unanswered)


def _directory(args: argparse.Namespace) -> Path:
    # BOT_PACKS_DIR as every command reads it: through the settings (bot/cli/main.py).
    return args.packs or args.settings.packs_dir or PACKS_DIR


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


def run_unanswered(args: argparse.Namespace) -> int:
    """Print kept questions, newest first: date, municipality, why, the (scrubbed) question."""
    try:
        settings = prepare_database()
    except StartupError as exc:
        return fail(str(exc))
    return asyncio.run(_unanswered(args, settings))


async def _unanswered(args: argparse.Namespace, settings) -> int:  # noqa: ANN001
    async with session_scope(settings) as session:
        rows = await questions.list_unanswered(session, args.org, args.limit)
    table([zone_label(settings.tz), "org", "why", "question"],
          [[time_in_zone(r.created_at, settings.tz), r.org,
            "👎" if r.kind == "downvoted" else "?", r.question] for r in rows],
          "no questions")
    return 0
