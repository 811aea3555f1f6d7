"""Engines and the session factory; turns DATABASE_URL into the async and sync driver URLs."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry


class DatabaseError(Exception):
    """The database cannot be reached or prepared; one line for the person starting the bot."""


def _normalised(url: str) -> str:
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    return url


def async_url(url: str) -> str:
    """The URL with the asyncio driver (aiosqlite or psycopg)."""
    u = make_url(_normalised(url))
    if u.get_backend_name() == "sqlite":
        return u.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    return u.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def sync_url(url: str) -> str:
    """The URL with a blocking driver, for Alembic."""
    u = make_url(_normalised(url))
    if u.get_backend_name() == "sqlite":
        return u.set(drivername="sqlite").render_as_string(hide_password=False)
    return u.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder of an SQLite file (the default lives under ./data/)."""
    u = make_url(_normalised(url))
    if u.get_backend_name() == "sqlite" and u.database and u.database != ":memory:":
        Path(u.database).parent.mkdir(parents=True, exist_ok=True)


def _is_sqlite(url: str) -> bool:
    return make_url(_normalised(url)).get_backend_name() == "sqlite"


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    """WAL: the bot and an `admin` command in another process read and write side by side;
    synchronous=NORMAL is durable across a crash of the bot in WAL mode (not across a power
    cut mid-checkpoint), and spares an fsync on every commit."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


# Every engine hides bound parameters from its exception texts and logs: a failing INSERT of
# a question would otherwise print the question (what a user typed) into the log.
HIDE_PARAMETERS = True


def make_sync_engine(url: str) -> Engine:
    ensure_sqlite_dir(url)
    engine = create_engine(sync_url(url), hide_parameters=HIDE_PARAMETERS)
    if _is_sqlite(url):
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def make_async_engine(url: str) -> AsyncEngine:
    ensure_sqlite_dir(url)
    if not _is_sqlite(url):
        # A ping per checkout guards against a restarted PostgreSQL.
        return create_async_engine(async_url(url), pool_pre_ping=True,
                                   hide_parameters=HIDE_PARAMETERS)
    # Each aiosqlite connection is a thread; the default pool (5 + 10 overflow) opened and
    # closed overflow connections, threads included, on every burst of updates. 20 kept
    # connections halve the cost of an update's transaction under 50 users at once; 50 kept
    # (one per member of such a burst, e.g. 50 form steps, each holding a connection while
    # it queues for the write lock) cut the form benchmark's CPU per step by another ~20 %.
    # An idle connection's thread sleeps on its queue.
    engine = create_async_engine(async_url(url), pool_size=50, max_overflow=20,
                                 hide_parameters=HIDE_PARAMETERS)
    event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """One session per update or job; the caller opens `async with maker.begin()`."""
    return async_sessionmaker(engine, expire_on_commit=False)


def check_connection(url: str) -> None:
    """Connect once, so a wrong DATABASE_URL is one clear line at start-up, not a traceback."""
    try:
        engine = make_sync_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any driver error means "cannot reach"
        safe = make_url(_normalised(url)).render_as_string(hide_password=True)
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise DatabaseError(f"cannot reach the database at {safe}: {reason}") from None
