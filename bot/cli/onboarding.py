"""The operator's first steps: how the first coordinator gets in, said when it is needed.

Nobody can invite anyone in the chat before a coordinator is admitted, and the only way to
admit the first one is the shell. So `run` checks for an active coordinator and, while there
is none, prints the command that makes one, as a command that works when pasted.
"""

from __future__ import annotations

import asyncio
import sys

from sqlalchemy import select

from bot.cli.chat_cmd import LOCAL_USER_ID
from bot.cli.output import bot_command
from bot.cli.startup import session_scope
from bot.config import Settings
from bot.storage.models import User


async def _has_active_coordinator(settings: Settings) -> bool:
    # One read-only question, asked before the bot's own engine exists; small enough to stay
    # beside its only caller rather than in the shared users repository. The terminal chat's
    # local coordinator is not a Telegram user: it lets nobody into the Telegram bot.
    async with session_scope(settings) as session:
        found = await session.scalar(
            select(User.id).where(User.active.is_(True), User.role == "coordinator",
                                  User.telegram_id != LOCAL_USER_ID).limit(1))
    return found is not None


def first_coordinator_hint(settings: Settings, username: str | None) -> str:
    """What to do when no coordinator is admitted yet (several lines)."""
    where = f"@{username}" if username else "the bot"
    return (
        "No coordinator is admitted yet, so nobody can invite staff in the chat. "
        "To let the first coordinator in, run (same settings, another terminal):\n"
        f"  {bot_command(f'admin invite --org {settings.default_org} --role coordinator')}\n"
        f"then open the t.me link it prints on the coordinator's phone (or send {where} "
        "/start CODE). Use --org for another municipality."
    )


def print_hint_if_no_coordinator(settings: Settings, username: str | None) -> None:
    """Print the first-coordinator hint to stderr while the database has no coordinator."""
    if not asyncio.run(_has_active_coordinator(settings)):
        print(first_coordinator_hint(settings, username), file=sys.stderr)
