"""`python -m bot db upgrade|downgrade REV|current`: the database schema (Alembic).

Each action says what it found and what it did: a new database created at a revision, an
upgrade from one revision to another, or nothing to do.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import make_url

from bot.cli.startup import fail
from bot.config import ConfigError, Settings, load_settings
from bot.storage.database import DatabaseError, check_connection, make_sync_engine
from bot.storage.migrate import alembic_config, downgrade, upgrade


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("db", help="database schema: upgrade (migrate), downgrade, current")
    p.add_argument("action", choices=["upgrade", "downgrade", "current"])
    p.add_argument("revision", nargs="?", default=None)
    p.set_defaults(func=run)


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _sqlite_file(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def current_revision(url: str) -> str | None:
    """The schema's revision, or None for a database without one (new or empty)."""
    engine = make_sync_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def describe(url: str, revision: str | None) -> str:
    """'0002 (groundwork: …)', or 'none (no schema)'."""
    if revision is None:
        return "none (no schema)"
    script = ScriptDirectory.from_config(alembic_config(url)).get_revision(revision)
    doc = (script.doc or "").strip() if script else ""
    return f"{revision} ({doc})" if doc else revision


def _upgrade(settings: Settings, target: str, existed: bool) -> str:
    url = settings.database_url
    before = current_revision(url)
    upgrade(url, target)
    after = current_revision(url)
    if before == after:
        return f"{_safe(url)} is already at revision {describe(url, after)}"
    if before is None:
        what = "created database" if not existed else "created the schema in"
        return f"{what} {_safe(url)} at revision {describe(url, after)}"
    return f"upgraded {_safe(url)} from revision {before} to {describe(url, after)}"


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
        sqlite_file = _sqlite_file(settings.database_url)
        # Asked before connecting: connecting creates the SQLite file.
        existed = sqlite_file is None or sqlite_file.exists()
        check_connection(settings.database_url)
    except (ConfigError, DatabaseError) as exc:
        return fail(str(exc))
    url = settings.database_url
    if args.action == "upgrade":
        print(_upgrade(settings, args.revision or "head", existed))
    elif args.action == "downgrade":
        if not args.revision:
            return fail("db downgrade needs a revision (e.g. base)")
        before = current_revision(url)
        downgrade(url, args.revision)
        after = current_revision(url)
        print(f"downgraded {_safe(url)} from revision {before} to {describe(url, after)}")
    else:
        print(f"{_safe(url)} is at revision {describe(url, current_revision(url))}")
    return 0
