"""Repository functions for unanswered questions and the votes on answers (answers_sent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import AnswerSent, Feedback, UnansweredQuestion, utcnow


async def record_unanswered(
    session: AsyncSession,
    org: str,
    question: str,
    kind: str = "unanswered",
    entry_id: str | None = None,
    score: float | None = None,
) -> UnansweredQuestion:
    """Keep a question for the coordinators; the caller has already run the identity guard."""
    row = UnansweredQuestion(
        org=org, question=question[:500], kind=kind, entry_id=entry_id, score=score
    )
    session.add(row)
    await session.flush()
    return row


@dataclass(frozen=True)
class KeptQuestion:
    """One line of the coordinators' list: a question not answered, or an answer 👎'd."""

    created_at: datetime
    org: str
    kind: str  # "unanswered" | "downvoted"
    question: str  # scrubbed; "" for a 👎 (its topic is the entry; no answered question is kept)
    entry_id: str | None = None
    reason: str | None = None  # a 👎's "what was wrong", once chosen


async def list_unanswered(
    session: AsyncSession, org: str | None = None, limit: int = 50
) -> list[KeptQuestion]:
    """Unanswered and 👎'd questions, newest first, a 👎 with its reason once given.

    A 👎's reason is on its feedback row, written with the same time stamp (see `vote`): both
    are kept as long as the question, while the answers_sent row goes sooner.
    """
    reason = (select(Feedback.reason)
              .where(UnansweredQuestion.kind == "downvoted",
                     Feedback.org == UnansweredQuestion.org,
                     Feedback.entry_id == UnansweredQuestion.entry_id,
                     Feedback.created_at == UnansweredQuestion.created_at,
                     Feedback.helpful.is_(False), Feedback.reason.is_not(None))
              .limit(1).scalar_subquery())
    stmt = (select(UnansweredQuestion, reason)
            .order_by(UnansweredQuestion.created_at.desc()).limit(limit))
    if org is not None:
        stmt = stmt.where(UnansweredQuestion.org == org)
    return [KeptQuestion(q.created_at, q.org, q.kind, q.question, q.entry_id, why)
            for q, why in (await session.execute(stmt)).all()]


def _insert_once(session: AsyncSession) -> Any:
    """An INSERT that skips a row clashing with a unique constraint, in the session's dialect."""
    name = session.get_bind().dialect.name
    return (postgresql_insert if name == "postgresql" else sqlite_insert)(AnswerSent)


async def vote(session: AsyncSession, telegram_id: int, message_id: int, org: str,
               entry_id: str, helpful: bool) -> bool:
    """Record 👍/👎 on one answer message once; False when it already had a vote.

    The first press writes the row (nothing was written when the answer was sent). One
    INSERT … ON CONFLICT DO NOTHING on (telegram_id, message_id), so a second press, one after
    a restart, or two racing each other count once on both databases, and never as an error.
    """
    now = utcnow()
    done = await session.scalar(
        _insert_once(session)
        .values(telegram_id=telegram_id, message_id=message_id, org=org, entry_id=entry_id,
                question=None, vote=helpful, voted_at=now, created_at=now)
        .on_conflict_do_nothing(index_elements=["telegram_id", "message_id"])
        .returning(AnswerSent.id))
    if done is None:
        return False
    # One time stamp for the vote, its feedback row (the anonymous tally per entry) and, for a
    # 👎, the coordinators' item (the entry is its topic; no question text is kept): it ties
    # the reason, given later, to them.
    session.add(Feedback(org=org, entry_id=entry_id, helpful=helpful, created_at=now))
    if not helpful:
        session.add(UnansweredQuestion(org=org, kind="downvoted", question="",
                                       entry_id=entry_id, created_at=now))
    await session.flush()
    return True


async def has_vote(session: AsyncSession, telegram_id: int, message_id: int) -> bool:
    """Whether this user has voted on this answer message."""
    found = await session.scalar(
        select(AnswerSent.id).where(AnswerSent.telegram_id == telegram_id,
                                    AnswerSent.message_id == message_id).limit(1))
    return found is not None


async def give_reason(session: AsyncSession, telegram_id: int, message_id: int,
                      reason: str) -> bool:
    """Record what was wrong with a 👎'd answer message once; False when it was not 👎'd or
    already has a reason."""
    row = (await session.execute(
        update(AnswerSent)
        .where(AnswerSent.telegram_id == telegram_id, AnswerSent.message_id == message_id,
               AnswerSent.vote.is_(False), AnswerSent.reason.is_(None))
        .values(reason=reason)
        .returning(AnswerSent.org, AnswerSent.entry_id, AnswerSent.voted_at))).first()
    if row is None:
        return False
    org, entry_id, voted_at = row
    tally = await session.scalar(
        select(Feedback.id).where(Feedback.org == org, Feedback.entry_id == entry_id,
                                  Feedback.helpful.is_(False), Feedback.reason.is_(None),
                                  Feedback.created_at == voted_at).limit(1))
    if tally is not None:
        await session.execute(update(Feedback).where(Feedback.id == tally).values(reason=reason))
    return True
