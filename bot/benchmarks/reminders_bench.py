"""`python -m bot bench reminders`: a burst of due reminders through Telegram's rate limits.

This process plays Telegram (the local Bot API, enforcing 30 messages a second overall and one
a second per chat with 429 + retry_after) and writes M reminders for U users, all due at once,
into a fresh database; the bot runs as its own process (`python -m bot run`, delivery rules off
so the hour of the run does not matter) and delivers them. With --kill-at F the bot is killed
with SIGKILL once a fraction F has arrived and started again. Every reminder's text carries its
number, so what arrived is counted exactly: N distinct delivered, D repeats, L never arrived.
S runs from the first delivery to the last; B = (M - 1) / 30 s, or the per-chat bound when one
user's share is larger, is the least time the limits allow.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from bot.localapi.server import FakeBotAPI
from bot.storage.database import make_async_engine, make_sessionmaker
from bot.storage.migrate import upgrade
from bot.storage.models import Reminder

ROOT = Path(__file__).resolve().parents[2]
MARK = re.compile(r"bench #(\d+)")
FIRST_ID = 700_000
STALL_SECONDS = 90.0  # no new delivery for this long: the rest counts as lost


async def _write(url: str, reminders: int, users: int) -> None:
    engine = make_async_engine(url)
    now = datetime.now(UTC)
    rows = [{"telegram_id": FIRST_ID + i % users, "org": "ragunda", "kind": "personal",
             "text_key": "rem.personal", "params": f'{{"text": "bench #{i}"}}', "due_at": now,
             "status": "pending", "created_at": now, "attempts": 0, "digest": False}
            for i in range(reminders)]
    async with make_sessionmaker(engine).begin() as session:
        for start in range(0, len(rows), 1000):
            await session.execute(insert(Reminder), rows[start:start + 1000])
    await engine.dispose()


def _start(api: FakeBotAPI, url: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env.update(BOT_TOKEN="1:reminders-bench", BOT_API_URL=api.base_url,
               BOT_API_FILE_URL=api.file_url, DATABASE_URL=url, BOT_SEARCH_WORKERS="0",
               BOT_REMINDER_RULES="false", BOT_REMINDER_TICK_SECONDS="1")
    return subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _arrivals(api: FakeBotAPI) -> list[tuple[int, float]]:
    out = []
    for call in api.calls:
        if call.method == "sendMessage":
            found = MARK.search(call.text)
            if found:
                out.append((int(found[1]), call.at))
    return out


async def run(reminders: int, users: int, kill_at: float | None = None,
              database_url: str | None = None, echo: bool = True) -> dict[str, float]:
    api = await FakeBotAPI(rate_limits=True).start()
    tmp = tempfile.TemporaryDirectory()
    url = database_url or f"sqlite:///{Path(tmp.name) / 'reminders.db'}"
    upgrade(url)
    await _write(url, reminders, users)
    proc = _start(api, url)
    killed = False
    try:
        arrived: set[int] = set()
        scanned, last_change = 0, time.monotonic()
        while True:
            await api.until_call(len(api.calls), timeout=1.0)
            before = len(arrived)
            for call in api.calls[scanned:]:  # only what is new: the burst is 10 000 calls
                found = MARK.search(call.text) if call.method == "sendMessage" else None
                if found:
                    arrived.add(int(found[1]))
            scanned, count = len(api.calls), len(arrived)
            if count != before:
                step = max(1, reminders // 10)
                if echo and count // step != before // step:
                    print(f"  {count} of {reminders} delivered", flush=True)
                last_change = time.monotonic()
            if count >= reminders:
                await asyncio.sleep(3)  # anything sent twice after the last one shows now
                break
            if time.monotonic() - last_change > STALL_SECONDS:
                break
            if kill_at is not None and not killed and count >= kill_at * reminders:
                proc.send_signal(signal.SIGKILL)
                await asyncio.get_running_loop().run_in_executor(None, proc.wait, 30)
                killed = True
                if echo:
                    print(f"  killed the bot (SIGKILL) at {count} delivered; restarting",
                          flush=True)
                proc = _start(api, url)
    finally:
        proc.terminate()
        await asyncio.get_running_loop().run_in_executor(None, proc.wait, 30)
        await api.stop()
        tmp.cleanup()
    arrivals = _arrivals(api)
    counts = Counter(n for n, _ in arrivals)
    times = [t for _, t in arrivals]
    per_user = -(-reminders // users)
    bound = max((reminders - 1) / 30.0, float(per_user - 1))
    return {"delivered": len(counts), "reminders": reminders,
            "duplicates": sum(c - 1 for c in counts.values()),
            "lost": reminders - len(counts),
            "elapsed": (max(times) - min(times)) if times else 0.0, "bound": bound,
            "limited": len(api.sent(method="sendMessage:limited"))}


def main(reminders: int, users: int, kill_at: float | None = None,
         database_url: str | None = None) -> int:
    print(f"reminders bench: {reminders} reminders for {users} users, all due at once; local "
          f"Bot API at 30/s overall and 1/s per chat"
          + (f"; SIGKILL at {kill_at:.0%}" if kill_at is not None else ""), flush=True)
    f = asyncio.run(run(reminders, users, kill_at, database_url))
    print(f"  429s from the local Bot API: {f['limited']:.0f}")
    print(f"delivered {f['delivered']:.0f} of {f['reminders']:.0f}, duplicates "
          f"{f['duplicates']:.0f}, lost {f['lost']:.0f}, elapsed {f['elapsed']:.1f} s, "
          f"bound {f['bound']:.1f} s")
    return 0 if f["lost"] == 0 else 1
