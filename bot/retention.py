"""Retention: what is deleted when, so nothing confidential outlives its use. No Telegram here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.storage import outbox
from bot.storage.models import Invite, UnansweredQuestion


@dataclass(frozen=True)
class PurgeReport:
    invites: int
    questions: int
    outbox: int = 0

    @property
    def total(self) -> int:
        return self.invites + self.questions + self.outbox


async def purge(session: AsyncSession, settings: Settings, now: datetime | None = None,
                dry_run: bool = False) -> PurgeReport:
    """Delete what has outlived its retention period (or only count it, with dry_run).

    Invites: used up or expired for more than `draft_retention_days`.
    Unanswered/down-voted questions: older than `question_retention_days`.
    Outbox messages: sent or given up on for more than `draft_retention_days`.
    Later features (drafts, closed cases) add their rules here, so one job purges all.
    """
    now = now or datetime.now(UTC)
    invite_cut = now - timedelta(days=settings.draft_retention_days)
    question_cut = now - timedelta(days=settings.question_retention_days)
    invite_where = or_(Invite.expires_at < invite_cut,
                       (Invite.uses_left < 1) & (Invite.created_at < invite_cut))
    question_where = UnansweredQuestion.created_at < question_cut
    counts = []
    for model, where in ((Invite, invite_where), (UnansweredQuestion, question_where)):
        counts.append(await session.scalar(select(func.count()).select_from(model).where(where)))
        if not dry_run:
            await session.execute(delete(model).where(where))
    # Outbox messages, once delivered or given up on, are kept draft_retention_days for the
    # operator to see what went out; they name staff (never clients), and nothing needs them.
    sent = await outbox.purge_done(session, timedelta(days=settings.draft_retention_days), now,
                                   dry_run)
    return PurgeReport(invites=int(counts[0] or 0), questions=int(counts[1] or 0), outbox=sent)
