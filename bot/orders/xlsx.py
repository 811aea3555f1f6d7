"""A small streaming XLSX writer: typed cells, four number formats, bold headers, a frozen
header row and column widths. Nothing else.

Why not openpyxl for writing: measured on this machine, openpyxl's write-only mode costs about
20 µs a cell even with lxml (40 µs without), so 100 000 orders × 23 columns took 45-90 s
against the 10 s target; this writer streams the same SpreadsheetML at ~1-2 µs a cell.
openpyxl reads the files back in the tests (and Excel and LibreOffice open them).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from xml.sax.saxutils import escape

# Style ids in styles.xml's cellXfs, in this order.
PLAIN, BOLD, KRONOR, HOURS, DATE, DATETIME = range(6)
_EPOCH = datetime(1899, 12, 30)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
_EPOCH_DATE = _EPOCH.date()

_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="4"><numFmt numFmtId="164" formatCode="#,##0.00 &quot;kr&quot;"/>
<numFmt numFmtId="165" formatCode="0.0#"/><numFmt numFmtId="166" formatCode="yyyy-mm-dd"/>
<numFmt numFmtId="167" formatCode="yyyy-mm-dd hh:mm"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>
<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill>
<fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
<xf numFmtId="167" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""
_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RNS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _col(n: int) -> str:
    """0 -> A, 26 -> AA."""
    name = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        name = chr(65 + r) + name
    return name


def _cell(value: object, style: int) -> str:
    """One cell, positioned by its place in the row (an empty cell is <c/>)."""
    s = f' s="{style}"' if style else ""
    if isinstance(value, str):
        if not value:
            return "<c/>"
        text = escape(_NOT_XML.sub("", value))
        return f'<c t="inlineStr"{s}><is><t xml:space="preserve">{text}</t></is></c>'
    if value is None:
        return "<c/>"
    number: object
    if isinstance(value, datetime):  # before date: a datetime is a date
        delta = value - _EPOCH
        number = delta.days + delta.seconds / 86400
    elif isinstance(value, date):
        number = (value - _EPOCH_DATE).days
    elif isinstance(value, bool):  # before int: a bool is an int
        return _cell(str(value), style)
    elif isinstance(value, int | float | Decimal):
        number = value
    else:
        return _cell(str(value), style)
    return f'<c{s}><v>{number}</v></c>'


def _converter(style: int) -> Callable[[object], str]:
    """A column's cell writer: its usual type the fast way, anything else through _cell."""
    if style in (KRONOR, HOURS):
        def number(v: object) -> str:
            return f'<c s="{style}"><v>{v}</v></c>' if type(v) is Decimal else _cell(v, style)
        return number
    if style == DATE:
        def day(v: object) -> str:
            if type(v) is date:
                return f'<c s="{DATE}"><v>{(v - _EPOCH_DATE).days}</v></c>'
            return _cell(v, style)
        return day
    if style == DATETIME:
        def moment(v: object) -> str:
            if type(v) is datetime:
                delta = v - _EPOCH
                return f'<c s="{DATETIME}"><v>{delta.days + delta.seconds / 86400}</v></c>'
            return _cell(v, style)
        return moment

    def plain(v: object) -> str:
        if type(v) is str and v:
            return ('<c t="inlineStr"><is><t xml:space="preserve">'
                    f'{escape(_NOT_XML.sub("", v))}</t></is></c>')
        return _cell(v, style)
    return plain


class Sheet:
    """A sheet's content: optional lines above a bold, frozen header; typed rows."""

    def __init__(self, name: str, header: Sequence[str], styles: Sequence[int],
                 rows: Iterable[Sequence[object]], widths: Sequence[float],
                 preamble: Sequence[str] = ()) -> None:
        self.name, self.header, self.styles = name, header, styles
        self.rows, self.widths, self.preamble = rows, widths, preamble

    def xml(self) -> Iterable[str]:
        top = len(self.preamble) + 2  # the first row under the header (1-based)
        yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet {_NS} '
               f'{_RNS}><sheetViews><sheetView workbookViewId="0"><pane ySplit="{top - 1}" '
               f'topLeftCell="A{top}" activePane="bottomLeft" state="frozen"/>'
               f'<selection pane="bottomLeft" activeCell="A{top}" sqref="A{top}"/>'
               f'</sheetView></sheetViews><cols>')
        yield "".join(f'<col min="{i}" max="{i}" width="{w:.1f}" customWidth="1"/>'
                      for i, w in enumerate(self.widths, start=1))
        yield "</cols><sheetData>"
        n = 0
        for n, line in enumerate(self.preamble, start=1):
            yield f'<row r="{n}">{_cell(line, BOLD)}</row>'
        n += 1
        yield (f'<row r="{n}">' + "".join(_cell(h, BOLD) for h in self.header) + "</row>")
        converters = [_converter(style) for style in self.styles]
        for r, row in enumerate(self.rows, start=n + 1):
            yield (f'<row r="{r}">'
                   + "".join([c(v) for c, v in zip(converters, row, strict=True)]) + "</row>")
        yield "</sheetData></worksheet>"


def write(sheets: Sequence[Sheet]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_CT_SHEET}"/>'
            for i in range(1, len(sheets) + 1))
        zf.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://'
            'schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default '
            'Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.'
            'xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
            'sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.styles+xml"/>' + overrides + "</Types>"))
        zf.writestr("_rels/.rels", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            f'xmlns="{_PKG}"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            f'Target="xl/workbook.xml"/></Relationships>'))
        names = "".join(f'<sheet name="{escape(s.name)}" sheetId="{i}" r:id="rId{i}"/>'
                        for i, s in enumerate(sheets, start=1))
        zf.writestr("xl/workbook.xml", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook {_NS} {_RNS}>'
            f'<sheets>{names}</sheets></workbook>'))
        rels = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/worksheet" '
                       f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, len(sheets) + 1))
        styles_id = len(sheets) + 1
        zf.writestr("xl/_rels/workbook.xml.rels", (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            f'xmlns="{_PKG}">{rels}<Relationship Id="rId{styles_id}" Type="{_REL}/styles" '
            f'Target="styles.xml"/></Relationships>'))
        zf.writestr("xl/styles.xml", _STYLES)
        for i, sheet in enumerate(sheets, start=1):
            with zf.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as fh:
                buf: list[str] = []
                for part in sheet.xml():
                    buf.append(part)
                    if len(buf) >= 2000:
                        fh.write("".join(buf).encode("utf-8"))
                        buf.clear()
                fh.write("".join(buf).encode("utf-8"))
    return out.getvalue()
