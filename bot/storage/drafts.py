"""Repository functions for form drafts: a form being filled in, saved at every step.

Every change is a conditional update on (id, seq, status open): a stale or double-pressed button,
or a second process holding an older copy, changes nothing and learns so. Never commits.
"""

from __future__ import annotations

import functools
import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, Update, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from bot.storage import write_gate, writes
from bot.storage.models import FormDraft

OPEN, SAVED, CANCELLED, ENDED = "open", "saved", "cancelled", "ended"


def answers_of(draft: FormDraft) -> dict[str, Any]:
    value = json.loads(draft.answers or "{}")
    return value if isinstance(value, dict) else {}


async def open_draft(session: AsyncSession, telegram_id: int) -> FormDraft | None:
    """The user's open draft (the newest, should there be more than one)."""
    return await session.scalar(
        select(FormDraft).where(FormDraft.telegram_id == telegram_id, FormDraft.status == OPEN)
        .order_by(FormDraft.id.desc()).limit(1))


async def get(session: AsyncSession, draft_id: int) -> FormDraft | None:
    return await session.get(FormDraft, draft_id)


async def start(session: AsyncSession, *, telegram_id: int, org: str, form_id: str,
                form_version: int, step_id: str | None,
                answers: dict[str, Any] | None = None) -> FormDraft:
    """A new open draft at its first step; `answers` may preset what the form does not ask
    (e.g. which order a completion form is about)."""
    await write_gate.before_write(session)
    now = datetime.now(UTC)
    draft = FormDraft(telegram_id=telegram_id, org=org, form_id=form_id,
                      form_version=form_version,
                      answers=json.dumps(answers or {}, ensure_ascii=False), step_id=step_id, seq=0,
                      status=OPEN, created_at=now, updated_at=now)
    session.add(draft)
    await session.flush()
    return draft


async def advance(session: AsyncSession, draft: FormDraft, *, seq: int,
                  answers: dict[str, Any] | None = None, step_id: str | None = None,
                  status: str = OPEN, prompt_message_id: int | None = None) -> bool:
    """Move the draft on one step if it is still open at `seq`; False when it was not (stale).

    On success the draft object holds the new values and seq + 1, as loaded values: the
    UPDATE above wrote them, so the session has nothing left to flush for the draft (setting
    them as changes made the commit write the row a second time).
    """
    values: dict[str, Any] = {"seq": seq + 1, "step_id": step_id, "status": status,
                              "updated_at": datetime.now(UTC)}
    if answers is not None:
        values["answers"] = json.dumps(answers, ensure_ascii=False)
    if prompt_message_id is not None:
        values["prompt_message_id"] = prompt_message_id
    await write_gate.before_write(session)
    params = {f"v_{key}": value for key, value in values.items()}
    result = await session.execute(_advance_statement(tuple(values)),
                                   {"w_id": draft.id, "w_seq": seq, **params})
    if not int(getattr(result, "rowcount", 0) or 0):
        return False
    for key, value in values.items():
        set_committed_value(draft, key, value)
    # A Core UPDATE is no ORM flush: say so, so that the unit of work re-checks the user's
    # admission before committing and, should the reply fail after the commit, says "saved".
    writes.note(session)
    return True


@functools.cache
def _advance_statement(keys: tuple[str, ...]) -> Update:
    """The conditional UPDATE of advance, built once per set of columns (building it on every
    step cost about as much CPU as running it)."""
    table = FormDraft.__table__
    assert isinstance(table, Table)
    c = table.c
    return (update(table)
            .where(c.id == bindparam("w_id", type_=c.id.type),
                   c.seq == bindparam("w_seq", type_=c.seq.type), c.status == OPEN)
            .values({key: bindparam(f"v_{key}", type_=c[key].type) for key in keys}))
