"""👍/👎 on an answer: what was wrong, kept in the database, counted once, seen by coordinators."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import build_application
from bot.knowledge.loader import load_packs
from bot.privacy.scrub import scrub_identifiers
from bot.runner import start, stop
from bot.services import Services
from bot.storage.models import AnswerSent, Feedback, UnansweredQuestion
from tests.helpers.chat import button_labels, texts

PACKS = load_packs()
REASONS = ["Fel ämne", "Ofullständigt", "Inaktuellt", "Annat"]


def _entry(org: str, topic: str):
    return next(e for e in PACKS[org].entries if e.topic == topic)


async def _rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model).order_by(model.id)))


def _kept(services, question: str) -> str:
    """A question as kept: scrubbed to its topic."""
    return scrub_identifiers(question, services.kb.vocabulary())


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
    calls = await staff.press("👎", expect=2)
    assert "Vad var fel?" in texts(calls)
    now = _shown(api, answer)
    assert [label for label in before if label not in ("👍", "👎")] == now[:-4]
    assert now[-4:] == REASONS
    calls = await staff.press("Ofullständigt", expect=2)
    assert "Tack, det är noterat" in texts(calls)
    assert _shown(api, answer) == [label for label in before if label not in ("👍", "👎")]
    sent = await _rows(services, AnswerSent)
    assert [(a.entry_id, a.vote, a.reason, a.question) for a in sent] == [
        (entry.id, False, "incomplete", _kept(services, entry.phrasings[0]))]
    assert [(f.entry_id, f.helpful, f.reason) for f in await _rows(services, Feedback)] == [
        (entry.id, False, "incomplete")]


async def test_a_thumbs_up_is_thanked_differently_and_leaves_the_other_buttons(make_staff, api,
                                                                              services):
    staff = await make_staff(org="bjurholm")
    answer = (await staff.say("hur mkt kostar busskortet"))[-1]
    calls = await staff.press("👍", expect=2)
    assert "Skönt att svaret hjälpte" in texts(calls)
    assert "Vad var fel" not in texts(calls)
    assert _shown(api, answer) == [label for label in button_labels(answer)
                                   if label not in ("👍", "👎")]
    assert [f.helpful for f in await _rows(services, Feedback)] == [True]


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
    assert "👎" in text and entry.phrasings[0] in text
    assert f"→ {entry.title} (Fel ämne)" in text
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
    await staff.press(more, expect=2)
    await staff.press("👎", expect=2)
    text = texts(await coordinator.say("/obesvarade"))
    assert "(svar öppnat med en knapp)" in text
    sent = await _rows(services, AnswerSent)
    assert [a.question for a in sent] == [_kept(services, entry.phrasings[0]), None]


async def test_someone_elses_vote_button_is_refused(make_staff, services):
    staff = await make_staff(org="ragunda")
    other = await make_staff(org="ragunda")
    answer = (await staff.say(_entry("ragunda", "vem_foljer_upp").phrasings[0]))[-1]
    down = next(b["callback_data"] for row in answer.buttons for b in row if b["text"] == "👎")
    assert "gäller inte längre" in texts(await other.press_data(down, answer))
    assert [a.vote for a in await _rows(services, AnswerSent)] == [None]


async def test_english_answers_get_english_feedback_choices(make_staff, api):
    staff = await make_staff(org="bjurholm", lang="sv")
    answer = (await staff.say("how much does the bus card cost"))[-1]
    assert "What was wrong?" in texts(await staff.press("👎", expect=2))
    assert _shown(api, answer)[-4:] == ["Wrong topic", "Incomplete", "Out of date", "Other"]
    assert "Thanks, noted" in texts(await staff.press("Other", expect=2))
