"""Fixtures: both databases, the fake Bot API over HTTP, and the real application wired to them."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.app import build_application
from bot.config import load_settings
from bot.knowledge.search import KnowledgeBase
from bot.localapi.server import FakeBotAPI
from bot.runner import start, stop
from bot.services import Services
from bot.storage.migrate import upgrade
from tests.helpers.chat import Staff
from tests.helpers.databases import create_pg_schema, drop_pg_schema, postgres_unavailable

_skipped_pg: list[str] = []


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # noqa: ANN001
    """A migrated, empty database of each kind; every test has its own file or schema."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path}/test.db"
        upgrade(url)
        yield url
        return
    reason = postgres_unavailable()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL must be reachable on CI: {reason}")
        _skipped_pg.append(request.node.nodeid)
        pytest.skip(f"POSTGRESQL NOT TESTED (unreachable: {reason})")
    schema, url = create_pg_schema()
    try:
        upgrade(url)
        yield url
    finally:
        drop_pg_schema(schema)


def pytest_terminal_summary(terminalreporter) -> None:  # noqa: ANN001
    if _skipped_pg:
        terminalreporter.write_sep(
            "!", f"PostgreSQL was NOT reachable: {len(_skipped_pg)} tests ran on SQLite only",
            red=True, bold=True,
        )


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The bundled knowledge packs, loaded and indexed once for the whole run."""
    return KnowledgeBase.load()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    """The local Bot API; a call the real Telegram would refuse with a 400 fails the test."""
    server = await FakeBotAPI().start()
    yield server
    await server.stop()
    broken = [(c.method, c.error) for c in server.violations]
    assert not broken, f"the bot broke Telegram's rules: {broken}"


@pytest.fixture
async def services(database_url: str, api: FakeBotAPI, kb: KnowledgeBase) -> Services:
    settings = load_settings(BOT_TOKEN="123456:TEST-TOKEN-abcdefghijklmnopqrstuvwxyz",
                             BOT_API_URL=api.base_url, BOT_API_FILE_URL=api.file_url,
                             DATABASE_URL=database_url, BOT_LOCALE="sv",
                             BOT_DEFAULT_ORG="ragunda")
    return Services.create(settings, kb)


@pytest.fixture
async def bot(services: Services, api: FakeBotAPI) -> AsyncIterator[object]:
    """The real application, long-polling the fake Bot API."""
    app = build_application(services.settings, services)
    api.processed.follow(app)  # Staff.say/press wait for this signal, not for a pause
    await start(app, poll_timeout=1)
    yield app
    await stop(app)


@pytest.fixture
def make_staff(api: FakeBotAPI, services: Services, bot):  # noqa: ANN001
    """Admit a user with a real invite code through /start, and return them."""
    from bot import invites

    counter = iter(range(5000, 6000))

    async def _make(role: str = "staff", org: str = "ragunda", lang: str = "sv") -> Staff:
        async with services.db.begin() as session:
            code = await invites.create_invite(session, org, role)
        staff = Staff(api, next(counter), lang)
        await staff.say(f"/start {code}", expect=2)
        return staff

    return _make
