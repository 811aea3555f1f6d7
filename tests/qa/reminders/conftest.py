"""The reminders' stories run with a fast tick and, unless a test says otherwise, without the
delivery rules: the tests run at any hour, and quiet hours would hold every push until the
morning digest (the rules have their own tests, with a clock the test sets)."""

from __future__ import annotations

import pytest

from bot.config import load_settings
from bot.knowledge.search import KnowledgeBase
from bot.localapi.server import FakeBotAPI
from bot.services import Services


@pytest.fixture
async def services(database_url: str, api: FakeBotAPI, kb: KnowledgeBase) -> Services:
    settings = load_settings(BOT_TOKEN="123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz",
                             BOT_API_URL=api.base_url, BOT_API_FILE_URL=api.file_url,
                             DATABASE_URL=database_url, BOT_LOCALE="sv",
                             BOT_DEFAULT_ORG="ragunda", BOT_SEARCH_WORKERS=0,
                             BOT_REMINDER_TICK_SECONDS=0.3, BOT_REMINDER_RULES="false")
    return Services.create(settings, kb)
