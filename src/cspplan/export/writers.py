"""Exported tables as bytes: CSV (UTF-8 with a byte-order mark), XLSX and Parquet.

All three are deterministic: the same plans give the same bytes (the workbook's dates
and its zip entries' times are fixed), so a site holding them builds byte-identically.

CSV and XLSX neutralise formula-like text (OWASP's advice on CSV injection) through
`cells.neutralised`: a text cell beginning with = + - @, a tab or a carriage return gets
a `'` in front, so Excel shows it as text and never runs it; XLSX text is also written as
a string cell, never a formula. Parquet holds the text unchanged (nothing runs it).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cspplan.export.cells import neutralised
from cspplan.export.columns import ARROW_TYPES, TABLES, Column, Kind, Table

if TYPE_CHECKING:
    from cspplan.export.tables import Row

FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _csv_cell(value: Any, column: Column) -> str:
    if value is None:
        return ""
    kind = column.kind
    if kind is Kind.TEXT:
        return neutralised(value) if type(value) is str else neutralised(str(value))
    if kind is Kind.BOOLEAN:
        return "TRUE" if value else "FALSE"
    if kind is Kind.DATE:
        return value.isoformat()
    if kind is Kind.INTEGER:
        return str(int(value))
    return _number(value)


_LINE = io.StringIO(newline="")
_WRITER = csv.writer(_LINE, lineterminator="\r\n")


def _csv_line(cells: list[str]) -> str:
    """One CSV line (quotes only where needed, CRLF), by one reused writer: a line at a
    time, so each row's line can be kept for every file it is in."""
    _LINE.seek(0)
    _LINE.truncate()
    _WRITER.writerow(cells)
    return _LINE.getvalue()


class Encoded:
    """Each row's CSV line, made once: a site writes every figure into its indicator's, its
    partnership's and the whole site's CSV files. Keyed by the row object, so it lives no
    longer than the rows it was made from."""

    def __init__(self) -> None:
        self._csv: dict[tuple[str, int], str] = {}
        self._kept: list[Row] = []  # the rows keyed, kept alive so no id is reused

    def csv(self, table: Table, row: Row) -> str:
        key = (table.name, id(row))
        found = self._csv.get(key)
        if found is None:
            found = _csv_line([_csv_cell(row[c.name], c) for c in table.columns])
            self._csv[key] = found
            self._kept.append(row)
        return found


def to_csv(table: Table, rows: list[Row], encoded: Encoded | None = None) -> bytes:
    """One table as CSV: UTF-8 with a byte-order mark (so Excel reads £ and ’), CRLF line
    ends as Excel writes them, a header row of the column names."""
    encoded = encoded or Encoded()
    lines = [_csv_line(table.names), *(encoded.csv(table, row) for row in rows)]
    return b"\xef\xbb\xbf" + "".join(lines).encode("utf-8")


def to_parquet(table: Table, rows: list[Row]) -> bytes:
    """One table as Parquet, typed as `columns.ARROW_TYPES` says."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrow_type = {
        Kind.TEXT: pa.string(),
        Kind.INTEGER: pa.int64(),
        Kind.NUMBER: pa.float64(),
        Kind.BOOLEAN: pa.bool_(),
        Kind.DATE: pa.date32(),
    }
    assert set(arrow_type) == set(ARROW_TYPES)
    schema = pa.schema(
        [
            pa.field(c.name, arrow_type[c.kind], metadata={"description": c.description})
            for c in table.columns
        ],
        metadata={"table": table.name, "title": table.title},
    )
    data = {
        c.name: pa.array(
            [_parquet_value(row[c.name], c.kind) for row in rows], type=arrow_type[c.kind]
        )
        for c in table.columns
    }
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pydict(data, schema=schema), sink, compression="zstd")
    return sink.getvalue()


def _parquet_value(value: Any, kind: Kind) -> Any:
    if value is None:
        return None
    if kind is Kind.NUMBER:
        return float(value)
    if kind is Kind.INTEGER:
        return int(value)
    if kind is Kind.TEXT:
        return str(value)
    return value


# -- XLSX ---------------------------------------------------------------------------------------


@dataclass
class Workbook:
    """What a workbook says about itself on its cover sheet."""

    title: str
    about: str
    coverage: list[tuple[str, str]] = field(default_factory=list)
    """(heading, text) lines of the cover sheet after the title and the about line."""


NOTES = (
    (
        "Status",
        "The status and direction are computed by cspplan from the plan's targets and the "
        "figures, as the partnership's own status rules say; they may differ from a status "
        "the plan printed.",
    ),
    (
        "Empty cells",
        "An empty cell means there is no value: no figure (value_status says why), no "
        "target, or a plan year that does not measure the indicator.",
    ),
    (
        "Percentages",
        "Percentages are stored as numbers of percent: 46 means 46%.",
    ),
    (
        "Formula-like text",
        "Text beginning with =, +, -, @, a tab or a carriage return is shown with a ' in "
        "front, so that it is never run as a formula; the plan files keep it as written.",
    ),
    (
        "Columns",
        "Every column's name, type and meaning is listed in cspplan's docs/export-columns.md; "
        "names and types do not change between versions (new columns are added at the end).",
    ),
)


def to_xlsx(book: Workbook, tables: dict[str, list[Row]]) -> bytes:
    """A workbook laid out as the government Analysis Function advises for releasing
    statistics in spreadsheets: a cover sheet, a contents table, a notes table, and each
    table on its own sheet as a named Excel table under a title in A1 (no merged cells, no
    blank rows or columns inside tables, numbers, dates and true/false as real cells).
    Tables with no rows are left out."""
    from cspplan.export.xlsx import Sheet, Style, encode_row, workbook

    kept = {name: rows for name, rows in tables.items() if rows}
    cover = Sheet("Cover", widths=[110])
    cover.add([neutralised(book.title)], Style.TITLE)  # a partnership's name, on the site
    cover.add(["About this data"], Style.HEADING)
    cover.add([book.about], Style.WRAP)
    for heading, text in book.coverage:
        cover.add([heading], Style.HEADING)
        cover.add([neutralised(text)], Style.WRAP)  # partnership names
    cover.add(["Contents"], Style.HEADING)
    cover.add(["The Contents worksheet lists the tables in this workbook, one a worksheet."])
    cover.add(["Notes"], Style.HEADING)
    cover.add(["The Notes worksheet explains the notes the tables refer to, as [note 1]."])

    contents = Sheet("Contents", widths=[18, 70, 10])
    contents.add(["Contents"], Style.TITLE)
    contents.add(["This worksheet contains one table."])
    contents.add_table(
        "contents",
        ["sheet", "table", "rows"],
        [
            encode_row([_sheet_name(name), TABLES[name].title, len(rows)], [Style.PLAIN] * 3)
            for name, rows in kept.items()
        ],
    )
    notes = Sheet("Notes", widths=[14, 20, 110])
    notes.add(["Notes"], Style.TITLE)
    notes.add(["This worksheet contains one table, of the notes the other worksheets refer to."])
    notes.add_table(
        "notes",
        ["note_number", "note_heading", "note_text"],
        [
            encode_row([f"[note {i}]", heading, text], [Style.PLAIN, Style.PLAIN, Style.WRAP])
            for i, (heading, text) in enumerate(NOTES, 1)
        ],
    )
    sheets = [cover, contents, notes]
    note_refs = " ".join(f"[note {number}]" for number in range(1, len(NOTES) + 1))
    for name, rows in kept.items():
        table = TABLES[name]
        sheet = Sheet(_sheet_name(name), widths=[_width(column) for column in table.columns])
        sheet.add([table.title], Style.TITLE)
        sheet.add(["This worksheet contains one table. " + table.description])
        sheet.add([f"Notes: {note_refs} (see the Notes worksheet)."])
        styles = [Style.DATE if c.kind is Kind.DATE else Style.PLAIN for c in table.columns]
        body = [
            encode_row([_xlsx_value(row[c.name], c.kind) for c in table.columns], styles)
            for row in rows
        ]
        sheet.add_table(name, table.names, body)
        sheets.append(sheet)
    return workbook(book.title, sheets)


def _sheet_name(table: str) -> str:
    """The worksheet a table is on: 'Figures' for figures (`cspplan import --sheet Figures`)."""
    return table.capitalize()


def _xlsx_value(value: Any, kind: Kind) -> Any:
    if value is None:
        return None
    if kind is Kind.TEXT:
        return neutralised(str(value))
    if kind is Kind.NUMBER:
        return float(value)
    return value


def _width(column: Column) -> float:
    if column.kind is Kind.TEXT:
        return max(14, min(40, len(column.name) + 4))
    return max(12, len(column.name) + 4)
