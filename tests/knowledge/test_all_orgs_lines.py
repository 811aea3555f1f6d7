"""An all-municipality reply gives each municipality's fact: a top entry that opens with "the
guideline does not state …" yields its line to a nearly-as-close entry that states something."""

from __future__ import annotations


def test_a_municipality_stating_its_staffing_gets_that_line_not_its_gap_entry(kb):
    reply = kb.ask("hur många årsarbetare har varje kommun", "bjurholm", "sv")
    by_org = {c.org: c.entry_id for c in reply.cards}
    assert by_org["avesta"] == "avesta.finansiering.bemanning"
    line = next(line for line in reply.per_org_lines if line.org == "avesta")
    assert "2,75 tjänster" in line.fact


def test_a_gap_entry_with_nothing_close_keeps_its_honest_line(kb):
    reply = kb.ask("hur många årsarbetare har varje kommun", "bjurholm", "sv")
    by_org = {c.org: c.entry_id for c in reply.cards}
    # Ragunda's guideline states no staffing; its line says so rather than another fact.
    assert by_org["ragunda"] == "ragunda.enheten.organisation"


def test_which_guidelines_mention_a_term_lists_an_entry_that_states_it_over_a_gap_entry(kb):
    reply = kb.ask("Vilka riktlinjer tar upp OSA?", "danderyd", "sv")
    by_org = {c.org: c for c in reply.cards}
    # Avesta's entry that lists OSA among its measures, not the one opening "förklarar dem inte".
    assert by_org["avesta"].entry_id == "avesta.insatser"
    assert "OSA" in by_org["avesta"].answer
