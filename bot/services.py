"""What the application owns for its lifetime: settings, database, knowledge, staff directory,
and the search lane through which the bot asks the knowledge base."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.knowledge.reply import Reply
from bot.knowledge.search import KnowledgeBase
from bot.staff_directory import StaffDirectory
from bot.storage.database import make_async_engine, make_sessionmaker


class SearchLane:
    """Questions answered in the bot's own process, one per turn of the event loop, in order.

    A search is pure Python and holds the loop for about a millisecond. Called directly by
    50 updates that arrive together, all 50 searches ran before any of their replies could
    leave (each reply's send waits behind the other updates' searches), so nearly everyone
    waited for the whole burst. Here the searches queue up: after each one, its update gets
    a turn to send its reply before the next search starts, so replies leave as they are
    ready, first come first served.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self._queue: deque[tuple[asyncio.Future, str, str, str]] = deque()
        self._runner: asyncio.Task | None = None

    async def ask(self, question: str, org: str, lang: str = "sv") -> Reply:
        future = asyncio.get_running_loop().create_future()
        self._queue.append((future, question, org, lang))
        if self._runner is None or self._runner.done():
            self._runner = asyncio.create_task(self._run(), name="search-lane")
        return await future

    async def _run(self) -> None:
        while self._queue:
            future, question, org, lang = self._queue.popleft()
            if future.cancelled():
                continue
            try:
                future.set_result(self._kb.ask(question, org, lang))
            except Exception as exc:  # noqa: BLE001 - the asking update's error handler reports it
                future.set_exception(exc)
            await asyncio.sleep(0)  # that update sends its reply before the next search

    async def close(self) -> None:
        if self._runner is not None:
            await asyncio.gather(self._runner, return_exceptions=True)


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    db: async_sessionmaker[AsyncSession]
    kb: KnowledgeBase
    search: SearchLane
    staff: StaffDirectory
    # The bot's @username for t.me links: BOT_USERNAME, else Telegram's getMe (set at start).
    bot_username: str | None = None

    @classmethod
    def create(cls, settings: Settings, kb: KnowledgeBase | None = None) -> Services:
        """Build the services; the knowledge packs are loaded and indexed once, here."""
        engine = make_async_engine(settings.database_url)
        kb = kb or KnowledgeBase.load(settings.packs_dir)
        return cls(
            settings=settings,
            engine=engine,
            db=make_sessionmaker(engine),
            kb=kb,
            search=SearchLane(kb),
            staff=StaffDirectory(),
        )

    async def close(self) -> None:
        await self.search.close()
        await self.engine.dispose()
