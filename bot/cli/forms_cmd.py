"""`python -m bot forms check`: validate every form file and show what each municipality has."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from bot.forms.loader import load_forms
from bot.forms.schema import FormsError


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forms", help="intake and order forms: check")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="validate all forms; exit 2 on a broken form")
    check.add_argument("--forms", type=Path, default=None,
                       help="form directory (default: the bundled forms)")
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Print forms and steps per municipality, or the FormsError line (exit 2)."""
    try:
        forms = load_forms(args.forms)
    except FormsError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    per_org: Counter[str] = Counter()
    steps: Counter[str] = Counter()
    for form in forms.values():
        per_org[form.org] += 1
        steps[form.org] += len(form.steps)
    for org in sorted(per_org):
        names = ", ".join(f"{f.id} ({f.purpose}, {'/' + f.command if f.command else 'from a button'}, v{f.version})"
                          for f in forms.values() if f.org == org)
        print(f"{org:<10} {per_org[org]:>2} forms  {steps[org]:>3} steps  {names}")
    print(f"{'total':<10} {len(forms):>2} forms  {sum(steps.values()):>3} steps")
    return 0
