"""The compilation after each period's end: exactly once per (municipality, period).

Which period is due is worked out from the clock alone (the latest period whose compile time
has passed), so a period that ended while the bot was down is compiled at the next start. The
(org, period) row is claimed in its own committed transaction before anything is sent: a
second instance or a restart finds it taken and sends nothing. The price is at most once: a
crash between the claim and the last document leaves the period claimed, and a coordinator
sends it again with /sammanstall. A municipality without an active coordinator is not claimed
(nobody would get it); it is tried again at the next tick. No Telegram: `send` is given.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import translator
from bot.logging_setup import pseudonym
from bot.orders import config as orders_config
from bot.orders.compilation import Compiled
from bot.orders.config import OrgConfig
from bot.orders.periods import Period, compile_due_at, last_ended, previous
from bot.orders.report import Report, gather, render
from bot.storage import audit, users
from bot.storage import orders as repo

log = logging.getLogger(__name__)

# (telegram id, file name, content, caption or None); raises when it could not be sent.
SendDocument = Callable[[int, str, bytes, str | None], Awaitable[None]]


def due(now: datetime) -> list[tuple[OrgConfig, Period]]:
    """Per municipality that takes orders: the latest period whose compile time has passed."""
    out = []
    for org in orders_config.ordering_orgs():
        cfg = orders_config.for_org(org)
        p = last_ended(now, cfg.period_starts, cfg.tz)
        if compile_due_at(p, cfg.compile_delay_hours) > now:
            p = previous(p, cfg.period_starts, cfg.tz)
        out.append((cfg, p))
    return out


def caption(compiled: Compiled, lang: str, tz: str) -> str:
    t = translator(lang, tz)
    return t("compile.caption", period=compiled.period.key,
             first=t.date(compiled.period.start.date()),
             last=t.date(compiled.period.last_moment.date()),
             count=compiled.suppressed(len(compiled.lines)))


async def render_async(compiled: Compiled, cfg: OrgConfig, lang: str) -> Report:
    """Rendering 100 000 orders takes seconds: off the event loop."""
    return await asyncio.to_thread(render, compiled, cfg, lang)


async def compile_due(db: async_sessionmaker[AsyncSession], now: datetime,
                      send: SendDocument, default_lang: str) -> list[str]:
    """Compile and send what is due and not yet claimed; returns "org period" per one sent."""
    done = []
    for cfg, p in due(now):
        async with db.begin() as session:
            if await repo.compilation(session, cfg.org, p.key) is not None:
                continue
            if not await users.active_with_role(session, cfg.org, "coordinator"):
                continue
            if not await repo.claim_compilation(session, cfg.org, p.key, now):
                continue
        count = await deliver(db, cfg, p, send, default_lang)
        async with db.begin() as session:
            await repo.mark_compiled(session, cfg.org, p.key, count, now)
            await audit.record(session, "job", "orders_compiled", cfg.org, p.key)
        done.append(f"{cfg.org} {p.key}")
    return done


async def deliver(db: async_sessionmaker[AsyncSession], cfg: OrgConfig, p: Period,
                  send: SendDocument, default_lang: str) -> int:
    """Send the period's files to each active coordinator in their language; returns the
    number of orders. One coordinator who cannot be reached does not stop the others."""
    async with db() as session:
        compiled = await gather(session, cfg, p)
        coordinators = await users.active_with_role(session, cfg.org, "coordinator")
    reports: dict[str, Report] = {}
    for user in coordinators:
        lang = user.locale if user.locale in ("sv", "en") else default_lang
        if lang not in reports:
            reports[lang] = await render_async(compiled, cfg, lang)
        text = caption(compiled, lang, cfg.timezone)
        try:
            for i, (name, data) in enumerate(reports[lang].files):
                await send(user.telegram_id, name, data, text if i == 0 else None)
        except Exception as exc:  # noqa: BLE001 - the next coordinator still gets theirs
            log.warning("compilation %s %s not delivered to %s: %s", cfg.org, p.key,
                        pseudonym(user.telegram_id), type(exc).__name__)
    return len(compiled.lines)
