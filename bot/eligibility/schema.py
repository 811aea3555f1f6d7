"""The shape of the eligibility rules (rules/*.yaml), validated with pydantic when loaded."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import Field, ValidationError, model_validator

from bot.bilingual import Strict, Text, where_invalid

RULES_DIR = Path(__file__).resolve().parent / "rules"
FACTS_FILE = "facts.yaml"
ID_RE = re.compile(r"^[a-z]+(\.[a-z0-9_]+)+$")


class RulesError(ValueError):
    """A rules file that does not validate; the message names the file and the rule."""


class FactDef(Strict):
    """One fact a rule may read (rules/facts.yaml)."""

    type: Literal["number", "bool", "text", "list"]
    label: Text
    values: dict[str, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _values_for_choices(self) -> FactDef:
        if (self.type in ("text", "list")) != bool(self.values):
            raise ValueError("text and list facts (only) name their values")
        return self


class Condition(Strict):
    """A test of one fact (bounds, equals, one-of, a count), or all/any of other conditions."""

    fact: str | None = None
    min: float | None = None  # inclusive
    max: float | None = None  # inclusive
    under: float | None = None  # exclusive upper bound ("under 29 år")
    equals: bool | str | None = None
    one_of: list[str] | None = None
    count_at_least: int | None = None  # a list fact holds at least this many values
    all: list[Condition] | None = None
    any: list[Condition] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Condition:
        tests = [self.min is not None or self.max is not None or self.under is not None,
                 self.equals is not None, self.one_of is not None,
                 self.count_at_least is not None]
        if self.all is not None or self.any is not None:
            if self.fact or any(tests) or (self.all is not None and self.any is not None):
                raise ValueError("all/any stands alone")
            return self
        if not self.fact or sum(tests) != 1:
            raise ValueError("a condition names one fact and exactly one test")
        return self

    def facts(self) -> list[str]:
        if self.fact:
            return [self.fact]
        return [f for c in (self.all or self.any or []) for f in c.facts()]


class Citation(Strict):
    """Where a rule comes from: the section's heading line and a verbatim quote."""

    section: str = Field(min_length=1)
    quote: str = Field(min_length=8)


class Rule(Strict):
    """A criterion (it fails with an outcome) or a note (shown when its condition holds)."""

    id: str
    kind: Literal["criterion", "note"] = "criterion"
    groups: list[str] = Field(default_factory=list)  # empty: every target group
    reads: list[str]
    when: Condition | None = None  # the rule applies only when this holds
    condition: Condition | None = None  # a note without one is always shown
    on_fail: Literal["not_eligible", "other_decides"] | None = None
    decided_by: Text | None = None
    # A note without a condition goes with every verdict but a refusal; `outcomes` narrows it
    # ("granted for six months" only with a yes).
    outcomes: list[Literal["eligible", "not_eligible", "other_decides", "needs_more"]] = Field(
        default_factory=list)
    citation: Citation
    explain: Text

    @model_validator(mode="after")
    def _consistent(self) -> Rule:
        if not ID_RE.match(self.id):
            raise ValueError(f"id {self.id!r} is not like org.name")
        if self.kind == "criterion" and (self.condition is None or self.on_fail is None):
            raise ValueError("a criterion needs a condition and on_fail")
        if self.kind == "note" and (self.on_fail or self.decided_by):
            raise ValueError("a note has no on_fail or decided_by")
        if self.kind == "criterion" and self.outcomes:
            raise ValueError("only a note names the outcomes it goes with")
        if (self.on_fail == "other_decides") != (self.decided_by is not None):
            raise ValueError("decided_by goes with on_fail: other_decides, and only with it")
        used = {f for c in (self.when, self.condition) if c for f in c.facts()}
        if used != set(self.reads):
            raise ValueError(f"reads {sorted(self.reads)} but the conditions use {sorted(used)}")
        return self


class Group(Strict):
    """A target group: a person is eligible through any one group whose criteria all hold."""

    id: str
    name: Text


class Document(Strict):
    title: str = Field(min_length=3)
    short_title: str = Field(min_length=3)


class RuleSet(Strict):
    """One municipality's eligibility rules."""

    org: str
    title: Text
    document: Document
    groups: list[Group] = Field(default_factory=list)
    rules: list[Rule] = Field(min_length=1)


def _check(rs: RuleSet, facts: dict[str, FactDef], stem: str) -> None:
    if rs.org != stem:
        raise RulesError(f"{stem}.yaml: org {rs.org!r} differs from the file name")
    ids: set[str] = set()
    groups = {g.id for g in rs.groups}
    for rule in rs.rules:
        where = f"{stem}.yaml, rule {rule.id}"
        if rule.id in ids or not rule.id.startswith(rs.org + "."):
            raise RulesError(f"{where}: id repeated or not prefixed with {rs.org!r}")
        ids.add(rule.id)
        if set(rule.groups) - groups:
            raise RulesError(f"{where}: unknown group {sorted(set(rule.groups) - groups)}")
        for fact in rule.reads:
            if fact not in facts:
                raise RulesError(f"{where}: unknown fact {fact!r} (declare it in {FACTS_FILE})")
        for cond in (rule.when, rule.condition):
            for value in _values(cond):
                fact, v = value
                if facts[fact].type in ("text", "list") and v not in facts[fact].values:
                    raise RulesError(f"{where}: {fact} has no value {v!r}")


def _values(cond: Condition | None) -> list[tuple[str, str]]:
    if cond is None:
        return []
    if cond.fact:
        if isinstance(cond.equals, str):
            return [(cond.fact, cond.equals)]
        return [(cond.fact, v) for v in cond.one_of or []]
    return [v for c in (cond.all or cond.any or []) for v in _values(c)]


def _read(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as exc:
        raise RulesError(f"{path.name}: not valid YAML: {exc}") from None


def _validation_error(path: Path, data: object, exc: ValidationError) -> RulesError:
    """Name the file and, where the error sits inside a rule, that rule's id."""
    return RulesError(where_invalid(path.name, data, exc, "rules", "rule"))


def load_rules(directory: Path = RULES_DIR) -> tuple[dict[str, FactDef], dict[str, RuleSet]]:
    """Load and validate the fact definitions and every municipality's rules.

    Raises:
        RulesError: naming the file (and rule) that does not validate.
    """
    raw_facts = _read(directory / FACTS_FILE)
    if not isinstance(raw_facts, dict):
        raise RulesError(f"{FACTS_FILE}: expected a mapping of fact names")
    facts: dict[str, FactDef] = {}
    for name, body in raw_facts.items():
        try:
            facts[name] = FactDef.model_validate(body)
        except ValidationError as exc:
            raise RulesError(f"{FACTS_FILE}, fact {name}: {exc.errors()[0]['msg']}") from None
    sets: dict[str, RuleSet] = {}
    for path in sorted(directory.glob("*.yaml")):
        if path.name == FACTS_FILE:
            continue
        data = _read(path)
        try:
            rs = RuleSet.model_validate(data)
        except ValidationError as exc:
            raise _validation_error(path, data, exc) from None
        _check(rs, facts, path.stem)
        sets[rs.org] = rs
    return facts, sets


@cache
def bundled() -> tuple[dict[str, FactDef], dict[str, RuleSet]]:
    """The rules shipped with the bot, loaded once."""
    return load_rules()
