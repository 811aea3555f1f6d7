"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from bot.storage.database import sync_url
from bot.storage.migrate import downgrade, upgrade
from bot.storage.models import Base


def _diff(url: str) -> list:
    engine = create_engine(sync_url(url))
    try:
        with engine.connect() as conn:
            return compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_models(database_url):
    assert _diff(database_url) == []


def test_migrations_go_down_and_up_again(database_url):
    downgrade(database_url, "base")
    upgrade(database_url)
    assert _diff(database_url) == []
