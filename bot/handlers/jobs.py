"""Scheduled jobs through PTB's JobQueue, and the Telegram side of outbox delivery."""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable, Callable
from datetime import time, timedelta

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot import staff_directory
from bot.handlers.context import BotContext
from bot.handlers.render import keyboard
from bot.outbox.dispatcher import (
    Dispatcher,
    PermanentFailure,
    RecipientGone,
    Send,
    TemporaryFailure,
)
from bot.reminders.delivery import ReminderTick, SendReminder
from bot.reminders.render import Buttons
from bot.retention import purge
from bot.services import Services
from bot.storage import audit
from bot.transport import AssistantBot

log = logging.getLogger(__name__)

OUTBOX_SECONDS = 2.0
# Tests only: the dispatcher waits this long before each claim, so a test can kill the bot
# between a commit and the delivery of what it queued (tests/test_outbox_restart.py).
HOLD_ENV = "AME_TEST_OUTBOX_HOLD_SECONDS"


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


async def sync_staff(services: Services, full: bool = False) -> None:
    async with services.db.begin() as session:
        await staff_directory.sync(services.staff, session, full=full)


async def _send_classified(bot: AssistantBot, telegram_id: int, text: str,
                           markup: InlineKeyboardMarkup | None = None,
                           paced: bool = False) -> int:
    """One text message; Telegram's errors as the dispatcher's typed ones (both the outbox and
    the reminders tick deliver through this). `paced`: the caller keeps the rate limits and
    reschedules after a 429 itself (AssistantBot.send_text_paced)."""
    try:
        if paced:
            return await bot.send_text_paced(telegram_id, text, markup)
        return await bot.send_text(telegram_id, text, markup)
    except Forbidden as exc:
        raise RecipientGone(type(exc).__name__) from None
    except BadRequest as exc:  # before NetworkError: it is one in PTB
        raise PermanentFailure(type(exc).__name__) from None
    except RetryAfter as exc:
        raise TemporaryFailure("RetryAfter", _seconds(exc.retry_after)) from None
    except (NetworkError, TelegramError) as exc:
        raise TemporaryFailure(type(exc).__name__) from None


def telegram_send(bot: AssistantBot) -> Send:
    """The dispatcher's send function: one text message, Telegram's errors as typed ones."""

    async def send(telegram_id: int, text: str) -> None:
        await _send_classified(bot, telegram_id, text)

    return send


def reminder_send(bot: AssistantBot) -> SendReminder:
    """The reminders tick's send function: text and buttons; returns the message id."""

    async def send(telegram_id: int, text: str, buttons: Buttons | None) -> int:
        return await _send_classified(bot, telegram_id, text, keyboard(buttons or []),
                                      paced=True)

    return send


def document_send(bot: AssistantBot) -> Callable[[int, str, bytes, str | None], Awaitable[None]]:
    """A job's document (it has no Turn): sent with the bot; the job records what it sent."""

    async def send(telegram_id: int, filename: str, data: bytes, caption: str | None) -> None:
        await bot.send_document(telegram_id, data, filename=filename, caption=caption)

    return send


def _seconds(value: object) -> float:
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value) if isinstance(value, int | float | str) else 0.0


def dispatcher(app: Application) -> Dispatcher:
    """The application's one dispatcher (created on first use)."""
    found = app.bot_data.get("outbox")
    if found is None:
        services: Services = app.bot_data["services"]
        hold = float(os.environ.get(HOLD_ENV) or 0)
        found = Dispatcher(services.db, services.settings.locale, services.settings.tz, hold)
        app.bot_data["outbox"] = found
    return found


async def deliver_outbox(app: Application) -> None:
    report = await dispatcher(app).run(telegram_send(app.bot))
    if report.sent or report.retried or report.failed:
        log.info("outbox: %d sent, %d to retry, %d failed", report.sent, report.retried,
                 report.failed)


async def outbox_job(context: BotContext) -> None:
    """Delivers messages to others (notices) that are due: every few seconds and at start."""
    await deliver_outbox(context.application)


def services_of(app: Application) -> Services:
    services: Services = app.bot_data["services"]
    return services


def reminder_tick(app: Application) -> ReminderTick:
    """The application's one reminders tick (created on first use)."""
    found = app.bot_data.get("reminders")
    if found is None:
        settings = services_of(app).settings
        found = ReminderTick(services_of(app).db, settings.locale, settings.tz,
                             rules=settings.reminder_rules)
        app.bot_data["reminders"] = found
    return found


async def reminders_job(context: BotContext) -> None:
    """Delivers the reminders that are due (and plans the meeting series' next ones)."""
    app = context.application
    report = await reminder_tick(app).run(reminder_send(app.bot))
    if report.sent or report.retried or report.moved or report.blocked:
        log.info("reminders: %d sent in %d messages, %d to retry, %d moved, %d kept (blocked)",
                 report.sent, report.messages, report.retried, report.moved, report.blocked)
    if report.blocked:
        wake_outbox(app)  # the coordinators' notice


def wake_outbox(app: Application) -> None:
    """A transaction just queued messages: deliver them now rather than at the next tick."""
    app.create_task(deliver_outbox(app), name="outbox:wake")


def schedule(app: Application) -> None:
    """Stable job names, so a restart replaces rather than duplicates."""
    tz = app.bot_data["services"].settings.tz
    names = ("retention:daily", "staff:sync", "outbox:deliver", "outbox:startup",
             "reminders:startup", "reminders:tick")
    queue = app.job_queue
    if queue is None:
        raise RuntimeError("python-telegram-bot was installed without its job-queue extra")
    for name in names:
        for job in queue.get_jobs_by_name(name):
            job.schedule_removal()
    queue.run_daily(purge_job, time(3, 0, tzinfo=tz), name="retention:daily")
    queue.run_repeating(staff_sync_job, staff_directory.SYNC_SECONDS,
                                first=staff_directory.SYNC_SECONDS, name="staff:sync")
    # Whatever a previous run committed but did not deliver goes out at start-up.
    queue.run_once(outbox_job, 0, name="outbox:startup")
    # Two instances allowed: a tick that finds a slow delivery running returns at once
    # (the dispatcher's lock) instead of APScheduler logging a skipped run.
    queue.run_repeating(outbox_job, OUTBOX_SECONDS, first=OUTBOX_SECONDS,
                                name="outbox:deliver", job_kwargs={"max_instances": 2})
    # Reminders: due while the bot was down go out at start (marked late), then every tick.
    tick = services_of(app).settings.reminder_tick_seconds
    queue.run_once(reminders_job, 0, name="reminders:startup")
    queue.run_repeating(reminders_job, tick, first=tick, name="reminders:tick",
                        job_kwargs={"max_instances": 2})
