"""A staff member asks guideline questions on the phone and gets cited answers or honesty."""

from __future__ import annotations

from sqlalchemy import select

from bot.knowledge.loader import load_packs
from bot.storage.models import Feedback, UnansweredQuestion
from tests.helpers.chat import button_labels, texts

PACKS = load_packs()


def _entry(org: str, topic: str):
    return next(e for e in PACKS[org].entries if e.topic == topic)


async def _rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model)))


async def test_a_question_gets_the_answer_with_its_source(make_staff):
    staff = await make_staff(org="ragunda")
    entry = _entry("ragunda", "vem_foljer_upp")
    calls = await staff.say(entry.phrasings[0])
    text = texts(calls)
    assert entry.answer.split(".")[0] in text
    assert f"Källa: {PACKS['ragunda'].document.title}, {entry.source.section}" in text
    labels = button_labels(calls[-1])
    assert "👍" in labels and "👎" in labels


async def test_a_sloppy_question_without_aao_still_finds_it(make_staff):
    staff = await make_staff(org="bjurholm")
    text = texts(await staff.say("hur mkt kostar busskortet"))
    assert "600 kronor" in text


async def test_out_of_scope_gets_an_honest_dont_know_with_nearest_topics(make_staff, services):
    staff = await make_staff(org="avesta")
    calls = await staff.say("blir det regn i helgen?")
    text = texts(calls)
    assert "Det vet jag inte" in text
    assert PACKS["avesta"].ask_at_unit in text
    kept = await _rows(services, UnansweredQuestion)
    assert [(q.org, q.kind) for q in kept] == [("avesta", "unanswered")]


async def test_a_question_naming_another_municipality_is_answered_for_it(make_staff):
    staff = await make_staff(org="ragunda")
    text = texts(await staff.say("hur mycket kostar busskortet i bjurholm"))
    assert "Svar för Bjurholm" in text and "600 kronor" in text


async def test_the_municipality_can_be_changed_with_kommun(make_staff):
    staff = await make_staff(org="ragunda")
    await staff.say("/kommun")
    await staff.press("Stockholm", expect=2)
    entry = _entry("stockholm", "riktlinjen_beslutad")
    text = texts(await staff.say(entry.phrasings[0]))
    assert PACKS["stockholm"].document.title in text


async def test_a_thumbs_down_keeps_the_question_once(make_staff, services):
    staff = await make_staff(org="danderyd")
    entry = _entry("danderyd", "malgrupp")
    calls = await staff.say(entry.phrasings[0])
    answer = calls[-1]
    await staff.press("👎", expect=2, message=answer)
    again = await staff.press_data(f"fb:0:{answer.buttons[-1][1]['callback_data'].split(':', 2)[2]}",
                                   answer)
    assert "redan" in texts(again)
    feedback = await _rows(services, Feedback)
    assert [(f.org, f.helpful) for f in feedback] == [("danderyd", False)]
    kept = await _rows(services, UnansweredQuestion)
    assert [(q.kind, q.question) for q in kept] == [("downvoted", entry.phrasings[0])]


async def test_coordinators_see_unanswered_questions_without_names(make_staff):
    staff = await make_staff(org="stockholm")
    coordinator = await make_staff(org="stockholm", role="coordinator")
    await staff.say("kan Kalle Anka få ett jobb på Jobbtorg imorgon kl 9 då hon tappat sin katt?")
    text = texts(await coordinator.say("/obesvarade"))
    assert "Kalle" not in text and "Anka" not in text
    other = await make_staff(org="ragunda", role="coordinator")
    assert "Inga obesvarade" in texts(await other.say("/obesvarade"))


async def test_follow_up_buttons_show_the_related_entry(make_staff):
    staff = await make_staff(org="ragunda")
    entry = next(e for e in PACKS["ragunda"].entries if e.followups)
    calls = await staff.say(entry.phrasings[0])
    more = [label for label in button_labels(calls[-1]) if label.startswith("Mer:")]
    if not more:  # the search chose a different entry for this phrasing; the test needs one
        raise AssertionError(f"no follow-up buttons for {entry.id}")
    followed = await staff.press(more[0], expect=2)
    assert "Källa:" in texts(followed)


async def test_an_overlong_question_is_refused_kindly(make_staff):
    staff = await make_staff()
    assert "för långt" in texts(await staff.say("ord " * 300))


async def test_english_users_get_english_answers(make_staff):
    staff = await make_staff(org="bjurholm", lang="en")
    text = texts(await staff.say("how much does the bus card cost"))
    assert "600" in text and "Source:" in text
