"""Which updates the bot has finished with: the signal tests and the terminal chat wait on.

The application's update processor reports each update once its handlers (and the error
handler) have returned, so everything the bot sends in answer to an update has been sent by
then. Waiting for that replaces a guess at how long the bot might still be busy.
"""

from __future__ import annotations

import asyncio
from typing import Any


class ProcessedUpdates:
    """Update ids the bot has processed, and a way to wait for one."""

    def __init__(self) -> None:
        self.reporting = False  # set once an application in this process reports to us
        self._events: dict[int, asyncio.Event] = {}

    def _event(self, update_id: int) -> asyncio.Event:
        return self._events.setdefault(update_id, asyncio.Event())

    def follow(self, app: Any) -> None:
        """Have `app` (a python-telegram-bot Application built by bot.app) report here."""
        app.update_processor.on_processed.append(self.mark)
        self.reporting = True

    def mark(self, update: object) -> None:
        update_id = getattr(update, "update_id", None)
        if isinstance(update_id, int):
            self._event(update_id).set()

    def done(self, update_id: int) -> bool:
        return update_id in self._events and self._events[update_id].is_set()

    async def wait(self, update_id: int, timeout: float) -> bool:
        """True once `update_id` has been processed; False if `timeout` seconds pass first."""
        try:
            await asyncio.wait_for(self._event(update_id).wait(), timeout)
        except TimeoutError:
            return False
        return True
