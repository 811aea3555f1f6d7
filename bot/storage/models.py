"""The tables. No message bodies and no client identities are ever stored here."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class User(Base):
    """A staff member known to the bot; admitted (active) only through an invite code."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True, index=True)
    org: Mapped[str | None] = mapped_column(String(32))  # the municipality admitted for
    ask_org: Mapped[str | None] = mapped_column(String(32))  # whose guideline /kommun picked
    role: Mapped[str] = mapped_column(String(16), default="staff")
    locale: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    admitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Staff are not clients: a coordinator needs to know whom a row is, to revoke the right one.
    display_name: Mapped[str | None] = mapped_column(String(128))
    username: Mapped[str | None] = mapped_column(String(64))


class Invite(Base):
    """A one-time (or N-use) admission code; only its hash is kept."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    org: Mapped[str] = mapped_column(String(32))
    role: Mapped[str] = mapped_column(String(16))
    uses_left: Mapped[int] = mapped_column(Integer, default=1)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    """Who did what and when; never the content."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(48))
    org: Mapped[str | None] = mapped_column(String(32))
    object_ref: Mapped[str | None] = mapped_column(String(64))


class UnansweredQuestion(Base):
    """A question the bot could not answer, or whose answer was marked 👎 (after the guard)."""

    __tablename__ = "unanswered_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # "unanswered" | "downvoted"
    question: Mapped[str] = mapped_column(Text)
    entry_id: Mapped[str | None] = mapped_column(String(96))
    score: Mapped[float | None]
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Feedback(Base):
    """A 👍/👎 on an answer: which entry, not which question text."""

    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org: Mapped[str] = mapped_column(String(32))
    entry_id: Mapped[str] = mapped_column(String(96))
    helpful: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(16))  # a 👎's "what was wrong" choice
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class AnswerSent(Base):
    """A vote on an answer message: written on the first 👍/👎 press (the buttons carry the
    entry, fb:<vote>:<entry>:<lang>), one row per (user, message), so a second press or one
    after a restart is counted once. Rows from before migration 0003 were written at answer
    time (no message id, maybe no vote, the scrubbed question); new rows keep no question."""

    __tablename__ = "answers_sent"
    __table_args__ = (UniqueConstraint("telegram_id", "message_id",
                                       name="uq_answers_sent_message"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    org: Mapped[str] = mapped_column(String(32))
    entry_id: Mapped[str] = mapped_column(String(96))
    question: Mapped[str | None] = mapped_column(Text)  # scrubbed: domain words only
    vote: Mapped[bool | None] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 index=True)
    voted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    message_id: Mapped[int | None] = mapped_column(BigInteger)  # the answer message voted on


class OutboxMessage(Base):
    """A message to someone other than the acting user, written in the same transaction as the
    change it tells of, and delivered by one dispatcher job: at least once, once per key."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(128), unique=True)  # deduplication
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)  # the recipient
    text_key: Mapped[str] = mapped_column(String(64))  # a locales/ key, rendered at delivery
    params: Mapped[str] = mapped_column(Text, default="{}")  # JSON parameters of the text
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                             index=True)  # the next attempt
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    failed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(64))  # an error type, no content


class Reminder(Base):
    """One nudge to one staff member at one moment: the database is the schedule.

    Written by whatever owns the date (a personal /paminn, an intake case's follow-up, an
    agreement's end, a compilation, a meeting series) in that change's own transaction; the
    reminders tick claims due rows and delivers them. `text_key` is a locales key rendered in the
    recipient's language at delivery, `params` its JSON placeholders (no client identity: a case
    is named by the staff member's own reference)."""

    __tablename__ = "reminders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)  # the recipient
    org: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))  # personal, follow_up, decision_end, ...
    text_key: Mapped[str] = mapped_column(String(64))
    params: Mapped[str] = mapped_column(Text, default="{}")
    due_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    source: Mapped[str | None] = mapped_column(String(32))  # e.g. "case", "agreement"
    source_id: Mapped[int | None] = mapped_column(Integer)
    created_by: Mapped[int | None] = mapped_column(BigInteger)  # telegram id of who set it
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    message_id: Mapped[int | None] = mapped_column(BigInteger)  # the delivered message
    last_error: Mapped[str | None] = mapped_column(String(64))  # an error type, no content
    # Set when the delivery rules moved it (a weekend, a holiday, quiet hours): the due time
    # it had before, so the message can say so. `digest`: it goes out in the morning digest.
    moved_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    digest: Mapped[bool] = mapped_column(Boolean, default=False)



class Order(Base):
    """A service order to the labour-market unit's work groups (issue 14). The party is an
    organisation (unit, company, association), never a person; the description went through
    the personnummer guard. `number` is shown to people, e.g. RAG-2026-0042."""

    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("org", "number", name="uq_orders_org_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org: Mapped[str] = mapped_column(String(32), index=True)
    number: Mapped[str] = mapped_column(String(24))
    service: Mapped[str] = mapped_column(String(32))  # a work group id from the config
    party_name: Mapped[str] = mapped_column(String(80))
    party_kind: Mapped[str] = mapped_column(String(16))  # municipal | private | association
    description: Mapped[str] = mapped_column(Text)
    location: Mapped[str | None] = mapped_column(String(120))
    wanted_from: Mapped[date | None] = mapped_column(Date)
    wanted_to: Mapped[date | None] = mapped_column(Date)
    est_hours: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    est_km: Mapped[int] = mapped_column(Integer)
    contact_role: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16), default="new")
    decline_reason: Mapped[str | None] = mapped_column(String(300))
    scheduled_date: Mapped[date | None] = mapped_column(Date)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    actual_hours: Mapped[Decimal | None] = mapped_column(Numeric(8, 2))
    actual_km: Mapped[int | None] = mapped_column(Integer)
    requester_telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Agreement(Base):
    """A one-year agreement between the labour-market unit and a municipal unit [000 §4]."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org: Mapped[str] = mapped_column(String(32), index=True)
    party_name: Mapped[str] = mapped_column(String(80))
    scope: Mapped[str] = mapped_column(Text)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active")  # requested|active|ended
    created_by: Mapped[int] = mapped_column(BigInteger)  # telegram id
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Compilation(Base):
    """One period's compilation of one municipality's orders: the row is claimed before the
    files are sent, so a period is compiled and sent exactly once across restarts."""

    __tablename__ = "compilations"
    __table_args__ = (UniqueConstraint("org", "period", name="uq_compilations_org_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org: Mapped[str] = mapped_column(String(32))
    period: Mapped[str] = mapped_column(String(8))  # "2026-3"
    status: Mapped[str] = mapped_column(String(16), default="claimed")  # claimed | sent
    orders: Mapped[int] = mapped_column(Integer, default=0)
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
class FormDraft(Base):
    """A form being filled in, saved at every step so that a restart loses nothing.

    `seq` counts the steps taken: a button carries the draft id and seq, so a stale or double
    press is recognised. `step_id` None means the summary is shown. No client identity: the
    answers are the form's (a reference the staff member chose, an age, choices)."""

    __tablename__ = "form_drafts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, index=True)
    org: Mapped[str] = mapped_column(String(32))
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    answers: Mapped[str] = mapped_column(Text, default="{}")  # JSON: step id -> value
    step_id: Mapped[str | None] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer, default=0)
    prompt_message_id: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 index=True)


class Case(Base):
    """An intake case: route, owners, form of support and dates. Named only by the staff
    member's own reference; never a client's name, birth date, address or personnummer."""

    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org: Mapped[str] = mapped_column(String(32), index=True)
    form_id: Mapped[str] = mapped_column(String(64))
    reference: Mapped[str] = mapped_column(String(40))
    created_by: Mapped[int] = mapped_column(BigInteger, index=True)  # telegram id
    route: Mapped[str | None] = mapped_column(String(32))
    case_owner: Mapped[str | None] = mapped_column(String(48))  # a role, e.g. "ifo"
    follow_up_owner: Mapped[int | None] = mapped_column(BigInteger)  # telegram id
    support_form: Mapped[str | None] = mapped_column(String(48))
    arena: Mapped[str | None] = mapped_column(String(48))
    start_date: Mapped[date | None] = mapped_column(Date)
    follow_up_date: Mapped[date | None] = mapped_column(Date)
    decision_end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    outcome: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 index=True)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ReminderPrefs(Base):
    """A staff member's reminder settings: when their morning digest comes (local time)."""

    __tablename__ = "reminder_prefs"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    digest_time: Mapped[str] = mapped_column(String(5), default="08:00")  # "HH:MM" local


class MeetingSeries(Base):
    """A recurring meeting a coordinator set up (/moten): an RFC 5545 rule over a local start.

    `dtstart` is the first meeting's local wall-clock time ("YYYY-MM-DDTHH:MM", no zone): the
    rule is expanded in the configured zone so the meeting stays at the same local time across
    daylight-saving changes. `planned_until` is the latest occurrence already reminded of."""

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(80))
    rrule: Mapped[str] = mapped_column(String(200))
    dtstart: Mapped[str] = mapped_column(String(16))
    created_by: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    planned_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
