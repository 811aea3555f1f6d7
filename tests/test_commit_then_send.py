"""Confirm only what is committed: a failed commit shows the error, never the success text;
a reply lost after the commit rolls nothing back."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram.error import TimedOut

from bot import invites
from bot.storage.models import AuditEvent, Invite, OutboxMessage, User
from bot.transport import AssistantBot
from tests.helpers.chat import Staff, texts

ROOT = Path(__file__).resolve().parents[1]
ERROR = "Något gick fel"
SAVED_NOT_SHOWN = "Det du gjorde är sparat"


@pytest.fixture
def failing_commit(monkeypatch):
    """Arm it, and the next unit-of-work commit raises (once)."""
    armed = {"on": False}
    real = AsyncSession.commit

    async def commit(self: AsyncSession) -> None:
        if armed["on"]:
            armed["on"] = False
            raise RuntimeError("the database went away at commit")
        await real(self)

    monkeypatch.setattr(AsyncSession, "commit", commit)
    return armed


async def _user(services, telegram_id: int) -> User | None:
    async with services.db.begin() as session:
        return await session.scalar(select(User).where(User.telegram_id == telegram_id))


async def _count(services, model, *where) -> int:
    async with services.db.begin() as session:
        return await session.scalar(select(func.count()).select_from(model).where(*where))


async def test_an_invite_whose_commit_fails_is_never_shown(make_staff, services,
                                                           failing_commit):
    coordinator = await make_staff(role="coordinator", org="danderyd")
    row = await _user(services, coordinator.user_id)
    await coordinator.say("/bjudin")
    failing_commit["on"] = True
    calls = await coordinator.press("Personal")
    assert ERROR in texts(calls)
    assert "t.me/" not in texts(calls) and "/start" not in texts(calls)
    assert [c.method for c in calls] == ["answerCallbackQuery"]  # one answer, the error
    assert await _count(services, Invite, Invite.created_by == row.id) == 0
    # The same press once the database is back shows a code that exists.
    calls = await coordinator.press("Personal", expect=2)
    assert "t.me/" in texts(calls)
    assert await _count(services, Invite, Invite.created_by == row.id) == 1


async def test_an_admission_whose_commit_fails_admits_nobody(api, services, bot,
                                                             failing_commit):
    async with services.db.begin() as session:
        code = await invites.create_invite(session, "avesta", "staff")
    newcomer = Staff(api, 8101)
    failing_commit["on"] = True
    calls = await newcomer.say(f"/start {code}")
    assert ERROR in texts(calls) and "Välkommen" not in texts(calls)
    assert await _user(services, 8101) is None
    assert await _count(services, AuditEvent, AuditEvent.action == "admitted") == 0
    # The code was not spent: it still admits.
    assert "Välkommen" in texts(await newcomer.say(f"/start {code}", expect=2))


async def test_a_revocation_whose_commit_fails_revokes_and_tells_nobody(make_staff, services,
                                                                       failing_commit):
    coordinator = await make_staff(role="coordinator", org="bjurholm")
    colleague = await make_staff(role="staff", org="bjurholm")
    await coordinator.say("/anvandare")
    failing_commit["on"] = True
    calls = await coordinator.press("Återkalla")
    assert ERROR in texts(calls) and "återkallad" not in texts(calls)
    assert (await _user(services, colleague.user_id)).active
    assert await _count(services, OutboxMessage,
                        OutboxMessage.telegram_id == colleague.user_id) == 0
    assert "Källa:" in texts(await colleague.say("vad betyder osa"))


async def test_a_reply_that_times_out_after_the_commit_keeps_the_change(make_staff, services,
                                                                       monkeypatch):
    coordinator = await make_staff(role="coordinator", org="stockholm")
    colleague = await make_staff(role="staff", org="stockholm")
    await coordinator.say("/anvandare")
    real = AssistantBot.send_text
    lost = []

    async def send_text(self, chat_id, text, *args, **kwargs):  # noqa: ANN001, ANN202
        # Only the revocation's reply is lost: the outbox may tell the coordinator of the
        # colleague's admission at any moment, and that notice must go through.
        if chat_id == coordinator.user_id and "återkallad" in text and not lost:
            lost.append(text)
            raise TimedOut("the reply may or may not have arrived")
        return await real(self, chat_id, text, *args, **kwargs)

    monkeypatch.setattr(AssistantBot, "send_text", send_text)
    calls = await coordinator.press("Återkalla", expect=2)
    assert "återkallad" in lost[0]
    assert SAVED_NOT_SHOWN in texts(calls)
    assert not (await _user(services, colleague.user_id)).active


# Handlers queue their output on the Turn; only the Turn (common.py, output.py) talks to Telegram.
# gates.py and errors.py run outside a unit of work (another helper owns them); jobs.py and
# menus.py are the outbox's and the menus' Telegram adapters, not handlers of an update.
_NOT_HANDLERS = {"common.py", "output.py", "gates.py", "errors.py", "jobs.py", "menus.py"}
_SENDS = {"answer", "edit_message_text", "edit_message_reply_markup", "send_message",
          "send_text", "send_document", "reply_text", "reply_html", "delete_message",
          "set_my_commands", "edit_message_caption"}


def test_no_handler_talks_to_telegram_except_through_its_turn():
    offenders = []
    for path in sorted((ROOT / "bot" / "handlers").glob("*.py")):
        if path.name in _NOT_HANDLERS:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _SENDS):
                receiver = node.func.value
                if not (isinstance(receiver, ast.Name) and receiver.id == "turn"):
                    offenders.append(f"{path.name}:{node.lineno} .{node.func.attr}")
    assert not offenders
