"""Every table has a retention rule, and the one purge (CLI and daily job) applies them all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.retention import purge
from bot.storage.models import (
    AnswerSent,
    AuditEvent,
    Feedback,
    OutboxMessage,
    UnansweredQuestion,
    User,
)

NOW = datetime.now(UTC)


def days_ago(days: int) -> datetime:
    return NOW - timedelta(days=days)


async def _add(services, *rows) -> None:  # noqa: ANN001, ANN002
    async with services.db.begin() as session:
        session.add_all(rows)


async def _left(services, column) -> list:  # noqa: ANN001
    async with services.db.begin() as session:
        return sorted(await session.scalars(select(column)))


async def _purge(services, dry_run: bool = False):  # noqa: ANN001, ANN202
    async with services.db.begin() as session:
        return await purge(session, services.settings, dry_run=dry_run)


async def test_strangers_who_were_never_admitted_are_forgotten(services):
    draft_days = services.settings.draft_retention_days
    await _add(
        services,
        User(telegram_id=1, active=False, created_at=days_ago(draft_days + 1)),  # a stranger
        User(telegram_id=2, active=False, created_at=days_ago(draft_days - 1)),  # recent
        User(telegram_id=3, active=True, org="ragunda", created_at=days_ago(400),
             admitted_at=days_ago(400)),  # staff
        User(telegram_id=4, active=False, org="ragunda", created_at=days_ago(400),
             admitted_at=days_ago(400), revoked_at=days_ago(300)),  # revoked: audit needs it
    )
    assert (await _purge(services, dry_run=True)).strangers == 1
    assert await _left(services, User.telegram_id) == [1, 2, 3, 4]
    report = await _purge(services)
    assert report.strangers == 1
    assert await _left(services, User.telegram_id) == [2, 3, 4]


async def test_feedback_goes_with_the_questions(services):
    keep = services.settings.question_retention_days
    await _add(
        services,
        Feedback(org="ragunda", entry_id="old", helpful=True, created_at=days_ago(keep + 1)),
        Feedback(org="ragunda", entry_id="new", helpful=False, created_at=days_ago(keep - 1)),
        UnansweredQuestion(org="ragunda", kind="unanswered", question="[…]",
                           created_at=days_ago(keep + 1)),
    )
    report = await _purge(services)
    assert (report.feedback, report.questions) == (1, 1)
    assert await _left(services, Feedback.entry_id) == ["new"]


async def test_the_audit_trail_is_kept_for_its_documented_period(services):
    assert services.settings.audit_retention_days == 365  # README: BOT_AUDIT_RETENTION_DAYS
    await _add(
        services,
        AuditEvent(actor="cli", action="old", at=days_ago(366)),
        AuditEvent(actor="cli", action="recent", at=days_ago(364)),
    )
    assert (await _purge(services)).audit == 1
    assert await _left(services, AuditEvent.action) == ["recent"]


async def test_answers_sent_and_delivered_messages_do_not_stay(services):
    draft_days = services.settings.draft_retention_days
    old = days_ago(draft_days + 1)
    await _add(
        services,
        AnswerSent(telegram_id=7, org="ragunda", entry_id="old", created_at=old),
        AnswerSent(telegram_id=7, org="ragunda", entry_id="new"),
        OutboxMessage(key="sent", telegram_id=7, text_key="k", created_at=old, sent_at=old),
        OutboxMessage(key="failed", telegram_id=7, text_key="k", created_at=old,
                      failed_at=old),
        OutboxMessage(key="pending", telegram_id=7, text_key="k", created_at=old, due_at=old),
    )
    report = await _purge(services)
    assert (report.answers, report.outbox) == (1, 2)
    assert await _left(services, AnswerSent.entry_id) == ["new"]
    assert await _left(services, OutboxMessage.key) == ["pending"]  # still to be delivered


async def test_a_dry_run_counts_every_kind_and_deletes_nothing(services):
    old = days_ago(1000)
    await _add(
        services,
        User(telegram_id=9, active=False, created_at=old),
        Feedback(org="ragunda", entry_id="e", helpful=True, created_at=old),
        AuditEvent(actor="cli", action="a", at=old),
    )
    report = await _purge(services, dry_run=True)
    assert report.total == 3
    assert report.describe() == ("0 invites, 0 questions, 1 strangers, 1 feedback, 1 audit, "
                                 "0 answers, 0 outbox, 0 drafts, 0 reminders")
    async with services.db.begin() as session:
        for model in (User, Feedback, AuditEvent):
            assert await session.scalar(select(func.count()).select_from(model)) == 1


async def test_the_daily_job_applies_the_same_rules(services):
    from types import SimpleNamespace

    from bot.handlers.jobs import purge_job

    await _add(services, User(telegram_id=11, active=False, created_at=days_ago(1000)),
               AuditEvent(actor="cli", action="ancient", at=days_ago(1000)))
    await purge_job(SimpleNamespace(services=services))
    assert await _left(services, User.telegram_id) == []
    assert await _left(services, AuditEvent.action) == ["purged"]  # the job's own record
