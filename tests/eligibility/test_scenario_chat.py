"""A staff member types a scenario question in the chat and gets the rules applied, cited."""

from __future__ import annotations

from tests.helpers.chat import texts


async def test_a_scenario_question_in_the_chat_gets_the_verdict_and_its_source(make_staff):
    staff = await make_staff(org="stockholm")
    text = texts(await staff.say("kan en 45 arig man fa insats pa jobbtorg?"))
    assert "Kan personen beviljas insats på Jobbtorg?" in text
    assert "Nej, enligt riktlinjen uppfyller personen inte kriterierna" in text
    assert "UVAS gäller unga 19–29 år." in text
    assert "Källa: Riktlinje Jobbtorg Stockholm, UVAS · Kvinnor med svag ställning" in text


async def test_a_scenario_about_danderyd_asked_from_stockholm_says_whose_rules(make_staff):
    staff = await make_staff(org="stockholm")
    text = texts(await staff.say("I Danderyd: hen har missbruk och har varit stabil i två "
                                 "månader, kan hen remitteras till arbetscoach?"))
    assert "Danderyd" in text
    assert "minst tre månader" in text


async def test_a_verdict_offers_no_source_button_that_would_expire(make_staff):
    from tests.helpers.chat import button_labels

    staff = await make_staff(org="stockholm")
    reply = (await staff.say("kan en 45 arig man fa insats pa jobbtorg?"))[-1]
    labels = button_labels(reply)
    assert "👍" in labels and not any("Källa" in label for label in labels)
    assert "tack" in texts(await staff.press("👍")).lower()
