"""Repository functions for staff users. They take a session and never commit."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import User


async def get_by_telegram_id(session: AsyncSession, telegram_id: int) -> User | None:
    return await session.scalar(select(User).where(User.telegram_id == telegram_id))


async def get_or_create(session: AsyncSession, telegram_id: int) -> User:
    """The user row for a Telegram id, created (not yet admitted) on first contact."""
    user = await get_by_telegram_id(session, telegram_id)
    if user is None:
        user = User(telegram_id=telegram_id, active=False, role="staff")
        session.add(user)
        await session.flush()
    return user


async def set_locale(session: AsyncSession, user: User, locale: str) -> None:
    user.locale = locale
    await session.flush()


async def set_ask_org(session: AsyncSession, user: User, org: str) -> None:
    """Which municipality's guideline the user's questions are about (/kommun)."""
    user.ask_org = org
    await session.flush()


async def list_for_org(session: AsyncSession, org: str) -> list[User]:
    rows = await session.scalars(select(User).where(User.org == org).order_by(User.id))
    return list(rows)


async def revoke(session: AsyncSession, user: User) -> None:
    """Take away access; the row stays so the audit trail keeps its meaning."""
    user.active = False
    user.revoked_at = datetime.now(UTC)
    await session.flush()


async def get(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)
