"""Repository functions for unanswered and down-voted questions and answer feedback."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.storage.models import Feedback, UnansweredQuestion


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


async def list_unanswered(
    session: AsyncSession, org: str | None = None, limit: int = 50
) -> list[UnansweredQuestion]:
    stmt = select(UnansweredQuestion).order_by(UnansweredQuestion.created_at.desc()).limit(limit)
    if org is not None:
        stmt = stmt.where(UnansweredQuestion.org == org)
    return list(await session.scalars(stmt))


async def record_feedback(session: AsyncSession, org: str, entry_id: str, helpful: bool) -> None:
    session.add(Feedback(org=org, entry_id=entry_id, helpful=helpful))
    await session.flush()
