"""A small, fast XLSX writer: worksheets of plain cells, each holding one named Excel table.

openpyxl takes about 16 ms for the smallest workbook and a quarter of a minute for a
corpus's figures; a site writes a workbook per indicator, so this writes SpreadsheetML
directly (inline strings, one fixed stylesheet), deterministically: fixed document dates
and zip entry times, parts in a fixed order. It writes only what the exports need.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape, quoteattr

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
COMPRESSION = 1
"""zlib's fastest level: a site compresses thousands of workbooks, and the XML of a table
compresses well even so."""
DOCUMENT_TIME = "2000-01-01T00:00:00Z"
"""The workbook's created and modified dates: fixed, so two exports are byte-identical."""

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


class Style:
    """Indexes into the stylesheet's cellXfs."""

    PLAIN = 0
    BOLD = 1
    TITLE = 2
    HEADING = 3
    DATE = 4
    WRAP = 5


STYLES = (
    HEADER + f'<styleSheet xmlns="{MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
    '<fonts count="4">'
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="16"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font>'
    "</fonts>"
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="6">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
    '<alignment vertical="top" wrapText="1"/></xf>'
    "</cellXfs>"
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '<dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
    'defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
)

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = date(1899, 12, 30)


@dataclass
class TablePart:
    """A named Excel table over part of a sheet: its header row and how many rows below."""

    name: str
    header_row: int
    columns: list[str]
    rows: int


@dataclass
class Sheet:
    name: str
    widths: list[float] = field(default_factory=list)
    rows: list[str] = field(default_factory=list)
    """Each row's XML, in order (row numbers from 1)."""
    table: TablePart | None = None
    width: int = 1
    """How many columns the sheet uses."""

    def add(self, values: list[Any], style: int | list[int] = Style.PLAIN) -> None:
        """A row of cells: text, numbers, booleans, dates (None: an empty cell)."""
        styles = style if isinstance(style, list) else [style] * len(values)
        self.rows.append(encode_row(values, styles))
        self.width = max(self.width, len(values))

    def add_table(self, name: str, columns: list[str], body: list[str]) -> None:
        """A named table: its header row (bold) then the rows (`encode_row`), at least one
        as Excel requires (so an empty table has one empty row)."""
        self.add(list(columns), Style.BOLD)
        header_row = len(self.rows)
        self.rows.extend(body)
        self.width = max(self.width, len(columns))
        self.table = TablePart(name, header_row, list(columns), max(len(body), 1))


def encode_row(values: list[Any], styles: list[int]) -> str:
    """A row's XML. Cells carry no references (they are optional: each cell is the next
    column, an empty one `<c/>`), so one row's XML serves in any sheet at any row: a
    site encodes each figure once for its indicator's, partnership's and site's files."""
    return "<row>" + "".join(map(_cell, values, styles)) + "</row>"


def _cell(value: Any, style: int) -> str:
    if value is None:
        return "<c/>"
    s = f' s="{style}"' if style else ""
    if type(value) is str:  # most cells: the common case first
        return _text_cell(value, s)
    if isinstance(value, bool):
        return f'<c{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f"<c{s}><v>{value}</v></c>"
    if isinstance(value, float):
        return f"<c{s}><v>{_float(value)}</v></c>"
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return f'<c s="{Style.DATE}"><v>{(value - _EPOCH).days}</v></c>'
    return _text_cell(str(value), s)


def _text_cell(text: str, s: str) -> str:
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    space = ' xml:space="preserve"' if text != text.strip() or "\n" in text else ""
    if "&" in text or "<" in text or ">" in text:
        text = escape(text)
    return f'<c{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _float(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


_LETTERS: list[str] = []


def column_letter(index: int) -> str:
    """'A' for 0, 'AA' for 26."""
    while len(_LETTERS) <= index:
        number, letters = len(_LETTERS) + 1, ""
        while number:
            number, left = divmod(number - 1, 26)
            letters = chr(65 + left) + letters
        _LETTERS.append(letters)
    return _LETTERS[index]


def _sheet_xml(sheet: Sheet) -> str:
    last = f"{column_letter(sheet.width - 1)}{max(len(sheet.rows), 1)}"
    cols = "".join(
        f'<col min="{i}" max="{i}" width="{width}" customWidth="1"/>'
        for i, width in enumerate(sheet.widths, 1)
    )
    parts = [
        HEADER,
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">',
        f'<dimension ref="A1:{last}"/>',
        f"<cols>{cols}</cols>" if cols else "",
        "<sheetData>",
        *sheet.rows,
        "</sheetData>",
        '<tableParts count="1"><tablePart r:id="rId1"/></tableParts>' if sheet.table else "",
        "</worksheet>",
    ]
    return "".join(parts)


def _table_xml(table: TablePart, number: int) -> str:
    ref = (
        f"A{table.header_row}:{column_letter(len(table.columns) - 1)}"
        f"{table.header_row + table.rows}"
    )
    columns = "".join(
        f'<tableColumn id="{i}" name={quoteattr(name)}/>' for i, name in enumerate(table.columns, 1)
    )
    return (
        HEADER + f'<table xmlns="{MAIN}" id="{number}" name="{table.name}" '
        f'displayName="{table.name}" ref="{ref}" totalsRowShown="0">'
        f'<autoFilter ref="{ref}"/><tableColumns count="{len(table.columns)}">{columns}'
        '</tableColumns><tableStyleInfo name="TableStyleLight1" showFirstColumn="0" '
        'showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
    )


def workbook(title: str, sheets: list[Sheet]) -> bytes:
    """The XLSX file's bytes."""
    parts: list[tuple[str, str]] = []
    overrides = [
        (
            "/xl/workbook.xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        ),
        (
            "/xl/styles.xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
        ),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        ),
    ]
    workbook_rels = []
    entries = []
    tables = 0
    for number, sheet in enumerate(sheets, 1):
        path = f"worksheets/sheet{number}.xml"
        parts.append((f"xl/{path}", _sheet_xml(sheet)))
        overrides.append(
            (
                f"/xl/{path}",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
            )
        )
        workbook_rels.append(
            f'<Relationship Id="rId{number}" Type="{RELS}/worksheet" Target="{path}"/>'
        )
        entries.append(
            f'<sheet name={quoteattr(sheet.name)} sheetId="{number}" r:id="rId{number}"/>'
        )
        if sheet.table is not None:
            tables += 1
            parts.append((f"xl/tables/table{tables}.xml", _table_xml(sheet.table, tables)))
            overrides.append(
                (
                    f"/xl/tables/table{tables}.xml",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
                )
            )
            parts.append(
                (
                    f"xl/worksheets/_rels/sheet{number}.xml.rels",
                    HEADER + f'<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
                    f'Type="{RELS}/table" Target="../tables/table{tables}.xml"/></Relationships>',
                )
            )
    styles_id = len(sheets) + 1
    workbook_rels.append(
        f'<Relationship Id="rId{styles_id}" Type="{RELS}/styles" Target="styles.xml"/>'
    )
    content_types = (
        HEADER + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
        + "</Types>"
    )
    root_rels = (
        HEADER + f'<Relationships xmlns="{PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELS}/officeDocument" Target="xl/workbook.xml"/>'
        f'<Relationship Id="rId2" Type="{PACKAGE_RELS}/metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{RELS}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"
    )
    core = (
        HEADER
        + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(_NOT_XML.sub('', title))}</dc:title><dc:creator>cspplan</dc:creator>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{DOCUMENT_TIME}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{DOCUMENT_TIME}</dcterms:modified>'
        "</cp:coreProperties>"
    )
    app = (
        HEADER
        + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>cspplan</Application></Properties>"
    )
    book = (
        HEADER + f'<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews><workbookView/></bookViews>'
        f"<sheets>{''.join(entries)}</sheets></workbook>"
    )
    files = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", root_rels),
        ("docProps/core.xml", core),
        ("docProps/app.xml", app),
        ("xl/workbook.xml", book),
        (
            "xl/_rels/workbook.xml.rels",
            HEADER
            + f'<Relationships xmlns="{PACKAGE_RELS}">'
            + "".join(workbook_rels)
            + "</Relationships>",
        ),
        ("xl/styles.xml", STYLES),
        *parts,
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=COMPRESSION) as archive:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()
