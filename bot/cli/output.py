"""How the command line writes for a person: times with their zone, headed tables, commands
that work when pasted.

The command line speaks English throughout (help, errors, listings); the chat and the answers
of `ask` follow the user's language instead.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo


def org_id(text: str) -> str:
    """argparse type for --org: municipality ids are case-insensitive (Ragunda is ragunda)."""
    return text.strip().lower()


def time_in_zone(value: datetime, tz: ZoneInfo) -> str:
    """'2026-12-07 23:24 CET': local time in BOT_TIMEZONE, its zone named."""
    if value.tzinfo is None:  # SQLite hands back naive datetimes; they are stored in UTC
        value = value.replace(tzinfo=UTC)
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")


def zone_label(tz: ZoneInfo) -> str:
    """The zone for a column header: 'time (Europe/Stockholm)'."""
    return f"time ({tz.key})"


def table(header: list[str], rows: list[list[str]], empty: str) -> None:
    """Print a tab-separated table under its header, or `empty` when there are no rows."""
    if not rows:
        print(empty)
        return
    print("\t".join(header))
    for row in rows:
        print("\t".join(row))


def python_command() -> str:
    """The Python of this installation as a command that works when pasted from here:
    '.venv/bin/python' in the project (make's venv), else its full path."""
    exe = Path(sys.executable)
    try:
        return os.path.relpath(exe) if exe.is_relative_to(Path.cwd()) else str(exe)
    except ValueError:  # another drive on Windows
        return str(exe)


def bot_command(args: str) -> str:
    """'.venv/bin/python -m bot ARGS'."""
    return f"{python_command()} -m bot {args}"
