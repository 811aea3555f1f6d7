"""A count answers a count question only when it counts the thing asked about (issue 16)."""

from __future__ import annotations

from bot.knowledge.facts import lacks_asked_fact
from bot.knowledge.text import stem

GROUP = ("Beredningsgruppen är beställare av insats. LSG ska ha 2-4 möten per halvår med "
         "beredningsgruppen.")


def test_a_count_of_meetings_is_no_count_of_the_people_asked_about():
    assert lacks_asked_fact("hur många personer sitter i beredningsgruppen", GROUP, stem)


def test_a_count_of_the_unit_asked_about_still_answers():
    assert lacks_asked_fact("hur många möten har LSG med beredningsgruppen", GROUP, stem) is None
    assert lacks_asked_fact("hur många gånger träffas de", GROUP, stem) is None
    assert lacks_asked_fact("hur många handläggare finns det",
                            "Enheten har 3 handläggare.", stem) is None


def test_staff_asking_how_many_sit_in_the_group_get_no_answer(kb):
    reply = kb.ask("hur många personer sitter i beredningsgruppen", "avesta", "sv")
    assert reply.abstained
