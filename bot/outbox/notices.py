"""Who is told what when something changes: each notice is an outbox row written in the same
transaction as the change. (A revoked user's notice is queued by bot.storage.users.revoke,
so the command line's revocation tells them too.)"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.logging_setup import pseudonym
from bot.storage import outbox, users
from bot.storage.models import User


def staff_name(user: User) -> str:
    """How colleagues see a staff member: Telegram name and @username, else a pseudonym."""
    parts = [user.display_name or "", f"@{user.username}" if user.username else ""]
    return " ".join(p for p in parts if p) or pseudonym(user.telegram_id)


async def colleague_admitted(session: AsyncSession, user: User) -> int:
    """Tell the municipality's coordinators that `user` was just admitted; returns how many."""
    if user.org is None:
        return 0  # admitted users always have a municipality; nobody to tell otherwise
    when = f"{user.admitted_at.timestamp():.0f}" if user.admitted_at else "0"
    coordinators = [c for c in await users.active_with_role(session, user.org, "coordinator")
                    if c.id != user.id]
    for coordinator in coordinators:
        await outbox.enqueue(session, f"admitted:{user.id}:{when}:{coordinator.id}",
                             coordinator.telegram_id, "notice.colleague_admitted",
                             {"who": staff_name(user), "role_key": f"role.{user.role}"})
    return len(coordinators)
