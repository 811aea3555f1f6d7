"""The engine without Telegram: conditions, back, change, bounds and the personnummer guard."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.forms.engine import Accepted, Ended, Rejected, back, change, next_step, submit, summary
from bot.forms.loader import load_form_file
from bot.forms.schema import Form

TODAY = date(2026, 12, 8)
SAMPLE = Path(__file__).parent / "defs" / "test.aktualisering.yaml"


@pytest.fixture(scope="module")
def form() -> Form:
    return load_form_file(SAMPLE)


def fill(form: Form, *replies: str) -> dict[str, object]:
    answers: dict[str, object] = {}
    for raw in replies:
        step = next_step(form, answers)
        assert step is not None
        result = submit(form, answers, step.id, raw, today=TODAY, lang="sv")
        assert isinstance(result, Accepted), (step.id, raw, result)
        answers = result.answers
    return answers


def reject(form: Form, answers: dict[str, object], raw: str) -> Rejected:
    step = next_step(form, answers)
    assert step is not None
    result = submit(form, answers, step.id, raw, today=TODAY, lang="sv")
    assert isinstance(result, Rejected)
    return result


def test_a_condition_asks_a_step_only_on_its_route(form: Form) -> None:
    af = fill(form, "af")
    assert next_step(form, af).id == "age"  # type: ignore[union-attr]
    ifo = fill(form, "2")  # typed by number
    assert next_step(form, ifo).id == "ifo_contact"  # type: ignore[union-attr]


def test_a_choice_note_is_returned_and_an_end_option_ends_the_form(form: Form) -> None:
    result = submit(form, {}, "route", "af", today=TODAY, lang="sv")
    assert isinstance(result, Accepted) and result.note is not None
    assert "Konsulenten" in result.note.sv
    ended = submit(form, {}, "route", "self", today=TODAY, lang="sv")
    assert isinstance(ended, Ended) and ended.outcome == "not_eligible"
    assert ended.cite is not None and ended.cite.section == "2.1"


@pytest.mark.parametrize(("raw", "key"), [
    ("tjugo", "form.err.number"), ("-3", "form.err.range"), ("200", "form.err.range"),
    ("15", "form.err.range"), ("", "form.err.number")])
def test_ages_out_of_bounds_or_not_numbers_are_refused(form: Form, raw: str, key: str) -> None:
    assert reject(form, fill(form, "af"), raw).reason_key == key


def test_age_bounds_are_inclusive(form: Form) -> None:
    assert fill(form, "af", "16")["age"] == 16
    assert fill(form, "af", "70")["age"] == 70


@pytest.mark.parametrize(("raw", "key"), [
    ("31/2", "form.err.date_impossible"), ("2026-02-30", "form.err.date_impossible"),
    ("nästa vecka", "form.err.date_format"), ("2025-01-01", "form.err.date_range"),
    ("2028-01-01", "form.err.date_range")])
def test_bad_dates_are_refused_with_a_reason(form: Form, raw: str, key: str) -> None:
    assert reject(form, fill(form, "af", "30"), raw).reason_key == key


def test_dates_are_read_in_the_usual_swedish_forms(form: Form) -> None:
    assert fill(form, "af", "30", "2026-12-24")["start"] == "2026-12-24"
    assert fill(form, "af", "30", "24/12")["start"] == "2026-12-24"
    assert fill(form, "af", "30", "24.12.2026")["start"] == "2026-12-24"


def test_a_reference_is_bounded_and_may_not_be_a_personnummer(form: Form) -> None:
    start = fill(form, "af", "30", "2026-12-24")
    assert reject(form, start, "A" * 21).reason_key == "form.err.too_long"
    assert reject(form, start, "ab cd!").reason_key == "form.err.reference"
    assert reject(form, start, "19900101-1234").reason_key == "form.err.personnummer"
    assert fill(form, "af", "30", "2026-12-24", "AME-17")["reference"] == "AME-17"


def test_free_text_refuses_a_personnummer_and_an_optional_step_may_be_skipped(form: Form) -> None:
    start = fill(form, "af", "30", "2026-12-24", "AME-17")
    assert reject(form, start, "gäller 900101-1239").reason_key == "form.err.personnummer"
    done = fill(form, "af", "30", "2026-12-24", "AME-17", "-")
    assert done["note"] == "" and next_step(form, done) is None


def test_back_removes_the_previous_answer_and_asks_it_again(form: Form) -> None:
    answers = fill(form, "ifo", "yes", "30")
    answers2, step = back(form, answers, "start")
    assert step.id == "age" and "age" not in answers2
    answers3, step = back(form, answers2, "age")
    assert step.id == "ifo_contact" and answers3 == {"route": "ifo"}
    _, step = back(form, {}, "route")
    assert step.id == "route"


def test_change_from_the_summary_drops_answers_that_no_longer_apply(form: Form) -> None:
    answers = fill(form, "ifo", "yes", "30", "2026-12-24", "AME-17", "-")
    assert next_step(form, answers) is None
    shown = dict((s.id, v) for s, v in summary(form, answers, "sv"))
    assert shown["route"] == "IFO" and shown["ifo_contact"] == "Ja"
    assert shown["start"] == "24 december 2026"
    cut, step = change(form, answers, "route")
    assert step.id == "route"
    result = submit(form, cut, "route", "af", today=TODAY, lang="sv")
    assert isinstance(result, Accepted)
    assert "ifo_contact" not in result.answers and result.next is None
    assert result.answers["age"] == 30


def test_a_registered_finisher_is_found_by_purpose() -> None:
    from bot.forms import finishers

    class Fake:
        purpose = "test_purpose"

        def preview(self, form: Form, answers: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
            return []

        async def save(self, session: object, ctx: finishers.FinishContext) -> finishers.FinishResult:
            return finishers.FinishResult("form.saved", {})

    finishers.register(Fake())  # type: ignore[arg-type]
    assert finishers._REGISTRY["test_purpose"].purpose == "test_purpose"


def test_a_bad_form_names_its_file_form_and_step(tmp_path: Path) -> None:
    from bot.forms.schema import FormsError

    text = SAMPLE.read_text("utf-8").replace("    max: 70\n", "    max: 70\n    colour: red\n")
    (tmp_path / "test.aktualisering.yaml").write_text(text, "utf-8")
    with pytest.raises(FormsError, match=r"test.aktualisering.yaml, form test.aktualisering, "
                                         r"step age: colour"):
        load_form_file(tmp_path / "test.aktualisering.yaml")


def test_every_role_outcome_and_ending_of_the_bundled_forms_reads_in_both_languages() -> None:
    from bot.forms.loader import bundled
    from bot.i18n import translator

    keys = {"case.rem.follow_up", "case.rem.decision_end", "case.saved", "form.info_done"}
    for form in bundled().values():
        if form.case:
            keys |= {f"case.outcome.{o}" for o in form.case.outcomes}
            keys |= {f"case.role.{r}" for r in (*form.case.owner_by_route.values(),
                                                 form.case.owner) if r}
        keys |= {f"form.ended.{o.end.outcome}" for s in form.steps for o in s.options if o.end}
    keys |= {"form.ended.not_eligible", "form.ended.other_decides"}
    for lang in ("sv", "en"):
        t = translator(lang)
        missing = sorted(k for k in keys if t(k) == k)
        assert missing == [], (lang, missing)
