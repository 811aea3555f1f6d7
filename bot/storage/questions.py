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
    """Unanswered questions and 👎'd answers, newest first.

    A 👎 lives on its answers_sent row (vote, reason and the scrubbed question together), so
    a vote is one row however often it is pressed; older 👎 kept as unanswered_questions rows
    are listed too.
    """
    kept = select(UnansweredQuestion).order_by(UnansweredQuestion.created_at.desc()).limit(limit)
    down = (select(AnswerSent).where(AnswerSent.vote.is_(False))
            .order_by(AnswerSent.voted_at.desc()).limit(limit))
    if org is not None:
        kept = kept.where(UnansweredQuestion.org == org)
        down = down.where(AnswerSent.org == org)
    rows = [KeptQuestion(r.created_at, r.org, r.kind, r.question, r.entry_id)
            for r in await session.scalars(kept)]
    rows += [KeptQuestion(r.voted_at or r.created_at, r.org, "downvoted", r.question or "",
                          r.entry_id, r.reason)
             for r in await session.scalars(down)]
    rows.sort(key=lambda r: _aware(r.created_at), reverse=True)
    return rows[:limit]


def _aware(at: datetime) -> datetime:
    # SQLite hands back naive datetimes (stored as UTC); PostgreSQL aware ones.
    return at if at.tzinfo else at.replace(tzinfo=utcnow().tzinfo)


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
    # The anonymous tally per entry; created_at = voted_at ties it to its vote for the reason.
    session.add(Feedback(org=row.org, entry_id=row.entry_id, helpful=helpful, created_at=now))
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
