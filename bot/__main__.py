"""Entry point: `python -m bot SUBCOMMAND`; it only hands over to the command line."""

import sys

from bot.cli.main import main

# The guard matters: search worker processes (spawn) import this module as __mp_main__.
if __name__ == "__main__":
    sys.exit(main())
