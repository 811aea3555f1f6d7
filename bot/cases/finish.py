"""The finishers for intake forms (save a case) and info forms (save nothing).

An intake form's answers map onto a case by step id: reference, route, support_form, arena,
start_date, follow_up_date; the form's `case` block gives the owner roles by route and the
decision's length (Stockholm: six months from the start).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.schedule import add_months, schedule_decision_end, schedule_follow_up
from bot.forms.engine import Answers
from bot.forms.finishers import FinishContext, FinishResult, register
from bot.forms.schema import Form
from bot.storage import cases


def _text(answers: Answers, key: str) -> str | None:
    value = answers.get(key)
    return str(value) if value not in (None, "") else None


def _date(answers: Answers, key: str) -> date | None:
    value = _text(answers, key)
    return date.fromisoformat(value) if value else None


def decision_end(form: Form, answers: Answers) -> date | None:
    start = _date(answers, "start_date")
    months = form.case.decision_months if form.case else None
    return add_months(start, months) if start and months else None


class IntakeFinisher:
    """Saves a case and schedules its reminders for the user who saved it."""

    purpose = "intake"

    def preview(self, form: Form, answers: Answers) -> list[tuple[str, dict[str, object]]]:
        end = decision_end(form, answers)
        return [("case.preview.decision_end", {"date": end.isoformat()})] if end else []

    async def save(self, session: AsyncSession, ctx: FinishContext) -> FinishResult:
        spec = ctx.form.case
        route = _text(ctx.answers, "route")
        owner = (spec.owner_by_route.get(route or "") or spec.owner) if spec else None
        case = await cases.create(
            session, org=ctx.org, form_id=ctx.form.id,
            reference=_text(ctx.answers, "reference") or "-", created_by=ctx.telegram_id,
            route=route, case_owner=owner, follow_up_owner=ctx.telegram_id,
            support_form=_text(ctx.answers, "support_form"), arena=_text(ctx.answers, "arena"),
            start_date=_date(ctx.answers, "start_date"),
            follow_up_date=_date(ctx.answers, "follow_up_date"),
            decision_end_date=decision_end(ctx.form, ctx.answers))
        count = await schedule_follow_up(session, case, ctx.now)
        count += await schedule_decision_end(session, case, ctx.now)
        return FinishResult("case.saved", {"number": case.id, "reference": case.reference,
                                           "reminders": count})


class InfoFinisher:
    """A guidance form: nothing is stored."""

    purpose = "info"

    def preview(self, form: Form, answers: Answers) -> list[tuple[str, dict[str, object]]]:
        return []

    async def save(self, session: AsyncSession, ctx: FinishContext) -> FinishResult:
        return FinishResult("form.info_done", {})


register(IntakeFinisher())
register(InfoFinisher())
