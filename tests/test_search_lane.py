"""The search lane: the same answers as the knowledge base, and each reply free to leave before
the next search of a burst starts."""

from __future__ import annotations

import asyncio

import pytest

from bot.services import SearchLane

QUESTIONS = [("hur ansöker man om ekonomiskt bistånd", "ragunda", "sv"),
             ("vad är jobbtorg", "stockholm", "sv"),
             ("who decides on a work placement", "avesta", "en"),
             ("vem äger ärendet", "bjurholm", "sv")]


async def test_the_lane_answers_exactly_like_the_knowledge_base(kb):
    lane = SearchLane(kb)
    replies = await asyncio.gather(*(lane.ask(q, org, lang) for q, org, lang in QUESTIONS))
    assert replies == [kb.ask(q, org, lang) for q, org, lang in QUESTIONS]
    await lane.close()


async def test_in_a_burst_replies_leave_while_later_questions_wait(kb, monkeypatch):
    events: list[str] = []
    real_ask = kb.ask

    def recording_ask(question: str, org: str, lang: str = "sv"):  # noqa: ANN202
        events.append(f"search {question}")
        return real_ask(question, org, lang)

    lane = SearchLane(kb)
    monkeypatch.setattr(kb, "ask", recording_ask)
    burst = QUESTIONS * 3

    async def update(n: int, question: str, org: str, lang: str) -> None:
        await lane.ask(question, org, lang)
        await asyncio.sleep(0)  # sending the reply takes the event loop a turn at least
        events.append(f"sent {n}")

    await asyncio.gather(*(update(n, *q) for n, q in enumerate(burst)))
    searches = [i for i, e in enumerate(events) if e.startswith("search")]
    assert len(searches) == len(burst)
    # Called directly, every search of the burst ran before the first reply could leave.
    # Through the lane, each reply leaves at most one search after its own.
    for n in range(len(burst) - 2):
        assert events.index(f"sent {n}") < searches[n + 2]
    await lane.close()


async def test_a_failing_search_fails_only_its_own_question(kb, monkeypatch):
    real_ask = kb.ask

    def ask(question: str, org: str, lang: str = "sv"):  # noqa: ANN202
        if question == "boom":
            raise ValueError("broken question")
        return real_ask(question, org, lang)

    lane = SearchLane(kb)
    monkeypatch.setattr(kb, "ask", ask)
    bad, good = await asyncio.gather(lane.ask("boom", "ragunda"),
                                     lane.ask(*QUESTIONS[0]), return_exceptions=True)
    assert isinstance(bad, ValueError)
    assert good == real_ask(*QUESTIONS[0])
    with pytest.raises(ValueError):
        await lane.ask("boom", "ragunda")
    assert await lane.ask(*QUESTIONS[1]) == real_ask(*QUESTIONS[1])
    await lane.close()
