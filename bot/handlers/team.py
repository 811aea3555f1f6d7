"""Coordinators' team administration: invites (/bjudin), the user list and revocation (/anvandare)."""

from __future__ import annotations

from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import invites
from bot.access import ROLES
from bot.handlers.common import Turn, unit_of_work
from bot.handlers.render import keyboard
from bot.logging_setup import pseudonym
from bot.storage import audit, users


@unit_of_work(role="coordinator")
async def invite_menu(turn: Turn) -> None:
    """Asks which role the new colleague gets."""
    rows = [[(turn.t("role." + role), f"inv:{role}")] for role in ROLES]
    turn.reply(turn.t("invite.choose_role", municipality=turn.services.kb.municipality_name(
        turn.user.org)), keyboard(rows))


@unit_of_work(role="coordinator")
async def invite_create(turn: Turn) -> None:
    """Creates a one-time code for the coordinator's own municipality and shows it once."""
    role = turn.button_choice(ROLES)
    if role is None:
        return
    code = await invites.create_invite(turn.session, turn.user.org, role, created_by=turn.user.id)
    await audit.record(turn.session, turn.who, "invite_created", turn.user.org, role)
    turn.answer()
    link = invites.deep_link(turn.services.bot_username, code)
    turn.edit(turn.t("invite.created", role=turn.t("role." + role),
                                         code=code, link=link))


@unit_of_work(role="coordinator")
async def list_users(turn: Turn) -> None:
    """Lists the municipality's users, with a revoke button for each active colleague."""
    rows, lines = [], [turn.t("users.heading")]
    for u in await users.list_for_org(turn.session, turn.user.org):
        state = "users.active" if u.active else "users.revoked"
        lines.append(f"• {pseudonym(u.telegram_id)} – {turn.t('role.' + u.role)} – {turn.t(state)}")
        if u.active and u.id != turn.user.id:
            rows.append([(turn.t("users.revoke_button", who=pseudonym(u.telegram_id)),
                          f"rev:{u.id}")])
    turn.reply("\n".join(lines), keyboard(rows))


@unit_of_work(role="coordinator")
async def revoke_user(turn: Turn) -> None:
    """Revokes a colleague of the coordinator's own municipality; anything else is refused."""
    query = turn.update.callback_query
    raw = (query.data or "").split(":", 1)[-1]
    target = await users.get(turn.session, int(raw)) if raw.isdigit() else None
    if target is None or target.org != turn.user.org or target.id == turn.user.id:
        turn.answer(turn.t("access.not_allowed"), alert=True)
        return
    if not target.active:
        turn.answer(turn.t("users.already_revoked"), alert=True)
        return
    await users.revoke(turn.session, target)
    await audit.record(turn.session, turn.who, "revoked", target.org, pseudonym(target.telegram_id))
    turn.answer()
    turn.reply(turn.t("users.revoked_done", who=pseudonym(target.telegram_id)))


def handlers() -> list[BaseHandler]:
    return [
        CommandHandler("bjudin", invite_menu),
        CallbackQueryHandler(invite_create, pattern=r"^inv:"),
        CommandHandler("anvandare", list_users),
        CallbackQueryHandler(revoke_user, pattern=r"^rev:"),
    ]
