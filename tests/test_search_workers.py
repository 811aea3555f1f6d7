"""The search worker: the same answers from a child process, and none lost when it dies."""

from __future__ import annotations

import os
import signal

import pytest

from bot.knowledge import workers as workers_module
from bot.knowledge.workers import SearchWorkers

QUESTIONS = [
    ("vem följer upp om ifo aktualiserat", "ragunda", "sv"),
    ("vad kostar busskortet", "bjurholm", "sv"),
    ("who decides about lönebidrag", "avesta", "en"),
    ("hur blir vädret i morgon", "danderyd", "sv"),  # must abstain
]


@pytest.fixture
async def workers(kb):
    w = SearchWorkers(kb, None, workers=1)
    await w.start()
    yield w
    await w.close()


async def test_the_worker_answers_exactly_like_the_bot_itself(kb, workers):
    assert await workers.until_ready(30)
    for question, org, lang in QUESTIONS:
        assert await workers.ask(question, org, lang) == kb.ask(question, org, lang)


async def test_questions_asked_while_the_worker_loads_are_answered_at_once(kb):
    w = SearchWorkers(kb, None, workers=1)
    await w.start()
    try:
        assert not w.ready
        question, org, lang = QUESTIONS[0]
        assert await w.ask(question, org, lang) == kb.ask(question, org, lang)
    finally:
        await w.close()


async def test_a_dead_worker_costs_no_answer_and_is_replaced(kb, workers, monkeypatch):
    monkeypatch.setattr(workers_module, "RESTART_AFTER", 0.0)
    assert await workers.until_ready(30)
    first = workers.pid
    os.kill(first, signal.SIGKILL)
    for question, org, lang in QUESTIONS:  # answered in-process meanwhile
        assert await workers.ask(question, org, lang) == kb.ask(question, org, lang)
    assert await workers.until_ready(30)
    assert workers.pid not in (None, first)


async def test_closing_stops_the_worker(kb):
    w = SearchWorkers(kb, None, workers=1)
    await w.start()
    assert await w.until_ready(30)
    pid = w.pid
    await w.close()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_with_no_workers_nothing_is_started(kb):
    w = SearchWorkers(kb, None, workers=0)
    await w.start()
    assert w.pid is None
    question, org, lang = QUESTIONS[0]
    assert await w.ask(question, org, lang) == kb.ask(question, org, lang)
