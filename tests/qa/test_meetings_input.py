"""A reviewer's probes of /moten ny and /paminn free text: impossible times and days that some
months lack are asked again, an overlong name is cut, personnummer variants are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.storage.models import MeetingSeries, Reminder
from tests.helpers.chat import texts


async def rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


async def test_a_series_that_cannot_be_kept_is_asked_again(make_staff, services):
    boss = await make_staff(role="coordinator")
    for raw in ("/moten ny varje måndag 25:00 MÖTAS",
                "/moten ny varje månad 31 10:00 Avstämning",  # most months lack a 31st
                "/moten ny varje år 29 februari 10:00 Skottdag",
                "/moten ny varje måndag 09:00", "/moten ny blabla"):
        shown = texts(await boss.say(raw))
        assert "Jag förstod inte mötesserien" in shown and "/moten ny varje" in shown, raw
    assert await rows(services, MeetingSeries) == []
    shown = texts(await boss.say("/moten ny varje måndag 09:00 " + "y" * 500))
    assert "är sparad" in shown
    [series] = await rows(services, MeetingSeries)
    assert 0 < len(series.title) <= 80


@pytest.mark.parametrize("number", ["850709+9805", "8507099805", "850769-9801",
                                    "19850709 9805"])
async def test_personnummer_variants_in_a_reminder_are_refused(make_staff, services, number):
    anna = await make_staff()
    shown = texts(await anna.say(f"/paminn imorgon 9 ring {number}"))
    assert "personnummer" in shown and "Jag påminner dig" not in shown
    assert await rows(services, Reminder) == []
