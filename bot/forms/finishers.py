"""Finishers: what saves a confirmed form, one per purpose (intake, order, agreement, info).

The form handler owns the draft, the summary, confirm, the commit and the reply; a finisher only
writes its rows in the caller's transaction (never commits) and says what to confirm.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from bot.forms.engine import Answers
from bot.forms.schema import Form

# Modules that register finishers when imported; loaded lazily, once.
_MODULES = ("bot.cases.finish", "bot.orders.finish")
_REGISTRY: dict[str, Finisher] = {}
_loaded = False


@dataclass(frozen=True)
class FinishContext:
    form: Form
    answers: Answers
    telegram_id: int
    org: str
    lang: str
    now: datetime


@dataclass(frozen=True)
class FinishResult:
    """The confirmation the user sees after the commit: a locales key and its params."""

    text_key: str
    params: dict[str, object]


class Finisher(Protocol):
    purpose: str

    def preview(self, form: Form, answers: Answers) -> list[tuple[str, dict[str, object]]]:
        """Extra summary lines (locales key, params), e.g. an order's cost estimate."""
        ...

    async def save(self, session: AsyncSession, ctx: FinishContext) -> FinishResult:
        """Write the case/order (and reminders) in the caller's transaction; never commit."""
        ...


def register(finisher: Finisher) -> None:
    """Make `finisher` the one for its purpose (a later registration replaces an earlier)."""
    _REGISTRY[finisher.purpose] = finisher


def _load() -> None:
    global _loaded
    if not _loaded:
        for name in _MODULES:
            importlib.import_module(name)
        _loaded = True


def finisher_for(purpose: str) -> Finisher:
    """The finisher for a form's purpose.

    Raises:
        KeyError: when no module registered one.
    """
    _load()
    return _REGISTRY[purpose]
