"""Button data is parsed strictly: forged shapes are refused, never half-read."""

from __future__ import annotations

import pytest

from bot.callback_data import build, choice, integer, parse, token


def test_a_well_formed_button_is_read():
    assert parse("rev:42", "rev", integer) == (42,)
    assert parse("fb:0:17", "fb", choice("01"), integer) == ("0", 17)
    assert parse("kb:ragunda.orders.rate", "kb", token) == ("ragunda.orders.rate",)


@pytest.mark.parametrize("data", [
    "rev:٣", "rev:3٣", "rev:", "rev:-1", "rev:1.0", "rev:" + "9" * 40, "rev:42:1", "rv:42",
    "rev", None, "", "rev:42\n", "rev: 42", "x" * 65, "rev:４２",
])
def test_forged_or_broken_data_is_refused(data):
    assert parse(data, "rev", integer) is None


def test_a_value_outside_the_choices_is_refused():
    assert parse("lang:de", "lang", choice(["sv", "en"])) is None
    assert parse("kb:Ragunda.X", "kb", token) is None


def test_building_refuses_what_telegram_would_reject():
    assert build("rev", 42) == "rev:42"
    with pytest.raises(ValueError):
        build("kb", "x" * 70)
    with pytest.raises(ValueError):
        build("kb", "å")
