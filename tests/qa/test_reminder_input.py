"""A reviewer's probes of /paminn: an English reader, impossible dates and negative offsets,
and /moten for someone who is not a coordinator."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage.models import Reminder
from tests.helpers.chat import texts


async def _rows(services) -> list[Reminder]:
    async with services.db.begin() as session:
        return list(await session.scalars(select(Reminder).order_by(Reminder.id)))


async def test_an_english_reader_sets_a_reminder_in_english(make_staff, services):
    anna = await make_staff(lang="en")
    shown = texts(await anna.say("/paminn tomorrow 9 call AF about the placement"))
    assert "call AF about the placement" in shown and "09:00" in shown
    assert "påminner" not in shown
    listed = texts(await anna.say("/paminnelser"))
    assert "call AF about the placement" in listed and "Dina" not in listed
    assert len(await _rows(services)) == 1


async def test_impossible_dates_and_negative_offsets_are_asked_again(make_staff, services):
    anna = await make_staff()
    for bad in ("/paminn 31/2 ring AF", "/paminn om -3 timmar ring AF",
                "/paminn 2026-02-30 08:00 ring AF", "/paminn igår 9 ring AF"):
        shown = texts(await anna.say(bad))
        assert "Jag påminner dig" not in shown, (bad, shown)
        assert "/paminn imorgon 9 ring AF" in shown, (bad, shown)
    assert await _rows(services) == []


async def test_meetings_are_for_coordinators(make_staff, services):
    anna = await make_staff(role="staff")
    shown = texts(await anna.say("/moten"))
    assert "får du inte göra" in shown
    assert "är sparad" not in texts(await anna.say("/moten ny varje måndag 09:00 MÖTAS"))
