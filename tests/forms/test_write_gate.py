"""Two staff saving a form step at the same moment: on SQLite the second waits its turn in the
bot (not in SQLite's sleeping busy handler), and every way a transaction ends lets the next in."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from bot.storage import drafts, write_gate
from bot.storage.database import make_async_engine, make_sessionmaker
from bot.storage.models import FormDraft


async def _start(session, telegram_id: int) -> FormDraft:  # noqa: ANN001
    return await drafts.start(session, telegram_id=telegram_id, org="ragunda",
                              form_id="ragunda_intake", form_version=1, step_id="s1")


async def test_a_second_step_waits_for_the_first_commit_and_both_are_saved(database_url):  # noqa: ANN001
    engine = make_async_engine(database_url)
    maker = make_sessionmaker(engine)
    sqlite = database_url.startswith("sqlite")
    try:
        async with maker() as first, maker() as second:
            await _start(first, 1)
            gate = write_gate._gate(engine.sync_engine)
            assert gate.locked() is sqlite  # PostgreSQL locks rows: nothing to queue for
            waiting = asyncio.create_task(_start(second, 2))
            if sqlite:
                for _ in range(20):
                    await asyncio.sleep(0)
                assert not waiting.done()  # queued in the bot behind the first step
            else:
                await asyncio.wait_for(waiting, 10)  # another row: no need to wait
            await first.commit()
            await asyncio.wait_for(waiting, 10)
            assert gate.locked() is sqlite  # now the second transaction holds it
            await second.commit()
            assert not gate.locked()
        async with maker() as session:
            assert await session.scalar(select(func.count()).select_from(FormDraft)) == 2
    finally:
        await engine.dispose()


async def test_a_rolled_back_or_closed_step_lets_the_next_one_in(database_url):  # noqa: ANN001
    engine = make_async_engine(database_url)
    maker = make_sessionmaker(engine)
    try:
        gate = write_gate._gate(engine.sync_engine)
        async with maker() as session:
            draft = await _start(session, 1)
            await session.commit()
        async with maker() as session:
            await drafts.advance(session, draft, seq=0, answers={"s1": "x"}, step_id="s2")
            await session.rollback()
        assert not gate.locked()
        async with maker() as session:  # closed without a commit (an error in the handler)
            await drafts.advance(session, draft, seq=0, answers={"s1": "y"}, step_id="s2")
        assert not gate.locked()
        async with maker() as session:
            moved = await drafts.get(session, draft.id)
            assert moved is not None and moved.seq == 0  # neither step was saved
    finally:
        await engine.dispose()
