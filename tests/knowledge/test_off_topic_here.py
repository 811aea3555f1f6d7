"""A word off topic in general ("fotboll") is on topic where the guideline names it (issue 16)."""

from __future__ import annotations


def test_staff_asking_for_help_with_a_childs_football_fee_get_the_leisure_entry(kb):
    reply = kb.ask("kan vi få pengar till barnens fotboll, avgiften kostar en del", "bjurholm")
    assert not reply.abstained
    assert reply.cards[0].entry_id == "bjurholm.fritid.kostnad"


def test_football_alone_or_elsewhere_stays_off_topic(kb):
    assert kb.ask("fotboll", "bjurholm").abstained
    assert kb.ask("vad tycker du om fotboll", "ragunda").abstained
