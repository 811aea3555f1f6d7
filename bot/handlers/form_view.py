"""How a form's View (bot/forms/flow.py) reads in Telegram: texts, buttons and callback data."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardMarkup

from bot import callback_data
from bot.eligibility.schema import bundled as bundled_rules
from bot.forms import engine
from bot.forms.flow import View
from bot.forms.schema import Cite, Form
from bot.handlers.render import keyboard, shorten
from bot.i18n import Translator

PREFIX = "fm"
# c: choose an option, b: back, x: cancel, k: confirm, e: change answer n, r: resume, d: discard
ACTIONS = ("c", "b", "x", "k", "e", "r", "d")


def data(view: View, action: str, arg: object = 0) -> str:
    return callback_data.build(PREFIX, action, view.draft_id, view.seq, arg)


def source(form: Form, cite: Cite | None, t: Translator) -> str:
    """ "Källa: <document>, <section>" for a form's citation (doc id → the guideline's title)."""
    if cite is None:
        return ""
    rules = bundled_rules()[1].get(form.org)
    doc = rules.document.short_title if rules and cite.doc[:1].isdigit() else cite.doc
    return t("form.source", source=f"{doc}, {cite.section}")


def format_params(t: Translator, params: dict[str, object]) -> dict[str, object]:
    """ISO dates in params read as dates in the user's language."""
    out: dict[str, object] = {}
    for key, value in params.items():
        if isinstance(value, str) and key.endswith("date"):
            try:
                value = t.date(date.fromisoformat(value), "long")
            except ValueError:
                pass
        out[key] = value
    return out


def _nav_row(view: View, t: Translator) -> list[tuple[str, str]]:
    row = [] if view.first else [(t("form.back"), data(view, "b"))]
    return [*row, (t("form.cancel"), data(view, "x"))]


def step_message(view: View, t: Translator) -> tuple[str, InlineKeyboardMarkup | None]:
    """The prompt of the view's step (after a note, a refusal reason or a restart notice)."""
    assert view.form is not None and view.step is not None
    step, lang, parts = view.step, t.lang, []
    if view.restarted:
        parts.append(t("form.restarted"))
    if view.note is not None:
        parts.append("ℹ️ " + view.note.get(lang) + _line(source(view.form, view.note_cite, t)))
    if view.rejected is not None:
        parts.append("⚠️ " + t(view.rejected.reason_key, **view.rejected.params))
    prompt = step.prompt.get(lang)
    if view.first and not view.rejected:
        prompt = f"{view.form.title.get(lang)}\n\n{prompt}"
    if step.help is not None:
        prompt += "\n" + step.help.get(lang)
    if step.kind == "number":
        # No buttons: in the terminal chat a typed "2" would press the second one.
        prompt += "\n" + (t("form.type_number") if view.first else t("form.type_number_back"))
    elif step.kind in ("date", "text", "reference"):
        prompt += "\n" + t("form.type_answer")
    if step.optional:
        prompt += "\n" + t("form.optional")
    parts.append(prompt)
    rows: list[list[tuple[str, str]]] = []
    if step.kind == "choice":
        rows = [[(shorten(o.label.get(lang), 60), data(view, "c", i))]
                for i, o in enumerate(step.options)]
    elif step.kind == "yesno":
        rows = [[(t("form.yes"), data(view, "c", "yes")), (t("form.no"), data(view, "c", "no"))]]
    if step.kind != "number":
        rows.append(_nav_row(view, t))
    return "\n\n".join(parts), keyboard(rows)


def summary_message(view: View, t: Translator,
                    preview: list[tuple[str, dict[str, object]]]) -> tuple[str, InlineKeyboardMarkup | None]:
    assert view.form is not None
    lines = [t("form.summary_heading", title=view.form.title.get(t.lang))]
    rows = engine.summary(view.form, view.answers, t.lang)
    for n, (step, value) in enumerate(rows, start=1):
        lines.append(f"{n}. {shorten(step.prompt.get(t.lang), 70)} — {value}")
    lines += [t(key, **format_params(t, params)) for key, params in preview]
    lines.append("")
    lines.append(t("form.summary_hint"))
    buttons = [[(t("form.confirm"), data(view, "k"))]]
    numbers = [(t("form.change", n=n), data(view, "e", n)) for n in range(1, len(rows) + 1)]
    buttons += [numbers[i:i + 5] for i in range(0, len(numbers), 5)]
    buttons.append([(t("form.back"), data(view, "b")), (t("form.cancel"), data(view, "x"))])
    return "\n".join(lines), keyboard(buttons)


def ended_message(view: View, t: Translator) -> str:
    assert view.form is not None and view.ended is not None
    ended, parts = view.ended, []
    if ended.message is not None:
        parts.append(ended.message.get(t.lang) + _line(source(view.form, ended.cite, t)))
    parts.append(t("form.ended." + ended.outcome))
    return "\n\n".join(parts)


def resume_message(view: View, t: Translator) -> tuple[str, InlineKeyboardMarkup | None]:
    assert view.form is not None
    text = t("form.resume_ask", title=view.form.title.get(t.lang))
    return text, keyboard([[(t("form.resume"), data(view, "r")),
                            (t("form.discard"), data(view, "d", view.wanted or 0))]])


def chosen_text(view: View, t: Translator, pressed_text: str) -> str:
    """The pressed prompt, edited to show the answer and lose its buttons."""
    return f"{pressed_text}\n\n→ {view.chosen}" if view.chosen else pressed_text


def _line(text: str) -> str:
    return "\n" + text if text else ""
