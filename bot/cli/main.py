"""Builds the argument parser from the subcommand modules and dispatches to them.

Every command starts the same way: the settings are read and checked here, once, so a wrong
value (BOT_LOCALE=fr, an unknown BOT_DEFAULT_ORG, a missing database folder) stops any
command with the same one line and exit code 2. The command line speaks English.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from bot.config import ConfigError, load_settings

# Order is the order `--help` lists them in.
SUBCOMMANDS = ["run", "chat", "ask", "kb", "forms", "admin", "db", "report", "bench"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="AME-assistenten: guideline answers and case support for labour-market units.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        module = importlib.import_module(f"bot.cli.{name}_cmd")
        module.add_parser(sub)
    return parser


def _quiet_closed_pipe() -> int:
    """The reader went away (`| head -1`): what it wanted it has; end quietly, exit 0.

    stdout is pointed at /dev/null so the interpreter's last flush at exit cannot raise again.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        args.settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        code = int(args.func(args) or 0)
        sys.stdout.flush()
    except BrokenPipeError:
        return _quiet_closed_pipe()
    return code


if __name__ == "__main__":
    sys.exit(main())
