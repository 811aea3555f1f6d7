"""Telegram's limits on the sending side: at most 30 messages a second overall, one a second
per chat. `Pacer.wait(chat)` returns when a message to `chat` may go; sends are spread evenly
(a little under the limit, so arrival jitter does not earn a 429) rather than in bursts."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

OVERALL_PER_SECOND = 30.0
PER_CHAT_SECONDS = 1.0
MARGIN = 1.02  # 2 % slower than the limit


class Pacer:
    def __init__(self, overall_per_second: float = OVERALL_PER_SECOND,
                 per_chat_seconds: float = PER_CHAT_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._gap = MARGIN / overall_per_second if overall_per_second > 0 else 0.0
        self._chat_gap = per_chat_seconds * MARGIN
        self._clock = clock
        self._next = 0.0
        self._chats: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def ready(self, chat: int) -> bool:
        """Whether `chat` may be sent to now (the overall pace aside)."""
        return self._chats.get(chat, 0.0) <= self._clock()

    async def wait(self, chat: int) -> None:
        async with self._lock:
            now = self._clock()
            at = max(now, self._next, self._chats.get(chat, 0.0))
            self._next = at + self._gap
            self._chats[chat] = at + self._chat_gap
            if len(self._chats) > 10000:  # forget chats whose pause is long over
                self._chats = {c: t for c, t in self._chats.items() if t > now}
        delay = at - self._clock()
        if delay > 0:
            await asyncio.sleep(delay)
