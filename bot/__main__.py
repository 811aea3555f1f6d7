"""Entry point: `python -m bot SUBCOMMAND`; it only hands over to the command line."""

import sys

from bot.cli.main import main

sys.exit(main())
