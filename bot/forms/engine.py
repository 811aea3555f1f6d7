"""The form engine: a pure function of (form, answers so far, input) -> next step or result.

No Telegram, no database. The handler renders a Step and passes the reply in; the terminal chat
and the tests do the same without Telegram. Answers map step id -> value: str for choice, yesno
("yes"/"no"), text and reference; int or float for number; ISO "YYYY-MM-DD" for date; "" for a
skipped optional step.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from bot.bilingual import Text
from bot.eligibility import evaluate
from bot.eligibility.evaluate import NOT_ELIGIBLE, OTHER_DECIDES, Verdict
from bot.eligibility.schema import bundled as bundled_rules
from bot.forms.schema import Cite, Form, Step
from bot.i18n import translator
from bot.privacy.personnummer import contains_identity_number

Answers = dict[str, object]

YES = frozenset({"yes", "ja", "j", "y", "1"})
NO = frozenset({"no", "nej", "n", "2"})
SKIP = frozenset({"-", "hoppa över", "skip"})
_NUMBER_RE = re.compile(r"^[+-]?\d+([.,]\d+)?$")
_DATE_FORMATS = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),
    re.compile(r"^(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4})$"),
    re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})$"),
)


@dataclass(frozen=True)
class Accepted:
    """The answer was taken; `next` is the next step (None: all asked, show the summary)."""

    answers: Answers
    next: Step | None
    note: Text | None


@dataclass(frozen=True)
class Rejected:
    """The answer was not taken; reason_key is a locales key, params fill it. Re-ask the step."""

    reason_key: str
    params: dict[str, object]


@dataclass(frozen=True)
class Ended:
    """The form ends here (ineligible, someone else decides, a redirect, info); nothing saved."""

    outcome: str
    message: Text | None
    cite: Cite | None
    start_form: str | None
    verdict: object | None


def applies(step: Step, answers: Mapping[str, object]) -> bool:
    """A step is asked when every earlier answer its `when` names is one of the listed values."""
    return all(answers.get(name) in values for name, values in (step.when or {}).items())


def _prune(form: Form, answers: Answers) -> Answers:
    """Drop answers to steps that no longer apply (an earlier answer was changed). Values
    the form does not ask for (preset when the draft began) are kept."""
    step_ids = {s.id for s in form.steps}
    kept: Answers = {k: v for k, v in answers.items() if k not in step_ids}
    for step in form.steps:
        if step.id in answers and applies(step, kept):
            kept[step.id] = answers[step.id]
    return kept


def next_step(form: Form, answers: Answers) -> Step | None:
    """The first step that applies and has no answer; None when all are asked (summary)."""
    for step in form.steps:
        if step.id not in answers and applies(step, answers):
            return step
    return None


def asked(form: Form, answers: Answers) -> list[Step]:
    """The steps answered so far that still apply, in form order."""
    return [s for s in form.steps if s.id in answers and applies(s, answers)]


def _parse_choice(step: Step, raw: str) -> str | Rejected:
    text = raw.strip()
    if step.option(text) is not None:
        return text
    if text.isdigit() and 1 <= int(text) <= len(step.options):
        return step.options[int(text) - 1].value
    lowered = text.casefold()
    for opt in step.options:
        if lowered in (opt.label.sv.casefold(), opt.label.en.casefold()):
            return opt.value
    return Rejected("form.err.choice", {"count": len(step.options)})


def _parse_yesno(raw: str) -> str | Rejected:
    text = raw.strip().casefold()
    if text in YES:
        return "yes"
    if text in NO:
        return "no"
    return Rejected("form.err.yesno", {})


def _parse_number(step: Step, raw: str) -> int | float | Rejected:
    text = raw.strip().replace(" ", "")
    if not _NUMBER_RE.match(text):
        return Rejected("form.err.number", {})
    value: int | float = float(text.replace(",", ".")) if re.search(r"[.,]", text) else int(text)
    if step.whole and not float(value).is_integer():
        return Rejected("form.err.whole", {})
    value = int(value) if step.whole else value
    if (step.min is not None and value < step.min) or (step.max is not None and value > step.max):
        return Rejected("form.err.range", {"min": _num(step.min), "max": _num(step.max)})
    return value


def _num(value: float | None) -> object:
    if value is None:
        return "–"
    return int(value) if float(value).is_integer() else value


def _parse_date(step: Step, raw: str, today: date) -> str | Rejected:
    text = raw.strip()
    for fmt in _DATE_FORMATS:
        m = fmt.match(text)
        if m is None:
            continue
        parts = m.groupdict()
        year = int(parts["y"]) if parts.get("y") else today.year
        try:
            value = date(year, int(parts["m"]), int(parts["d"]))
        except ValueError:
            return Rejected("form.err.date_impossible", {})
        low = today + timedelta(days=step.min_days) if step.min_days is not None else None
        high = today + timedelta(days=step.max_days) if step.max_days is not None else None
        if (low and value < low) or (high and value > high):
            return Rejected("form.err.date_range", {
                "min": low.isoformat() if low else "–", "max": high.isoformat() if high else "–"})
        return value.isoformat()
    return Rejected("form.err.date_format", {})


def _parse_text(step: Step, raw: str) -> str | Rejected:
    text = " ".join(raw.split())
    if not text:
        return Rejected("form.err.empty", {})
    if contains_identity_number(text):
        return Rejected("form.err.personnummer", {})
    limit = step.max_length or (40 if step.kind == "reference" else 200)
    if len(text) > limit:
        return Rejected("form.err.too_long", {"max": limit})
    if step.kind == "reference" and step.pattern and not re.fullmatch(step.pattern, text):
        return Rejected("form.err.reference", {})
    return text


def parse(step: Step, raw: str, *, today: date) -> object | Rejected:
    """The value an answer stands for, or why it is not one (pure)."""
    if step.optional and raw.strip().casefold() in SKIP:
        return ""
    if step.kind == "choice":
        return _parse_choice(step, raw)
    if step.kind == "yesno":
        return _parse_yesno(raw)
    if step.kind == "number":
        return _parse_number(step, raw)
    if step.kind == "date":
        return _parse_date(step, raw, today)
    return _parse_text(step, raw)


def facts_of(form: Form, answers: Answers) -> dict[str, object]:
    """The eligibility facts the answers state (steps with a `fact`, options that `sets`)."""
    fact_defs = bundled_rules()[0]
    facts: dict[str, object] = {}
    for step in asked(form, answers):
        value = answers[step.id]
        if value == "":
            continue
        opt = step.option(str(value)) if step.kind == "choice" else None
        if opt is not None:
            facts.update(opt.sets)
        if step.fact is None:
            continue
        if step.kind == "yesno":
            facts[step.fact] = value == "yes"
        elif fact_defs[step.fact].type == "list":
            held = facts.get(step.fact)
            facts[step.fact] = [*(held if isinstance(held, list) else []), value]
        else:
            facts[step.fact] = value
    return facts


def _verdict_end(form: Form, verdict: Verdict, lang: str) -> Ended:
    rule = verdict.decisive[0]
    doc = bundled_rules()[1][form.org].document.short_title
    message = Text(sv=rule.explain.sv, en=rule.explain.en)
    return Ended(verdict.outcome, message, Cite(doc=doc, section=rule.citation.section),
                 None, verdict)


def submit(form: Form, answers: Answers, step_id: str, raw: str, *, today: date,
           lang: str) -> Accepted | Rejected | Ended:
    """Take the answer to one step: Accepted (with the next step), Rejected (re-ask) or Ended.

    raw is typed text, or for a choice the option value (a button) or its 1-based number.
    """
    step = form.step(step_id)
    value = parse(step, raw, today=today)
    if isinstance(value, Rejected):
        return value
    opt = step.option(str(value)) if step.kind == "choice" else None
    if opt is not None and opt.end is not None:
        end = opt.end
        return Ended(end.outcome, end.message, end.cite or opt.cite, end.start_form, None)
    new = _prune(form, {**answers, step_id: value})
    if form.eligibility and (step.fact is not None or (opt is not None and opt.sets)):
        verdict = evaluate(form.org, facts_of(form, new))
        if verdict.outcome in (NOT_ELIGIBLE, OTHER_DECIDES) and verdict.decisive:
            return _verdict_end(form, verdict, lang)
    return Accepted(new, next_step(form, new), opt.note if opt else None)


def back(form: Form, answers: Answers, step_id: str | None) -> tuple[Answers, Step]:
    """The previous asked step with its answer removed (step_id None: from the summary).

    From the first step there is nothing before it: the same step comes back.
    """
    done = asked(form, answers)
    if step_id is not None:
        index = [s.id for s in form.steps].index(step_id)
        done = [s for s in done if form.steps.index(s) < index]
    if not done:
        first = next_step(form, {}) or form.steps[0]
        return dict(answers), form.step(step_id) if step_id else first
    prev = done[-1]
    kept = {k: v for k, v in answers.items() if k != prev.id}
    return kept, prev


def change(form: Form, answers: Answers, step_id: str) -> tuple[Answers, Step]:
    """From the summary: re-ask one step. Answers that depend on it are dropped when the new
    answer no longer lets them apply (submit prunes)."""
    step = form.step(step_id)
    return {k: v for k, v in answers.items() if k != step_id}, step


def shown(step: Step, value: object, lang: str) -> str:
    """How an answer reads in the summary (labels, Ja/Nej, dates and numbers in the locale)."""
    t = translator(lang)
    if value == "":
        return t("form.skipped")
    if step.kind == "choice":
        opt = step.option(str(value))
        return opt.label.get(lang) if opt else str(value)
    if step.kind == "yesno":
        return t("form.yes") if value == "yes" else t("form.no")
    if step.kind == "number" and isinstance(value, int | float):
        return t.number(value)
    if step.kind == "date":
        return t.date(date.fromisoformat(str(value)), "long")
    return str(value)


def summary(form: Form, answers: Answers, lang: str) -> list[tuple[Step, str]]:
    """Each asked step with its answer as the user reads it, in form order."""
    return [(s, shown(s, answers[s.id], lang)) for s in asked(form, answers)]
