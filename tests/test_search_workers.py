"""The search worker: the same answers from a child process (two-part and all-municipality
replies too), none lost when it dies, and BOT_SEARCH_WORKERS choosing it or the search lane."""

from __future__ import annotations

import logging
import os
import signal

import pytest

from bot.config import ConfigError, load_settings
from bot.knowledge import workers as workers_module
from bot.knowledge.workers import SearchWorkers
from bot.services import SearchLane, Services

QUESTIONS = [
    ("vem följer upp om ifo aktualiserat", "ragunda", "sv"),
    ("vad kostar busskortet", "bjurholm", "sv"),
    ("who decides about lönebidrag", "avesta", "en"),
    ("hur blir vädret i morgon", "danderyd", "sv"),  # must abstain
    ("vem gör kartläggningen och hur länge får man ha etableringsjobb?", "ragunda", "sv"),
    ("hur mycket kostar busskortet i alla kommuner?", "stockholm", "sv"),
]


@pytest.fixture
async def workers(kb):
    w = SearchWorkers(SearchLane(kb), None)
    await w.start()
    yield w
    await w.close()


async def test_the_worker_answers_exactly_like_the_bot_itself(kb, workers):
    assert await workers.until_ready(60)
    replies = [await workers.ask(q, org, lang) for q, org, lang in QUESTIONS]
    assert replies == [kb.ask(q, org, lang) for q, org, lang in QUESTIONS]
    # The richer replies crossed the pipe whole, not only their cards.
    assert replies[4].parts and replies[5].per_org_lines
    assert workers.ready, "the worker answered them all itself"


async def test_questions_asked_while_the_worker_loads_are_answered_at_once(kb):
    w = SearchWorkers(SearchLane(kb), None)
    await w.start()
    try:
        assert not w.ready
        question, org, lang = QUESTIONS[0]
        assert await w.ask(question, org, lang) == kb.ask(question, org, lang)
    finally:
        await w.close()


async def test_a_dead_worker_costs_no_answer_and_is_replaced(kb, workers, monkeypatch):
    monkeypatch.setattr(workers_module, "RESTART_AFTER", 0.0)
    assert await workers.until_ready(60)
    first = workers.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    for question, org, lang in QUESTIONS:  # answered in-process meanwhile
        assert await workers.ask(question, org, lang) == kb.ask(question, org, lang)
    assert await workers.until_ready(60)
    assert workers.pid not in (None, first)


async def test_closing_stops_the_worker(kb):
    w = SearchWorkers(SearchLane(kb), None)
    await w.start()
    assert await w.until_ready(60)
    pid = w.pid
    assert pid is not None
    await w.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_a_failing_search_in_the_child_is_logged_without_the_question(kb, monkeypatch, caplog):
    import io
    import pickle

    def broken(question: str, org: str, lang: str = "sv"):  # noqa: ANN202
        raise ValueError(f"could not read {question}")

    monkeypatch.setattr(workers_module.KnowledgeBase, "load", classmethod(lambda cls, d: kb))
    monkeypatch.setattr(kb, "ask", broken)
    monkeypatch.setattr(workers_module.gc, "freeze", lambda: None)  # not this test process's GC
    stdin = io.BytesIO(workers_module._frame((7, "Anna Svensson 19850101-1234", "ragunda", "sv")))
    stdout = io.BytesIO()
    with caplog.at_level(logging.ERROR, logger="bot.knowledge.workers"):
        assert workers_module.serve(None, stdin, stdout) == 0
    out = stdout.getvalue()
    ready_len = int.from_bytes(out[:4], "big")
    rest = out[4 + ready_len:]
    assert pickle.loads(rest[4:]) == (7, None)  # the bot answers this one itself
    assert "failed on a question" in caplog.text and "ValueError" in caplog.text
    assert "Anna" not in caplog.text and "1234" not in caplog.text


async def test_bot_search_workers_chooses_the_worker_or_the_lane(kb, tmp_path):
    base = {"BOT_TOKEN": "1:x", "DATABASE_URL": f"sqlite:///{tmp_path}/w.db"}
    assert load_settings(**base).search_workers == 1  # the default: a second core
    for value, kind in ((None, SearchWorkers), ("1", SearchWorkers), ("0", SearchLane)):
        extra = {} if value is None else {"BOT_SEARCH_WORKERS": value}
        services = Services.create(load_settings(**base, **extra), kb)
        assert isinstance(services.search, kind)
        await services.close()
    with pytest.raises(ConfigError, match="BOT_SEARCH_WORKERS: must be 0 or 1"):
        load_settings(**base, BOT_SEARCH_WORKERS="2")
