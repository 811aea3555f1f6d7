"""`python -m bot admin invite | users | revoke | audit | purge`: staff access from the shell."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime

from bot import ORGS, invites
from bot.access import ROLES
from bot.cli.output import org_id, table, time_in_zone, zone_label
from bot.cli.startup import StartupError, fail, prepare_database, session_scope
from bot.cli.telegram_check import TelegramCheckError, fetch_username
from bot.config import Settings
from bot.logging_setup import pseudonym
from bot.retention import purge
from bot.storage import audit, users


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("admin", help="staff access: invite, users, revoke, audit, purge")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    inv = actions.add_parser("invite", help="print a one-time invite code and link")
    inv.add_argument("--org", required=True, type=org_id, choices=ORGS)
    inv.add_argument("--role", required=True, choices=ROLES)
    inv.add_argument("--uses", type=int, default=1)
    inv.add_argument("--expires", default="7d", help="e.g. 12h, 7d, 2w (default 7d)")
    lst = actions.add_parser("users", help="list admitted users of a municipality")
    lst.add_argument("--org", required=True, type=org_id, choices=ORGS)
    rev = actions.add_parser("revoke", help="revoke a user's access")
    rev.add_argument("--telegram-id", type=int, required=True)
    aud = actions.add_parser("audit", help="show the audit trail")
    aud.add_argument("--org", type=org_id, choices=ORGS)
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


async def _link_username(settings: Settings) -> tuple[str | None, str]:
    """The bot's username for the link, or None and why it is unknown.

    BOT_USERNAME overrides, as in the running bot; otherwise one getMe, since no bot runs here.
    """
    if settings.bot_username:
        return settings.bot_username, ""
    if settings.bot_token is None:
        return None, "BOT_TOKEN and BOT_USERNAME are not set"
    try:
        return await fetch_username(settings), ""
    except TelegramCheckError as exc:
        return None, str(exc)


async def _invite(args, settings, session) -> int:  # noqa: ANN001
    username, why = await _link_username(settings)
    code = await invites.create_invite(session, args.org, args.role, args.uses, args.expires_delta)
    await audit.record(session, "cli", "invite_created", args.org, args.role)
    expires = time_in_zone(datetime.now(UTC) + args.expires_delta, settings.tz)
    print(f"code: {code}")
    if username:
        print(f"link: {invites.deep_link(username, code)}")
        print(f"or send @{username} in Telegram: /start {code}")
    else:
        print(f"no t.me link: the bot's username is unknown ({why})")
        print(f"instead, open the bot in Telegram and send: /start {code}")
    print(f"role {args.role} in {args.org}, valid for {args.uses} use(s), "
          f"expires {expires} (in {args.expires})")
    return 0


async def _users(args, settings, session) -> int:  # noqa: ANN001
    # The same as /anvandare: staff are not clients, their Telegram names may be shown.
    rows = []
    for u in await users.list_for_org(session, args.org):
        state = "active" if u.active else "revoked" if u.revoked_at else "not admitted"
        rows.append([str(u.telegram_id), pseudonym(u.telegram_id), u.display_name or "-",
                     f"@{u.username}" if u.username else "-", u.role, state])
    table(["telegram_id", "pseudonym", "name", "username", "role", "state"], rows, "no users")
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
    rows = [[time_in_zone(e.at, settings.tz), e.actor, e.action, e.org or "-", e.object_ref or ""]
            for e in reversed(await audit.recent(session, args.limit, args.org))]
    table([zone_label(settings.tz), "actor", "action", "org", "object"], rows,
          "no audit events")
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
