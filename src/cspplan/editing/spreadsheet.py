"""Reading a quarter's figures from a spreadsheet (CSV or Excel) into entries to record.

Two layouts are understood, as analysts keep them:

- long: one row per indicator and period, with columns `indicator`, `period`, `value`
  (and optionally `note`, `provisional`);
- wide: one row per indicator and one column per period (headers such as `Q3 2018/19`).

Indicators are named by id or by their full name. Row numbers are the spreadsheet's own
(the header is row 1), so a rejected row can be found and fixed where it was typed.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from cspplan.editing.lookup import did_you_mean, unknown_area
from cspplan.editing.observations import (
    Entry,
    EntryError,
    likely_fraction,
    read_period,
    read_value,
)
from cspplan.editing.observations import Reading as Value
from cspplan.exceptions import UsageError
from cspplan.model.indicator import Indicator
from cspplan.model.periods import MONTHS, Period

FIELDS = ("indicator", "period", "value", "area", "note", "provisional")
HEADER_NAMES = {
    "indicator": ("indicator", "indicator id", "id", "measure", "indicator name"),
    "period": ("period",),
    "value": ("value", "figure"),
    "area": ("area", "district", "locality"),
    "note": ("note", "notes", "comment"),
    "provisional": ("provisional",),
}
TRUE_WORDS = ("yes", "y", "true", "1", "provisional", "x")
FALSE_WORDS = ("no", "n", "false", "0", "")


@dataclass
class Sheet:
    headers: list[str]
    rows: list[tuple[int, list[str]]]
    """(spreadsheet row number, cells as text)."""
    header_row: int = 1
    """The spreadsheet row the headers are on (rows above it are titles or notes)."""
    encoding: str | None = None
    """How a CSV file's text was stored, e.g. 'UTF-16'; None for a workbook."""


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
    warning: str | None = None
    """Recorded as typed, but perhaps not what was meant (a percentage typed as a fraction)."""

    def warned(self) -> Rejection | None:
        """The warning, located like a rejection, or None."""
        return (
            Rejection(self.row, f"warning: {self.warning}", self.column) if self.warning else None
        )


@dataclass
class Reading:
    layout: str
    """'long' or 'wide'."""
    rows: list[Row] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    passed_over: dict[str, int] = field(default_factory=dict)
    """For a sheet `cspplan export` wrote: rows not recorded because they are for another
    partnership or say what the files already hold, by why."""


def header_key(text: str) -> str:
    """A header as compared with the usual names: case, spacing and underscores folded,
    so the export's `indicator_id` is the usual 'indicator id'."""
    return " ".join(text.strip().lower().replace("_", " ").split())


# -- reading files -------------------------------------------------------------------------------


def read_sheet(
    path: Path,
    sheet_name: str | None = None,
    *,
    header_row: int | None = None,
    mapping: dict[str, str] | None = None,
) -> Sheet:
    """The sheet's headers and rows. The header is on `header_row`, or else on the first row
    naming an indicator column (so title rows above it are passed over), or else row 1."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    encoding = None
    if suffix == ".csv":
        table, encoding = _read_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(path, sheet_name)
    else:
        raise UsageError(f"{path}: expected a .csv or .xlsx file")
    at = _header_index(path, table, header_row, mapping or {})
    if at is None:
        return Sheet([], [], encoding=encoding)
    number, headers = table[at]
    return Sheet([cell.strip() for cell in headers], table[at + 1 :], number, encoding)


HEADER_SEARCH_ROWS = 20
"""How far down a sheet to look for the header row when none is named."""


def _header_index(
    path: Path, table: list[tuple[int, list[str]]], header_row: int | None, mapping: dict[str, str]
) -> int | None:
    """Where in `table` the header row is: the row named, the first that names an indicator
    (or, for a progress sheet, a theme) column within the first rows, or the first row."""
    if header_row is not None:
        for index, (number, _) in enumerate(table):
            if number == header_row:
                return index
        last = table[-1][0] if table else 0
        raise UsageError(f"--header-row {header_row}: {path} has {last} rows")
    wanted = set(HEADER_NAMES["indicator"]) | {"theme"}  # a progress sheet names themes
    if "indicator" in mapping:
        wanted = {header_key(mapping["indicator"])}
    for index, (_, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        if any(header_key(cell) in wanted for cell in cells):
            return index
    return 0 if table else None


_BYTE_ORDER_MARKS = (  # UTF-32's come first: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
SAVE_AS = "save it from Excel as 'CSV UTF-8 (Comma delimited)'"


def decode_csv(path: Path, raw: bytes) -> tuple[str, str]:
    """The text of a CSV file and what it was stored as. A byte-order mark says which
    Unicode form (Excel's "Unicode text" is UTF-16); text without one is UTF-8, or
    Windows-1252 as Excel writes "CSV" on a UK machine."""
    for mark, codec, name in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            try:
                return raw.decode(codec), name
            except UnicodeDecodeError:
                raise UsageError(f"{path}: starts as {name} text but is not; {SAVE_AS}") from None
    if b"\x00" in raw:  # UTF-16 without a mark: every other byte of plain text is zero
        codec = "utf-16-le" if raw[1::2].count(0) > len(raw) // 4 else "utf-16-be"
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError:
            text = ""
        if text and "\x00" not in text:
            return text, "UTF-16"
        raise UsageError(f"{path}: not a text file (it holds NUL bytes); {SAVE_AS}")
    for codec, name in (("utf-8", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            return raw.decode(codec), name
        except UnicodeDecodeError:
            continue
    raise UsageError(f"{path}: not text in UTF-8, UTF-16 or Windows-1252; {SAVE_AS}")


MEGABYTE = 1024 * 1024
MAX_CSV_BYTES = 20 * MEGABYTE
"""The largest CSV file import reads (a quarter's figures are a few kilobytes; cspplan's
own export of tens of thousands of figures is a few megabytes). A larger file is refused
unread, so a file of one 100 MB line cannot take the memory."""
MAX_UNPACKED_BYTES = 100 * MEGABYTE
"""The most a workbook may unpack to (its XML parts together), checked from the zip's
directory before anything is unpacked: a zip bomb is refused unread."""
MAX_COLUMNS = 16_384
"""A spreadsheet's widest row (Excel's XFD): a CSV row with more cells is refused."""


def _refused_size(path: Path, size: int, limit: int, what: str) -> UsageError:
    return UsageError(
        f"{path}: {what} {size / MEGABYTE:.1f} MB, more than the {limit // MEGABYTE} MB "
        "cspplan imports; split it (one partnership or one year a file)"
    )


def _read_csv(path: Path) -> tuple[list[tuple[int, list[str]]], str]:
    """Every row of a CSV file (blank ones too, so row numbers are the spreadsheet's own).
    Bounded: the file is at most MAX_CSV_BYTES, so no line or cell can be larger."""
    import io

    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise _refused_size(path, size, MAX_CSV_BYTES, "the file is")
    text, encoding = decode_csv(path, path.read_bytes())
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:20_000], delimiters=",;\t|"
        )
    except csv.Error:  # one column, or too little to tell: commas, as Excel writes
        dialect = csv.excel
    rows: list[tuple[int, list[str]]] = []
    limit = csv.field_size_limit(MAX_CSV_BYTES)  # a long note fits, as the file does
    number = 0
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), dialect), 1):
            if len(cells) > MAX_COLUMNS:
                raise UsageError(
                    f"{path}: row {number} has {len(cells):,} cells, more than a spreadsheet's "
                    f"{MAX_COLUMNS:,} columns"
                )
            rows.append((number, [cell.strip() for cell in cells]))
    except csv.Error as error:
        raise UsageError(
            f"{path}: row {number + 1}: not a readable CSV file: {error}; {SAVE_AS}"
        ) from None
    finally:
        csv.field_size_limit(limit)
    return rows, encoding


def _unpacked_size(path: Path) -> int:
    """What the workbook's parts add up to unpacked, from the zip's directory (reading
    through zipfile never gives more than an entry declares, so this bounds the reading)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise UsageError(f"{path}: not an Excel workbook that can be read ({error})") from None


def _read_xlsx(path: Path, sheet_name: str | None) -> list[tuple[int, list[str]]]:
    """Every row that holds a cell, with its own row number. Hostile workbooks are refused
    with a message: a zip bomb (MAX_UNPACKED_BYTES), XML that declares entities (openpyxl
    parses with defusedxml, which refuses them: no billion laughs, no external entity is
    read), broken parts. The sheet's declared size (`<dimension>`) is not trusted: a
    workbook claiming A1:XFD1048576 would otherwise be padded to 17 billion cells."""
    import zipfile
    import zlib
    from xml.etree.ElementTree import ParseError

    size = _unpacked_size(path)
    if size > MAX_UNPACKED_BYTES:
        raise _refused_size(path, size, MAX_UNPACKED_BYTES, "the workbook unpacks to")
    from defusedxml import DefusedXmlException
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    unreadable: tuple[type[BaseException], ...] = (
        DefusedXmlException,
        InvalidFileException,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        OSError,
        ValueError,
        TypeError,
        ParseError,
    )
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except unreadable as error:
        raise _unreadable(path, error) from None
    try:
        if sheet_name is not None and sheet_name not in book.sheetnames:
            raise UsageError(
                f"{path}: no sheet '{sheet_name}'; it has {', '.join(book.sheetnames)}"
            )
        sheet = book[sheet_name] if sheet_name else book.worksheets[0]
        sheet.reset_dimensions()  # rows as the file holds them, not padded to a claimed size
        table = [
            (_row_number(cells), [_cell_text(cell) for cell in cells])
            for cells in sheet.iter_rows()
            if cells
        ]
    except unreadable as error:
        raise _unreadable(path, error) from None
    finally:
        book.close()
    return table


def _unreadable(path: Path, error: BaseException) -> UsageError:
    """A workbook that cannot be read, and why in words (entities: a hostile workbook)."""
    from xml.etree.ElementTree import ParseError

    causes: list[BaseException] = []
    cause: BaseException | None = error
    while cause is not None and len(causes) < 10:  # openpyxl wraps the parser's error
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(
        type(found).__module__.startswith("defusedxml")
        or (isinstance(found, ParseError) and "entit" in str(found))
        for found in causes
    ):
        return UsageError(
            f"{path}: not an Excel workbook that can be read: its XML declares entities, which "
            "Excel never writes and cspplan does not expand (a 'billion laughs' or external "
            "entity attack)"
        )
    detail = str(error).split("\n", 1)[0] or type(error).__name__
    return UsageError(f"{path}: not an Excel workbook that can be read ({detail})")


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
    text = str(value)
    if "_x" in text:  # OOXML's escape of characters XML cannot hold: _x000D_ is a CR
        from openpyxl.utils.escape import unescape

        text = unescape(text)
    return text.strip()


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# -- understanding rows --------------------------------------------------------------------------


def columns(headers: list[str], mapping: dict[str, str], header_row: int = 1) -> dict[str, int]:
    """Field → column index, from --map FIELD=COLUMN first, then the usual header names."""
    found: dict[str, int] = {}
    folded = [header_key(header) for header in headers]
    for name, column in mapping.items():
        if name not in FIELDS:
            raise UsageError(f"--map {name}={column}: the fields are {', '.join(FIELDS)}")
        if header_key(column) not in folded:
            raise UsageError(
                f"--map {name}={column}: no column '{column}'; the columns are "
                + ", ".join(f"'{header}'" for header in headers)
            )
        found[name] = folded.index(header_key(column))
    for name, usual in HEADER_NAMES.items():
        if name in found:
            continue
        for index, header in enumerate(folded):
            if header in usual and index not in found.values():
                found[name] = index
                break
    if "indicator" not in found:
        raise UsageError(
            f"no indicator column in the headers on row {header_row}; name one 'indicator' or "
            "say which with --map indicator=COLUMN, and if the headers are on another row, "
            "say which with --header-row N"
        )
    return found


class Indicators:
    """The partnership's indicators, found by id or by name; and the areas a row's figure
    may be for (partnership.yaml's `areas`)."""

    def __init__(
        self,
        models: dict[str, Indicator],
        areas: list[str] | None = None,
        partnership: Path | None = None,
    ) -> None:
        self.models = models
        self._by_name = {_fold(model.name): model.id for model in models.values()}
        self.areas = areas or []
        self.partnership_file = (partnership or Path(".")) / "partnership.yaml"

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
    from cspplan.editing.exported import is_exported, read_exported

    where = columns(sheet.headers, mapping, sheet.header_row)
    if "period" in where and "value" in where:
        reading = Reading("long")
        if is_exported(sheet.headers) and not mapping:
            exported = read_exported(sheet, indicators, (TRUE_WORDS, FALSE_WORDS))
            sheet = exported.sheet
            reading.passed_over = {
                "for other partnerships": exported.other_partnerships,
                "unchanged": exported.unchanged,
            }
            reading.rejected = [Rejection(row, reason) for row, reason in exported.rejected]
        rows, rejected = _split(_long_rows(sheet, where, indicators))
        reading.rows = rows
        reading.rejected.extend(rejected)
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
    """A cell's text, as read (already stripped; a restored export cell keeps the tab or
    carriage return it began with, `export/cells.py`)."""
    return cells[index] if index is not None and index < len(cells) else ""


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
        flag = _provisional(number, cells, where, sheet.headers)
        if isinstance(flag, Rejection):
            yield flag
            continue
        area = _area(number, cells, where, sheet.headers, indicators)
        if isinstance(area, Rejection):
            yield area
            continue
        model = indicators.models[found]
        try:
            period = read_period(_cell(cells, where["period"]))
            reading = read_value(typed, model)
        except EntryError as error:
            yield Rejection(number, str(error))
            continue
        entry = _entry(period, reading, cells, where, flag, area)
        yield Row(number, found, entry, warning=likely_fraction(typed, reading, model))


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
        flag = _provisional(number, cells, where, sheet.headers)
        if isinstance(flag, Rejection):
            yield flag
            continue
        area = _area(number, cells, where, sheet.headers, indicators)
        if isinstance(area, Rejection):
            yield area
            continue
        model = indicators.models[found]
        for index, period in periods.items():
            typed = _cell(cells, index)
            if not typed:
                continue
            try:
                reading = read_value(typed, model)
            except EntryError as error:
                yield Rejection(number, str(error), sheet.headers[index])
                continue
            yield Row(
                number,
                found,
                _entry(period, reading, cells, where, flag, area),
                sheet.headers[index],
                likely_fraction(typed, reading, model),
            )


def _provisional(
    number: int, cells: list[str], where: dict[str, int], headers: list[str]
) -> bool | Rejection:
    """The row's provisional flag; a word that is neither yes nor no is refused rather
    than read as no, since a figure wrongly taken as final is the worse mistake."""
    typed = _cell(cells, where.get("provisional"))
    if typed.lower() in TRUE_WORDS:
        return True
    if typed.lower() in FALSE_WORDS:
        return False
    return Rejection(
        number,
        f"'{typed}' is not yes or no; write yes or no (or true/false, 1/0), "
        "or leave it empty for a figure that is not provisional",
        headers[where["provisional"]],
    )


def _area(
    number: int, cells: list[str], where: dict[str, int], headers: list[str], known: Indicators
) -> str | Rejection | None:
    """The row's area (None: the whole); one partnership.yaml does not list is refused, as
    `record --area` refuses it, rather than left for R014 after the files changed."""
    typed = _cell(cells, where.get("area"))
    if not typed:
        return None
    problem = unknown_area(typed, known.areas, known.partnership_file)
    return typed if problem is None else Rejection(number, problem, headers[where["area"]])


def _entry(
    period: Period,
    reading: Value,
    cells: list[str],
    where: dict[str, int],
    provisional: bool,
    area: str | None = None,
) -> Entry:
    note = _cell(cells, where.get("note")) or None
    return Entry(period, reading, note, provisional, area=area)


def _duplicates(rows: list[Row]) -> Iterator[Rejection]:
    seen: dict[tuple[str, Period, str | None], Row] = {}
    for row in rows:
        key = (row.indicator, row.entry.period, row.entry.area)
        if key in seen:
            area = f" for area {row.entry.area}" if row.entry.area else ""
            yield Rejection(
                row.row,
                f"{row.indicator} {row.entry.period}{area} is also on row {seen[key].row}",
                row.column,
            )
        else:
            seen[key] = row
