"""👍/👎 on an answer: what was wrong, kept in the database, counted once, seen by coordinators.

Answering writes nothing; the press writes one answers_sent row per (user, answer message)."""

from __future__ import annotations

import time

from sqlalchemy import select

from bot.app import build_application
from bot.knowledge.loader import load_packs
from bot.localapi.server import BOT_USER
from bot.runner import start, stop
from bot.services import Services
from bot.storage import questions
from bot.storage.models import AnswerSent, Feedback, UnansweredQuestion
from tests.helpers.chat import button_labels, texts

PACKS = load_packs()
REASONS = ["Fel ämne", "Ofullständigt", "Inaktuellt", "Annat"]


def _entry(org: str, topic: str):
    return next(e for e in PACKS[org].entries if e.topic == topic)


async def _rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


def _shown(api, call):
    """The buttons of a message as the user sees it now (after edits)."""
    message = api.messages[(call.chat_id, int(call.params["_message_id"]))]
    return [b["text"] for row in message.get("reply_markup", {}).get("inline_keyboard", [])
            for b in row]


async def test_a_thumbs_down_asks_what_was_wrong_and_keeps_the_follow_ups(make_staff, api,
                                                                         services):
    staff = await make_staff(org="ragunda")
    entry = _entry("ragunda", "vem_foljer_upp")
    answer = (await staff.say(entry.phrasings[0]))[-1]
    before = button_labels(answer)
    assert any(label.startswith("Mer:") for label in before)
    assert await _rows(services, AnswerSent) == []  # answering wrote nothing
    calls = await staff.press("👎", expect=2)
    assert "Vad var fel?" in texts(calls)
    now = _shown(api, answer)
    assert [label for label in before if label not in ("👍", "👎")] == now[:-4]
    assert now[-4:] == REASONS
    calls = await staff.press("Ofullständigt", expect=2)
    assert "Tack, det är noterat" in texts(calls)
    assert _shown(api, answer) == [label for label in before if label not in ("👍", "👎")]
    sent = await _rows(services, AnswerSent)
    assert [(a.entry_id, a.vote, a.reason, a.question, a.message_id) for a in sent] == [
        (entry.id, False, "incomplete", None, int(answer.params["_message_id"]))]
    assert [(f.entry_id, f.helpful, f.reason) for f in await _rows(services, Feedback)] == [
        (entry.id, False, "incomplete")]


async def test_a_thumbs_up_is_thanked_differently_and_leaves_the_other_buttons(make_staff, api,
                                                                              services):
    staff = await make_staff(org="bjurholm")
    answer = (await staff.say("hur mkt kostar busskortet"))[-1]
    assert await _rows(services, AnswerSent) == []
    calls = await staff.press("👍", expect=2)
    assert "Skönt att svaret hjälpte" in texts(calls)
    assert "Vad var fel" not in texts(calls)
    assert _shown(api, answer) == [label for label in button_labels(answer)
                                   if label not in ("👍", "👎")]
    assert [f.helpful for f in await _rows(services, Feedback)] == [True]
    assert [a.vote for a in await _rows(services, AnswerSent)] == [True]
    assert await _rows(services, UnansweredQuestion) == []


async def test_pressing_twice_or_after_a_restart_counts_once(make_staff, api, services, bot):
    staff = await make_staff(org="danderyd")
    entry = _entry("danderyd", "malgrupp")
    answer = (await staff.say(entry.phrasings[0]))[-1]
    down = next(b["callback_data"] for row in answer.buttons for b in row if b["text"] == "👎")
    up = next(b["callback_data"] for row in answer.buttons for b in row if b["text"] == "👍")
    await staff.press_data(down, answer, expect=2)
    with_reasons = staff.last_with_buttons
    assert "redan lämnat omdöme" in texts(await staff.press_data(down, answer))
    # A restart: a new application and services on the same database, nothing in memory.
    await stop(bot)
    fresh = Services.create(services.settings, services.kb)
    app = build_application(fresh.settings, fresh)
    api.processed.follow(app)
    await start(app, poll_timeout=1)
    try:
        assert "redan lämnat omdöme" in texts(await staff.press_data(up, answer))
        assert "Tack, det är noterat" in texts(await staff.press("Inaktuellt", expect=2))
        assert "redan lämnat omdöme" in texts(await staff.press("Annat", message=with_reasons))
    finally:
        await stop(app)
    sent = await _rows(services, AnswerSent)
    assert [(a.vote, a.reason) for a in sent] == [(False, "outdated")]
    assert [q.kind for q in await _rows(services, UnansweredQuestion)] == ["downvoted"]
    assert [(f.helpful, f.reason) for f in await _rows(services, Feedback)] == [
        (False, "outdated")]


async def test_coordinators_see_a_thumbs_down_with_its_reason(make_staff, services):
    staff = await make_staff(org="stockholm")
    coordinator = await make_staff(org="stockholm", role="coordinator")
    entry = _entry("stockholm", "riktlinjen_beslutad")
    await staff.say(entry.phrasings[0])
    await staff.press("👎", expect=2)
    await staff.press("Fel ämne", expect=2)
    text = texts(await coordinator.say("/obesvarade"))
    # The entry is the topic: the question itself is not kept for an answered question.
    assert "👎 " in text and f": {entry.title} (Fel ämne)" in text
    assert entry.phrasings[0] not in text
    # Kept once for the coordinators (as long as unanswered questions are kept).
    kept = await _rows(services, UnansweredQuestion)
    assert [(q.kind, q.entry_id) for q in kept] == [("downvoted", entry.id)]


async def test_an_entry_opened_from_a_button_can_be_voted_on_too(make_staff, services):
    staff = await make_staff(org="ragunda")
    coordinator = await make_staff(org="ragunda", role="coordinator")
    entry = next(e for e in PACKS["ragunda"].entries if e.followups)
    await staff.say(entry.phrasings[0])
    more = next(label for label in button_labels(staff.last_with_buttons)
                if label.startswith("Mer:"))
    opened = (await staff.press(more, expect=2))[-1]
    await staff.press("👎", expect=2)
    followup = services.kb.entry_card(entry.followups[0])
    assert followup.title in opened.text
    text = texts(await coordinator.say("/obesvarade"))
    assert f": {followup.title}" in text
    sent = await _rows(services, AnswerSent)
    assert [(a.entry_id, a.vote, a.message_id) for a in sent] == [
        (followup.entry_id, False, int(opened.params["_message_id"]))]


async def test_someone_elses_vote_button_is_refused(make_staff, services):
    staff = await make_staff(org="ragunda")
    other = await make_staff(org="ragunda")
    answer = (await staff.say(_entry("ragunda", "vem_foljer_upp").phrasings[0]))[-1]
    down = next(b["callback_data"] for row in answer.buttons for b in row if b["text"] == "👎")
    assert "gäller inte längre" in texts(await other.press_data(down, answer))
    assert await _rows(services, AnswerSent) == []
    assert "Vad var fel?" in texts(await staff.press_data(down, answer, expect=2))


async def test_english_answers_get_english_feedback_choices(make_staff, api):
    staff = await make_staff(org="bjurholm", lang="sv")
    answer = (await staff.say("how much does the bus card cost"))[-1]
    assert "What was wrong?" in texts(await staff.press("👎", expect=2))
    assert _shown(api, answer)[-4:] == ["Wrong topic", "Incomplete", "Out of date", "Other"]
    assert "Thanks, noted" in texts(await staff.press("Other", expect=2))



async def test_the_storage_counts_a_vote_once_per_message_on_both_databases(services):
    """Two presses racing past the button check (two devices, a retry) hit the unique
    constraint and count once, never as an error."""
    entry = _entry("ragunda", "vem_foljer_upp")
    async with services.db.begin() as session:
        assert await questions.vote(session, 7, 100, "ragunda", entry.id, False)
        assert not await questions.vote(session, 7, 100, "ragunda", entry.id, True)
        assert await questions.vote(session, 7, 101, "ragunda", entry.id, True)
        assert await questions.vote(session, 8, 100, "ragunda", entry.id, True)
    async with services.db.begin() as session:
        assert not await questions.vote(session, 7, 100, "ragunda", entry.id, True)
        assert not await questions.give_reason(session, 7, 101, "other")  # a 👍 has none
        assert await questions.give_reason(session, 7, 100, "topic")
        assert not await questions.give_reason(session, 7, 100, "other")
    sent = await _rows(services, AnswerSent)
    assert [(a.telegram_id, a.message_id, a.vote, a.reason) for a in sent] == [
        (7, 100, False, "topic"), (7, 101, True, None), (8, 100, True, None)]
    assert sorted((f.helpful, f.reason) for f in await _rows(services, Feedback)) == [
        (False, "topic"), (True, None), (True, None)]


async def test_a_vote_on_an_answer_older_than_votes_are_kept_is_expired(make_staff, api,
                                                                       services):
    """Its vote may have been purged already: a press then must not count a second time."""
    staff = await make_staff(org="ragunda")
    answer = (await staff.say(_entry("ragunda", "vem_foljer_upp").phrasings[0]))[-1]
    down = next(b["callback_data"] for row in answer.buttons for b in row if b["text"] == "👎")
    shown = api.messages[(staff.user_id, int(answer.params["_message_id"]))]
    kept = services.settings.draft_retention_days * 86400
    index = len(api.calls)
    api.queries.pressed("771", staff.user_id)  # a press Telegram knows of, to be answered
    update_id = await api.push_raw({"callback_query": {
        "id": "771", "chat_instance": str(staff.user_id), "data": down,
        "from": {"id": staff.user_id, "is_bot": False, "first_name": "S", "language_code": "sv"},
        "message": {"message_id": int(answer.params["_message_id"]), "text": answer.text,
                    "date": int(time.time()) - kept - 3600, "reply_markup": shown["reply_markup"],
                    "chat": {"id": staff.user_id, "type": "private"}, "from": BOT_USER}}})
    calls = await staff._collect(index, update_id, 1, 10.0)  # noqa: SLF001
    assert "gäller inte längre" in texts(calls)
    assert await _rows(services, AnswerSent) == []
