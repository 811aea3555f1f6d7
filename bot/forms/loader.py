"""Load and validate the form files (bot/forms/defs/*.yaml); find a municipality's form.

An error raises FormsError naming the file, the form and the step, like the packs' loader.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml
from pydantic import ValidationError

from bot.bilingual import where_invalid
from bot.eligibility.schema import bundled as bundled_rules
from bot.forms.schema import Form, FormsError

DEFS_DIR = Path(__file__).resolve().parent / "defs"


def _validation_error(path: Path, data: object, exc: ValidationError) -> FormsError:
    form_id = data.get("id") if isinstance(data, dict) else None
    return FormsError(where_invalid(f"{path.name}, form {form_id or '?'}", data, exc,
                                    "steps", "step"))


def _check_facts(path: Path, form: Form) -> None:
    """Every `fact` is declared in the eligibility facts and takes the step's values."""
    facts, rulesets = bundled_rules()
    if form.eligibility and form.org not in rulesets:
        raise FormsError(f"{path.name}, form {form.id}: eligibility but no rules for {form.org}")
    for step in form.steps:
        where = f"{path.name}, form {form.id}, step {step.id}"
        for opt in step.options:
            for name, value in opt.sets.items():
                if name not in facts or (facts[name].values and value not in facts[name].values):
                    raise FormsError(f"{where}: option {opt.value} sets unknown {name}={value!r}")
        if step.fact is None:
            continue
        fdef = facts.get(step.fact)
        if fdef is None:
            raise FormsError(f"{where}: unknown fact {step.fact!r}")
        expected = {"number": ("number",), "bool": ("yesno",),
                    "text": ("choice",), "list": ("choice",)}[fdef.type]
        if step.kind not in expected:
            raise FormsError(f"{where}: fact {step.fact} ({fdef.type}) needs kind {expected[0]}")
        if step.kind == "choice":
            unknown = [o.value for o in step.options if o.end is None
                       and o.value not in fdef.values]
            if unknown:
                raise FormsError(f"{where}: fact {step.fact} has no value {unknown[0]!r}")


def load_form_file(path: Path) -> Form:
    """Read and validate one form file.

    Raises:
        FormsError: naming the file, form and step that do not validate.
    """
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except yaml.YAMLError as exc:
        raise FormsError(f"{path.name}: not valid YAML: {exc}") from None
    try:
        form = Form.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(path, data, exc) from None
    if path.stem != form.id:
        raise FormsError(f"{path.name}, form {form.id}: the file name differs from the id")
    _check_facts(path, form)
    return form


def load_forms(directory: Path | None = None) -> dict[str, Form]:
    """Every form in `directory` (the bundled defs by default), by id.

    Raises:
        FormsError: for the first file that does not validate, or a redirect to no form.
    """
    forms: dict[str, Form] = {}
    for path in sorted((directory or DEFS_DIR).glob("*.yaml")):
        form = load_form_file(path)
        forms[form.id] = form
    seen: dict[tuple[str, str | None], str] = {}
    for form in forms.values():
        key = (form.org, form.command)
        if form.command is not None and key in seen:
            raise FormsError(f"{form.id}.yaml, form {form.id}: /{form.command} already starts "
                             f"{seen[key]} for {form.org}")
        seen[key] = form.id
        for step in form.steps:
            for opt in step.options:
                target = opt.end.start_form if opt.end else None
                if target is not None and target not in forms:
                    raise FormsError(f"{form.id}.yaml, form {form.id}, step {step.id}: "
                                     f"start_form {target!r} is no form")
    return forms


@cache
def bundled() -> dict[str, Form]:
    """The forms shipped with the bot, loaded once."""
    return load_forms()


def forms_for(org: str, command: str) -> Form | None:
    """The bundled form /<command> starts for a municipality, or None."""
    return next((f for f in bundled().values() if f.org == org and f.command == command), None)
