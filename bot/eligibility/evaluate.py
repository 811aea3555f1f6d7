"""evaluate(org, facts) -> Verdict: one pure function applies a municipality's rules to facts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.bilingual import Text
from bot.eligibility.schema import Condition, Group, Rule, RuleSet, bundled

ELIGIBLE, NOT_ELIGIBLE, OTHER_DECIDES, NEEDS_MORE = (
    "eligible", "not_eligible", "other_decides", "needs_more")


@dataclass(frozen=True)
class Facts:
    """Fact values by name (see rules/facts.yaml); `assumed` names those inferred, not stated.

    A list fact that is assumed ("missbruk" read as the target group) may name only some of the
    person's values, so a one-of test it does not meet is unknown rather than failed.
    """

    values: Mapping[str, object] = field(default_factory=dict)
    assumed: frozenset[str] = frozenset()

    def get(self, name: str) -> object:
        return self.values.get(name)


@dataclass(frozen=True)
class Verdict:
    """What the rules say about a person, and why.

    outcome: eligible | not_eligible | other_decides | needs_more.
    decisive: the rules that decided it (failed ones; for eligible, the criteria that held;
        for needs_more, the criteria still open).
    failed: every criterion that failed (a needs_more verdict may have some: one group ruled out).
    notes: note rules that apply (priority, individual assessment, who owns the case).
    group: the target group the person is eligible through, where the rules have groups.
    assumed: facts the verdict rests on that were inferred rather than stated.
    held: for needs_more, the criteria that held.
    needed: facts still needed for a verdict, in rule order.
    fits: for needs_more, the one target group still open where another was ruled out or
        none was chosen, and where a criterion of its own held: the group the stated facts fit.
    """

    org: str
    outcome: str
    decisive: tuple[Rule, ...]
    failed: tuple[Rule, ...]
    notes: tuple[Rule, ...]
    decided_by: Text | None
    group: Group | None
    assumed: tuple[str, ...]
    needed: tuple[str, ...]
    fits: Group | None = None
    held: tuple[Rule, ...] = ()

    @property
    def citations(self) -> tuple[str, ...]:
        """The sections of the rules behind the verdict, each once, in order."""
        ruled_out = self.failed if self.outcome == NEEDS_MORE else ()
        rules = self.decisive
        if self.fits is not None:
            # The group the facts fit leads; the group ruled out comes last.
            own = tuple(r for r in self.held if self.fits.id in r.groups)
            return tuple(dict.fromkeys(r.citation.section
                                       for r in (*own, *rules, *self.notes, *ruled_out)))
        if self.group is not None:
            # A group's own heading lists all its criteria ("UVAS": folkbokförd, 19-29 år, ...).
            rules = tuple(r for r in rules if r.groups) or rules
        return tuple(dict.fromkeys(r.citation.section
                                   for r in (*ruled_out, *rules, *self.notes)))


def _test(cond: Condition, facts: Facts) -> bool | None:
    """Three-valued: True, False, or None where a fact it needs is unknown."""
    if cond.all is not None or cond.any is not None:
        results = [_test(c, facts) for c in (cond.all or cond.any or [])]
        decisive = False if cond.all is not None else True
        if decisive in results:
            return decisive
        return None if None in results else not decisive
    assert cond.fact is not None
    value = facts.get(cond.fact)
    if value is None:
        return None
    partial = cond.fact in facts.assumed
    if cond.count_at_least is not None:
        n = len(value) if isinstance(value, list | tuple | set | frozenset) else 1
        return True if n >= cond.count_at_least else (None if partial else False)
    if cond.one_of is not None:
        values = value if isinstance(value, list | tuple | set | frozenset) else [value]
        hit = any(v in cond.one_of for v in values)
        return True if hit else (None if partial and not isinstance(value, str) else False)
    if cond.equals is not None:
        return value == cond.equals
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    return ((cond.min is None or value >= cond.min) and (cond.max is None or value <= cond.max)
            and (cond.under is None or value < cond.under))


def _status(rule: Rule, facts: Facts) -> bool | None:
    """A rule's result; a criterion whose `when` is false (or not known to hold) does not bite,
    and a note whose `when` does not hold is not shown."""
    if rule.when is not None and _test(rule.when, facts) is not True:
        return rule.kind == "criterion"
    return True if rule.condition is None else _test(rule.condition, facts)


def _groups(rs: RuleSet, facts: Facts) -> list[Group | None]:
    chosen = facts.get("target_group")
    groups = [g for g in rs.groups if chosen in (None, g.id)]
    return list(groups) if groups else [None]


def _in_group(rule: Rule, group: Group | None) -> bool:
    return not rule.groups or group is None or group.id in rule.groups


def evaluate(org: str, facts: Facts | Mapping[str, object],
             rulesets: Mapping[str, RuleSet] | None = None) -> Verdict:
    """Apply a municipality's eligibility rules to what is known about a person.

    Args:
        org: the municipality (pack id) whose guideline applies.
        facts: fact values by name (rules/facts.yaml), or a Facts with the assumed ones named.
        rulesets: rules to use instead of the bundled ones (tests).

    Returns:
        The Verdict: other_decides when a rule hands the decision to someone else; else
        not_eligible when every target group fails a criterion; eligible when one group's
        criteria all hold; needs_more otherwise, with the facts still needed.

    Raises:
        KeyError: for a municipality without rules.
    """
    if not isinstance(facts, Facts):
        facts = Facts(dict(facts))
    rs = (rulesets if rulesets is not None else bundled()[1])[org]
    criteria = [r for r in rs.rules if r.kind == "criterion"]
    status = {r.id: _status(r, facts) for r in rs.rules}
    groups = _groups(rs, facts)
    live = [r for r in criteria if any(_in_group(r, g) for g in groups)]
    failed = tuple(r for r in live if status[r.id] is False)
    failed_ids = {r.id for r in failed}
    redirect = tuple(r for r in failed if r.on_fail == OTHER_DECIDES)
    per_group = {g.id if g else None: [r for r in live if _in_group(r, g)] for g in groups}
    fails = {k: [r for r in rules if status[r.id] is False] for k, rules in per_group.items()}
    open_groups = [g for g in groups if not fails[g.id if g else None]]
    # A list, not next(...): without target groups the one "group" is None.
    passed = [g for g in open_groups
              if all(status[r.id] is True for r in per_group[g.id if g else None])]
    winner: Group | None = None
    needed: tuple[str, ...] = ()
    if redirect:
        outcome, decisive = OTHER_DECIDES, redirect
    elif not open_groups:
        outcome, decisive = NOT_ELIGIBLE, failed
    elif passed:
        winner = passed[0]
        outcome, decisive = ELIGIBLE, tuple(per_group[winner.id if winner else None])
    else:
        unknown = [r for g in open_groups for r in per_group[g.id if g else None]
                   if status[r.id] is None]
        outcome, decisive = NEEDS_MORE, tuple({r.id: r for r in unknown}.values())
        needed = tuple(dict.fromkeys(f for r in unknown for f in _unknown_facts(r, facts)))
    live_groups = {g.id for g in open_groups if g} if outcome != NOT_ELIGIBLE else set()
    # Standing notes ("beredningsgruppen orders") go with every verdict but a refusal.
    notes = tuple(r for r in rs.rules if r.kind == "note" and status[r.id] is True
                  and (not r.groups or set(r.groups) & live_groups)
                  and (outcome in r.outcomes if r.outcomes
                       else r.condition is not None or outcome != NOT_ELIGIBLE))
    # A refusal rests on its failed rules; a yes, or a "so far so good", on every rule that held.
    basis = decisive if outcome in (NOT_ELIGIBLE, OTHER_DECIDES) else (
        *decisive, *(r for r in live if status[r.id] is True and r.id not in failed_ids))
    known = [r for r in (*basis, *notes) if status[r.id] is not None]
    assumed = tuple(dict.fromkeys(f for r in known for f in r.reads if f in facts.assumed))
    held: tuple[Rule, ...] = ()
    fits: Group | None = None
    if outcome == NEEDS_MORE:
        held = tuple(r for r in live if status[r.id] is True)
        own = [g for g in open_groups if g is not None
               and any(g.id in r.groups for r in held)]
        if len(own) == 1 and len(open_groups) == 1:
            fits = own[0]
    return Verdict(org, outcome, decisive, failed, notes,
                   redirect[0].decided_by if redirect else None, winner, assumed, needed,
                   fits, held)


def _unknown_facts(rule: Rule, facts: Facts) -> list[str]:
    conds = [c for c in (rule.when, rule.condition) if c]
    return [f for c in conds for f in c.facts() if facts.get(f) is None]
