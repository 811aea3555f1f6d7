"""One writing transaction at a time per SQLite database in this process, queued in asyncio.

SQLite lets one transaction write at a time: the first write takes the database's lock, held
until the commit. A second connection that wants to write meanwhile is told "busy", and
SQLite's busy handler sleeps and retries in steps of 1, 2, 5 ... 100 ms, long after the lock
is free. With 50 staff taking a form step at once that made a step wait up to a second for
a few milliseconds of work. `before_write` makes such writers wait here instead, in order,
and each is woken the moment the previous transaction ends (commit, rollback or close).

Only callers that take the gate queue here; any other writer still meets SQLite's own lock,
as before (busy_timeout). PostgreSQL locks rows, not the database: no gate there.
"""

from __future__ import annotations

import asyncio
import weakref

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

_HELD = "sqlite_write_gate"
# A writer gives up queueing after this long and meets SQLite's busy_timeout instead.
WAIT_SECONDS = 5.0

# One lock per (event loop, engine): an asyncio.Lock belongs to the loop it is used in.
_gates: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, dict[int, asyncio.Lock]] = \
    weakref.WeakKeyDictionary()


def _gate(engine: Engine) -> asyncio.Lock:
    per_loop = _gates.setdefault(asyncio.get_running_loop(), {})
    return per_loop.setdefault(id(engine), asyncio.Lock())


async def before_write(session: AsyncSession) -> None:
    """Wait until no other gated transaction on this SQLite database is open, then hold the
    gate until this session's transaction ends. Idempotent; does nothing on PostgreSQL."""
    sync = session.sync_session
    if sync.info.get(_HELD) is not None:
        return
    engine = sync.get_bind()
    if not isinstance(engine, Engine) or engine.dialect.name != "sqlite":
        return
    # The transaction begins now (if it has not): its end, whatever it is, lets the next in.
    await session.connection()
    gate = _gate(engine)
    try:
        async with asyncio.timeout(WAIT_SECONDS):
            await gate.acquire()
    except TimeoutError:
        return
    sync.info[_HELD] = gate


@event.listens_for(Session, "after_transaction_end")
def _release(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is not None:
        return  # a savepoint or subtransaction; the outer transaction still writes
    gate = session.info.pop(_HELD, None)
    if gate is not None:
        gate.release()
