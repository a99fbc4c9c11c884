"""Importing a spreadsheet of figures into a partnership's indicator files, without click.

Three steps, so a command can report between them: `read_figures` reads the sheet and
checks every row against the partnership's indicators; `record_figures` records the good
rows in memory and decides whether anything may be written (nothing, when any row was
rejected, unless the rest are to be kept); `ImportResult.save` writes every changed file
or none. `import_spreadsheet` does all three in one call.

A progress sheet (columns theme, quarter, summary, milestones reached, milestones missed,
prospects and risks, status) is read by `read_progress_sheet` instead: each row is a
theme's answers for a quarter, written into that plan year's progress file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from cspplan.editing.observations import FileChange, Outcome, Recorded, record_in_file
from cspplan.editing.progress import ProgressChange
from cspplan.editing.spreadsheet import Indicators, Reading, Rejection, Row, Sheet

if TYPE_CHECKING:
    from cspplan.model.periods import Period


@dataclass(frozen=True)
class SheetFigures:
    """What a spreadsheet asks to record, checked against the partnership's indicators."""

    file: Path
    sheet: Sheet
    reading: Reading
    files: dict[str, Path]
    """Indicator id → its file."""
    indicators: Indicators


@dataclass(frozen=True)
class FileFigures:
    """One indicator file's change and the rows it recorded (one per `change.recorded`)."""

    rows: list[Row]
    change: FileChange

    @property
    def altered(self) -> bool:
        return self.change.after != self.change.before


class _Rows:
    """What both imports (figures, progress reports) say of their rejected rows."""

    rejected: list[Rejection]
    skip_rejected: bool

    @property
    def failed(self) -> bool:
        """Rows were rejected and the rest were not to be recorded without them."""
        return bool(self.rejected) and not self.skip_rejected


def _tally(outcomes: Iterable[str]) -> dict[str, int]:
    """Outcome ('added', 'updated', ...) → how many, in the outcomes' order."""
    return dict(sorted(Counter(outcomes).items()))


@dataclass
class ImportResult(_Rows):
    """What an import did or would do: each file's change, the rows rejected and warned of."""

    figures: SheetFigures
    files: list[FileFigures]
    rejected: list[Rejection]
    """Every row that cannot be recorded, with the reason, in row order."""
    warnings: list[Rejection]
    """Rows recorded as typed that may not be what was meant, in row order."""
    writes: bool
    """The changed files are (to be) written: not a dry run, and no row rejected unless
    the good rows are to be kept anyway."""
    skip_rejected: bool = False
    saved: bool = field(default=False, init=False)

    @property
    def counts(self) -> dict[str, int]:
        """Outcome ('added', 'updated', ...) → how many figures, in the outcomes' order."""
        # only what is recorded: rows refused are not counted
        return _tally(done.outcome.value for done in self.recorded())

    @property
    def figures_changed(self) -> int:
        """Figures added, updated or restated (those already recorded left out)."""
        return sum(count for outcome, count in self.counts.items() if outcome != Outcome.UNCHANGED)

    @property
    def files_changed(self) -> int:
        return sum(1 for figures in self.files if figures.altered)

    @property
    def outputs(self) -> dict[Path, str]:
        """The new text of every file that changes."""
        return {
            figures.change.path: figures.change.after for figures in self.files if figures.altered
        }

    def recorded(self) -> list[Recorded]:
        return [done for figures in self.files for done in figures.change.recorded]

    def by_row(self) -> list[tuple[Row, Recorded]]:
        """Each recorded figure with the row it came from, in spreadsheet order."""
        pairs = (
            (row, done)
            for figures in self.files
            for row, done in zip(figures.rows, figures.change.recorded, strict=True)
        )
        return sorted(pairs, key=lambda pair: (pair[0].row, pair[0].column or ""))

    def save(self) -> None:
        """Write the changed files if the import writes: every file or none (all are written
        aside first, then renamed)."""
        from cspplan.atomic import write_outputs

        if self.writes and not self.saved:
            read = {
                figures.change.path: figures.change.before
                for figures in self.files
                if figures.altered
            }
            write_outputs(self.outputs, read)
            self.saved = True


def read_figures(
    file: Path,
    partnership: Path | None = None,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: dict[str, str] | None = None,
) -> SheetFigures:
    """The sheet's rows as entries for the partnership's indicators (the one named, or the
    one the working folder is in), with every row that cannot be recorded rejected."""
    from cspplan.editing.lookup import (
        checked_indicator,
        indicator_files,
        known_areas,
        partnership_folder,
    )
    from cspplan.editing.spreadsheet import read_sheet, understand

    mapping = mapping or {}
    folder = partnership_folder(partnership)
    files = indicator_files(folder)
    table = read_sheet(file, sheet, header_row=header_row, mapping=mapping)
    models = {name: checked_indicator(path) for name, path in files.items()}
    areas = known_areas(folder, "an area column") if _has_area_column(table, mapping) else []
    indicators = Indicators(models, areas, folder)
    return SheetFigures(file, table, understand(table, indicators, mapping), files, indicators)


def _has_area_column(table: Sheet, mapping: dict[str, str]) -> bool:
    """The sheet has a column of areas, found as every other field's column is."""
    from cspplan.editing.spreadsheet import columns

    return "area" in columns(table.headers, mapping, table.header_row)


def record_figures(
    figures: SheetFigures,
    *,
    reported_in: Period | None = None,
    dry_run: bool = False,
    skip_rejected: bool = False,
) -> ImportResult:
    """Every good row recorded in its indicator file's text (nothing is written here);
    a figure its file refuses (one a plan printed, say) joins the rejected rows."""
    changed = [
        _record_file(figures, name, rows) for name, rows in _rows_by_file(figures, reported_in)
    ]
    files = [kept for kept, _ in changed]
    refused = [rejection for _, rejections in changed for rejection in rejections]
    rejected = sorted([*figures.reading.rejected, *refused], key=lambda rejection: rejection.row)
    warnings = [warned for kept in files for row in kept.rows if (warned := row.warned())]
    return ImportResult(
        figures,
        files,
        rejected,
        sorted(warnings, key=lambda warned: warned.row),
        writes=not dry_run and (skip_rejected or not rejected),
        skip_rejected=skip_rejected,
    )


def import_spreadsheet(
    file: Path,
    partnership: Path | None = None,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: dict[str, str] | None = None,
    reported_in: Period | None = None,
    dry_run: bool = False,
    skip_rejected: bool = False,
) -> ImportResult:
    """Read, check and record a spreadsheet's figures, and write them unless told not to or
    a row was rejected (see `ImportResult.writes`)."""
    from cspplan.atomic import editing
    from cspplan.editing.lookup import partnership_folder

    with editing([partnership_folder(partnership) / "partnership.yaml"]):
        figures = read_figures(
            file, partnership, sheet=sheet, header_row=header_row, mapping=mapping
        )
        result = record_figures(
            figures, reported_in=reported_in, dry_run=dry_run, skip_rejected=skip_rejected
        )
        result.save()
    return result


def _rows_by_file(figures: SheetFigures, reported_in: Period | None) -> list[tuple[str, list[Row]]]:
    """The rows for each indicator, in the order the indicators first appear, each entry
    said to be reported in `reported_in`."""
    by_file: dict[str, list[Row]] = {}
    for row in figures.reading.rows:
        by_file.setdefault(row.indicator, []).append(
            replace(row, entry=replace(row.entry, reported_in=reported_in))
        )
    return list(by_file.items())


def _record_file(
    figures: SheetFigures, name: str, rows: list[Row]
) -> tuple[FileFigures, list[Rejection]]:
    """One indicator file's change, and the rows it refused as rejections."""
    change = record_in_file(
        figures.files[name], figures.indicators.models[name], [row.entry for row in rows]
    )
    refused = [
        Rejection(rows[index].row, reason, rows[index].column)
        for index, reason in change.refused.items()
    ]
    kept = [row for index, row in enumerate(rows) if index not in change.refused]
    return FileFigures(kept, change), refused


# -- progress sheets ------------------------------------------------------------------------------


@dataclass
class ProgressImport(_Rows):
    """What a progress sheet does or would do: each progress file's change, rows rejected."""

    file: Path
    sheet: Sheet
    changes: list[ProgressChange]
    rejected: list[Rejection]
    writes: bool
    """Not a dry run, and no row rejected unless the good rows are to be kept anyway."""
    skip_rejected: bool = False
    saved: bool = field(default=False, init=False)

    @property
    def counts(self) -> dict[str, int]:
        """Outcome ('added', 'updated', 'unchanged') → how many theme reports."""
        return _tally(outcome for change in self.changes for _, outcome in change.outcomes)

    @property
    def files_changed(self) -> int:
        return sum(1 for change in self.changes if change.altered)

    def save(self) -> None:
        """Write the changed progress files if the import writes: every file or none."""
        from cspplan.editing.progress import save_progress

        if self.writes and not self.saved:
            save_progress(self.changes)
            self.saved = True


def read_progress_sheet(
    file: Path,
    partnership: Path | None = None,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    dry_run: bool = False,
    skip_rejected: bool = False,
) -> ProgressImport | None:
    """A progress sheet's rows checked against the partnership's plan years and recorded in
    their progress files' text (nothing is written here); None when the sheet is not a
    progress sheet (no theme column, or no answer or status column)."""
    from cspplan.editing.lookup import partnership_folder
    from cspplan.editing.progress import progress_columns, read_progress_rows, record_progress
    from cspplan.editing.spreadsheet import read_sheet
    from cspplan.exceptions import PlanError
    from cspplan.workspace import open_plans

    table = read_sheet(file, sheet, header_row=header_row)
    where = progress_columns(table.headers)
    if where is None:
        return None
    folder = partnership_folder(partnership)
    workspace = open_plans([folder])
    csp = workspace.partnership_at(folder)
    if not workspace.usable or csp is None:
        raise PlanError(workspace.issues)
    read = read_progress_rows(table.rows, table.headers, where, csp)
    changes = [
        change
        for period, entries in read.entries.items()
        for change in record_progress(csp.year(period), [entry for _, entry in entries])
    ]
    rejected = [Rejection(row, reason, column) for row, reason, column in read.rejected]
    return ProgressImport(
        file,
        table,
        changes,
        rejected,
        writes=not dry_run and (skip_rejected or not rejected),
        skip_rejected=skip_rejected,
    )
