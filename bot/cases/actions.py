"""What a staff member does with an open case from /arenden: follow it up (the next follow-up
date), extend its decision (Stockholm: another six months), or close it with an outcome.

Each moves or cancels the case's reminders in the caller's transaction; never commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cases.schedule import (
    TZ,
    add_months,
    cancel_kind,
    schedule_decision_end,
    schedule_follow_up,
)
from bot.forms.loader import bundled
from bot.forms.schema import GENERIC_OUTCOMES, CaseSpec
from bot.storage import cases, reminders
from bot.storage.models import Case

FOLLOW_UP_WEEKS = (2, 4, 8)


def spec_of(case: Case) -> CaseSpec | None:
    form = bundled().get(case.form_id)
    return form.case if form else None


def outcomes_for(case: Case) -> tuple[str, ...]:
    """The municipality's own closing outcomes where its form has them (Avesta), else generic."""
    spec = spec_of(case)
    return tuple(spec.outcomes) if spec else GENERIC_OUTCOMES


def can_extend(case: Case) -> bool:
    spec = spec_of(case)
    return case.decision_end_date is not None and bool(spec and spec.decision_months)


async def follow_up(session: AsyncSession, case: Case, weeks: int, now: datetime) -> None:
    """The case was followed up today: the next follow-up is `weeks` from today."""
    case.follow_up_date = now.astimezone(TZ).date() + timedelta(weeks=weeks)
    await cancel_kind(session, case, "follow_up")
    await schedule_follow_up(session, case, now)


async def extend(session: AsyncSession, case: Case, now: datetime) -> bool:
    """A continuation was granted: the decision runs another period from its current end."""
    spec = spec_of(case)
    if case.decision_end_date is None or spec is None or not spec.decision_months:
        return False
    case.decision_end_date = add_months(case.decision_end_date, spec.decision_months)
    await cancel_kind(session, case, "decision_end")
    await schedule_decision_end(session, case, now)
    return True


async def close(session: AsyncSession, case: Case, outcome: str, now: datetime) -> int:
    """Close the case with an outcome; its pending reminders are cancelled (returned count)."""
    cases.close(case, outcome, now)
    return await reminders.cancel_for_source(session, "case", case.id)
