"""QA stories answer faster than a person: flood control (20 updates in 10 s) is lifted."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_flood_control(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bot.handlers.gates.FLOOD_LIMIT", 10_000)
