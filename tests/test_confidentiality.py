"""No client identity gets in, and nothing a user types ends up in the logs."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from stdnum import luhn

from bot.retention import purge
from bot.storage.models import Invite, UnansweredQuestion
from tests.helpers.chat import texts


def synthetic_personnummer(yymmdd: str = "900101", serial: str = "238") -> str:
    digits = yymmdd + serial
    return f"{yymmdd}-{serial}{luhn.calc_check_digit(digits)}"


async def _count(services, model) -> int:
    async with services.db.begin() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def test_a_personnummer_is_refused_deleted_and_never_stored(make_staff, api, services):
    staff = await make_staff()
    pnr = synthetic_personnummer()
    calls = await staff.say(f"kan {pnr} få busskort?", expect=2)
    assert "personnummer" in texts(calls)
    assert any(c.method == "deleteMessage" for c in calls)
    assert await _count(services, UnansweredQuestion) == 0
    assert not any(pnr in str(c.params) for c in api.calls if c.method != "deleteMessage")


async def test_a_coordination_number_is_refused_too(make_staff):
    staff = await make_staff()
    samordningsnummer = synthetic_personnummer("900161")  # day 01 + 60
    calls = await staff.say(f"fraga om {samordningsnummer}", expect=2)
    assert "personnummer" in texts(calls)


async def test_a_phone_number_or_date_is_not_mistaken_for_one(make_staff):
    staff = await make_staff()
    for text in ("ring mig på 070-123 45 67", "mötet 2024-11-26 kl 13:15", "KS 2023/424"):
        calls = await staff.say(text)
        assert "personnummer" not in texts(calls), text


async def test_no_message_body_token_or_telegram_id_reaches_the_logs(make_staff, caplog):
    caplog.set_level(logging.INFO)
    staff = await make_staff()
    marker = "ZEBRAFINK"
    await staff.say(f"vad betyder {marker} i riktlinjen")
    await staff.say(f"{marker} {synthetic_personnummer()}", expect=2)
    logged = "\n".join(r.getMessage() + str(r.exc_info or "") for r in caplog.records)
    assert caplog.records, "the bot logged nothing at all; the test would prove nothing"
    assert marker not in logged
    assert "TEST-TOKEN" not in logged
    assert str(staff.user_id) not in logged


async def test_purge_deletes_only_what_has_outlived_its_time(services):
    now = datetime.now(UTC)
    async with services.db.begin() as session:
        session.add_all([
            UnansweredQuestion(org="ragunda", kind="unanswered", question="gammal fråga",
                               created_at=now - timedelta(days=400)),
            UnansweredQuestion(org="ragunda", kind="unanswered", question="ny fråga"),
            Invite(code_hash="a" * 64, org="ragunda", role="staff", uses_left=1,
                   expires_at=now - timedelta(days=60)),
            Invite(code_hash="b" * 64, org="ragunda", role="staff", uses_left=1,
                   expires_at=now + timedelta(days=6)),
        ])
    async with services.db.begin() as session:
        report = await purge(session, services.settings, dry_run=True)
    assert (report.questions, report.invites) == (1, 1)
    assert await _count(services, UnansweredQuestion) == 2
    async with services.db.begin() as session:
        await purge(session, services.settings)
    assert await _count(services, UnansweredQuestion) == 1
    assert await _count(services, Invite) == 1
