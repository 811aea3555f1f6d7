"""`python -m bot bench orders --orders N`: N orders in a scratch database, one period compiled
into XLSX + CSV + PNG. The last line printed is `compiled N orders in S s, peak M MB`: the
wall time of the compilation (reading the rows included) and the process's peak memory.
Figures are printed, never asserted."""

from __future__ import annotations

import asyncio
import os
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert

from bot.orders import config as orders_config
from bot.orders.periods import parse_key
from bot.orders.report import build_report
from bot.storage.database import make_async_engine, make_sessionmaker, make_sync_engine
from bot.storage.migrate import upgrade
from bot.storage.models import Order

ORG = "ragunda"
PERIOD = "2026-1"
BATCH = 5000


def _rows(count: int, start: datetime, seconds: int, seed: int) -> list[dict[str, object]]:
    rnd = random.Random(seed)
    kinds = ("municipal", "municipal", "municipal", "private", "association")
    groups = ("utegruppen", "innegruppen_aterbruk", "innegruppen_pyssel", "vet_ej")
    statuses = ("new", "accepted", "declined", "scheduled", "done", "done", "done")
    rows: list[dict[str, object]] = []
    for i in range(count):
        at = start + timedelta(seconds=rnd.randrange(seconds))
        kind = rnd.choice(kinds)
        status = rnd.choice(statuses)
        done = status == "done"
        rows.append(dict(
            org=ORG, number=f"RAG-{at.year}-{i + 1:06d}", service=rnd.choice(groups),
            party_name=f"{'Enhet' if kind == 'municipal' else 'Aktör'} {rnd.randrange(200):03d}",
            party_kind=kind, description="Hjälp med att röja sly längs gångvägen " * 2,
            location="Hammarstrand", wanted_from=date(2026, 2, 1), wanted_to=date(2026, 2, 3),
            est_hours=Decimal(rnd.randrange(1, 80)) / 2, est_km=rnd.randrange(0, 200),
            contact_role="enhetschef", status=status,
            decline_reason="Ingen kapacitet" if status == "declined" else None,
            scheduled_date=date(2026, 2, 2) if status in ("scheduled", "done") else None,
            completed_at=at + timedelta(days=3) if done else None,
            actual_hours=Decimal(rnd.randrange(1, 80)) / 2 if done else None,
            actual_km=rnd.randrange(0, 200) if done else None,
            requester_telegram_id=1000 + rnd.randrange(500), created_at=at, updated_at=at))
    return rows


def seed(url: str, count: int, seed_value: int = 14) -> None:
    """Insert `count` orders spread over the period (Core executemany, in batches)."""
    cfg = orders_config.for_org(ORG)
    p = parse_key(PERIOD, cfg.period_starts, cfg.tz)
    seconds = int((p.end.astimezone(UTC) - p.start.astimezone(UTC)).total_seconds())
    engine = make_sync_engine(url)
    with engine.begin() as conn:
        done = 0
        while done < count:
            n = min(BATCH, count - done)
            rows = _rows(n, p.start.astimezone(UTC), seconds, seed_value + done)
            for j, row in enumerate(rows):
                row["number"] = f"RAG-2026-{done + j + 1:06d}"
            conn.execute(insert(Order), rows)
            done += n
    engine.dispose()


async def compile_once(url: str, out: Path) -> tuple[int, list[Path]]:
    cfg = orders_config.for_org(ORG)
    engine = make_async_engine(url)
    try:
        async with make_sessionmaker(engine)() as session:
            report = await build_report(session, cfg, parse_key(PERIOD, cfg.period_starts,
                                                                cfg.tz), "sv")
    finally:
        await engine.dispose()
    paths = []
    for name, data in report.files:
        path = out / name
        path.write_bytes(data)
        paths.append(path)
    return report.count, paths


def peak_mb() -> float:
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    return kib / (1024 * 1024) if sys.platform == "darwin" else kib / 1024


def run(count: int, out: Path | None = None) -> tuple[int, float, float]:
    with tempfile.TemporaryDirectory(prefix="orders-bench-") as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        upgrade(url)
        began = time.perf_counter()
        seed(url, count)
        print(f"seeded {count} orders in {time.perf_counter() - began:.1f} s", flush=True)
        target = out or Path(tmp)
        target.mkdir(parents=True, exist_ok=True)
        began, cpu = time.perf_counter(), time.process_time()
        compiled, paths = asyncio.run(compile_once(url, target))
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
        for path in paths:
            print(f"  {path.name}: {path.stat().st_size / 1024:.0f} KiB")
    mb = peak_mb()
    # The machine may be shared: the CPU time and the load say how much of the wall time was ours.
    print(f"compilation CPU time {cpu:.2f} s; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    print(f"compiled {compiled} orders in {seconds:.2f} s, peak {mb:.0f} MB")
    return compiled, seconds, mb
