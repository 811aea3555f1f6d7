"""`whole: true` on a number step: only whole numbers pass, and only a number step may ask."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.bilingual import Text
from bot.forms.loader import bundled
from bot.forms.schema import Step

PROMPT = Text(sv="Hur många?", en="How many?")


def test_only_a_number_step_can_ask_for_a_whole_number():
    with pytest.raises(ValidationError, match="whole number"):
        Step(id="ref", kind="text", prompt=PROMPT, whole=True)
    assert Step(id="age", kind="number", prompt=PROMPT, whole=True).whole


def test_ages_days_and_kilometres_are_whole_numbers_in_every_form():
    forms = bundled()
    wanted = {("stockholm.aktualisering", "age"), ("danderyd.aktualisering", "age"),
              ("ragunda.bestallning", "days"), ("ragunda.bestallning", "est_km"),
              ("ragunda.utford", "actual_km")}
    whole = {(f.id, s.id) for f in forms.values() for s in f.steps if s.whole}
    assert whole == wanted
