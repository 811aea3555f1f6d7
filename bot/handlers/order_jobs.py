"""The compilation in the chat: the job after each period's end and /sammanstall [period].

Thin: bot.orders.auto decides what is due and claims it; this module gives it a way to send a
document with the bot (a job has no Turn) and schedules it. /sammanstall queues the files on
the Turn, so they go out after the update's transaction like every other reply.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from telegram.ext import Application, BaseHandler

from bot.handlers import jobs
from bot.handlers.basics import command
from bot.handlers.common import Turn, unit_of_work
from bot.handlers.context import BotContext
from bot.orders import auto
from bot.orders import config as orders_config
from bot.orders.periods import last_ended, parse_key
from bot.orders.report import gather
from bot.services import Services

log = logging.getLogger(__name__)

TICK_SECONDS = 600.0  # a period's compile time is checked this often (and once at start)
JOB_NAMES = ("orders:compile", "orders:compile-startup")


async def compile_now(app: Application, now: datetime | None = None) -> list[str]:
    """What the job runs: compile and send every due period not yet claimed."""
    services: Services = app.bot_data["services"]
    done = await auto.compile_due(services.db, now or datetime.now(UTC), jobs.document_send(app.bot),
                                  services.settings.locale)
    for item in done:
        log.info("orders compiled and sent: %s", item)
    return done


async def compile_job(context: BotContext) -> None:
    await compile_now(context.application)


def schedule(app: Application) -> None:
    """Stable names, so a restart replaces rather than duplicates; at start, then every tick."""
    queue = app.job_queue
    if queue is None:
        raise RuntimeError("python-telegram-bot was installed without its job-queue extra")
    for name in JOB_NAMES:
        for job in queue.get_jobs_by_name(name):
            job.schedule_removal()
    queue.run_once(compile_job, 1.0, name="orders:compile-startup")
    queue.run_repeating(compile_job, TICK_SECONDS, first=TICK_SECONDS, name="orders:compile")


@unit_of_work(command="sammanstall")
async def compile_on_demand(turn: Turn) -> None:
    """/sammanstall [2026-3]: the period's files now (default: the last ended period); this
    does not count as, or stop, the automatic compilation."""
    cfg = orders_config.for_org(turn.home_org)
    t = turn.t
    if not cfg.takes_orders:
        turn.reply(t("order.not_offered"))
        return
    message = turn.update.effective_message
    words = ((message.text if message else None) or "").split()[1:]
    try:
        period = (parse_key(words[0], cfg.period_starts, cfg.tz) if words
                  else last_ended(datetime.now(UTC), cfg.period_starts, cfg.tz))
    except ValueError:
        turn.reply(t("compile.bad_period"))
        return
    if period.start > datetime.now(UTC):  # nothing to compile yet: no empty workbook
        turn.reply(t("compile.not_started", period=period.key, start=t.date(period.start.date())))
        return
    compiled = await gather(turn.session, cfg, period)
    report = await auto.render_async(compiled, cfg, t.lang)
    text = auto.caption(compiled, t.lang, cfg.timezone)
    for i, (name, data) in enumerate(report.files):
        turn.send_document(name, data, text if i == 0 else None)


def handlers() -> list[BaseHandler]:
    return [command("sammanstall", compile_on_demand)]
