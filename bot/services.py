"""What the application owns for its lifetime: settings, database, knowledge base."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.knowledge.search import KnowledgeBase
from bot.storage.database import make_async_engine, make_sessionmaker


@dataclass
class Services:
    settings: Settings
    engine: AsyncEngine
    db: async_sessionmaker[AsyncSession]
    kb: KnowledgeBase

    @classmethod
    def create(cls, settings: Settings, kb: KnowledgeBase | None = None) -> Services:
        """Build the services; the knowledge packs are loaded and indexed once, here."""
        engine = make_async_engine(settings.database_url)
        return cls(
            settings=settings,
            engine=engine,
            db=make_sessionmaker(engine),
            kb=kb or KnowledgeBase.load(settings.packs_dir),
        )

    async def close(self) -> None:
        await self.engine.dispose()
