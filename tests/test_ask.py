"""A staff member asks guideline questions on the phone and gets cited answers or honesty."""

from __future__ import annotations

from sqlalchemy import select

from bot.knowledge.loader import load_packs
from bot.storage.models import UnansweredQuestion
from tests.helpers.chat import button_labels, texts

PACKS = load_packs()


def _entry(org: str, topic: str):
    return next(e for e in PACKS[org].entries if e.topic == topic)


def _followups(entry_id: str) -> list[str]:
    org = entry_id.split(".")[0]
    return next(e.followups for e in PACKS[org].entries if e.id == entry_id)


async def _rows(services, model):
    async with services.db.begin() as session:
        return list(await session.scalars(select(model)))


async def test_a_question_gets_the_answer_with_its_source(make_staff):
    staff = await make_staff(org="ragunda")
    entry = _entry("ragunda", "vem_foljer_upp")
    calls = await staff.say(entry.phrasings[0])
    text = texts(calls)
    assert entry.answer.split(".")[0] in text
    # The short name and the section fit a phone's line; the full title is a button away.
    assert f"Källa: {PACKS['ragunda'].document.short_title}, {entry.source.section}" in text
    assert PACKS["ragunda"].document.title not in text
    labels = button_labels(calls[-1])
    assert "👍" in labels and "👎" in labels and "📄 Källa" in labels


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
    assert f"Källa: {PACKS['stockholm'].document.short_title}" in text


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


# ---- a reply that fits a phone -------------------------------------------------------------

async def test_the_source_button_shows_the_full_title_decision_and_section(make_staff):
    staff = await make_staff(org="ragunda")
    entry = _entry("ragunda", "vem_foljer_upp")
    await staff.say(entry.phrasings[0])
    calls = await staff.press("Källa", expect=2)
    assert calls[0].method == "answerCallbackQuery"
    details = texts(calls)
    document = PACKS["ragunda"].document
    assert document.title in details
    assert "Beslutad 26 november 2024 av Kommunstyrelsen" in details
    assert f"Diarienummer: {document.reference}" in details
    assert f"Avsnitt: {entry.source.section}" in details
    assert calls[1].params["parse_mode"] == "HTML"
    assert f"<b>{document.title}</b>" in calls[1].params["text"]


async def test_the_answer_is_formatted_bold_title_and_the_source_apart(make_staff):
    staff = await make_staff(org="ragunda")
    entry = _entry("ragunda", "vem_foljer_upp")
    sent = (await staff.say(entry.phrasings[0]))[-1]
    assert sent.params["parse_mode"] == "HTML"
    raw = sent.params["text"]
    assert raw.startswith(f"<b>{entry.title}</b>\n\n")
    assert raw.endswith(f"\n\n<i>Källa: {PACKS['ragunda'].document.short_title}, "
                        f"{entry.source.section}</i>")


async def test_a_follow_up_that_is_also_a_did_you_mean_is_offered_once(make_staff):
    staff = await make_staff(org="avesta")
    # avesta.syfte's follow-up avesta.mal is also what the bot, unsure, offers as "menade du".
    assert "avesta.mal" in _followups("avesta.syfte")
    calls = await staff.say("varfor finns avestamodellen")
    assert "Menade du" in texts(calls)
    data = [b["callback_data"] for row in calls[-1].buttons for b in row]
    assert data.count("kb:avesta.mal:sv") == 1
    assert len([d for d in data if d.startswith("kb:")]) >= 2


# ---- the language of the question ----------------------------------------------------------

async def test_a_question_in_english_is_answered_in_english_without_sprak(make_staff):
    staff = await make_staff(org="bjurholm", lang="sv")
    calls = await staff.say("how much does the bus card cost")
    text = texts(calls)
    assert "600 kronor" in text and "Source: Riktlinjer AMI Bjurholm" in text
    assert "Källa" not in text
    assert "📄 Source" in button_labels(calls[-1])
    # The chrome follows the answer: its buttons open the source in English too.
    assert "The document states no decision date." in texts(await staff.press("Source",
                                                                               expect=2))
    # And the user's own language is unchanged for everything else.
    assert "Det här kan du göra" in texts(await staff.say("/hjalp"))


async def test_an_english_user_gets_swedish_only_for_a_plainly_swedish_question(make_staff):
    staff = await make_staff(org="bjurholm", lang="en")
    text = texts(await staff.say("hur mycket kostar busskortet"))
    assert "Källa:" in text and "Vem betalar egenavgiften" in text
    # Keywords only, or as English as Swedish ("for"): the user's own language.
    assert "Source:" in texts(await staff.say("busskort pris"))
    assert "Source:" in texts(await staff.say("vad galler for busskort"))


# ---- a number with no list to choose from --------------------------------------------------

async def test_a_number_typed_with_no_buttons_open_is_not_kept_as_a_question(make_staff,
                                                                            services):
    staff = await make_staff(org="ragunda")
    for typed in ("2", "3.", " 1) "):
        assert "ingen lista öppen" in texts(await staff.say(typed))
    assert await _rows(services, UnansweredQuestion) == []


# ---- button data ---------------------------------------------------------------------------

async def test_forged_or_stale_buttons_are_answered_as_expired(make_staff):
    staff = await make_staff(org="ragunda")
    for data in ("kb:ragunda.nope:sv", "kb:ragunda.x", "src:Ragunda.X:sv", "org:oslo",
                 "fb:1:99999:sv", "fb:2:1:sv", "fbr:bad:1:sv", "src:" + "a" * 70):
        calls = await staff.press_data(data)
        assert "gäller inte längre" in texts(calls), data
