"""Asked whether the unit pays for one item, an entry that never names the item is no answer."""

from __future__ import annotations

from bot.knowledge.items import paid_item
from bot.knowledge.text import stem


def test_the_item_of_a_yes_no_payment_question_is_read():
    assert paid_item("betalar ni korkort", stem) == {stem("korkort")}
    assert stem("driving") in paid_item("does the work coach help pay for a driving licence", stem)
    assert paid_item("vem betalar lonen", stem) == frozenset()  # asks who, not whether


def test_staff_asking_whether_the_coach_pays_for_a_driving_licence_get_no_answer(kb):
    assert kb.ask("betalar ni körkort", "danderyd", "sv").abstained
    assert kb.ask("Does the work coach help pay for a driving licence?", "danderyd", "en").abstained


def test_an_entry_naming_the_item_still_answers(kb):
    reply = kb.ask("betalar ni busskort", "bjurholm", "sv")
    assert not reply.abstained
    assert "busskort" in reply.cards[0].entry_id
