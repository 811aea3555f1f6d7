"""Many staff asking at once through the local Bot API: time from update to reply.

The bot runs as its own process (`python -m bot run`), as in production; this process plays
Telegram (the local Bot API) and the staff, and measures from pushing an update to the bot's
sendMessage for that chat. The staff are spread over the five municipalities and ask the
benchmark question set's questions for their municipality (answerable and must-abstain,
Swedish and English), a different one each round, so no round repeats a question.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bot.knowledge.benchmark import load_questions
from bot.localapi.server import Call, FakeBotAPI
from bot.storage import users
from bot.storage.database import make_async_engine, make_sessionmaker
from bot.storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[2]
QUESTION_SET = ROOT / "tests" / "bench" / "questions.yaml"
ORGS = ("ragunda", "bjurholm", "avesta", "danderyd", "stockholm")


def _question_pools() -> dict[str, list[tuple[str, str]]]:
    """(question, language) per municipality, from the benchmark question set."""
    pools: dict[str, list[tuple[str, str]]] = {org: [] for org in ORGS}
    for q in load_questions(QUESTION_SET):
        if q.org in pools:
            pools[q.org].append((q.q, q.lang))
    return pools


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (Linux /proc; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def _admit(url: str, ids: list[int]) -> None:
    engine = make_async_engine(url)
    async with make_sessionmaker(engine).begin() as session:
        for i in ids:
            user = await users.get_or_create(session, i)
            user.active, user.org, user.role = True, ORGS[i % len(ORGS)], "staff"
    await engine.dispose()


def _is_answer(call: Call) -> bool:
    """An answer card has 👍/👎 buttons; a reply without is an honest "not in the guideline",
    whose question the bot also writes down for the coordinators (a database write)."""
    return any(str(b.get("callback_data", "")).startswith("fb:")
               for row in call.buttons for b in row)


async def _answers(api: FakeBotAPI, before: int, pushed: dict[int, float],
                   kinds: dict[int, bool] | None = None) -> dict[int, float]:
    deadline = time.monotonic() + 60
    answered: dict[int, float] = {}
    seen = before
    while len(answered) < len(pushed) and time.monotonic() < deadline:
        for call in api.calls[seen:]:
            if call.method == "sendMessage" and call.chat_id in pushed \
                    and call.chat_id not in answered:
                answered[call.chat_id] = call.at
                if kinds is not None:
                    kinds[call.chat_id] = _is_answer(call)
        seen = len(api.calls)
        # Woken by each call, not by polling: this process shares the CPU with the bot.
        await api.until_call(seen, timeout=0.1)
    return answered


async def run_load(n_users: int = 50, rounds: int = 5, database_url: str | None = None) -> dict:
    """Admit n_users, start the bot process, then each round all of them ask at once.

    Returns:
        Latency figures in milliseconds, from pushing the update to the bot's sendMessage.
    """
    pools = _question_pools()
    per_org = max(1, n_users // len(ORGS))  # users per municipality: each round moves on by this
    api = await FakeBotAPI().start()
    tmp = tempfile.TemporaryDirectory()
    url = database_url or f"sqlite:///{Path(tmp.name) / 'load.db'}"
    upgrade(url)
    ids = list(range(10_000, 10_000 + n_users))
    await _admit(url, ids)
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env.update(BOT_TOKEN="1:load-test", BOT_API_URL=api.base_url, BOT_API_FILE_URL=api.file_url,
               DATABASE_URL=url)
    proc = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    latencies: list[float] = []
    by_kind: dict[bool, list[float]] = {True: [], False: []}
    round_p95: list[float] = []
    bot_cpu = own_cpu = 0.0
    try:
        # Warm-up: the first answer proves the bot is up (packs loaded, polling).
        warm = {ids[0]: time.monotonic()}
        before = len(api.calls)
        await api.send_text(ids[0], "/hjalp")
        if not await _answers(api, before, warm):
            raise RuntimeError("the bot process did not answer")
        await asyncio.sleep(3)  # steady state is measured, not the first seconds
        for r in range(-1, rounds):  # round -1 warms every user's path up and is not counted
            pushed: dict[int, float] = {}
            before = len(api.calls)
            cpu0, own0 = _cpu_seconds(proc.pid), time.process_time()
            for i in ids:
                pushed[i] = time.monotonic()
                pool = pools[ORGS[i % len(ORGS)]]
                question, lang = pool[(i // len(ORGS) + (r + 1) * per_org) % len(pool)]
                await api.send_text(i, question, language_code=lang)
            kinds: dict[int, bool] = {}
            answered = await _answers(api, before, pushed, kinds)
            if r >= 0:
                this_round = [(answered[i] - pushed[i]) * 1000 for i in answered]
                for i in answered:
                    by_kind[kinds[i]].append((answered[i] - pushed[i]) * 1000)
                latencies += this_round
                round_p95.append(_pct(this_round, 95) if this_round else float("nan"))
                bot_cpu += _cpu_seconds(proc.pid) - cpu0
                own_cpu += time.process_time() - own0
            await asyncio.sleep(0.5)
    finally:
        proc.terminate()
        # Wait off the event loop: the local Bot API must keep answering while the bot stops.
        await asyncio.get_running_loop().run_in_executor(None, proc.wait, 30)
        await api.stop()
        tmp.cleanup()
    return {
        "users": n_users, "rounds": rounds, "replies": len(latencies),
        "p50_ms": statistics.median(latencies) if latencies else float("nan"),
        "p95_ms": _pct(latencies, 95) if latencies else float("nan"),
        "max_ms": max(latencies) if latencies else float("nan"),
        "round_p95_ms": round_p95,
        "answered_p95_ms": _pct(by_kind[True], 95) if by_kind[True] else float("nan"),
        "abstained_p95_ms": _pct(by_kind[False], 95) if by_kind[False] else float("nan"),
        "answered": len(by_kind[True]), "abstained": len(by_kind[False]),
        # CPU per answered update: steadier than wall time on a shared machine.
        "bot_cpu_ms": bot_cpu * 1000 / max(1, len(latencies)),
        "api_cpu_ms": own_cpu * 1000 / max(1, len(latencies)),
    }


def main(n_users: int = 50, rounds: int = 5, database_url: str | None = None) -> int:
    figures = asyncio.run(run_load(n_users, rounds, database_url))
    where = "SQLite" if database_url is None else database_url.split(":", 1)[0]
    print(f"telegram load: {figures['users']} users x {figures['rounds']} rounds, "
          f"{figures['replies']} replies (bot in its own process, {where})")
    print(f"  update->reply p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
          f"max {figures['max_ms']:.1f} ms (target p95 < 150 ms)")
    rounds_p95 = sorted(figures["round_p95_ms"])
    if rounds_p95:
        print(f"  p95 per round: best {rounds_p95[0]:.1f}, median "
              f"{statistics.median(rounds_p95):.1f}, worst {rounds_p95[-1]:.1f} ms; "
              f"in order: {' '.join(f'{v:.0f}' for v in figures['round_p95_ms'])}")
    print(f"  p95 of answers {figures['answered_p95_ms']:.1f} ms ({figures['answered']}), of "
          f"\"not in the guideline\" (written down) {figures['abstained_p95_ms']:.1f} ms "
          f"({figures['abstained']})")
    print(f"  CPU per update: bot process {figures['bot_cpu_ms']:.2f} ms, "
          f"local Bot API + staff (this process) {figures['api_cpu_ms']:.2f} ms")
    return 0 if figures["replies"] == figures["users"] * figures["rounds"] else 1
