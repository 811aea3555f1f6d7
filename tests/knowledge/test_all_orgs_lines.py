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
