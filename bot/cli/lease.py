"""The lease `run` and `chat` take on their database before anything else: one per database."""

from __future__ import annotations

from bot.cli.startup import StartupError
from bot.instance_lock import AlreadyRunning, InstanceLease
from bot.storage.database import DatabaseError, check_connection


def take_lease(database_url: str) -> InstanceLease:
    """This process's lease on the database: one running bot (or chat) per database.

    Raises:
        StartupError: the database cannot be reached, or another instance holds the lease.
    """
    try:
        check_connection(database_url)
        return InstanceLease.acquire(database_url)
    except (DatabaseError, AlreadyRunning) as exc:
        raise StartupError(str(exc)) from None
