"""`python -m bot admin invite | users | revoke | audit | purge`: staff access from the shell."""

from __future__ import annotations

import argparse
import asyncio

from bot import ORGS, invites
from bot.access import ROLES
from bot.cli.startup import StartupError, fail, prepare_database, session_scope
from bot.config import Settings
from bot.logging_setup import pseudonym
from bot.retention import purge
from bot.storage import audit, users


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("admin", help="staff access: invite, users, revoke, audit, purge")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    inv = actions.add_parser("invite", help="print a one-time invite code and link")
    inv.add_argument("--org", required=True, choices=ORGS)
    inv.add_argument("--role", required=True, choices=ROLES)
    inv.add_argument("--uses", type=int, default=1)
    inv.add_argument("--expires", default="7d", help="e.g. 12h, 7d, 2w (default 7d)")
    lst = actions.add_parser("users", help="list admitted users of a municipality")
    lst.add_argument("--org", required=True, choices=ORGS)
    rev = actions.add_parser("revoke", help="revoke a user's access")
    rev.add_argument("--telegram-id", type=int, required=True)
    aud = actions.add_parser("audit", help="show the audit trail")
    aud.add_argument("--org", choices=ORGS)
    aud.add_argument("--limit", type=int, default=50)
    pur = actions.add_parser("purge", help="delete what has outlived its retention period")
    pur.add_argument("--dry-run", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        settings = prepare_database()
    except StartupError as exc:
        return fail(str(exc))
    if args.action == "invite":
        try:
            args.expires_delta = invites.parse_duration(args.expires)
        except invites.InviteError as exc:
            return fail(str(exc))
    return asyncio.run(_run(args, settings))


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        async with session_scope(settings) as session:
            return await ACTIONS[args.action](args, settings, session)
    except invites.InviteError as exc:
        return fail(str(exc))


async def _invite(args, settings, session) -> int:  # noqa: ANN001
    code = await invites.create_invite(session, args.org, args.role, args.uses, args.expires_delta)
    await audit.record(session, "cli", "invite_created", args.org, args.role)
    print(f"code: {code}")
    print(f"link: {invites.deep_link(settings.bot_username, code)}")
    print(f"or send in the chat: /start {code}")
    print(f"valid for {args.uses} use(s), expires in {args.expires}")
    return 0


async def _users(args, settings, session) -> int:  # noqa: ANN001
    # The same as /anvandare: staff are not clients, their Telegram names may be shown.
    for u in await users.list_for_org(session, args.org):
        state = "active" if u.active else "revoked" if u.revoked_at else "not admitted"
        name = u.display_name or "-"
        handle = f"@{u.username}" if u.username else "-"
        print(f"{u.telegram_id}\t{pseudonym(u.telegram_id)}\t{name}\t{handle}\t{u.role}\t{state}")
    return 0


async def _revoke(args, settings, session) -> int:  # noqa: ANN001
    user = await users.get_by_telegram_id(session, args.telegram_id)
    if user is None or not user.active:
        return fail("no admitted user with that Telegram id")
    await users.revoke(session, user)
    await audit.record(session, "cli", "revoked", user.org, pseudonym(user.telegram_id))
    print(f"revoked {pseudonym(user.telegram_id)}")
    return 0


async def _audit(args, settings, session) -> int:  # noqa: ANN001
    for e in reversed(await audit.recent(session, args.limit, args.org)):
        print(f"{e.at:%Y-%m-%d %H:%M:%S}\t{e.actor}\t{e.action}\t{e.org or '-'}\t{e.object_ref or ''}")
    return 0


async def _purge(args, settings, session) -> int:  # noqa: ANN001
    report = await purge(session, settings, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    print(f"{verb}: {report.invites} invites, {report.questions} questions")
    if not args.dry_run:
        await audit.record(session, "cli", "purged", None, str(report.total))
    return 0


ACTIONS = {"invite": _invite, "users": _users, "revoke": _revoke, "audit": _audit,
           "purge": _purge}
