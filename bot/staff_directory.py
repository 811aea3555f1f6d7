"""Who is admitted, in memory: the bot's read model of the users table. No Telegram here.

Every update needs the sender's row (admitted? role? municipality? language?). On SQLite,
reading it cost six aiosqlite thread round trips per update, the largest single cost of a
question under 50 staff asking at once (measured: ~4 ms of ~6 ms of the bot's CPU). Staff
lists are small (tens to a few hundred rows per unit), so the bot keeps them all here:

* loaded at start and re-read every SYNC_SECONDS, so changes made by another process
  (`python -m bot admin revoke`) reach the bot within that time;
* written through after every transaction that loaded users (the unit of work hands the
  committed rows over), so changes made by the bot itself apply at once;
* consulted only for what can safely be a few seconds old: an admitted staff member
  asking a question. Refusals, admission, /start, changes to the user row and every
  coordinator command still read the database.

A view is frozen: a handler that tries to change the user through it fails loudly
instead of writing nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage import users as users_repo
from bot.storage.models import User

SYNC_SECONDS = 5.0


@dataclass(frozen=True)
class StaffView:
    """The columns of a user row that handlers read, as of the last sync or write."""

    id: int
    telegram_id: int
    org: str | None
    ask_org: str | None
    role: str
    locale: str | None
    active: bool

    @classmethod
    def of(cls, user: User) -> StaffView:
        return cls(user.id, user.telegram_id, user.org, user.ask_org, user.role, user.locale,
                   bool(user.active))


class StaffDirectory:
    """telegram_id -> StaffView; `fresh_view` answers only for admitted users."""

    def __init__(self) -> None:
        self._views: dict[int, StaffView] = {}
        self._written: dict[int, float] = {}  # telegram_id -> when the bot itself wrote it
        self.synced_at: float | None = None

    def fresh_view(self, telegram_id: int) -> StaffView | None:
        """The view of an admitted user, or None (unknown, not admitted, never synced).

        None sends the caller to the database, which is always right.
        """
        if self.synced_at is None:
            return None
        view = self._views.get(telegram_id)
        return view if view is not None and view.active else None

    def remember(self, users: Iterable[User]) -> None:
        """Rows the bot has just committed (or read inside a committed transaction)."""
        now = time.monotonic()
        for user in users:
            self._views[user.telegram_id] = StaffView.of(user)
            self._written[user.telegram_id] = now

    def replace_all(self, users: Iterable[User], read_started: float) -> None:
        """A full re-read that began at `read_started` (time.monotonic()).

        Rows the bot wrote after that moment are newer than the re-read and are kept.
        """
        views = {u.telegram_id: StaffView.of(u) for u in users}
        for telegram_id, written in self._written.items():
            if written > read_started and telegram_id in self._views:
                views[telegram_id] = self._views[telegram_id]
        self._written = {k: v for k, v in self._written.items() if v > read_started}
        self._views = views
        self.synced_at = time.monotonic()

    def __len__(self) -> int:
        return len(self._views)


async def sync(directory: StaffDirectory, session: AsyncSession) -> int:
    """Re-read every user row into the directory; returns how many there are."""
    started = time.monotonic()
    directory.replace_all(await users_repo.list_all(session), started)
    return len(directory)
