"""Who is admitted, in memory: the bot's read model of the users table. No Telegram here.

Every update needs the sender's row (admitted? role? municipality? language?). On SQLite,
reading it cost six aiosqlite thread round trips per update, the largest single cost of a
question under 50 staff asking at once (measured: ~4 ms of ~6 ms of the bot's CPU). Staff
lists are small (tens to a few hundred rows per unit), so the bot keeps them all here.

Memory may cache, never decide:

* the directory serves only reads that may be a moment old: an admitted staff member asking
  a question. Anything that writes reads the user row in its own transaction (the unit of
  work re-checks the row before it commits a write made on the directory's word);
* changes the bot makes itself apply at once: the unit of work hands the committed rows over;
* changes made elsewhere (`python -m bot admin revoke`) apply within SYNC_SECONDS plus one
  query: every SYNC_SECONDS a one-row fingerprint of the table (counts, the latest admission
  and revocation) is compared, and every row is re-read only when it moved, or at least every
  FULL_SYNC_SECONDS for changes the fingerprint cannot see.

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

SYNC_SECONDS = 2.0
FULL_SYNC_SECONDS = 30.0


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
    display_name: str | None = None
    username: str | None = None

    @classmethod
    def of(cls, user: User) -> StaffView:
        return cls(user.id, user.telegram_id, user.org, user.ask_org, user.role, user.locale,
                   bool(user.active), user.display_name, user.username)


class StaffDirectory:
    """telegram_id -> StaffView; `fresh_view` answers only for admitted users."""

    def __init__(self) -> None:
        self._views: dict[int, StaffView] = {}
        self._written: dict[int, float] = {}  # telegram_id -> when the bot itself wrote it
        self.synced_at: float | None = None  # the last full re-read
        self.signature: tuple[object, ...] | None = None  # the table's fingerprint at that re-read

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

    def forget(self, telegram_id: int) -> None:
        """Drop a user's view: their next update reads the database (which refuses them)."""
        self._views.pop(telegram_id, None)

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


async def sync(directory: StaffDirectory, session: AsyncSession, full: bool = False) -> bool:
    """Re-read every user row if the table's fingerprint moved (or `full`, or the last full
    re-read is FULL_SYNC_SECONDS old). Returns whether it re-read."""
    started = time.monotonic()
    signature = await users_repo.signature(session)
    stale = directory.synced_at is None or started - directory.synced_at > FULL_SYNC_SECONDS
    if not (full or stale or signature != directory.signature):
        return False
    directory.replace_all(await users_repo.list_all(session), started)
    directory.signature = signature
    return True
