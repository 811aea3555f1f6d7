"""What the application owns for its lifetime: settings, database, knowledge, staff directory."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.knowledge.search import KnowledgeBase
from bot.knowledge.workers import SearchWorkers
from bot.staff_directory import StaffDirectory
from bot.storage.database import make_async_engine, make_sessionmaker


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    db: async_sessionmaker[AsyncSession]
    kb: KnowledgeBase
    search: SearchWorkers
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
            search=SearchWorkers(kb, settings.packs_dir, settings.search_workers),
            staff=StaffDirectory(),
        )

    async def close(self) -> None:
        await self.search.close()
        await self.engine.dispose()
