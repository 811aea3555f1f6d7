"""Retention: what is deleted when, so nothing confidential outlives its use. No Telegram here.

Every table has a rule (README, configuration):

* invites used up or expired, form drafts not touched for that long (abandoned or done), strangers' user rows (Telegram ids of
  people never admitted), answers sent (a Telegram id beside a scrubbed question, kept so a
  vote can be counted once), delivered or failed outbox messages, and done or cancelled
  reminders: `draft_retention_days`;
* unanswered and down-voted questions and 👍/👎 feedback: `question_retention_days`;
* the audit trail: `audit_retention_days`;
* staff rows (admitted, or revoked) stay, so the audit trail keeps its meaning.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.storage.models import (
    AnswerSent,
    AuditEvent,
    Base,
    Feedback,
    FormDraft,
    Invite,
    OutboxMessage,
    Reminder,
    UnansweredQuestion,
    User,
)


@dataclass(frozen=True)
class PurgeReport:
    """How many rows of each kind were deleted (or, with dry_run, would be)."""

    invites: int = 0
    questions: int = 0
    strangers: int = 0
    feedback: int = 0
    audit: int = 0
    answers: int = 0
    outbox: int = 0
    drafts: int = 0
    reminders: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))

    def describe(self) -> str:
        """One line for the command line and the log: "2 invites, 0 questions, …"."""
        return ", ".join(f"{getattr(self, f.name)} {f.name}" for f in fields(self))


def rules(settings: Settings, now: datetime) -> dict[str, tuple[type[Base], ColumnElement[bool]]]:
    """Report field -> (table, which of its rows have outlived their retention)."""
    draft_cut = now - timedelta(days=settings.draft_retention_days)
    question_cut = now - timedelta(days=settings.question_retention_days)
    audit_cut = now - timedelta(days=settings.audit_retention_days)
    return {
        "invites": (Invite, or_(Invite.expires_at < draft_cut,
                                (Invite.uses_left < 1) & (Invite.created_at < draft_cut))),
        "questions": (UnansweredQuestion, UnansweredQuestion.created_at < question_cut),
        # Someone who wrote to the bot but was never let in: only a Telegram id and a language.
        "strangers": (User, User.active.is_(False) & User.admitted_at.is_(None)
                      & (User.created_at < draft_cut)),
        "feedback": (Feedback, Feedback.created_at < question_cut),
        "audit": (AuditEvent, AuditEvent.at < audit_cut),
        "answers": (AnswerSent, AnswerSent.created_at < draft_cut),
        # Undelivered messages are work still to do; delivered or abandoned ones are history.
        "outbox": (OutboxMessage, or_(OutboxMessage.sent_at < draft_cut,
                                      OutboxMessage.failed_at < draft_cut)),
        # A form left open (or finished) and not touched since: its answers have no use.
        "drafts": (FormDraft, FormDraft.updated_at < draft_cut),
        # Pending and sent-not-done reminders are still someone's work; done or cancelled
        # ones (cancelled: by their source, e.g. a closed case) are history.
        "reminders": (Reminder, or_(Reminder.done_at < draft_cut,
                                    (Reminder.status == "cancelled")
                                    & (Reminder.created_at < draft_cut))),
    }


async def purge(session: AsyncSession, settings: Settings, now: datetime | None = None,
                dry_run: bool = False) -> PurgeReport:
    """Delete what has outlived its retention period (or only count it, with dry_run).

    Args:
        session: The caller's session; the caller commits.
        settings: The retention periods.
        now: The moment to measure from (tests); defaults to the current time.
        dry_run: Count only.

    Returns:
        The counts per kind of row.
    """
    now = now or datetime.now(UTC)
    counts: dict[str, int] = {}
    for name, (model, where) in rules(settings, now).items():
        counts[name] = int(await session.scalar(
            select(func.count()).select_from(model).where(where)) or 0)
        if not dry_run and counts[name]:
            await session.execute(delete(model).where(where))
    return PurgeReport(**counts)
