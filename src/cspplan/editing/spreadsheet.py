"""Reading a quarter's figures from a spreadsheet (CSV or Excel) into entries to record.

Two layouts are understood, as analysts keep them:

- long: one row per indicator and period, with columns `indicator`, `period`, `value`
  (and optionally `note`, `provisional`);
- wide: one row per indicator and one column per period (headers such as `Q3 2018/19`).

Indicators are named by id or by their full name. Row numbers are the spreadsheet's own
(the header is row 1), so a rejected row can be found and fixed where it was typed.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from cspplan.editing.lookup import did_you_mean
from cspplan.editing.observations import Entry, EntryError, read_period, read_value
from cspplan.editing.observations import Reading as Value
from cspplan.exceptions import UsageError
from cspplan.model.indicator import Indicator
from cspplan.model.periods import MONTHS, Period

FIELDS = ("indicator", "period", "value", "note", "provisional")
HEADER_NAMES = {
    "indicator": ("indicator", "indicator id", "id", "measure", "indicator name"),
    "period": ("period",),
    "value": ("value", "figure"),
    "note": ("note", "notes", "comment"),
    "provisional": ("provisional",),
}
TRUE_WORDS = {"yes", "y", "true", "1", "provisional", "x"}


@dataclass
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    """(spreadsheet row number, cells as text)."""


@dataclass(frozen=True)
class Rejection:
    row: int
    reason: str
    column: str | None = None

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column '{self.column}'" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Row:
    """An entry to record and the spreadsheet row (and column) it came from."""

    row: int
    indicator: str
    entry: Entry
    column: str | None = None


@dataclass
class Reading:
    layout: str
    """'long' or 'wide'."""
    rows: list[Row] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)


# -- reading files -------------------------------------------------------------------------------


def read_sheet(path: Path, sheet_name: str | None = None) -> Sheet:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet_name)
    raise UsageError(f"{path}: expected a .csv or .xlsx file")


def _read_csv(path: Path) -> Sheet:
    import pandas as pd

    for encoding in ("utf-8-sig", "cp1252"):  # Excel's "CSV" on a UK machine is often cp1252
        try:
            frame = pd.read_csv(
                path,
                dtype=str,
                keep_default_na=False,
                encoding=encoding,
                sep=None,
                engine="python",
                skip_blank_lines=False,
            )
            break
        except UnicodeDecodeError:
            continue
        except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error) as error:
            raise UsageError(f"{path}: not a readable CSV file: {error}") from None
    else:
        raise UsageError(f"{path}: not text in UTF-8 or Windows-1252")
    frame = frame.fillna("")  # blank lines come back as NaN even with keep_default_na off
    headers = [str(name).strip() for name in frame.columns]
    rows = [
        (number + 2, [str(cell).strip() for cell in record])
        for number, record in enumerate(frame.itertuples(index=False, name=None))
    ]
    return Sheet(headers, rows)


def _read_xlsx(path: Path, sheet_name: str | None) -> Sheet:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UsageError(f"{path}: not an Excel workbook that can be read ({error})") from None
    try:
        if sheet_name is not None and sheet_name not in book.sheetnames:
            raise UsageError(
                f"{path}: no sheet '{sheet_name}'; it has {', '.join(book.sheetnames)}"
            )
        sheet = book[sheet_name] if sheet_name else book.worksheets[0]
        table = [
            (_row_number(cells), [_cell_text(cell) for cell in cells])
            for cells in sheet.iter_rows()
        ]
    finally:
        book.close()
    if not table:
        return Sheet([], [])
    return Sheet(table[0][1], table[1:])


def _row_number(cells: tuple) -> int:
    """The sheet's own row number; read-only mode gives empty cells none, so ask the others."""
    return next((cell.row for cell in cells if getattr(cell, "row", None)), 0)


def _cell_text(cell: object) -> str:
    """A cell as the analyst sees it: 31% for a percentage-formatted 0.31, 'Mar 2018' for a
    header Excel turned into a date."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (datetime, date)):
        return f"{MONTHS[value.month - 1]} {value.year}"
    if isinstance(value, (int, float)):
        if "%" in str(getattr(cell, "number_format", "")):
            value = round(value * 100, 10)
            return _number_text(value) + "%"
        return _number_text(value)
    return str(value).strip()


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# -- understanding rows --------------------------------------------------------------------------


def columns(headers: list[str], mapping: dict[str, str]) -> dict[str, int]:
    """Field → column index, from --map FIELD=COLUMN first, then the usual header names."""
    found: dict[str, int] = {}
    folded = [header.strip().lower() for header in headers]
    for name, column in mapping.items():
        if name not in FIELDS:
            raise UsageError(f"--map {name}={column}: the fields are {', '.join(FIELDS)}")
        if column.strip().lower() not in folded:
            raise UsageError(
                f"--map {name}={column}: no column '{column}'; the columns are "
                + ", ".join(f"'{header}'" for header in headers)
            )
        found[name] = folded.index(column.strip().lower())
    for name, usual in HEADER_NAMES.items():
        if name in found:
            continue
        for index, header in enumerate(folded):
            if header in usual and index not in found.values():
                found[name] = index
                break
    if "indicator" not in found:
        raise UsageError(
            "no indicator column; name one 'indicator' or say which with --map indicator=COLUMN"
        )
    return found


class Indicators:
    """The partnership's indicators, found by id or by name."""

    def __init__(self, models: dict[str, Indicator]) -> None:
        self.models = models
        self._by_name = {_fold(model.name): model.id for model in models.values()}

    def find(self, text: str) -> str | None:
        if text in self.models:
            return text
        return self._by_name.get(_fold(text)) or (
            text.lower() if text.lower() in self.models else None
        )


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


_LOOKS_LIKE_PERIOD = re.compile(r"\d")


def understand(sheet: Sheet, indicators: Indicators, mapping: dict[str, str]) -> Reading:
    """Entries from every row, and every row that cannot be recorded with the reason."""
    where = columns(sheet.headers, mapping)
    if "period" in where and "value" in where:
        reading = Reading("long")
        reading.rows, reading.rejected = _split(_long_rows(sheet, where, indicators))
    else:
        reading = Reading("wide")
        period_columns: dict[int, Period] = {}
        for index, header in enumerate(sheet.headers):
            if index in where.values():
                continue
            if not _LOOKS_LIKE_PERIOD.search(header):
                reading.ignored_columns.append(header)
                continue
            try:
                period_columns[index] = read_period(header)
            except EntryError as error:
                reading.rejected.append(Rejection(1, str(error), header))
        if not period_columns and not reading.rejected:
            raise UsageError(
                "found neither 'period' and 'value' columns (one row per indicator and period) "
                "nor period columns such as 'Q3 2018/19' (one column per period)"
            )
        rows, rejected = _split(_wide_rows(sheet, where, period_columns, indicators))
        reading.rows = rows
        reading.rejected.extend(rejected)
    repeated = list(_duplicates(reading.rows))
    dropped = {(rejection.row, rejection.column) for rejection in repeated}
    reading.rows = [row for row in reading.rows if (row.row, row.column) not in dropped]
    reading.rejected.extend(repeated)
    return reading


def _split(items: Iterator[Row | Rejection]) -> tuple[list[Row], list[Rejection]]:
    rows: list[Row] = []
    rejected: list[Rejection] = []
    for item in items:
        (rows if isinstance(item, Row) else rejected).append(item)
    return rows, rejected


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index].strip() if index is not None and index < len(cells) else ""


def _indicator(
    number: int, cells: list[str], where: dict[str, int], indicators: Indicators
) -> str | Rejection:
    typed = _cell(cells, where["indicator"])
    if not typed:
        return Rejection(number, "no indicator named")
    found = indicators.find(typed)
    if found is None:
        return Rejection(
            number,
            f"no indicator '{typed}' in this partnership{did_you_mean(typed, indicators.models)}",
        )
    return found


def _long_rows(
    sheet: Sheet, where: dict[str, int], indicators: Indicators
) -> Iterator[Row | Rejection]:
    for number, cells in sheet.rows:
        if not any(cells):
            continue
        found = _indicator(number, cells, where, indicators)
        if isinstance(found, Rejection):
            yield found
            continue
        typed = _cell(cells, where["value"])
        if not typed:
            yield Rejection(number, "no value; write a status such as 'not yet known' instead")
            continue
        try:
            period = read_period(_cell(cells, where["period"]))
            reading = read_value(typed, indicators.models[found])
        except EntryError as error:
            yield Rejection(number, str(error))
            continue
        yield Row(number, found, _entry(period, reading, cells, where))


def _wide_rows(
    sheet: Sheet, where: dict[str, int], periods: dict[int, Period], indicators: Indicators
) -> Iterator[Row | Rejection]:
    for number, cells in sheet.rows:
        if not any(_cell(cells, index) for index in periods) and not _cell(
            cells, where["indicator"]
        ):
            continue
        found = _indicator(number, cells, where, indicators)
        if isinstance(found, Rejection):
            yield found
            continue
        for index, period in periods.items():
            typed = _cell(cells, index)
            if not typed:
                continue
            try:
                reading = read_value(typed, indicators.models[found])
            except EntryError as error:
                yield Rejection(number, str(error), sheet.headers[index])
                continue
            yield Row(number, found, _entry(period, reading, cells, where), sheet.headers[index])


def _entry(period: Period, reading: Value, cells: list[str], where: dict[str, int]) -> Entry:
    note = _cell(cells, where.get("note")) or None
    provisional = _cell(cells, where.get("provisional")).lower() in TRUE_WORDS
    return Entry(period, reading, note, provisional)


def _duplicates(rows: list[Row]) -> Iterator[Rejection]:
    seen: dict[tuple[str, Period], Row] = {}
    for row in rows:
        key = (row.indicator, row.entry.period)
        if key in seen:
            yield Rejection(
                row.row,
                f"{row.indicator} {row.entry.period} is also on row {seen[key].row}",
                row.column,
            )
        else:
            seen[key] = row
