"""Repository functions for staff users. They take a session and never commit."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import event, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from bot.storage import outbox
from bot.storage.models import User

_TOUCHED = "users_touched"


@event.listens_for(Session, "loaded_as_persistent")
@event.listens_for(Session, "pending_to_persistent")
def _track(session: Session, instance: object) -> None:
    # Strong references until the session ends: the identity map alone holds clean rows
    # weakly, and the caller wants every row it read or wrote once the commit is through.
    if isinstance(instance, User):
        session.info.setdefault(_TOUCHED, []).append(instance)


def touched(session: AsyncSession) -> list[User]:
    """The user rows this session has read or inserted (their current values)."""
    return list(session.sync_session.info.get(_TOUCHED, ()))


async def get_by_telegram_id(session: AsyncSession, telegram_id: int) -> User | None:
    return await session.scalar(select(User).where(User.telegram_id == telegram_id))


async def standing(session: AsyncSession, telegram_id: int) -> tuple[bool, str] | None:
    """(active, role) as committed now: a plain two-column read, no ORM object to build
    (it runs before every write made on the staff directory's word)."""
    row = (await session.execute(select(User.active, User.role)
                                 .where(User.telegram_id == telegram_id))).first()
    return (bool(row[0]), row[1]) if row is not None else None


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


async def list_all(session: AsyncSession) -> list[User]:
    """Every user row (for the bot's staff directory; a unit has tens to hundreds)."""
    return list(await session.scalars(select(User)))


async def list_for_org(session: AsyncSession, org: str) -> list[User]:
    rows = await session.scalars(select(User).where(User.org == org).order_by(User.id))
    return list(rows)


async def revoke(session: AsyncSession, user: User) -> None:
    """Take away access and tell the user so (through the outbox, in the same transaction,
    whoever revokes: a coordinator in the chat or the command line). The row stays so the
    audit trail keeps its meaning."""
    user.active = False
    user.revoked_at = datetime.now(UTC)
    await session.flush()
    await outbox.enqueue(session, f"revoked:{user.id}:{user.revoked_at.timestamp():.0f}",
                         user.telegram_id, "notice.access_revoked")


def remember_names(user: User, display_name: str | None, username: str | None) -> bool:
    """Keep an admitted user's Telegram name and @username current; True if either changed.

    Staff are not clients: the coordinator needs them to know whom a row is. Only changes are
    written, so an unchanged name costs no write.
    """
    display_name = (display_name or "").strip()[:128] or None
    username = (username or "").strip()[:64] or None
    if (user.display_name, user.username) == (display_name, username):
        return False
    user.display_name, user.username = display_name, username
    return True


async def locales_of(session: AsyncSession, telegram_ids: set[int]) -> dict[int, str | None]:
    """Each known user's stored language choice (for texts rendered when they are sent)."""
    if not telegram_ids:
        return {}
    rows = await session.execute(select(User.telegram_id, User.locale)
                                 .where(User.telegram_id.in_(telegram_ids)))
    return {telegram_id: locale for telegram_id, locale in rows}


async def active_with_role(session: AsyncSession, org: str, role: str) -> list[User]:
    rows = await session.scalars(select(User).where(User.org == org, User.role == role,
                                                    User.active.is_(True)).order_by(User.id))
    return list(rows)


async def signature(session: AsyncSession) -> tuple[object, ...]:
    """A cheap fingerprint of who is admitted: it changes when anyone is admitted or revoked
    (from any process), so the staff directory re-reads every row only then."""
    row = await session.execute(select(func.count(User.id),
                                       func.count(User.id).filter(User.active.is_(True)),
                                       func.max(User.admitted_at), func.max(User.revoked_at)))
    return tuple(row.one())


async def get(session: AsyncSession, user_id: int) -> User | None:
    return await session.get(User, user_id)
