"""Builds the argument parser from the subcommand modules and dispatches to them."""

from __future__ import annotations

import argparse
import importlib
import sys

# Order is the order `--help` lists them in.
SUBCOMMANDS = ["run", "chat", "ask", "kb", "admin", "db", "bench"]


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


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
