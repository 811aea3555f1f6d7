"""One period's compilation files (XLSX, CSV, PNG) from the database, for the CLI, the
automatic compilation and /sammanstall alike. No Telegram."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import translator
from bot.orders import chart, csv_export, workbook
from bot.orders.compilation import AgreementLine, Compiled, compile_period
from bot.orders.config import OrgConfig
from bot.orders.labels import RowMaker
from bot.orders.periods import Period
from bot.storage import orders as repo


@dataclass(frozen=True)
class Report:
    compiled: Compiled
    files: list[tuple[str, bytes]]  # (file name, content): .xlsx, .csv, .png

    @property
    def count(self) -> int:
        return len(self.compiled.lines)


async def gather(session: AsyncSession, cfg: OrgConfig, period: Period) -> Compiled:
    rows = await repo.orders_between(session, cfg.org, period.start, period.end)
    agreements = await repo.agreements_between(session, cfg.org, period.start.date(),
                                               period.last_moment.date())
    return compile_period(cfg, period, rows,
                          [AgreementLine(a.party_name, a.scope, a.start_date, a.end_date)
                           for a in agreements])


def render(compiled: Compiled, cfg: OrgConfig, lang: str) -> Report:
    t = translator(lang, cfg.timezone)
    stem = f"{t('compile.file_stem')}-{cfg.org}-{compiled.period.key}"
    make = RowMaker(compiled, cfg, t)
    rows = [make(line) for line in compiled.lines]  # once, for the workbook and the CSV
    return Report(compiled, [
        (f"{stem}.xlsx", workbook.build(compiled, cfg, t, rows)),
        (f"{stem}.csv", csv_export.build(compiled, cfg, t, rows)),
        (f"{stem}.png", chart.build(compiled, cfg, t)),
    ])


async def build_report(session: AsyncSession, cfg: OrgConfig, period: Period,
                       lang: str) -> Report:
    return render(await gather(session, cfg, period), cfg, lang)
