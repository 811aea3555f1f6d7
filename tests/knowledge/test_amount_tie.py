"""An amount answers an amount question only when it is the amount of the thing asked about."""

from __future__ import annotations

from bot.knowledge.facts import lacks_asked_fact
from bot.knowledge.text import stem

CAR = ("Ersättning för resor med egen bil beslutas av Arbetsförmedlingen. "
       "För egenavgiften på 300 kronor gäller särskilda regler.")


def test_an_amount_of_another_thing_is_no_answer_to_what_the_question_asks():
    assert lacks_asked_fact("Hur mycket ersättning får deltagaren för resor med egen bil?", CAR,
                            stem) == "missing"


def test_the_amount_of_the_thing_asked_about_answers():
    assert lacks_asked_fact("Hur stor är egenavgiften?", CAR, stem) is None
    stated = CAR + " Ersättningen för egen bil är 18 kronor per mil."
    assert lacks_asked_fact("Hur mycket ersättning får deltagaren för resor med egen bil?",
                            stated, stem) is None


def test_an_answer_that_never_names_the_thing_keeps_its_amount():
    # "what does it cost" names nothing but the amount; an English question shares no word with
    # a Swedish answer: neither can tell the amount is another thing's.
    assert lacks_asked_fact("Vad kostar det?", "Det kostar 200 kronor i timmen.", stem) is None
    assert lacks_asked_fact("How much is the fee for the bus pass?",
                            "Busskortet kostar 600 kronor.", stem) is None


def test_a_bus_card_entry_does_not_answer_the_cost_of_driving_ones_own_car(kb):
    reply = kb.ask("Hur stor ersättning får man när man kör egen bil till praktiken i stället "
                   "för att åka buss?", "bjurholm", "sv")
    assert reply.abstained
    assert "bjurholm.busskort.ersattning" in [entry for entry, _ in reply.nearest]
