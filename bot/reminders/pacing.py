"""Telegram's limits on the sending side: at most 30 messages a second overall, one a second
per chat. `Pacer.wait(chat)` returns when a message to `chat` may go.

The overall limit is kept the way Telegram (and the local Bot API) counts it, over a sliding
second, HEADROOM messages under it: time lost elsewhere (claiming the next batch, a slow
answer) is made up by sending a little faster afterwards, never more than `overall - HEADROOM`
in any second, and never two sends closer than half the even spacing. Measured with the
reminders bench: one under the limit still drew 429s from sends arriving bunched (each costs
its message a second and a wasted slot), two under drew none and came out faster overall.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable

OVERALL_PER_SECOND = 30
PER_CHAT_SECONDS = 1.0
WINDOW = 1.0
CHAT_MARGIN = 1.02
HEADROOM = 2  # messages a second left unused: arrival jitter must not earn a 429


class Pacer:
    def __init__(self, overall_per_second: int = OVERALL_PER_SECOND,
                 per_chat_seconds: float = PER_CHAT_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._limit = max(1, overall_per_second - HEADROOM) if overall_per_second > 0 else 0
        self._spacing = 0.5 / overall_per_second if overall_per_second > 0 else 0.0
        self._chat_gap = per_chat_seconds * CHAT_MARGIN
        self._clock = clock
        self._sent: deque[float] = deque()
        self._chats: dict[int, float] = {}
        self._lock = asyncio.Lock()

    def _earliest(self, chat: int, now: float) -> float:
        at = max(now, self._chats.get(chat, 0.0))
        if self._sent:
            at = max(at, self._sent[-1] + self._spacing)
        if self._limit and len(self._sent) >= self._limit:
            at = max(at, self._sent[-self._limit] + WINDOW)
        return at

    async def wait(self, chat: int) -> None:
        async with self._lock:  # one waiter at a time: the order of calls is kept
            now = self._clock()
            at = self._earliest(chat, now)
            if at > now:
                await asyncio.sleep(at - now)
            # The planned moment is what counts, not the (on a busy machine, later) wake-up:
            # late wake-ups must not add up into a slower pace.
            self._sent.append(at)
            now = at
            while self._sent and self._sent[0] <= now - WINDOW:
                self._sent.popleft()
            self._chats[chat] = now + self._chat_gap
            if len(self._chats) > 10000:  # forget chats whose pause is long over
                self._chats = {c: t for c, t in self._chats.items() if t > now}
