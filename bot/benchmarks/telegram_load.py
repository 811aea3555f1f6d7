"""Many staff asking at once through the local Bot API: time from update to reply."""

from __future__ import annotations

import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from bot.app import build_application
from bot.config import load_settings
from bot.knowledge.search import KnowledgeBase
from bot.localapi.server import FakeBotAPI
from bot.runner import start, stop
from bot.services import Services
from bot.storage import users
from bot.storage.migrate import upgrade

QUESTIONS = [
    "vem följer upp om ifo aktualiserat", "hur ofta sammanställs beställningarna",
    "vad betyder osa", "vem kan aktualisera till enheten", "vad kostar det för privata aktörer",
]


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def run_load(n_users: int = 50, rounds: int = 3, database_url: str | None = None) -> dict:
    """Admit n_users, then in each round all of them ask at the same moment.

    Returns:
        Latency figures in milliseconds, from pushing the update to the bot's sendMessage.
    """
    api = await FakeBotAPI().start()
    tmp = tempfile.TemporaryDirectory()
    url = database_url or f"sqlite:///{Path(tmp.name) / 'load.db'}"
    upgrade(url)
    settings = load_settings(BOT_TOKEN="1:load-test", BOT_API_URL=api.base_url,
                             BOT_API_FILE_URL=api.file_url, DATABASE_URL=url)
    services = Services.create(settings, KnowledgeBase.load(settings.packs_dir))
    ids = list(range(10_000, 10_000 + n_users))
    async with services.db.begin() as session:
        for i in ids:
            user = await users.get_or_create(session, i)
            user.active, user.org, user.role = True, "ragunda", "staff"
    app = build_application(settings, services)
    await start(app, poll_timeout=1)
    latencies: list[float] = []
    try:
        for r in range(rounds):
            pushed: dict[int, float] = {}
            before = len(api.calls)
            for i in ids:
                pushed[i] = time.monotonic()
                await api.send_text(i, QUESTIONS[(i + r) % len(QUESTIONS)])
            deadline = time.monotonic() + 60
            answered: dict[int, float] = {}
            while len(answered) < n_users and time.monotonic() < deadline:
                for call in api.calls[before:]:
                    if call.method == "sendMessage" and call.chat_id in pushed \
                            and call.chat_id not in answered:
                        answered[call.chat_id] = call.at
                await asyncio.sleep(0.002)
            latencies += [(answered[i] - pushed[i]) * 1000 for i in answered]
    finally:
        await stop(app)
        await api.stop()
        tmp.cleanup()
    return {
        "users": n_users, "rounds": rounds, "replies": len(latencies),
        "p50_ms": statistics.median(latencies) if latencies else float("nan"),
        "p95_ms": _pct(latencies, 95) if latencies else float("nan"),
        "max_ms": max(latencies) if latencies else float("nan"),
    }


def main(n_users: int = 50, rounds: int = 3) -> int:
    figures = asyncio.run(run_load(n_users, rounds))
    print(f"telegram load: {figures['users']} users x {figures['rounds']} rounds, "
          f"{figures['replies']} replies")
    print(f"  update->reply p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
          f"max {figures['max_ms']:.1f} ms (target p95 < 150 ms)")
    return 0 if figures["replies"] == figures["users"] * figures["rounds"] else 1
