"""The shape of a form file (bot/forms/defs/<org>.<name>.yaml), validated with pydantic at load.

A form is data: its steps, their kinds and bounds, conditions on earlier answers, where a rule
comes from (cite), and the options that end it. The engine (engine.py) walks a Form; nothing here
knows about Telegram.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, model_validator

from bot.bilingual import Strict, Text

STEP_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
FORM_ID_RE = re.compile(r"^[a-z]+\.[a-z0-9_]+$")
STEP_KINDS = ("choice", "yesno", "number", "date", "text", "reference")


class FormsError(ValueError):
    """A form file that does not validate; the message names the file, form and step."""


class Cite(Strict):
    """Where a rule comes from: a guideline document (seed id) and its section."""

    doc: str = Field(min_length=1)
    section: str = Field(min_length=1)


class End(Strict):
    """What choosing an option does when it ends the form."""

    outcome: Literal["not_eligible", "other_decides", "redirect", "info"]
    message: Text
    cite: Cite | None = None
    start_form: str | None = None

    @model_validator(mode="after")
    def _redirect_only(self) -> End:
        if self.start_form is not None and self.outcome != "redirect":
            raise ValueError("start_form goes with outcome: redirect only")
        return self


class Option(Strict):
    """One choice of a choice step."""

    value: str = Field(pattern=r"^[a-z0-9_]+$")
    label: Text
    note: Text | None = None
    cite: Cite | None = None
    end: End | None = None
    # Eligibility facts this choice states besides the step's own (e.g. the target group
    # "kvinnor" states gender: female).
    sets: dict[str, bool | str | float] = Field(default_factory=dict)


class Step(Strict):
    """One question of a form."""

    id: str
    kind: Literal["choice", "yesno", "number", "date", "text", "reference"]
    prompt: Text
    options: list[Option] = Field(default_factory=list)
    when: dict[str, list[str]] | None = None
    fact: str | None = None
    min: float | None = None
    max: float | None = None
    whole: bool = False  # a number step that takes whole numbers only (ages, days, kilometres)
    min_days: int | None = None
    max_days: int | None = None
    max_length: int | None = Field(default=None, ge=1, le=500)
    pattern: str | None = None
    optional: bool = False
    cite: Cite | None = None
    help: Text | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Step:
        if not STEP_ID_RE.match(self.id):
            raise ValueError(f"step id {self.id!r} is not lower_snake_case")
        if (self.kind == "choice") != bool(self.options):
            raise ValueError("a choice step (only) lists options")
        if len({o.value for o in self.options}) != len(self.options):
            raise ValueError("option values repeat")
        if self.whole and self.kind != "number":
            raise ValueError("only a number step can ask for a whole number")
        if (self.min is not None or self.max is not None) and self.kind != "number":
            raise ValueError("min/max go with kind: number")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min is above max")
        if (self.min_days is not None or self.max_days is not None) and self.kind != "date":
            raise ValueError("min_days/max_days go with kind: date")
        if self.max_length is not None and self.kind not in ("text", "reference"):
            raise ValueError("max_length goes with kind: text or reference")
        if self.pattern is not None:
            if self.kind != "reference":
                raise ValueError("pattern goes with kind: reference")
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"pattern does not compile: {exc}") from None
        return self

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


GENERIC_OUTCOMES = ("arbete", "studier", "annan_insats", "avbrott", "annat")


class CaseSpec(Strict):
    """How a saved intake becomes a case (bot/cases): owners by route, the decision's length
    and the closing outcomes (locales keys case.role.<key> and case.outcome.<value>)."""

    owner_by_route: dict[str, str] = Field(default_factory=dict)
    owner: str | None = None  # the role that owns the case when no route decides it
    decision_months: int | None = Field(default=None, ge=1, le=36)
    outcomes: list[str] = Field(default_factory=lambda: list(GENERIC_OUTCOMES), min_length=1)


class Form(Strict):
    """One form: who it is for (org), what saves it (purpose) and its steps in order."""

    id: str
    org: str
    purpose: Literal["intake", "order", "agreement", "order_complete", "info"]
    version: int = Field(ge=1)
    # The chat command that starts it; None for a form begun from a button (an order's "Utförd").
    command: str | None = Field(default=None, pattern=r"^[a-z]+$")
    title: Text
    cite: Cite | None = None
    eligibility: bool = False
    case: CaseSpec | None = None
    steps: list[Step] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Form:
        if not FORM_ID_RE.match(self.id) or not self.id.startswith(self.org + "."):
            raise ValueError(f"form id {self.id!r} is not like {self.org}.name")
        seen: set[str] = set()
        for step in self.steps:
            if step.id in seen:
                raise ValueError(f"step {step.id}: id repeated")
            for name, values in (step.when or {}).items():
                earlier = next((s for s in self.steps if s.id == name), None)
                if name not in seen or earlier is None:
                    raise ValueError(f"step {step.id}: when names {name!r}, not an earlier step")
                allowed = ({o.value for o in earlier.options} if earlier.kind == "choice"
                           else {"yes", "no"} if earlier.kind == "yesno" else None)
                if allowed is None or set(values) - allowed:
                    raise ValueError(f"step {step.id}: when {name} lists values it cannot take")
            seen.add(step.id)
        return self

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)
