"""read_scenario and scenario_card: what a typed scenario question states, and the answer card."""

from __future__ import annotations

import pytest

from bot.eligibility.card import scenario_card
from bot.eligibility.scenario import read_scenario


@pytest.mark.parametrize("question", [
    "kan en 45-årig man få insats på jobbtorg?", "kan en 45 årig man få insats på jobbtorg",
    "kan en 45-åring få insats på jobbtorg", "kan en man, 45 år, få insats på jobbtorg",
    "kan en man som är 45 få insats på jobbtorg", "kan en 45år gammal man fa insats pa jobbtorg",
    "kan en 45 arig man fa insats pa jobbtorg", "can a 45-year-old man get support from jobbtorg?",
    "is a man aged 45 eligible for jobbtorg",
])
def test_ages_are_read_in_every_spelling(question):
    facts = read_scenario(question, "sv", "stockholm")
    assert facts is not None and facts.get("age") == 45


@pytest.mark.parametrize(("question", "months", "assumed"), [
    ("missbruk men stabil i två månader, kan hen remitteras?", 2, False),
    ("missbruk men stabil i tva manader, kan hen remitteras", 2, False),
    ("missbruk, stabil i 5 mån, kan hen remitteras", 5, False),
    ("hen har missbruk och har varit nykter i tolv månader, kan hen anvisas till arbetscoach", 12, False),
    ("alcohol problems, sober for eleven months, can she be referred to the job coach", 11, False),
    ("drogfri i ett halvår, kan hen remitteras till arbetscoach", 6, False),
    ("missbruk, nykter i sex veckor, kan hen anvisas till arbetscoach", 1.4, True),
])
def test_months_of_stability_in_digits_words_and_weeks(question, months, assumed):
    facts = read_scenario(question, "sv", "danderyd")
    assert facts is not None
    assert facts.get("stability_months") == months and facts.get("addiction") is True
    assert ("stability_months" in facts.assumed) is assumed


def test_the_brief_examples_read_as_stated():
    f = read_scenario("en 31-årig kvinna med försörjningsstöd, omfattas hon?", "sv", "stockholm")
    assert f and (f.get("age"), f.get("gender"), f.get("forsorjningsstod")) == (31, "female", True)
    f = read_scenario("en 35-årig man utan försörjningsstöd, kan han få insats på jobbtorg", "sv")
    assert f and f.get("forsorjningsstod") is False and f.get("gender") == "male"


def test_places_are_read_against_the_municipality_asked_about():
    q = "en 22-åring som är folkbokförd i Solna, kan hen beviljas insats"
    f = read_scenario(q, "sv", "stockholm")
    assert f and f.get("registered_in_municipality") is False and "resident" in f.assumed
    f = read_scenario("en kvinna på 40 år, folkbokförd i stan, kan hon få insats", "sv", "stockholm")
    assert f and f.get("registered_in_municipality") is True
    f = read_scenario("en man bosatt i Danderyd, kan han remitteras till arbetscoach", "sv",
                      "danderyd")
    assert f and f.get("resident") is True and "registered_in_municipality" in f.assumed


@pytest.mark.parametrize("question", [
    "vem kan aktualisera till enheten", "kan man få insats om man har försörjningsstöd",
    "hur gammal måste man vara för UVAS", "hur många månader stabilitet krävs vid missbruk",
    "om personen har kontakt med stadsdelen, vem beslutar", "what are the criteria for UVAS",
    "En arbetssökande vill vara ledig tre veckor i juli. Kan AMI bevilja det?",
    "hur mycket kostar busskortet för en nyanländ",
    "kan en 25-åring få förlängd insats efter sex månader?",
    "hur länge får en 25-åring ha insatsen på jobbtorg",
    "kan hen få försörjningsstöd?",
    "hur gammal måste en kvinna vara för att få insats på jobbtorg?",
])
def test_questions_about_the_rule_are_no_scenarios(question, kb):
    facts = read_scenario(question, "sv", "stockholm")
    assert facts is None or scenario_card(kb, question, "stockholm") is None


def test_the_card_applies_the_rules_and_cites_them(kb):
    card = scenario_card(kb, "kan en 45-årig man få insats på jobbtorg?", "stockholm", "sv")
    assert card is not None
    assert card.entry_id == "stockholm.eligibility" and card.org == "stockholm"
    assert card.answer.startswith("Nej")
    assert "19–29 år" in card.answer and "kvinnor (30–64 år)" in card.answer
    assert card.section == "UVAS · Kvinnor med svag ställning på arbetsmarknaden"
    assert card.document.startswith("Riktlinje för beslut om arbetsmarknadsinsats")
    assert card.document_short == "Riktlinje Jobbtorg Stockholm"


def test_the_card_says_what_it_still_needs_and_what_it_assumed(kb):
    card = scenario_card(kb, "Hen är aktuell inom missbruk, stabil i fyra månader. Kan hen "
                             "remitteras till arbetscoach?", "danderyd", "sv")
    assert card is not None and card.answer.startswith("Det går inte att avgöra")
    assert "Behövs för ett svar: bosatt i kommunen" in card.answer
    assert "Antaget, kontrollera: målgrupp: missbruk" in card.answer
    en = scenario_card(kb, "She has an addiction and has been stable for four months. Can she "
                           "be referred to the job coach?", "danderyd", "en")
    assert en is not None and "Needed for an answer: lives in the municipality" in en.answer


def test_a_question_naming_another_municipality_is_answered_from_its_rules(kb):
    card = scenario_card(kb, "I Stockholms stad: en 28-åring har redan fått en lämplig åtgärd "
                             "från Arbetsförmedlingen. Kan hen få Jobbtorgs insats?", "danderyd")
    assert card is not None and card.org == "stockholm" and card.answer.startswith("Nej")


def test_a_named_client_is_left_to_the_ordinary_path(kb):
    assert scenario_card(kb, "kan Anna som är 45 år få insats på jobbtorg", "stockholm") is None
    assert scenario_card(kb, "kan Kalle, 45 år, få insats på jobbtorg", "stockholm") is None
    # a place is no name
    card = scenario_card(kb, "en klient, 35 år, som bor i Täby, kan hen få arbetscoach", "danderyd")
    assert card is not None and "bosatt i Danderyds kommun" in card.answer


def test_a_question_stating_every_criterion_gets_a_yes_with_the_six_months(kb):
    card = scenario_card(kb, "tjej 23 ar, varken jobbar eller pluggar, folkbokford i stockholm, "
                             "inget forsorjningsstod, ingen kontakt med socialtjansten, behover "
                             "jobbcoachning och af har inte kunnat erbjuda nagot. kan hon fa "
                             "insatsen?", "stockholm", "sv")
    assert card is not None
    assert card.answer.startswith("Ja, enligt riktlinjen uppfyller personen kriterierna för UVAS")
    assert "sex månader" in card.answer
    assert card.section == "UVAS · Tidsbegränsning av beslutet"


def test_an_english_question_stating_every_criterion_gets_a_yes(kb):
    card = scenario_card(kb, "She is 52, registered in Stockholm, only compulsory school, poor "
                             "Swedish, never worked, no income support and no contact with social "
                             "services; AF could not offer anything and she needs job coaching. "
                             "Is she eligible?", "stockholm", "en")
    assert card is not None
    assert card.answer.startswith("Yes: by the guideline, the person meets the criteria for women")


def test_a_refusal_carries_no_priority_note(kb):
    card = scenario_card(kb, "en 27-åring med försörjningsstöd, bosatt i danderyd, aktuell på "
                             "socialförvaltningen, arbetsförmågan är inte utredd. kan hen få "
                             "arbetscoach?", "danderyd", "sv")
    assert card is not None and card.answer.startswith("Nej")
    assert "Arbetsförmågan ska vara utredd" in card.answer and "prioriteras" not in card.answer
