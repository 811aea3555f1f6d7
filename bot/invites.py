"""Admission by invite code: codes are random, stored only as hashes, single- or N-use, expiring."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import ORGS
from bot.access import ROLES
from bot.storage.models import Invite, User

CODE_RE = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_DURATION_RE = re.compile(r"^(\d+)([mhdw])$")


class InviteError(ValueError):
    """The invite request itself is wrong (unknown org or role, bad duration)."""


def parse_duration(text: str) -> timedelta:
    """'30m', '12h', '7d', '2w' to a timedelta."""
    m = _DURATION_RE.match(text.strip())
    if not m or int(m.group(1)) == 0:
        raise InviteError(f"bad duration {text!r} (e.g. 7d, 12h, 2w)")
    n, unit = int(m.group(1)), m.group(2)
    return {"m": timedelta(minutes=n), "h": timedelta(hours=n), "d": timedelta(days=n),
            "w": timedelta(weeks=n)}[unit]


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


async def create_invite(session: AsyncSession, org: str, role: str, uses: int = 1,
                        expires_in: timedelta = timedelta(days=7),
                        created_by: int | None = None) -> str:
    """Create an invite and return its code (shown once; only the hash is stored)."""
    if org not in ORGS:
        raise InviteError(f"unknown municipality {org!r}")
    if role not in ROLES:
        raise InviteError(f"unknown role {role!r} ({', '.join(ROLES)})")
    if uses < 1 or uses > 500:
        raise InviteError("uses must be between 1 and 500")
    code = secrets.token_urlsafe(12)
    session.add(Invite(code_hash=_hash(code), org=org, role=role, uses_left=uses,
                       expires_at=datetime.now(UTC) + expires_in, created_by=created_by))
    await session.flush()
    return code


async def redeem(session: AsyncSession, user: User, code: str) -> bool:
    """Admit `user` with `code`. False for unknown, used-up or expired codes alike."""
    if not CODE_RE.match(code):
        return False
    invite = await session.scalar(
        select(Invite).where(Invite.code_hash == _hash(code)).with_for_update()
    )
    now = datetime.now(UTC)
    if invite is None or invite.uses_left < 1:
        return False
    expires = invite.expires_at
    if expires.tzinfo is None:  # SQLite hands back naive datetimes
        expires = expires.replace(tzinfo=UTC)
    if expires <= now:
        return False
    invite.uses_left -= 1
    user.org, user.role, user.active = invite.org, invite.role, True
    user.ask_org = None
    user.admitted_at, user.revoked_at = now, None
    await session.flush()
    return True


def deep_link(bot_username: str, code: str) -> str:
    """The t.me link that opens the bot and sends `/start CODE` when the user presses Start.

    `bot_username` is services.bot_username (BOT_USERNAME, else Telegram's getMe), without '@'.
    """
    return f"https://t.me/{bot_username}?start={code}"
