"""Starts and stops an Application without owning the event loop (run, chat and tests share it)."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)


async def start(app: Application, poll_timeout: int = 10) -> None:
    """Initialize, run post_init, and start long polling."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.updater.start_polling(
        timeout=poll_timeout, allowed_updates=Update.ALL_TYPES, drop_pending_updates=False,
        bootstrap_retries=-1,
    )
    await app.start()


async def stop(app: Application) -> None:
    """Stop polling and processing, then shut down (post_shutdown closes the database)."""
    if app.updater and app.updater.running:
        await app.updater.stop()
    if app.running:
        await app.stop()
    await app.shutdown()
    if app.post_shutdown:
        await app.post_shutdown(app)


async def serve_until(app: Application, stop_event: asyncio.Event) -> None:
    await start(app)
    try:
        await stop_event.wait()
    finally:
        await stop(app)
