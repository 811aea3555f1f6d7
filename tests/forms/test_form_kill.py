"""A bot killed with SIGKILL in the middle of a form: after the restart the staff member goes
on at the same step, with the buttons already on the screen, and the case is saved once."""

from __future__ import annotations

import signal
from datetime import UTC, datetime, timedelta

from bot import invites
from bot.benchmarks.forms_load import count_cases
from bot.storage.database import make_async_engine, make_sessionmaker
from tests.helpers.chat import Staff, texts
from tests.test_outbox_restart import _start, _stop


async def test_a_form_goes_on_at_the_same_step_after_a_kill(api, database_url):
    engine = make_async_engine(database_url)
    async with make_sessionmaker(engine).begin() as session:
        code = await invites.create_invite(session, "ragunda", "staff")
    await engine.dispose()
    staff = Staff(api, 6201)
    proc = _start(api, database_url)
    try:
        await staff.say(f"/start {code}", expect=2, timeout=60)
        await staff.say("/aktualisera")
        await staff.press("IFO", expect=3)
        assert "Vilken arena?" in texts(await staff.press("Praktik", expect=3))
    finally:
        await _stop(proc, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    proc = _start(api, database_url)
    try:
        shown = texts(await staff.press("Innegrupp", expect=3))  # the prompt shown before
        assert "Din egen referens" in shown
        await staff.say("IFO-77", timeout=60)
        today = datetime.now(UTC).date()
        await staff.say((today + timedelta(days=1)).isoformat())
        assert "Sammanfattning" in texts(await staff.say((today + timedelta(days=20)).isoformat()))
        assert "Sparat som ärende" in texts(await staff.press("Spara", expect=3))
    finally:
        await _stop(proc, signal.SIGTERM)
    assert await count_cases(database_url) == 1
