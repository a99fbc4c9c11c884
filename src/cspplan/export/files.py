"""`cspplan export` without click: which format, which tables, the bytes, the file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cspplan.exceptions import OutputError, UsageError
from cspplan.export.columns import TABLES
from cspplan.export.writers import FORMATS, Encoded, Workbook, to_csv, to_parquet, to_xlsx

if TYPE_CHECKING:
    from cspplan.export.tables import Row
    from cspplan.model.collection import LoadedPartnership


@dataclass(frozen=True)
class Exported:
    path: Path
    format: str
    rows: dict[str, int]
    """Table → how many rows the file holds."""


def format_of(path: Path) -> str:
    """'csv', 'xlsx' or 'parquet', from the output file's extension."""
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise UsageError(
            f"{path}: cannot tell the format from '{path.suffix or 'no extension'}'; "
            "name a .csv, .xlsx or .parquet file"
        )
    return found


def chosen_tables(output_format: str, table: str | None) -> list[str]:
    """The tables a file holds: CSV and Parquet one (figures unless told), XLSX every one
    (or the one named)."""
    if table is not None and table not in TABLES:
        raise UsageError(f"--table {table}: the tables are {', '.join(TABLES)}")
    if table is not None:
        return [table]
    return list(TABLES) if output_format == "xlsx" else ["figures"]


def cover(title: str, partnerships: Iterable[LoadedPartnership]) -> Workbook:
    """What a workbook's cover sheet says: what the data is, whose and which years."""
    chosen = sorted(partnerships, key=lambda csp: csp.id)
    years = sorted({year.period for csp in chosen for year in csp.years})
    coverage = [
        ("Partnerships", "; ".join(csp.partnership.name for csp in chosen) or "none"),
        (
            "Plan years",
            f"{years[0]} to {years[-1]}"
            if len(years) > 1
            else (str(years[0]) if years else "none"),
        ),
        (
            "Source",
            "The partnerships' plan files (plan years, themes, indicators and their figures) as "
            "kept in YAML with cspplan; figures are as the plans and their sources printed them, "
            "and a figure the source lost is shown as printed with the status 'unknown'.",
        ),
        (
            "Status",
            "Each figure's status and direction of travel are computed as at the figure's own "
            "period, against the target of the plan year the period falls in [note 1].",
        ),
    ]
    about = (
        "Tidy tables of community safety partnership plans for Excel, Power BI and pandas: "
        "one row per figure, action, target, progress report, review recommendation and "
        "funding line, one table a worksheet. Each table is a named Excel table."
    )
    return Workbook(title, about, coverage)


def export_bytes(
    output_format: str,
    tables: dict[str, list[Row]],
    title: str,
    partnerships: Iterable[LoadedPartnership],
    encoded: Encoded | None = None,
) -> bytes:
    """The file's bytes: a workbook of every table given, or one table as CSV or Parquet.
    `encoded`: CSV lines already made, for a caller writing the same rows into many files."""
    if output_format == "xlsx":
        return to_xlsx(cover(title, partnerships), tables)
    ((name, rows),) = tables.items()
    if output_format == "csv":
        return to_csv(TABLES[name], rows, encoded)
    return to_parquet(TABLES[name], rows)


def export(
    partnerships: list[LoadedPartnership], output: Path, table: str | None = None
) -> Exported:
    """Write the export to `output` whole (written aside, then renamed) or not at all."""
    from cspplan.atomic import write_atomic
    from cspplan.export.tables import rows

    output_format = format_of(output)
    names = chosen_tables(output_format, table)
    parent = output.absolute().parent
    if output.is_dir():
        raise OutputError(f"cannot write {output}: it is a folder")
    if not parent.is_dir():
        raise OutputError(f"cannot write {output}: {parent} does not exist")
    tables = {name: rows(name, partnerships) for name in names}
    data = export_bytes(output_format, tables, "Community safety partnership plans", partnerships)
    try:
        write_atomic(output, data)
    except OSError as error:
        raise OutputError(f"cannot write {output}: {error.strerror or error}") from None
    return Exported(output, output_format, {name: len(found) for name, found in tables.items()})
