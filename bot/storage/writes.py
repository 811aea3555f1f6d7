"""Whether a session has written anything: the unit of work words a failed send by it."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

_WROTE = "wrote"


@event.listens_for(Session, "after_flush")
def _mark(session: Session, flush_context: object) -> None:
    session.info[_WROTE] = True


def wrote(session: AsyncSession | None) -> bool:
    """True once the session has flushed a change (kept after the commit, until it closes)."""
    return session is not None and bool(session.sync_session.info.get(_WROTE))


def note(session: AsyncSession) -> None:
    """Count a write the ORM did not flush (a conditional UPDATE statement)."""
    session.sync_session.info[_WROTE] = True
