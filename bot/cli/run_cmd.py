"""`python -m bot run`: the Telegram bot with long polling."""

from __future__ import annotations

import argparse
import asyncio
import gc
import signal
import sys

from bot.app import build_application
from bot.cli.lease import take_lease, watch
from bot.cli.onboarding import print_hint_if_no_coordinator
from bot.cli.output import bot_command
from bot.cli.startup import StartupError, fail, prepare
from bot.config import ConfigError, load_settings
from bot.instance_lock import InstanceLease
from bot.runner import serve_until


def no_token_text() -> str:
    """Why nothing runs without a token, with commands that work as printed."""
    return ("BOT_TOKEN is not set, so there is no Telegram bot to run.\n"
            "Get a token from @BotFather in Telegram (/newbot), put BOT_TOKEN=... in .env "
            f"(see .env.example), then: {bot_command('run')}\n"
            f"To try the assistant without Telegram: {bot_command('chat')}")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="run the Telegram bot (long polling); terminal chat without a token")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = load_settings()
    except ConfigError as exc:
        return fail(str(exc))
    if settings.bot_token is None:
        print(no_token_text(), file=sys.stderr)
        if sys.stdin.isatty():
            from bot.cli import chat_cmd

            return chat_cmd.run(args)
        return 2
    try:
        lease = take_lease(settings.database_url)  # before the migrations: one process at a time
        settings, services = prepare(ask_telegram=True)  # getMe before polling starts
    except StartupError as exc:
        return fail(str(exc))
    print_hint_if_no_coordinator(settings, services.bot_username)
    app = build_application(settings, services)
    # The knowledge packs and the libraries live as long as the process. Left in the
    # collector's care, each full pass walked all of them: a 60–100 ms stall of every update
    # in flight, a few times a minute under load. Frozen, they are skipped.
    gc.collect()
    gc.freeze()
    try:
        fatal = asyncio.run(_serve(app, lease))
    finally:
        lease.release()
    return fail(fatal) if fatal else 0


async def _serve(app, lease: InstanceLease) -> str | None:  # noqa: ANN001
    """Poll until SIGINT/SIGTERM, a fatal polling error or a lost lease; returns its one line."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    lost: list[str] = []
    watcher = asyncio.create_task(watch(lease, stop, lost))
    try:
        fatal = await serve_until(app, stop)
    finally:
        watcher.cancel()
    return lost[0] if lost else fatal

