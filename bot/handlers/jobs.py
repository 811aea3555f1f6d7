"""Scheduled jobs through PTB's JobQueue; each job is one unit of work."""

from __future__ import annotations

import logging
from datetime import time

from telegram.ext import Application

from bot.handlers.context import BotContext
from bot.retention import purge
from bot.storage import audit

log = logging.getLogger(__name__)


async def purge_job(context: BotContext) -> None:
    """Deletes what has outlived its retention period, once a day."""
    services = context.services
    async with services.db.begin() as session:
        report = await purge(session, services.settings)
        await audit.record(session, "job", "purged", None, str(report.total))
    log.info("retention purge: %d invites, %d questions", report.invites, report.questions)


def schedule(app: Application) -> None:
    """Stable job names, so a restart replaces rather than duplicates."""
    tz = app.bot_data["services"].settings.tz
    for job in app.job_queue.get_jobs_by_name("retention:daily"):
        job.schedule_removal()
    app.job_queue.run_daily(purge_job, time(3, 0, tzinfo=tz), name="retention:daily")
