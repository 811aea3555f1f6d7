"""What `run` and `chat` do before the bot starts: settings, database, migrations, packs."""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import ConfigError, Settings, load_settings
from bot.knowledge.loader import PackError
from bot.knowledge.search import KnowledgeBase
from bot.logging_setup import setup_logging
from bot.services import Services
from bot.storage.database import (
    DatabaseError,
    check_connection,
    make_async_engine,
    make_sessionmaker,
)
from bot.storage.migrate import upgrade


class StartupError(Exception):
    """Start-up cannot go on; the message is one line, the exit code 2."""


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def prepare(log_level: int = logging.INFO, ask_telegram: bool = False,
            **overrides: object) -> tuple[Settings, Services]:
    """Settings, a reachable and migrated database, and the loaded knowledge packs.

    With `ask_telegram`, Telegram's getMe is asked too, before anything is migrated (so a bad
    token or BOT_API_URL is the only line printed), and services.bot_username is set.

    Raises:
        StartupError: with one line saying what is wrong.
    """
    setup_logging(log_level)
    logging.getLogger("alembic").setLevel(max(log_level, logging.INFO))
    try:
        settings = load_settings(**overrides)
        check_connection(settings.database_url)
        kb = KnowledgeBase.load(settings.packs_dir)
        username = _ask_telegram(settings) if ask_telegram else None
        upgrade(settings.database_url)
    except (ConfigError, DatabaseError) as exc:
        raise StartupError(str(exc)) from None
    except PackError as exc:
        raise StartupError(f"knowledge pack error:\n{exc}") from None
    services = Services.create(settings, kb)
    services.bot_username = settings.bot_username or username
    return settings, services


def _ask_telegram(settings: Settings) -> str:
    from bot.cli.telegram_check import check_telegram  # it builds on StartupError, above

    return check_telegram(settings)


def prepare_database() -> Settings:
    """Settings and a reachable, migrated database, for the shell commands that use it.

    Raises:
        StartupError: with one line saying what is wrong.
    """
    try:
        settings = load_settings()
        check_connection(settings.database_url)
    except (ConfigError, DatabaseError) as exc:
        raise StartupError(str(exc)) from None
    upgrade(settings.database_url)
    return settings


@asynccontextmanager
async def session_scope(settings: Settings) -> AsyncIterator[AsyncSession]:
    """One transaction for a shell command; the engine is closed afterwards."""
    engine = make_async_engine(settings.database_url)
    try:
        async with make_sessionmaker(engine).begin() as session:
            yield session
    finally:
        await engine.dispose()
