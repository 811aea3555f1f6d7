"""The lease `run` and `chat` take on their database before anything else: one per database."""

from __future__ import annotations

import asyncio

from bot.cli.startup import StartupError
from bot.instance_lock import LEASE_LOST, AlreadyRunning, InstanceLease
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


async def watch(lease: InstanceLease, stop: asyncio.Event, lost: list[str],
                interval: float = 15.0) -> None:
    """Check the lease every `interval` seconds; if it is gone, say why and set `stop`.

    Runs beside the bot for the life of `run`; the check is one `SELECT 1` on the lease's own
    connection, done off the event loop.
    """
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), interval)
            return
        except TimeoutError:
            pass
        if not await asyncio.to_thread(lease.alive):
            lost.append(LEASE_LOST)
            stop.set()
