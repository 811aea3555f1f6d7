"""The automatic compilation: after a period's compile time it is sent to the coordinators
once, whether two runs race, the bot restarts, or it was down when the period ended; and
/sammanstall sends a period on demand."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.app import build_application
from bot.handlers import order_jobs
from bot.runner import start, stop
from bot.services import Services
from bot.storage.models import Compilation
from tests.helpers.chat import texts

TZ = ZoneInfo("Europe/Stockholm")


def documents(api, who: int) -> list[str]:
    return [c.params["document"]["filename"] for c in api.sent(who, "sendDocument")]


async def _startup_compiled(app) -> None:
    """Wait until the start-up run of the job has been taken off the queue."""
    for _ in range(200):
        if not app.job_queue.get_jobs_by_name("orders:compile-startup"):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the start-up compilation never ran")


async def _compilations(services) -> list[tuple[str, str, int]]:
    async with services.db.begin() as session:
        rows = await session.scalars(select(Compilation).order_by(Compilation.period))
        return [(c.period, c.status, c.orders) for c in rows]


async def test_a_period_is_compiled_once_at_its_end_and_after_downtime(make_staff, api,
                                                                      services, bot):
    await _startup_compiled(bot)  # no coordinator yet: nothing claimed, nothing sent
    assert await _compilations(services) == []
    coordinator = await make_staff(role="coordinator")
    before = datetime(2026, 5, 1, 6, 59, tzinfo=TZ)  # period 1 ends at midnight, compiled 07:00
    first, second = await asyncio.gather(order_jobs.compile_now(bot, before),
                                         order_jobs.compile_now(bot, before))
    assert sorted(first + second) == ["ragunda 2025-3"]  # two racing runs, one sends
    assert await order_jobs.compile_now(bot, datetime(2026, 5, 1, 7, 0, tzinfo=TZ)) == [
        "ragunda 2026-1"]
    assert await order_jobs.compile_now(bot, datetime(2026, 5, 1, 7, 10, tzinfo=TZ)) == []
    sent = documents(api, coordinator.user_id)
    assert sent == [f"bestallningar-ragunda-{p}.{ext}" for p in ("2025-3", "2026-1")
                    for ext in ("xlsx", "csv", "png")]
    # The bot was down when period 2026-2 ended: the next start compiles it, once.
    await stop(bot)
    for round_ in range(2):
        fresh = Services.create(services.settings, services.kb)
        app = build_application(fresh.settings, fresh)
        api.processed.follow(app)
        await start(app, poll_timeout=1)
        try:
            await _startup_compiled(app)
            if round_ == 0:
                await api.wait_for(lambda c: c.method == "sendDocument"
                                   and "2026-2.png" in str(c.params.get("document")))
            assert await order_jobs.compile_now(app) == []
        finally:
            await stop(app)
    assert documents(api, coordinator.user_id)[6:] == [
        f"bestallningar-ragunda-2026-2.{ext}" for ext in ("xlsx", "csv", "png")]
    assert [(p, s) for p, s, _ in await _compilations(services)] == [
        ("2025-3", "sent"), ("2026-1", "sent"), ("2026-2", "sent")]


async def test_a_coordinator_compiles_a_period_on_demand(make_staff, api, bot):
    await _startup_compiled(bot)
    coordinator = await make_staff(role="coordinator")
    shown = await coordinator.say("/sammanstall 2026-1", expect=3)
    assert [c.params["document"]["filename"] for c in shown if c.method == "sendDocument"] == [
        "bestallningar-ragunda-2026-1.xlsx", "bestallningar-ragunda-2026-1.csv",
        "bestallningar-ragunda-2026-1.png"]
    assert "Sammanställning av beställningar 2026-1" in shown[0].params.get("caption", "")
    assert "ÅR-N" in texts(await coordinator.say("/sammanstall våren"))
    staff = await make_staff(role="staff")
    assert "sammanstall" not in " ".join(documents(api, staff.user_id))
    assert "inte" in texts(await staff.say("/sammanstall")).lower()
