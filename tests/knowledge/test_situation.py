"""A question describing a person before it asks is searched again on its topic words alone.

Staff write "Äldre kvinna som sitter ensam hemma och vill träffa folk, finns det något för
henne?": the age, the sex and "vill", "finns det något för henne" are in no entry, and spread the
question's weight so thin that the entry it is about (MÖTAS) scores too low to answer.
"""

from __future__ import annotations

from bot.knowledge import situation
from bot.knowledge.reading import read


def test_the_person_description_is_dropped_and_the_topic_kept():
    q = read("man 39 med alkoholproblem ber ami om hjälp att hitta jobb, vad gör vi", "sv")
    topic = situation.topic_question(q)
    assert topic is not None
    assert "alkoholproblem" in topic.words and "ami" in topic.words
    assert not {"man", "39", "ber", "vi", "hjälp"} & set(topic.words)


def test_wanting_work_is_no_topic_of_a_situation():
    q = read("kvinna 45 med spelproblem ber oss om hjälp att hitta jobb, vad gör vi", "sv")
    topic = situation.topic_question(q)
    assert topic is not None and "spelproblem" in topic.words
    assert "hitta" not in topic.words and "jobb" not in topic.words


def test_someone_with_an_addiction_asking_for_work_is_sent_the_addiction_entry(kb):
    reply = kb.ask("kvinna 41 med alkoholproblem ber ami om hjälp att få jobb, vad gör vi",
                   "bjurholm", "sv")
    assert not reply.abstained and reply.cards[0].entry_id == "bjurholm.beroende"


def test_a_question_about_a_rule_describes_no_one():
    assert situation.topic_question(read("Vad gör utegruppen?", "sv")) is None
    assert situation.topic_question(read("kan man få förlängt efter sex månader", "sv")) is None


def test_a_situation_with_nothing_left_to_search_is_no_topic():
    assert situation.topic_question(read("kvinna 45 år, vad gör vi?", "sv")) is None


def test_someone_who_sits_alone_at_home_is_offered_a_social_setting(kb):
    # Ragunda offers two for "bryta isolering": the meeting place MÖTAS and övrig sysselsättning.
    reply = kb.ask("Äldre kvinna som sitter ensam hemma och vill träffa folk, finns det något "
                   "för henne?", "ragunda", "sv")
    assert not reply.abstained
    assert reply.cards[0].entry_id in ("ragunda.motas", "ragunda.daglig_verksamhet")


def test_a_named_client_in_a_situation_is_still_declined(kb):
    assert kb.ask("min deltagare Kalle 45 år vill ha hjälp med jobb, vad gör vi", "stockholm",
                  "sv").abstained


def test_a_swedish_question_keeps_its_hedged_lead_over_the_english_text(kb):
    # Ranked against the English text the same entry has more evidence but less of a lead; the
    # Swedish ranking's hedged answer is the one to give.
    reply = kb.ask("En förvaltning vill ta emot en praktikant, vem ansvarar då för platsen?",
                   "avesta", "sv")
    assert not reply.abstained and reply.cards[0].entry_id == "avesta.praktik.ansvar"
    reply = kb.ask("Hur stor del av lönen får vi tillbaka från staten när nån får ett skyddat "
                   "jobb?", "danderyd", "sv")
    assert not reply.abstained and reply.cards[0].entry_id == "danderyd.osa.finansiering"


def test_help_every_week_all_year_is_recurring_help():
    # "varje vecka hela året" is what the guidelines call recurring help ("återkommande"), and
    # "går det" is the asker's frame, no topic.
    q = read("Äldreboendet vill ha hjälp varje vecka hela året med sin trädgård. Går det?", "sv")
    topic = situation.topic_question(q)
    assert topic is not None
    assert topic.words.count("återkommande") == 1
    assert not {"varje", "vecka", "hela", "året", "går", "det"} & set(topic.words)


def test_a_unit_wanting_help_all_year_is_sent_the_units_service(kb):
    reply = kb.ask("Äldreboendet vill ha hjälp varje vecka hela året med sin trädgård. Går det?",
                   "ragunda", "sv")
    assert not reply.abstained and reply.cards[0].entry_id.startswith("ragunda.service.")


def test_the_month_something_happened_is_no_topic():
    q = read("kille 22 fick beslut i mars och vill fortsätta efter sommaren, vad gäller", "sv")
    topic = situation.topic_question(q)
    assert topic is not None and "mars" not in topic.words and "fortsätta" in topic.words


def test_what_the_person_receives_is_described_not_asked():
    q = read("man 50 som uppbär försörjningsstöd kommer till oss via ifo, vem ansvarar", "sv")
    topic = situation.topic_question(q)
    assert topic is not None and "uppbär" not in topic.words
    assert "försörjningsstöd" in topic.words and "ifo" in topic.words
