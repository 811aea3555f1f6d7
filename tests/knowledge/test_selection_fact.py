"""Asked how selection is made, staff see the stated fact (in dialogue with the referring case
officer), not an answer opening with what the guideline leaves out (the criteria)."""

from __future__ import annotations


def test_staff_asking_how_clients_are_picked_for_a_coach_see_how_selection_is_made(kb):
    reply = kb.ask("hur går det till när klienter väljs ut till arbetscoach", "danderyd", "sv")
    assert not reply.abstained
    assert reply.cards[0].answer.startswith("Urval sker i dialog med remitterande handläggare")


def test_staff_asking_for_the_criteria_are_told_the_guideline_does_not_list_them(kb):
    reply = kb.ask("vilka urvalskriterier gäller", "danderyd", "sv")
    assert reply.cards[0].entry_id == "danderyd.urval.kriterier"
