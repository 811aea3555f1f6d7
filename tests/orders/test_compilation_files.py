"""A period's compilation from the database: the workbook read back with openpyxl, the CSV
with the csv module, the chart as a PNG; small counts shown as "<3" (both databases)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl

from bot.orders import config
from bot.orders.periods import parse_key
from bot.orders.report import build_report
from bot.storage import orders as repo
from bot.storage.database import make_async_engine, make_sessionmaker

CFG = config.for_org("ragunda")
P1 = parse_key("2026-1", CFG.period_starts, CFG.tz)


async def _order(session, at, *, party="Fritidsgården", kind="municipal", group="utegruppen",
                 status="new", hours=None, km=None):
    row = await repo.add_order(
        session, org="ragunda", prefix="RAG", service=group, party_name=party, party_kind=kind,
        description="Röja sly; längs \"gångvägen\"", location="Hammarstrand",
        wanted_from=date(2026, 3, 2), wanted_to=date(2026, 3, 4), est_hours=Decimal("4.5"),
        est_km=20, contact_role="enhetschef", requester_telegram_id=77, now=at)
    row.status = status
    if status == "done":
        row.actual_hours, row.actual_km, row.completed_at = Decimal(hours), km, at
    return row


async def _seed_and_compile(url, lang="sv"):
    engine = make_async_engine(url)
    maker = make_sessionmaker(engine)
    try:
        async with maker.begin() as session:
            for _ in range(4):
                await _order(session, datetime(2026, 2, 1, 9, tzinfo=UTC))
            await _order(session, datetime(2026, 3, 1, 9, tzinfo=UTC), party="Bygdeföreningen",
                         kind="association", group="innegruppen_pyssel", status="done",
                         hours="2.5", km=13)
            await _order(session, datetime(2026, 4, 30, 21, 59, 59, tzinfo=UTC),
                         party="Sågverket AB", kind="private", status="declined")
            # 1 May 00:00 Stockholm (22:00 UTC on 30 April): the next period, not this one.
            await _order(session, datetime(2026, 4, 30, 22, 0, tzinfo=UTC), party="Senare")
            await repo.add_agreement(session, org="ragunda", party_name="Hemtjänsten",
                                     scope="Snöskottning varje vecka", start_date=date(2026, 1, 1),
                                     end_date=date(2026, 12, 31), created_by=1,
                                     now=datetime(2026, 1, 1, tzinfo=UTC))
        async with maker() as session:
            return await build_report(session, CFG, P1, lang)
    finally:
        await engine.dispose()


async def test_the_workbook_reads_back_with_totals_bills_and_suppressed_counts(database_url):
    report = await _seed_and_compile(database_url)
    assert report.count == 6
    names = [name for name, _ in report.files]
    assert names == ["bestallningar-ragunda-2026-1.xlsx", "bestallningar-ragunda-2026-1.csv",
                     "bestallningar-ragunda-2026-1.png"]
    wb = openpyxl.load_workbook(io.BytesIO(report.files[0][1]))
    assert wb.sheetnames == ["Beställningar", "Per beställare", "Per arbetsgrupp",
                             "Per typ av beställare", "Avtal", "Faktura Bygdeföreningen"]
    orders = wb["Beställningar"]
    assert orders.freeze_panes == "A3"
    assert orders["A1"].value.startswith("Beställningar 2026-1 (1 jan. 2026")
    header = [c.value for c in orders[2]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in orders.iter_rows(3)]
    assert [r["Beställningsnr"][:9] for r in rows] == ["RAG-2026-"] * 6
    assert "Senare" not in {r["Beställare"] for r in rows}
    done = next(r for r in rows if r["Beställare"] == "Bygdeföreningen")
    assert (done["Status"], done["Typ av beställare"], done["Arbetsgrupp"]) == (
        "Utförd", "Förening", "Innegruppen – pyssel")
    assert done["Att debitera (kr)"] == 2.5 * 350 + 13 * 2.5  # 907.50
    assert orders.cell(3 + rows.index(done), header.index("Att debitera (kr)") + 1
                       ).number_format == '#,##0.00 "kr"'
    assert done["Mottagen"] == datetime(2026, 3, 1, 10, 0)  # local time, 09:00 UTC
    assert orders.column_dimensions["H"].width > orders.column_dimensions["B"].width
    by_party = {r[0].value: r[1].value for r in wb["Per beställare"].iter_rows(3)}
    assert by_party == {"Fritidsgården": 4, "Bygdeföreningen": "<3", "Sågverket AB": "<3"}
    bill = [[c.value for c in r] for r in wb["Faktura Bygdeföreningen"].iter_rows(4)]
    assert bill[-1][0] == "Totalt" and bill[-1][-1] == 907.5
    assert "350,00" in wb["Faktura Bygdeföreningen"]["A2"].value
    agreements = [[c.value for c in r] for r in wb["Avtal"].iter_rows(3)]
    assert agreements[0][0] == "Hemtjänsten"


async def test_the_csv_opens_in_swedish_excel_and_the_chart_is_a_png(database_url):
    report = await _seed_and_compile(database_url)
    data = report.files[1][1]
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert len(body) == 6
    done = next(dict(zip(header, r, strict=True)) for r in body if "Bygdeföreningen" in r)
    assert done["Att debitera (kr)"] == "907,50"
    assert done["Faktiska handledartimmar"] == "2,50"
    assert done["Uppdrag"] == 'Röja sly; längs "gångvägen"'  # the separator inside is quoted
    assert report.files[2][1].startswith(b"\x89PNG")


async def test_the_files_speak_english_when_asked(database_url):
    report = await _seed_and_compile(database_url, lang="en")
    wb = openpyxl.load_workbook(io.BytesIO(report.files[0][1]))
    assert wb.sheetnames[0] == "Orders" and report.files[0][0] == "orders-ragunda-2026-1.xlsx"
