"""The staff directory: admitted staff are served from memory, never after they lose access."""

from __future__ import annotations

import argparse
import asyncio
import time

from sqlalchemy import func, select

from bot import staff_directory
from bot.cli import admin_cmd
from bot.handlers import jobs
from bot.staff_directory import SYNC_SECONDS, StaffDirectory
from bot.storage import users
from bot.storage.database import make_async_engine, make_sessionmaker
from bot.storage.models import UnansweredQuestion, User
from tests.helpers.chat import texts

NOT_ADMITTED = "bara för personal som har bjudits in"


async def _revoke_outside_the_bot(services, telegram_id: int) -> None:
    """What `python -m bot admin revoke` does, in its own transaction."""
    async with services.db.begin() as session:
        user = await session.scalar(select(User).where(User.telegram_id == telegram_id))
        await users.revoke(session, user)


async def test_a_colleague_revoked_from_the_command_line_is_refused_after_the_sync(
        make_staff, services, bot):
    staff = await make_staff()
    assert "Källa:" in texts(await staff.say("vad betyder osa"))
    await _revoke_outside_the_bot(services, staff.user_id)
    await jobs.sync_staff(services)  # the job the bot runs every SYNC_SECONDS
    reply = texts(await staff.say("vad betyder osa"))
    assert "Källa:" not in reply
    assert NOT_ADMITTED in reply


async def test_the_bot_re_reads_who_is_admitted_every_few_seconds(bot):
    [job] = bot.job_queue.get_jobs_by_name("staff:sync")
    assert job.job.trigger.interval.total_seconds() == SYNC_SECONDS


async def _revoke_from_the_command_line(services, telegram_id: int) -> None:
    """`python -m bot admin revoke --telegram-id N`'s code, on its own engine: another process
    as far as the bot can tell."""
    engine = make_async_engine(services.settings.database_url)
    try:
        async with make_sessionmaker(engine).begin() as session:
            args = argparse.Namespace(telegram_id=telegram_id)
            assert await admin_cmd._revoke(args, services.settings, session) == 0
    finally:
        await engine.dispose()


async def test_a_revocation_made_in_another_process_bites_within_five_seconds(
        make_staff, services, bot):
    staff = await make_staff()
    assert "Källa:" in texts(await staff.say("vad betyder osa"))
    await _revoke_from_the_command_line(services, staff.user_id)
    started = time.monotonic()
    answered = 0
    while True:
        reply = texts(await staff.say("vad betyder osa"))
        if NOT_ADMITTED in reply:
            break
        answered += 1
        assert time.monotonic() - started < 5.0, "still answered 5 s after the revocation"
        await asyncio.sleep(0.3)  # a person's pace: flood control stops 20 in 10 s
    took = time.monotonic() - started
    print(f"\nrevoked in another process: refused after {took:.2f} s, {answered} answers "
          f"meanwhile (sync every {SYNC_SECONDS:.0f} s)")


async def test_a_write_on_the_directorys_word_is_refused_once_the_database_says_revoked(
        make_staff, services, bot):
    """No sync in between: memory still says admitted, the database decides."""
    staff = await make_staff()
    assert "Källa:" in texts(await staff.say("vad betyder osa"))
    await _revoke_from_the_command_line(services, staff.user_id)
    reply = texts(await staff.say("hur många glassar äter en pingvin på en tisdag"))
    assert NOT_ADMITTED in reply  # the unanswered question would be a write: re-checked
    async with services.db.begin() as session:
        assert await session.scalar(select(func.count()).select_from(UnansweredQuestion)) == 0
    assert NOT_ADMITTED in texts(await staff.say("vad betyder osa"))  # and memory learnt it


async def test_the_directory_re_reads_rows_only_when_the_table_moved(make_staff, services):
    await make_staff()
    async with services.db.begin() as session:
        await staff_directory.sync(services.staff, session)  # the admission moved it
    async with services.db.begin() as session:
        assert not await staff_directory.sync(services.staff, session)  # nothing moved since
    await _revoke_from_the_command_line(services, 5000)
    async with services.db.begin() as session:
        assert await staff_directory.sync(services.staff, session)
    assert services.staff.fresh_view(5000) is None


async def test_a_new_municipality_applies_to_the_very_next_question(make_staff, services, bot):
    staff = await make_staff(org="ragunda")
    await staff.say("/kommun")
    await staff.press("Avesta")
    assert "Avesta" in texts(await staff.say("vem kan aktualisera till enheten"))


def _user(telegram_id: int, active: bool = True, role: str = "staff") -> User:
    return User(id=telegram_id, telegram_id=telegram_id, org="ragunda", role=role, active=active)


def test_only_admitted_users_are_served_from_memory():
    directory = StaffDirectory()
    directory.remember([_user(1)])
    assert directory.fresh_view(1) is None  # never synced: the database decides
    directory.replace_all([_user(1), _user(2, active=False)], time.monotonic())
    assert directory.fresh_view(1).org == "ragunda"
    assert directory.fresh_view(2) is None  # not admitted: the database decides (and refuses)
    assert directory.fresh_view(3) is None  # unknown


def test_a_re_read_that_began_before_the_bots_own_write_does_not_undo_it():
    directory = StaffDirectory()
    directory.replace_all([_user(1)], time.monotonic())
    read_started = time.monotonic()
    directory.remember([_user(1, active=False)])  # revoked in the bot while the re-read ran
    directory.replace_all([_user(1, active=True)], read_started)  # the re-read's older row
    assert directory.fresh_view(1) is None
