"""Repository functions for unanswered questions, answers sent, and the votes on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
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
    question: str  # scrubbed; "" for a 👎 on an entry opened from a button (no question typed)
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


async def record_answer(session: AsyncSession, telegram_id: int, org: str, entry_id: str,
                        question: str | None) -> int:
    """Note an answer given, so its 👍/👎 buttons can name it; returns the row's id.

    Args:
        question: the question as scrubbed for keeping, or None when the user opened the
            entry from a button and typed nothing.
    """
    row = AnswerSent(telegram_id=telegram_id, org=org, entry_id=entry_id,
                     question=question[:500] if question is not None else None)
    session.add(row)
    await session.flush()
    return row.id


async def answer_for(session: AsyncSession, answer_id: int, telegram_id: int
                     ) -> AnswerSent | None:
    """The answer `answer_id` if it was given to this user (a forged id finds nothing)."""
    row = await session.get(AnswerSent, answer_id)
    return row if row is not None and row.telegram_id == telegram_id else None


async def vote(session: AsyncSession, answer_id: int, helpful: bool) -> bool:
    """Record 👍/👎 on an answer once; False when it already had a vote.

    One conditional UPDATE, so two presses racing each other (two devices, or a retry) still
    count once on both databases.
    """
    now = utcnow()
    done = await session.execute(
        update(AnswerSent).where(AnswerSent.id == answer_id, AnswerSent.vote.is_(None))
        .values(vote=helpful, voted_at=now))
    if done.rowcount != 1:
        return False
    row = await session.get(AnswerSent, answer_id)
    assert row is not None
    # One time stamp for the vote, its feedback row (the anonymous tally per entry) and, for a
    # 👎, the coordinators' copy of the question: it ties the reason, given later, to them.
    session.add(Feedback(org=row.org, entry_id=row.entry_id, helpful=helpful, created_at=now))
    if not helpful:
        session.add(UnansweredQuestion(org=row.org, kind="downvoted", question=row.question or "",
                                       entry_id=row.entry_id, created_at=now))
    await session.flush()
    return True


async def give_reason(session: AsyncSession, answer_id: int, reason: str) -> bool:
    """Record what was wrong with a 👎'd answer once; False when it was not 👎'd or already
    has a reason."""
    done = await session.execute(
        update(AnswerSent).where(AnswerSent.id == answer_id, AnswerSent.vote.is_(False),
                                 AnswerSent.reason.is_(None))
        .values(reason=reason))
    if done.rowcount != 1:
        return False
    row = await session.get(AnswerSent, answer_id)
    assert row is not None
    tally = await session.scalar(
        select(Feedback.id).where(Feedback.org == row.org, Feedback.entry_id == row.entry_id,
                                  Feedback.helpful.is_(False), Feedback.reason.is_(None),
                                  Feedback.created_at == row.voted_at).limit(1))
    if tally is not None:
        await session.execute(update(Feedback).where(Feedback.id == tally).values(reason=reason))
    return True
