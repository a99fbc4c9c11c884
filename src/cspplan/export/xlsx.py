"""Workbooks written through XlsxWriter: worksheets of plain cells, each holding at most
one named Excel table.

A site writes a workbook per indicator, so this uses XlsxWriter (about 1 ms for a small
workbook, against openpyxl's 16) and describes each sheet first, as rows of values with a
style each, so a row made once serves every workbook it is in. Output is deterministic:
XlsxWriter dates its zip entries and document properties from the `created` date, which
is fixed here, so two exports of the same plans are byte-identical on any day.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from cspplan.export.cells import fitted

CREATED = datetime(2000, 1, 1)
"""The workbook's created and modified dates: fixed, so two exports are byte-identical."""

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold: dropped from text rather than refusing the workbook."""


class Style:
    """A cell's look: an index into `_FORMATS`."""

    PLAIN = 0
    BOLD = 1
    TITLE = 2
    HEADING = 3
    DATE = 4
    WRAP = 5


_FORMATS: dict[int, dict[str, Any]] = {
    Style.BOLD: {"bold": True},
    Style.TITLE: {"bold": True, "font_size": 16},
    Style.HEADING: {"bold": True, "font_size": 13},
    Style.DATE: {"num_format": "yyyy-mm-dd"},
    Style.WRAP: {"text_wrap": True, "valign": "top"},
}

Row = tuple[tuple[Any, ...], tuple[int, ...]]
"""A row's values and the style of each."""


@dataclass
class TablePart:
    """A named Excel table: its header row (counted from 0), column names, rows below."""

    name: str
    header_row: int
    columns: list[str]
    rows: int


@dataclass
class Sheet:
    name: str
    widths: list[float] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    table: TablePart | None = None

    def add(self, values: list[Any], style: int | list[int] = Style.PLAIN) -> None:
        """A row of cells: text, numbers, booleans, dates (None: an empty cell)."""
        styles = style if isinstance(style, list) else [style] * len(values)
        self.rows.append(encode_row(values, styles))

    def add_table(self, name: str, columns: list[str], body: list[Row]) -> None:
        """A named table: its header row (bold) then the rows, at least one as Excel
        requires (so an empty table has one empty row)."""
        header_row = len(self.rows)
        self.add(list(columns), Style.BOLD)
        self.rows.extend(body)
        self.table = TablePart(name, header_row, list(columns), max(len(body), 1))


def encode_row(values: list[Any], styles: list[int]) -> Row:
    """A row as the workbook writes it: made once, it serves in any sheet at any row."""
    cleaned = tuple(fitted(_NOT_XML.sub("", v)) if type(v) is str else v for v in values)
    return cleaned, tuple(styles)


def workbook(title: str, sheets: list[Sheet]) -> bytes:
    """The XLSX file's bytes."""
    import xlsxwriter

    stream = io.BytesIO()
    book = xlsxwriter.Workbook(
        stream,
        {
            "in_memory": True,
            # the text is data: never a formula, a link or a number however it starts
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    book.set_properties({"title": _NOT_XML.sub("", title), "author": "cspplan", "created": CREATED})
    formats = {style: book.add_format(spec) for style, spec in _FORMATS.items()}
    for sheet in sheets:
        _write_sheet(book.add_worksheet(sheet.name), sheet, formats)
    book.close()
    return stream.getvalue()


LINE_HEIGHT = 15
"""Points per line of 11-point text. Spreadsheet programs do not all grow a row to fit
wrapped text when they open a file (LibreOffice does not), so wrapped rows say how tall."""


def _lines(values: tuple[Any, ...], styles: tuple[int, ...], widths: list[float]) -> int:
    """How many lines the row's wrapped text takes in its columns (a column's width is
    about its number of characters)."""
    most = 1
    for column, (value, style) in enumerate(zip(values, styles, strict=True)):
        if style == Style.WRAP and isinstance(value, str):
            width = widths[column] if column < len(widths) else 8.43
            chars = max(int(width * 1.1), 1)
            lines = sum(max(1, -(-len(part) // chars)) for part in value.split("\n"))
            most = max(most, lines)
    return most


def _write_sheet(worksheet: Any, sheet: Sheet, formats: dict[int, Any]) -> None:
    for column, width in enumerate(sheet.widths):
        worksheet.set_column(column, column, width)
    write, write_string = worksheet.write, worksheet.write_string
    for number, (values, styles) in enumerate(sheet.rows):
        for column, (value, style) in enumerate(zip(values, styles, strict=True)):
            if type(value) is str and value:  # text is a string cell, whatever it begins with
                write_string(number, column, value, formats.get(style))
            elif value is not None:
                write(number, column, value, formats.get(style))
        if Style.WRAP in styles:
            worksheet.set_row(number, LINE_HEIGHT * _lines(values, styles, sheet.widths))
    table = sheet.table
    if table is not None:
        worksheet.add_table(
            table.header_row,
            0,
            table.header_row + table.rows,
            len(table.columns) - 1,
            {
                "name": table.name,
                "style": "Table Style Light 1",
                "columns": [
                    {"header": name, "header_format": formats[Style.BOLD]} for name in table.columns
                ],
            },
        )
