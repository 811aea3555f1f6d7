"""Scheduled jobs through PTB's JobQueue; each job is one unit of work."""

from __future__ import annotations

import logging
from datetime import time

from telegram.ext import Application

from bot import staff_directory
from bot.handlers.context import BotContext
from bot.retention import purge
from bot.services import Services
from bot.storage import audit

log = logging.getLogger(__name__)


async def purge_job(context: BotContext) -> None:
    """Deletes what has outlived its retention period, once a day."""
    services = context.services
    async with services.db.begin() as session:
        report = await purge(session, services.settings)
        await audit.record(session, "job", "purged", None, str(report.total))
    log.info("retention purge: %s", report.describe())


async def staff_sync_job(context: BotContext) -> None:
    """Re-reads who is admitted, so a change made outside the bot (admin CLI) applies."""
    await sync_staff(context.services)


async def sync_staff(services: Services) -> None:
    async with services.db.begin() as session:
        await staff_directory.sync(services.staff, session)


def schedule(app: Application) -> None:
    """Stable job names, so a restart replaces rather than duplicates."""
    tz = app.bot_data["services"].settings.tz
    for name in ("retention:daily", "staff:sync"):
        for job in app.job_queue.get_jobs_by_name(name):
            job.schedule_removal()
    app.job_queue.run_daily(purge_job, time(3, 0, tzinfo=tz), name="retention:daily")
    app.job_queue.run_repeating(staff_sync_job, staff_directory.SYNC_SECONDS,
                                first=staff_directory.SYNC_SECONDS, name="staff:sync")
