"""What the reminders tick tells others: a colleague who blocked the bot (their reminders are
kept, their access paused until a coordinator admits them again)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox.notices import staff_name
from bot.storage import outbox, users
from bot.storage.models import User


async def recipient_blocked(session: AsyncSession, user: User, now: datetime) -> int:
    """Mark `user` inactive and tell their municipality's coordinators; returns how many."""
    user.active = False
    await session.flush()
    if user.org is None:
        return 0
    told = 0
    for coordinator in await users.active_with_role(session, user.org, "coordinator"):
        await outbox.enqueue(session, f"rem-blocked:{user.id}:{now:%Y%m%d}:{coordinator.id}",
                             coordinator.telegram_id, "rem.recipient_blocked",
                             {"who": staff_name(user)})
        told += 1
    return told
