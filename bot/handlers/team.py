"""Coordinators' team administration: invites (/bjudin), the user list and revocation (/anvandare)."""

from __future__ import annotations

from telegram.ext import BaseHandler, CallbackQueryHandler

from bot import callback_data, commands, invites
from bot.access import ROLES
from bot.handlers.basics import command
from bot.handlers.common import Turn, unit_of_work
from bot.handlers.render import keyboard, shorten
from bot.logging_setup import pseudonym
from bot.outbox.notices import staff_name
from bot.storage import audit, users


@unit_of_work(command="bjudin")
async def invite_menu(turn: Turn) -> None:
    """Asks which role the new colleague gets."""
    rows = [[(turn.t("role." + role), callback_data.build("inv", role))] for role in ROLES]
    turn.reply(turn.t("invite.choose_role", municipality=turn.services.kb.municipality_name(
        turn.home_org)), keyboard(rows))


@unit_of_work(command="bjudin")
async def invite_create(turn: Turn) -> None:
    """Creates a one-time code for the coordinator's own municipality and shows it once."""
    role = turn.button_choice(ROLES, "inv")
    if role is None:
        return
    code = await invites.create_invite(turn.session, turn.home_org, role, created_by=turn.user.id)
    await audit.record(turn.session, turn.who, "invite_created", turn.home_org, role)
    turn.answer()
    # The username comes from getMe at start-up; should it be unknown, the code still works.
    name = turn.services.bot_username
    link = invites.deep_link(name, code) if name else f"/start {code}"
    turn.edit(turn.t("invite.created", role=turn.t("role." + role), code=code, link=link))


@unit_of_work(command="anvandare")
async def list_users(turn: Turn) -> None:
    """Lists the municipality's users by Telegram name and @username, with their role, and a
    revoke button for each active colleague."""
    rows, lines = [], [turn.t("users.heading")]
    for u in await users.list_for_org(turn.session, turn.home_org):
        state = "users.active" if u.active else "users.revoked"
        lines.append(f"• {staff_name(u)} – {turn.t('role.' + u.role)} – {turn.t(state)}")
        if u.active and u.id != turn.user.id:
            label = turn.t("users.revoke_button", who=shorten(staff_name(u), 40))
            rows.append([(label, callback_data.build("rev", u.id))])
    turn.reply("\n".join(lines), keyboard(rows))


@unit_of_work(command="anvandare")
async def revoke_user(turn: Turn) -> None:
    """Revokes a colleague of the coordinator's own municipality; anything else is refused.

    The colleague is told through the outbox (bot.storage.users.revoke), and loses the
    coordinator's or manager's menu if they had one.
    """
    values = turn.button("rev", callback_data.integer)
    if values is None:
        return
    target = await users.get(turn.session, values[0])
    if target is None or target.org != turn.home_org or target.id == turn.user.id:
        turn.answer(turn.t("access.not_allowed"), alert=True)
        return
    if not target.active:
        turn.answer(turn.t("users.already_revoked"), alert=True)
        return
    await users.revoke(turn.session, target)
    await audit.record(turn.session, turn.who, "revoked", target.org, pseudonym(target.telegram_id))
    turn.answer()
    turn.reply(turn.t("users.revoked_done", who=staff_name(target)))
    if target.role in commands.roles_with_own_menu():
        turn.set_menu(None, chat_id=target.telegram_id)


def handlers() -> list[BaseHandler]:
    return [
        command("bjudin", invite_menu),
        CallbackQueryHandler(invite_create, pattern=callback_data.prefix_pattern("inv")),
        command("anvandare", list_users),
        CallbackQueryHandler(revoke_user, pattern=callback_data.prefix_pattern("rev")),
    ]
