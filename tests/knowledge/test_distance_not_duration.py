""""Hur långt (bort)" asks how far, not how long: it asks for no duration (issue 16)."""

from __future__ import annotations

from bot.knowledge.facts import asks_for_fact


def test_how_far_is_no_duration_question():
    assert not asks_for_fact("hur långt bort söker coachen praktikplatser")


def test_how_long_still_asks_for_a_duration():
    assert asks_for_fact("hur länge gäller beslutet")
    assert asks_for_fact("hur lång är insatsen")
    assert asks_for_fact("hur lång tid tar det")


def test_staff_asking_how_far_the_coach_looks_for_placements_get_the_area(kb):
    reply = kb.ask("hur långt bort hittar coachen praktikplatser", "danderyd", "sv")
    assert not reply.abstained
    assert "Stockholms län" in reply.cards[0].answer
