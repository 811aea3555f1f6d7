"""The command line: `python -m bot run | chat | ask | kb | admin | report | db | bench`.

Each subcommand lives in its own module exposing `add_parser(subparsers)`, which registers the
parser and sets `func=run`, where `run(args) -> int` returns the exit code.
"""
