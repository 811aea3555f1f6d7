"""Many staff filling intake forms at once through the local Bot API: time from step to reply.

The bot runs as its own process (`python -m bot run`), as in production; this process plays
Telegram and the staff. The staff are spread over the five municipalities; in each round every
one of them takes the next step of their municipality's form at once (a command, a pressed
button or a typed answer), and the time is measured from pushing that update to the bot's
sendMessage for the chat (the next prompt, the summary or the "sparat" after the commit).
"""

from __future__ import annotations

import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from bot.benchmarks.telegram_load import ORGS, ROOT, _admit, _cpu_seconds, _pct
from bot.benchmarks.telegram_load import _answers as _replies
from bot.localapi.server import Call, FakeBotAPI
from bot.storage.database import make_async_engine, make_sessionmaker
from bot.storage.migrate import upgrade
from bot.storage.models import Case

Action = tuple[str, str]  # ("say", text) or ("press", the start of a button's label)


def scripts(today: datetime) -> dict[str, list[Action]]:
    """Each municipality's form, filled in to the end (every intake form ends in a saved case)."""
    start = (today + timedelta(days=2)).date().isoformat()
    follow = (today + timedelta(days=30)).date().isoformat()
    tail: list[Action] = [("say", "REF-{uid}"), ("say", start), ("say", follow),
                          ("press", "✅")]
    return {
        "ragunda": [("say", "/aktualisera"), ("press", "Arbetsförmedlingen"), ("press", "FAT"),
                    ("press", "MÖTAS"), *tail],
        "bjurholm": [("say", "/aktualisera"), ("press", "Busskort")],
        "avesta": [("say", "/aktualisera"), ("press", "Socialtjänsten"),
                   ("press", "Social rehabilitering"), ("press", "Ja"), ("press", "Praktik"),
                   ("press", "Ja"), *tail],
        "danderyd": [("say", "/aktualisera"), ("press", "Ja"), ("press", "Ja"),
                     ("press", "Försörjningsstöd"), ("press", "Nej, en"), ("press", "Ja"),
                     ("press", "Nej"), ("say", "25"), ("press", "Arbetscoach"), *tail],
        "stockholm": [("say", "/aktualisera"), ("press", "Ansökan"), ("press", "UVAS"),
                      ("say", "24"), ("press", "Ja"), ("press", "Nej"), ("press", "Nej"),
                      ("press", "Ja"), ("press", "Ja"), ("press", "Ja"), *tail],
    }


def _last_with_buttons(api: FakeBotAPI, uid: int) -> Call | None:
    for call in reversed(api.calls):
        if call.method == "sendMessage" and call.chat_id == uid and call.buttons:
            return call
    return None


async def _act(api: FakeBotAPI, uid: int, action: Action) -> None:
    kind, value = action
    if kind == "say":
        await api.send_text(uid, value.format(uid=uid))
        return
    message = _last_with_buttons(api, uid)
    if message is None:
        raise RuntimeError(f"no buttons to press for {uid}")
    data = next(b["callback_data"] for row in message.buttons for b in row
                if b["text"].startswith(value))
    await api.press(uid, data, message)


async def _later(api: FakeBotAPI, uid: int, action: Action, delay: float,
                 pushed: dict[int, float]) -> None:
    await asyncio.sleep(delay)
    pushed[uid] = time.monotonic()
    await _act(api, uid, action)


async def count_cases(url: str) -> int:
    """How many cases the database holds (the benchmark and the kill test count saved forms)."""
    engine = make_async_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            return int(await session.scalar(select(func.count()).select_from(Case)) or 0)
    finally:
        await engine.dispose()


async def run_load(n_users: int = 50, database_url: str | None = None,
                   spread: float = 0.0) -> dict[str, object]:
    """Admit n_users, start the bot process, and let all of them fill their forms at once.

    spread: each round, every user's step comes at a random moment within this many seconds
        (0: all in the same instant, the worst case; people reading and typing spread out).
    """
    rng = random.Random(7)
    api = await FakeBotAPI().start()
    tmp = tempfile.TemporaryDirectory()
    url = database_url or f"sqlite:///{Path(tmp.name) / 'forms.db'}"
    upgrade(url)
    ids = list(range(20_000, 20_000 + n_users))
    await _admit(url, ids)
    plan = scripts(datetime.now(UTC))
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env.update(BOT_TOKEN="1:forms-load", BOT_API_URL=api.base_url,
               BOT_API_FILE_URL=api.file_url, DATABASE_URL=url)
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latencies: list[float] = []
    steps = max(len(s) for s in plan.values())
    try:
        before = len(api.calls)
        await api.send_text(ids[0], "/hjalp")
        if not await _replies(api, before, {ids[0]: time.monotonic()}):
            raise RuntimeError("the bot process did not answer")
        await asyncio.sleep(2)
        cpu0 = _cpu_seconds(proc.pid)
        for step in range(steps):
            pushed: dict[int, float] = {}
            before = len(api.calls)
            active = [u for u in ids if step < len(plan[ORGS[u % len(ORGS)]])]

            expected_now = dict.fromkeys(active, 0.0)
            waiting = asyncio.ensure_future(_replies(api, before, expected_now))
            await asyncio.gather(*(_later(api, u, plan[ORGS[u % len(ORGS)]][step],
                                          rng.uniform(0, spread), pushed) for u in active))
            answered = await waiting
            latencies += [(answered[u] - pushed[u]) * 1000 for u in answered]
            await asyncio.sleep(0.6)  # a person reads; also keeps each user under flood control
        bot_cpu = _cpu_seconds(proc.pid) - cpu0
        saved = await count_cases(url)
    finally:
        proc.terminate()
        await asyncio.get_running_loop().run_in_executor(None, proc.wait, 30)
        await api.stop()
        tmp.cleanup()
    expected = sum(len(plan[ORGS[u % len(ORGS)]]) for u in ids)
    savers = sum(1 for u in ids if ORGS[u % len(ORGS)] != "bjurholm")
    return {"users": n_users, "steps": expected, "replies": len(latencies),
            "cases": saved, "expected_cases": savers,
            "p50_ms": statistics.median(latencies) if latencies else float("nan"),
            "p95_ms": _pct(latencies, 95) if latencies else float("nan"),
            "max_ms": max(latencies) if latencies else float("nan"),
            "bot_cpu_ms": bot_cpu * 1000 / max(1, len(latencies))}


def main(n_users: int = 50, database_url: str | None = None, spread: float = 0.0) -> int:
    figures = asyncio.run(run_load(n_users, database_url, spread))
    where = "SQLite" if database_url is None else database_url.split(":", 1)[0]
    print(f"forms load: {figures['users']} staff filling forms at once, {figures['replies']} of "
          f"{figures['steps']} steps answered, {figures['cases']} of {figures['expected_cases']} "
          f"cases saved (bot in its own process, {where}, steps spread over {spread:g} s "
          f"per round)")
    print(f"  step->reply p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
          f"max {figures['max_ms']:.1f} ms (target p95 < 150 ms)")
    print(f"  CPU per step in the bot process: {figures['bot_cpu_ms']:.2f} ms")
    ok = figures["replies"] == figures["steps"] and figures["cases"] == figures["expected_cases"]
    return 0 if ok else 1
