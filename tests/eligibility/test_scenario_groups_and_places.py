"""Scenario cards lead with the target group the stated facts fit, infer what "no contact with
social services" implies, and find the municipality asked about among two named."""

from __future__ import annotations

from bot.eligibility.card import scenario_card
from bot.eligibility.scenario import read_scenario

WOMAN_47 = ("En kvinna på 47 år, folkbokförd i stan, har grundskola som högsta utbildning och "
            "svag svenska, har aldrig haft jobb här, har inget försörjningsstöd, behöver "
            "jobbcoachning och AF har inget lämpligt att erbjuda. Kan hon få insatsen?")


def test_a_woman_past_the_uvas_ages_is_told_first_which_group_she_fits_and_what_is_missing(kb):
    card = scenario_card(kb, WOMAN_47, "stockholm", "sv")
    assert card is not None
    lines = card.answer.splitlines()
    assert lines[0] == "Det går inte att avgöra än utifrån det du skrev."
    assert lines[1] == ("Så långt stämmer det med målgruppen kvinnor med svag ställning på "
                        "arbetsmarknaden (30–64 år).")
    needed = next(i for i, line in enumerate(lines) if line.startswith("Behövs för ett svar:"))
    assert "kontakt med eller insats från socialtjänsten" in lines[needed]
    # the group ruled out by her age comes after what is needed, not first
    assert lines[needed + 1] == "Den andra målgruppen passar inte:"
    assert lines[needed + 2] == "• UVAS gäller unga 19–29 år."
    assert card.section.startswith("Kvinnor med svag ställning på arbetsmarknaden")


def test_with_no_group_left_open_the_card_still_leads_with_the_failed_rule(kb):
    card = scenario_card(kb, "kan en 45-årig man få insats på jobbtorg?", "stockholm", "sv")
    assert card is not None and card.answer.startswith("Nej")
    assert "Så långt stämmer" not in card.answer


def test_no_contact_with_social_services_is_read_as_no_income_support_but_not_the_reverse():
    facts = read_scenario("en 40-årig kvinna utan kontakt med socialtjänsten, kan hon få "
                          "insatsen?", "sv", "stockholm")
    assert facts is not None
    assert facts.get("forsorjningsstod") is False and "forsorjningsstod" in facts.assumed
    facts = read_scenario("en 40-årig kvinna utan försörjningsstöd, kan hon få insatsen?", "sv",
                          "stockholm")
    assert facts is not None and facts.get("social_services_contact") is None


def test_a_woman_without_contact_with_social_services_gets_a_yes_saying_what_was_assumed(kb):
    question = WOMAN_47.replace("har inget försörjningsstöd", "har ingen kontakt med socialtjänsten")
    card = scenario_card(kb, question, "stockholm", "sv")
    assert card is not None
    assert card.answer.startswith("Ja, enligt riktlinjen uppfyller personen kriterierna för "
                                  "kvinnor med svag ställning")
    assert "Antaget, kontrollera: har försörjningsstöd: nej" in card.answer


def test_the_asker_s_workplace_and_the_person_s_home_do_not_hide_the_municipality_asked_about(kb):
    question = ("Jag arbetar i Avesta. En 24-åring som är folkbokförd i Stockholm varken jobbar "
                "eller studerar och AF har inte kunnat erbjuda något. Kan hen få insats på "
                "Jobbtorg i Stockholm?")
    card = scenario_card(kb, question, "avesta", "sv")
    assert card is not None and card.org == "stockholm"
    assert "folkbokförd i kommunen: ja" in card.answer
    moved = ("En 24-åring har folkbokfört sig i Danderyd. Kan hen få insats på Jobbtorg i "
             "Stockholm?")
    card = scenario_card(kb, moved, "stockholm", "sv")
    assert card is not None and card.org == "stockholm" and card.answer.startswith("Nej")
    assert "folkbokförd i Stockholms stad" in card.answer


def test_two_municipalities_compared_are_still_no_scenario(kb):
    assert scenario_card(kb, "Kan en 24-åring få insats i både Stockholm och Danderyd?",
                         "stockholm", "sv") is None


def test_a_compound_of_pack_words_is_no_client_name(kb):
    card = scenario_card(kb, "Kan en 25-årig kvinna få Jobbtorgsinsats?", "stockholm", "sv")
    assert card is not None
    assert scenario_card(kb, "Kan Fatima, 25 år, få insats?", "stockholm", "sv") is None


def test_a_job_seeker_nobody_referred_is_told_she_contacts_ami_herself(kb):
    card = scenario_card(kb, "En arbetslös kvinna på 45 år vill ha hjälp av AMI. Kan hon ta "
                             "kontakt själv?", "bjurholm", "sv")
    assert card is not None and card.org == "bjurholm"
    assert "Arbetssökande kontaktar själv AMI" in card.answer
    assert "Ingång för individen" in card.section
    facts = read_scenario("en 40-åring som ingen har hänvisat, kan hen få stöd?", "sv", "bjurholm")
    assert facts is not None and facts.get("referred_by") == "self"


def test_what_do_we_do_when_she_needs_other_help_from_social_services_comes_first(kb):
    card = scenario_card(kb, "En 25-åring som söker insatsen behöver också stöd från "
                             "socialtjänsten med ekonomin. Hur gör vi då?", "stockholm", "sv")
    assert card is not None
    lines = card.answer.splitlines()
    assert lines[1] == ("• Behöver personen annat stöd från socialtjänsten hänvisas hen till "
                        "stadsdelsförvaltningens socialtjänst och får stöd att etablera kontakt "
                        "där.")
    facts = read_scenario("hen behöver hjälp med boende från soc, kan hen få insatsen?", "sv",
                          "stockholm")
    assert facts is not None and facts.get("needs_other_social_support") is True
