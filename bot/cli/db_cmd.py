"""`python -m bot db upgrade|downgrade REV|current`: the database schema (Alembic)."""

from __future__ import annotations

import argparse

from alembic import command

from bot.cli.startup import fail
from bot.config import ConfigError, load_settings
from bot.storage.database import DatabaseError, check_connection
from bot.storage.migrate import alembic_config, downgrade, upgrade


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="database schema: upgrade (migrate), downgrade, current")
    p.add_argument("action", choices=["upgrade", "downgrade", "current"])
    p.add_argument("revision", nargs="?", default=None)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
        check_connection(settings.database_url)
    except (ConfigError, DatabaseError) as exc:
        return fail(str(exc))
    if args.action == "upgrade":
        upgrade(settings.database_url, args.revision or "head")
        print("database schema is up to date")
    elif args.action == "downgrade":
        if not args.revision:
            return fail("db downgrade needs a revision (e.g. base)")
        downgrade(settings.database_url, args.revision)
    else:
        command.current(alembic_config(settings.database_url))
    return 0
