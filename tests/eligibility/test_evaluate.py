"""evaluate(): every criterion at its boundaries, who decides instead, what is still needed."""

from __future__ import annotations

import pytest

from bot.eligibility import Facts, evaluate

UVAS = dict(registered_in_municipality=True, forsorjningsstod=False, social_services_contact=False,
            without_work_or_studies=True, needs_coaching_support=True,
            af_could_not_offer_measure=True)
WOMEN = dict(UVAS, gender="female", education_compulsory_at_most=True, weak_swedish=True,
             outside_labour_market=True)
DANDERYD = dict(resident=True, social_services_contact=True, target_groups=["missbruk"],
                work_ability_assessed=True, addiction=True, stability_months=6)


@pytest.mark.parametrize(("age", "outcome"), [(18, "not_eligible"), (19, "eligible"),
                                              (29, "eligible"), (30, "not_eligible")])
def test_stockholm_uvas_is_19_to_29(age, outcome):
    v = evaluate("stockholm", dict(UVAS, age=age, gender="male"))
    assert v.outcome == outcome
    if outcome == "eligible":
        assert v.group and v.group.id == "uvas"
    else:
        assert "stockholm.uvas.age" in {r.id for r in v.decisive}


@pytest.mark.parametrize(("age", "group"), [(19, "uvas"), (29, "uvas"), (30, "kvinnor_svag_stallning"),
                                            (64, "kvinnor_svag_stallning"), (65, None)])
def test_stockholm_women_are_30_to_64(age, group):
    v = evaluate("stockholm", dict(WOMEN, age=age))
    assert (v.group.id if v.group else None) == group
    assert v.outcome == ("eligible" if group else "not_eligible")


def test_a_yes_in_stockholm_says_the_decision_is_for_six_months():
    yes = evaluate("stockholm", dict(UVAS, age=25))
    assert "stockholm.six_months" in {r.id for r in yes.notes}
    no = evaluate("stockholm", dict(UVAS, age=35, gender="male"))
    assert "stockholm.six_months" not in {r.id for r in no.notes}


def test_a_man_of_45_fits_neither_group_and_both_reasons_are_cited():
    v = evaluate("stockholm", {"age": 45, "gender": "male"})
    assert v.outcome == "not_eligible"
    assert {r.id for r in v.decisive} == {"stockholm.uvas.age", "stockholm.kvinnor.gender"}
    assert v.citations == ("UVAS", "Kvinnor med svag ställning på arbetsmarknaden")


@pytest.mark.parametrize("fact", ["forsorjningsstod", "social_services_contact"])
def test_stockholm_income_support_or_district_contact_hands_the_decision_to_the_district(fact):
    v = evaluate("stockholm", dict(UVAS, age=25, **{fact: True}))
    assert v.outcome == "other_decides"
    assert v.decided_by and v.decided_by.sv == "stadsdelsförvaltningen"
    assert v.citations == ("Förutsättningar som gäller för båda målgrupperna",)


def test_stockholm_unknown_criteria_are_listed_as_needed():
    v = evaluate("stockholm", {"age": 25})
    assert v.outcome == "needs_more"
    assert "registered_in_municipality" in v.needed and "forsorjningsstod" in v.needed
    assert "gender" not in v.needed  # UVAS is open whatever the gender
    assert [r.id for r in v.failed] == ["stockholm.kvinnor.age"]


def test_a_target_group_named_by_a_form_limits_the_check_to_it():
    v = evaluate("stockholm", dict(WOMEN, age=25, target_group="kvinnor_svag_stallning"))
    assert v.outcome == "not_eligible"
    assert [r.id for r in v.decisive] == ["stockholm.kvinnor.age"]


@pytest.mark.parametrize(("months", "outcome"), [(2, "not_eligible"), (2.9, "not_eligible"),
                                                 (3, "eligible"), (12, "eligible")])
def test_danderyd_needs_three_months_of_documented_stability(months, outcome):
    v = evaluate("danderyd", dict(DANDERYD, stability_months=months))
    assert v.outcome == outcome
    if outcome == "not_eligible":
        assert [r.id for r in v.decisive] == ["danderyd.stability"]


def test_danderyd_stability_is_asked_only_with_known_problems():
    facts = dict(DANDERYD, addiction=False, target_groups=["forsorjningsstod"])
    del facts["stability_months"]
    assert evaluate("danderyd", facts).outcome == "eligible"
    facts["psychiatric_problems"] = True
    v = evaluate("danderyd", facts)
    assert v.outcome == "needs_more" and v.needed == ("stability_months",)


@pytest.mark.parametrize(("age", "priority"), [(18, True), (28, True), (29, False), (45, False)])
def test_danderyd_gives_priority_to_under_29(age, priority):
    v = evaluate("danderyd", dict(DANDERYD, age=age))
    assert v.outcome == "eligible"
    assert ("danderyd.priority" in {r.id for r in v.notes}) is priority


def test_priority_is_no_comfort_in_a_refusal():
    v = evaluate("danderyd", dict(DANDERYD, age=24, work_ability_assessed=False))
    assert v.outcome == "not_eligible" and not v.notes


@pytest.mark.parametrize(("fact", "value", "rule"), [
    ("resident", False, "danderyd.resident"),
    ("social_services_contact", False, "danderyd.social_services"),
    ("work_ability_assessed", False, "danderyd.work_ability"),
    ("target_groups", ["arbetssokande"], "danderyd.target_group"),
])
def test_danderyd_each_criterion_rules_out(fact, value, rule):
    v = evaluate("danderyd", dict(DANDERYD, **{fact: value}))
    assert v.outcome == "not_eligible" and [r.id for r in v.decisive] == [rule]


def test_several_target_groups_mean_an_individual_assessment():
    v = evaluate("danderyd", dict(DANDERYD, target_groups=["missbruk", "forsorjningsstod"]))
    assert "danderyd.several_groups" in {r.id for r in v.notes}


def test_an_assumed_partial_list_is_not_a_refusal():
    """A reader that saw "arbetssökande" has not seen every group the person is in."""
    facts = dict(DANDERYD, target_groups=["arbetssokande"])
    assert evaluate("danderyd", facts).outcome == "not_eligible"
    v = evaluate("danderyd", Facts(facts, frozenset({"target_groups"})))
    assert v.outcome == "needs_more" and v.needed == ()


def test_assumed_facts_the_verdict_rests_on_are_named():
    v = evaluate("danderyd", Facts(dict(DANDERYD, stability_months=1.4),
                                   frozenset({"stability_months"})))
    assert v.outcome == "not_eligible" and v.assumed == ("stability_months",)


@pytest.mark.parametrize(("who", "outcome", "note"), [
    ("arbetsformedlingen", "eligible", "ragunda.route_af"), ("star", "eligible", "ragunda.route_star"),
    ("ifo", "eligible", "ragunda.route_ifo"), ("self", "not_eligible", "ragunda.praktik_own")])
def test_ragunda_requires_a_partner_to_refer(who, outcome, note):
    v = evaluate("ragunda", {"referred_by": who})
    assert v.outcome == outcome and note in {r.id for r in v.notes}


def test_avesta_requires_coordinated_support_and_names_the_orderer():
    ok = evaluate("avesta", {"needs_coordinated_support": True,
                             "target_groups": ["kommunalt_uppfoljningsansvar"]})
    assert ok.outcome == "eligible" and "avesta.orderer" in {r.id for r in ok.notes}
    no = evaluate("avesta", {"needs_coordinated_support": False})
    assert no.outcome == "not_eligible" and no.citations == ("Uppdrag:",)


def test_bjurholm_states_target_groups_and_the_addiction_route():
    v = evaluate("bjurholm", {"target_groups": ["arbetssokande"], "addiction": True})
    assert v.outcome == "eligible"
    assert {r.id for r in v.notes} == {"bjurholm.own_contact", "bjurholm.addiction"}


def test_nothing_known_is_needs_more_everywhere():
    for org in ("ragunda", "bjurholm", "avesta", "danderyd", "stockholm"):
        v = evaluate(org, {})
        assert v.outcome == "needs_more" and v.needed


def test_an_unknown_municipality_is_a_key_error():
    with pytest.raises(KeyError):
        evaluate("umea", {})
