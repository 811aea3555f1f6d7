"""read_scenario: the facts a staff member's scenario question states about a person.

A scenario is a question about a concrete person ("en 45-årig man", "hen", "a woman aged 52")
with can/may/eligible wording, about access to a measure. Anything else is None, and goes to
the ordinary search. Facts the wording only implies are returned as assumed, so the answer can
say what it took for granted. Nothing here identifies anyone: ages and circumstances only.
"""

from __future__ import annotations

import re
from typing import Protocol

from bot.eligibility import patterns as p
from bot.eligibility.evaluate import Facts
from bot.knowledge.text import colloquial, fold, tokens


class Put(Protocol):
    """The reader's put(): records a fact once (the first reading wins), maybe as assumed."""

    def __call__(self, name: str, value: object, guessed: bool = False) -> None: ...


WEEKS_PER_MONTH = 30.44 / 7
_LOCAL_PLACES = ("stan", "staden", "kommunen", "har", "var kommun")


def _text(question: str) -> str:
    return " " + " ".join(fold(w) for w in colloquial(tokens(question))) + " "


def is_scenario(question: str) -> bool:
    """Whether a question asks about a concrete person's access to a measure."""
    text = _text(question)
    return _is_scenario(text)


def is_specific(question: str) -> bool:
    """Whether the person is one the asker has in mind (an age, or "hen"/"she"), rather than
    "en arbetslös" in a question about the rule for everyone."""
    text = _text(question)
    return _age(text) is not None or bool(p.PRONOUN.search(text))


def _is_scenario(text: str) -> bool:
    return bool(p.PERSON.search(text) and p.CAN.search(text) and p.ABOUT_ACCESS.search(text)
                and not p.OTHER_TOPIC.search(text))


def _stated(pattern: re.Pattern[str], text: str) -> bool | None:
    """True where the pattern occurs un-negated, False where only negated, else None."""
    found = None
    for m in pattern.finditer(text):
        if p.NEGATION.search(text[: m.start()]):
            found = False if found is None else found
        else:
            return True
    return found


def _age(text: str) -> int | None:
    for pattern in p.AGE:
        for m in pattern.finditer(text):
            age = int(m.group(1))
            if 15 <= age <= 110:
                return age
    return None


def _gender(text: str) -> str | None:
    female, male = bool(p.FEMALE.search(text)), bool(p.MALE.search(text))
    return "female" if female and not male else "male" if male and not female else None


def _months(text: str) -> tuple[float, bool] | None:
    """Months of stability near a stability word; (months, assumed) where weeks were converted."""
    stable = [m.start() for m in p.STABLE.finditer(text)]
    if not stable:
        return None
    spans = []
    for m in p.DURATION.finditer(text):
        n = m.group(1)
        count = int(n) if n.isdigit() else p.NUMBER_WORDS[n]
        unit = m.group(2)
        if unit.startswith(("v", "w")):
            months, assumed = round(count / WEEKS_PER_MONTH, 1), True
        elif unit in ("ar", "year", "years"):
            if count > 5:  # "45 år" is an age, not a time sober
                continue
            months, assumed = count * 12.0, False
        else:
            months, assumed = float(count), False
        spans.append((m.start(), months, assumed))
    spans += [(m.start(), 6.0, False) for m in p.HALF_YEAR.finditer(text)]
    near = [(min(abs(s - at) for at in stable), months, assumed) for s, months, assumed in spans]
    near = [n for n in near if n[0] <= 40]
    if not near:
        return None
    _, months, assumed = min(near)
    return months, assumed


def _place(question: str, org: str | None) -> dict[str, bool]:
    """registered_in_municipality / resident from "folkbokförd i X", "bor i X"."""
    out: dict[str, bool] = {}
    for m in p.PLACE.finditer(question):
        verb, place = fold(m.group(1).lower()).split()[0], fold(m.group(2).lower())
        verb = "folkbokford" if verb.startswith("folkbokfor") else verb
        if place in ("en annan kommun", "another municipality"):
            inside = False
        elif place in _LOCAL_PLACES:
            inside = org is not None
        elif org is None:
            continue
        else:
            inside = place in (org, org + "s")
        fact = "registered_in_municipality" if verb in (
            "folkbokford", "skriven", "mantalsskriven", "registered") else "resident"
        out.setdefault(fact, inside)
    return out


def read_scenario(question: str, lang: str = "sv", org: str | None = None) -> Facts | None:
    """The facts a scenario question states, or None when it is no scenario.

    Args:
        question: as typed (Swedish or English, with or without å/ä/ö).
        lang: the user's language; both languages' wordings are read whatever it is.
        org: the municipality the question is about, to read "folkbokförd i stan" or
            "bosatt i Täby" against; without it, places are not read.

    Returns:
        Facts (possibly empty) with the inferred ones named in `assumed`, or None.
    """
    del lang  # staff mix languages; the patterns cover both
    text = _text(question)
    if not _is_scenario(text):
        return None
    values: dict[str, object] = {}
    assumed: set[str] = set()

    def put(name: str, value: object, guessed: bool = False) -> None:
        if value is not None and name not in values:
            values[name] = value
            if guessed:
                assumed.add(name)

    put("age", _age(text))
    put("gender", _gender(text))
    for fact, inside in _place(question, org).items():
        put(fact, inside)
    # "bor i" is not "folkbokförd i", nor the other way round: each stands in, assumed.
    if "resident" in values:
        put("registered_in_municipality", values["resident"], guessed=True)
    if "registered_in_municipality" in values:
        put("resident", values["registered_in_municipality"], guessed=True)
    put("forsorjningsstod", _stated(p.INCOME_SUPPORT, text))
    put("social_services_contact", _stated(p.SOCIAL_SERVICES, text))
    if values.get("social_services_contact") is False:
        # Försörjningsstöd is granted and followed up by social services: no contact with them
        # means none (the other way round does not hold: no income support, yet a contact).
        put("forsorjningsstod", False, guessed=True)
    addiction = _stated(p.ADDICTION, text)
    if addiction is None and p.SOBER.search(text):
        addiction = True  # "nykter i sex veckor" speaks of an addiction
    put("addiction", addiction)
    put("psychiatric_problems", _stated(p.PSYCHIATRIC, text))
    months = _months(text)
    if months:
        put("stability_months", months[0], guessed=months[1])
    _work_and_education(text, put)
    _referral(text, put)
    groups = _target_groups(text, values)
    if groups:
        put("target_groups", groups, guessed=True)
    return Facts(values, frozenset(assumed))


# Facts a question states one way or the other: (fact, pattern, value it states, guessed?),
# tried in order; the first pattern that matches decides the fact.
_STATED: tuple[tuple[str, tuple[tuple[re.Pattern[str], bool, bool], ...]], ...] = (
    ("without_work_or_studies", ((p.NO_WORK_STATED, True, False), (p.HAS_WORK, False, False),
                                 (p.NO_WORK_LOOSE, True, True))),
    ("needs_coaching_support", ((p.COACHING, True, False),)),
    ("af_could_not_offer_measure", ((p.AF_NOTHING, True, False), (p.AF_OFFERED, False, False))),
    ("education_compulsory_at_most", ((p.SHORT_EDUCATION, True, False),
                                      (p.LONG_EDUCATION, False, False))),
    ("weak_swedish", ((p.WEAK_SWEDISH, True, False), (p.GOOD_SWEDISH, False, False))),
    ("outside_labour_market", ((p.OUTSIDE_STATED, True, False), (p.OUTSIDE_LOOSE, True, True))),
    ("work_ability_assessed", ((p.ABILITY_NOT, False, False), (p.ABILITY, True, False))),
    ("needs_coordinated_support", ((p.ORDINARY_ENOUGH, False, False),
                                   (p.COORDINATED, True, False))),
    ("needs_other_social_support", ((p.OTHER_SOCIAL_SUPPORT, True, False),)),
)


def _work_and_education(text: str, put: Put) -> None:
    for fact, ways in _STATED:
        for pattern, value, guessed in ways:
            if pattern.search(text):
                put(fact, value, guessed=guessed)
                break


def _referral(text: str, put: Put) -> None:
    if p.SELF_REFERRED.search(text):
        put("referred_by", "self")
        return
    for who, pattern in p.REFERRED.items():
        if pattern.search(text):
            put("referred_by", who)
            return


def _target_groups(text: str, values: dict[str, object]) -> list[str]:
    """The target groups the wording points to; always assumed (the contact a group also
    requires, e.g. with a social secretary in that area, is not checked)."""
    groups = [g for g, pattern in p.GROUP_WORDS.items() if pattern.search(text)]
    if values.get("forsorjningsstod") is True:
        if p.STUDENT.search(text) and p.HOLIDAY.search(text):
            groups.append("vuxenstuderande_ferie")
        elif p.YOUNG_IN_HOUSEHOLD.search(text):
            groups.append("ungdom_hushall")
        else:
            groups.append("forsorjningsstod")
    if values.get("addiction") is True:
        groups.append("missbruk")
    if values.get("psychiatric_problems") is True:
        groups.append("psykisk_funktionsvariation")
    if "arbetssokande_af" in groups and "arbetssokande" not in groups:
        groups.append("arbetssokande")
    return list(dict.fromkeys(groups))

