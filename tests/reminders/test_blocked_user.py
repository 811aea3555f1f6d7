"""A reviewer's probe of a 403: a case worker blocks the bot while a reminder is due, then
unblocks it and writes again. Access stays paused (the coordinator was told) until a new
invite admits her; then the kept reminder arrives, once."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import select

from bot import invites, staff_directory
from bot.storage import reminders
from bot.storage.models import Reminder
from tests.helpers.chat import texts


async def test_a_user_who_comes_back_gets_the_kept_reminder_after_a_new_invite(make_staff,
                                                                              api, services):
    coordinator = await make_staff(role="coordinator")
    anna = await make_staff()
    await api.wait_for(lambda c: c.chat_id == coordinator.user_id and "(roll:" in c.text)
    api.fail_next("sendMessage", 403)
    async with services.db.begin() as session:
        await reminders.add_reminder(session, telegram_id=anna.user_id, org="ragunda",
                                     kind="personal", due_at=datetime.now(UTC),
                                     text_key="rem.personal", params={"text": "ring AF"})
    told = await api.wait_for(lambda c: c.chat_id == coordinator.user_id
                              and "har blockerat" in c.text, timeout=15)
    assert "bjuds in igen" in told.text
    # Anna unblocks the bot and writes to it again (once the staff directory has read the
    # change; it may serve reads a moment old): she is told how to get back in.
    async with services.db.begin() as session:
        await staff_directory.sync(services.staff, session, full=True)
    assert "samordnare" in texts(await anna.say("/paminnelser"))
    async with services.db.begin() as session:
        code = await invites.create_invite(session, "ragunda", "staff")
    await anna.say(f"/start {code}", expect=2)
    got = await api.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == anna.user_id
                             and "ring AF" in (c.text or ""), timeout=15)
    assert got.text.startswith("🔔")
    for _ in range(100):  # the tick records the delivery once Telegram has answered
        async with services.db.begin() as session:
            [row] = list(await session.scalars(select(Reminder)))
        if row.sent_at is not None:
            break
        await asyncio.sleep(0.05)
    assert row.status == "sent" and row.sent_at is not None
    assert len([c for c in api.sent(anna.user_id, "sendMessage") if "ring AF" in c.text]) == 1
