"""One running bot per database: a lease held for the life of the process.

Two pollers on one database would both answer, both run the daily jobs and (once reminders
exist) both send every reminder. The lease is taken before anything else touches the database
and is never given back while the process lives; the operating system or the database server
releases it when the process ends, however it ends (kill -9 included), so there is nothing
stale to clean up after a crash.

- PostgreSQL: `pg_try_advisory_lock` on a connection of its own, kept open. The key is derived
  from the database and the schema the URL points at, so bots on different schemas of one
  server (the test suite's layout) do not exclude each other.
- SQLite: `flock` on a file beside the database (`<db>.lock`), which also records the holder's
  process id for the refusal message. An in-memory database is private to its process: no lease.

No Telegram here: `run` and `chat` take the lease, the application never sees it.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from bot.storage.database import sync_url

# Namespaced so the key cannot collide with another application's advisory locks.
_PG_LOCK = text(
    "SELECT pg_try_advisory_lock(hashtextextended("
    "'ame-assistenten:' || current_database() || ':' || current_schema(), 0))"
)


class AlreadyRunning(Exception):
    """Another process holds this database's lease; the message is one line for a person."""


LEASE_LOST = ("stopped: the connection holding this bot's database lease was lost, so another "
              "instance may now start; restart the bot")


class InstanceLease:
    """Held from `acquire` until `release` or the end of the process."""

    def __init__(self, release: contextlib.ExitStack, where: str,
                 conn: Connection | None = None) -> None:
        self._stack = release
        self.where = where
        self._conn = conn  # PostgreSQL: the connection whose session holds the lock

    def alive(self) -> bool:
        """Whether the lease still holds. A file lock holds while the process lives; an
        advisory lock only while its connection does (a server restart or an idle-connection
        killer ends it silently, and a second instance could then start beside this one)."""
        if self._conn is None:
            return True
        try:
            self._conn.execute(text("SELECT 1"))
        except Exception:  # noqa: BLE001 - any failure means the session, and the lock, is gone
            return False
        return True

    @classmethod
    def acquire(cls, database_url: str) -> InstanceLease:
        """Take the lease on `database_url`'s database.

        Raises:
            AlreadyRunning: another process holds it.
            sqlalchemy.exc.OperationalError: PostgreSQL cannot be reached (callers check the
                connection first, so this is a race with the server going away).
        """
        url = make_url(sync_url(database_url))
        if url.get_backend_name() == "sqlite":
            if not url.database or url.database == ":memory:":
                return cls(contextlib.ExitStack(), "memory")
            return cls._file_lease(Path(url.database).resolve())
        return cls._pg_lease(database_url)

    @classmethod
    def _file_lease(cls, db_file: Path) -> InstanceLease:
        import fcntl  # POSIX only; the bot runs on Linux servers

        lock_path = db_file.with_name(db_file.name + ".lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip()
            os.close(fd)
            pid = f" (process {holder})" if holder.isdigit() else ""
            raise AlreadyRunning(
                f"another instance of the bot{pid} is already running on {db_file}; "
                f"stop it first (lock: {lock_path})") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        stack = contextlib.ExitStack()
        stack.callback(os.close, fd)  # closing the descriptor releases the flock
        return cls(stack, str(lock_path))

    @classmethod
    def _pg_lease(cls, database_url: str) -> InstanceLease:
        # NullPool: the one connection is the lease; no pool may hand it out or recycle it.
        from sqlalchemy.pool import NullPool

        # AUTOCOMMIT: a session-level lock outside any transaction, held as long as the
        # connection lives (an idle-in-transaction connection could be killed by the server).
        engine = create_engine(sync_url(database_url), poolclass=NullPool,
                               isolation_level="AUTOCOMMIT")
        stack = contextlib.ExitStack()
        stack.callback(engine.dispose)
        try:
            conn: Connection = stack.enter_context(engine.connect())
            got = conn.execute(_PG_LOCK).scalar()
        except BaseException:
            stack.close()
            raise
        where = make_url(database_url).render_as_string(hide_password=True)
        if not got:
            stack.close()
            raise AlreadyRunning(
                f"another instance of the bot is already running on {where}; stop it first")
        return cls(stack, where, conn)

    def release(self) -> None:
        """Give the lease back (the end of the process does the same)."""
        self._stack.close()
