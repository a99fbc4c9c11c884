"""Reading back a figures sheet `cspplan export` wrote (edited in Excel, say).

The export lists every figure of every partnership, so an import of it keeps only what
is new: rows for other partnerships are passed over, and so is every row that still says
what the indicator file says (the same period, breakdown and printing, the same figure,
note and provisional flag). What is left (an edited or added row) is recorded as any
spreadsheet row is. A figure without a number comes back by its `value_status`, and the
`'` the export put before formula-like text is taken off again.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cspplan.export.cells import fitted, restored
from cspplan.export.columns import FIGURES, Kind

if TYPE_CHECKING:
    from cspplan.editing.spreadsheet import Indicators, Sheet
    from cspplan.model.indicator import Indicator, Observation
    from cspplan.model.periods import Period

KEY_COLUMNS = ("partnership_id", "indicator_id", "period", "value", "value_status", "printed_in")
"""The export's columns that say a sheet is one of its figures sheets."""
TEXT_COLUMNS = tuple(column.name for column in FIGURES.columns if column.kind is Kind.TEXT)
"""The columns the export neutralised formula-like text in (`export/cells.py`), so the
ones to take the `'` off again."""


@dataclass
class Exported:
    """The rows left to record, and what was passed over."""

    sheet: Sheet
    other_partnerships: int = 0
    unchanged: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)


def is_exported(headers: list[str]) -> bool:
    return all(name in headers for name in KEY_COLUMNS)


@dataclass
class _Cells:
    """One row's cells, read by the export's column names."""

    where: dict[str, int]
    cells: list[str]

    def __call__(self, name: str) -> str:
        index = self.where.get(name)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index]  # stripped when read, then restored by read_exported


def read_exported(
    sheet: Sheet, indicators: Indicators, flags: tuple[tuple[str, ...], tuple[str, ...]]
) -> Exported:
    """The sheet with only the rows to record, their status words in the value column
    where they have no number. `flags`: the words import reads as yes and as no."""
    from dataclasses import replace

    from cspplan.model.periods import PeriodError, parse_period

    where = {name: sheet.headers.index(name) for name in FIGURES.names if name in sheet.headers}
    texts = {where[name] for name in TEXT_COLUMNS if name in where}
    partnership = indicators.partnership_file.parent.name
    result = Exported(replace(sheet, rows=[]))
    for number, raw in sheet.rows:
        cells = [restored(text) if i in texts else text for i, text in enumerate(raw)]
        row = _Cells(where, cells)
        if not any(cells):
            continue
        if row("partnership_id") not in ("", partnership):
            result.other_partnerships += 1
            continue
        if not row("value") and row("value_status"):
            cells.extend([""] * (where["value"] + 1 - len(cells)))  # a short row
            cells[where["value"]] = row("value_status")
        model = indicators.models.get(indicators.find(row("indicator_id")) or "")
        try:
            period = parse_period(row("period"))
        except PeriodError:
            period = None
        if model is not None and period is not None:
            found = _printed(model, period, row)
            if found is not None and _same(found, row, flags):
                result.unchanged += 1
                continue
            if row("dimension") or row("category"):
                result.rejected.append(
                    (
                        number,
                        "import records figures for the whole or for an area, and this row is "
                        "for a breakdown (dimension and category): change it in "
                        f"indicators/{model.id}.yaml",
                    )
                )
                continue
        result.sheet.rows.append((number, cells))
    return result


def _printed(model: Indicator, period: Period, row: _Cells) -> Observation | None:
    """The observation the row was exported from: the same period, breakdown and printing."""
    from cspplan.export.tables import joined

    breakdown = (row("area") or None, row("dimension") or None, row("category") or None)
    printed = row("printed_in") or None
    for observation in model.series:
        if (
            observation.period == period
            and observation.breakdown == breakdown
            and joined(observation.reported_in) == printed
        ):
            return observation
    return None


def _same(
    observation: Observation, row: _Cells, flags: tuple[tuple[str, ...], tuple[str, ...]]
) -> bool:
    """Does the row still say what the file holds?"""
    yes, no = flags
    value = row("value")
    if observation.value is None:
        status = observation.status.label if observation.status else ""
        if value.lower() != status.lower():
            return False
    else:
        try:
            typed = float(value.replace(",", "").removesuffix("%"))
        except ValueError:
            return False
        if not math.isclose(typed, observation.value, rel_tol=1e-9, abs_tol=1e-12):
            return False
    flag = row("provisional").lower()
    if flag not in (yes if observation.provisional else no):
        return False
    note = observation.note or ""
    return row("note") in (note, fitted(note))  # a workbook holds a long note cut short
