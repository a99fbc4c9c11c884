"""Spreadsheet cells that can never be run: the one place cspplan neutralises formula-like
text (OWASP's "CSV injection") and reads it back.

Excel and LibreOffice Calc run a cell that begins with = + - @ (or a tab or carriage
return before one) as a formula, and a formula can fetch a web address or, through DDE,
start a program. Plan text comes from many hands, so every CSV and XLSX cspplan writes
(`status --format csv`, `status --by … --format csv`, `export`, the site's downloads)
puts a `'` before such text, as OWASP advises: the spreadsheet shows the text with the
quote, and never runs it. The plan files keep the text as written; only the output
changes. `cspplan import` of cspplan's own export takes the quote off again (`restored`),
so a round trip keeps the text exactly.

Text that already begins with quotes and then a formula character (`'=x`) gets one more
quote, so that `restored` can tell it from a neutralised `=x`: the two are inverses.

This module imports nothing heavy: `status` writes CSV with the standard csv module.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a cell's text begins with when a spreadsheet would read it as a formula (OWASP)."""
QUOTE = "'"


def neutralised(text: str) -> str:
    """Text a spreadsheet would read as a formula, with a `'` before it (text of quotes
    then a formula character gets one more quote, so `restored` undoes exactly this)."""
    return QUOTE + text if text.lstrip(QUOTE).startswith(FORMULA_STARTS) else text


def restored(text: str) -> str:
    """Text as it was before `neutralised` (`'=x` back to `=x`, `''=x` to `'=x`)."""
    if text.startswith(QUOTE) and text.lstrip(QUOTE).startswith(FORMULA_STARTS):
        return text[1:]
    return text


XLSX_CELL_LIMIT = 32_767
"""The most characters Excel holds in a cell; XlsxWriter silently cuts a longer text."""


def fitted(text: str) -> str:
    """Text that fits a workbook cell: a longer one is cut where it says so, and how long it
    was, rather than silently (the plan file and the CSV export keep it whole)."""
    if len(text) <= XLSX_CELL_LIMIT:
        return text
    tail = (
        f" … [cut here: a spreadsheet cell holds {XLSX_CELL_LIMIT:,} characters; the whole "
        f"text, {len(text):,} characters, is in the plan file and the CSV export]"
    )
    return text[: XLSX_CELL_LIMIT - len(tail)] + tail


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _column_writer(values: list[object]) -> tuple[bool, bool]:
    """How pandas would type a column of these values: (numbers, as floats). A column of
    only numbers is numeric, written as floats where any is a float or missing; anything
    else is text, each value as `str()` and a missing one as an empty cell."""
    present = [value for value in values if value is not None]
    if present and all(_is_number(value) for value in present):
        return True, len(present) < len(values) or any(type(v) is float for v in present)
    return False, False


def _text_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return neutralised(value if type(value) is str else str(value))


def records_csv(rows: Iterable[Mapping[str, object]]) -> str:
    """Rows of records as CSV: a header of every key (in the order first seen), a line each
    (LF line ends, quotes only where needed), text neutralised.

    The layout is exactly what `pandas.DataFrame(rows).to_csv(index=False)` gave before
    (so the shipped plans' CSV is byte for byte as it was), without importing pandas: a
    column of whole numbers with none missing prints as `12`, one with a float or a gap
    as `12.0`, booleans as `True`/`False`."""
    rows = list(rows)
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    header = list(names)
    columns = [[row.get(name) for row in rows] for name in header]
    cells: list[list[str]] = []
    for values in columns:
        numeric, floats = _column_writer(values)
        if numeric and floats:
            cells.append(["" if v is None else repr(float(v)) for v in values])  # type: ignore[arg-type]
        elif numeric:
            cells.append([str(int(v)) for v in values])  # type: ignore[call-overload]
        else:
            cells.append([_text_cell(v) for v in values])
    stream = io.StringIO(newline="")
    writer = csv.writer(stream, lineterminator="\n")
    if not header:
        return "\n"  # as pandas writes an empty frame
    writer.writerow(header)
    writer.writerows(zip(*cells, strict=True))
    return stream.getvalue()


def neutralised_row(cells: Iterable[object]) -> list[object]:
    """A row for csv.writer with its text neutralised (numbers and empty cells as they are)."""
    return [neutralised(cell) if type(cell) is str else cell for cell in cells]
