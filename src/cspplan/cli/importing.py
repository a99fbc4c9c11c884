"""`cspplan import`: a quarter's figures from a spreadsheet into the indicator files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cspplan.cli.record import partnership_option, reported_in_option
from cspplan.cli.verbosity import detail, say

if TYPE_CHECKING:
    from cspplan.model.periods import Period


def _mapping(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in value:
        name, sep, column = item.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise click.BadParameter(f"'{item}': write FIELD=COLUMN, e.g. value='Q3 figure'")
        pairs[name.strip().lower()] = column.strip()
    return pairs


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="FIELD=COLUMN",
    callback=_mapping,
    help="Which column holds a field (indicator, period, value, note, provisional); repeatable.",
)
@click.option("--sheet", help="Excel only: the sheet to read (default: the first).")
@click.option(
    "--header-row",
    "header_row",
    type=click.IntRange(min=1),
    metavar="N",
    help="The row the column headers are on (default: the first row that names an "
    "indicator column, so title rows above it are passed over).",
)
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option(
    "--skip-rejected",
    is_flag=True,
    help="Record the good rows even if some are rejected (by default nothing is written).",
)
@reported_in_option
@partnership_option
def command(
    file: Path,
    mapping: dict[str, str],
    sheet: str | None,
    header_row: int | None,
    dry_run: bool,
    skip_rejected: bool,
    reported_in: Period | None,
    partnership: Path | None,
) -> None:
    """Record many figures from FILE (.csv or .xlsx) into the indicator files.

    \b
    One row per indicator and period:   indicator, period, value[, note, provisional]
    One column per period:              indicator, Q1 2018/19, Q2 2018/19, ...

    Indicators are named by id or full name. Every row is checked first; if any is
    rejected (unknown indicator, malformed period, a value in the wrong unit, a
    provisional that is neither yes nor no) the reasons are listed with their row numbers
    and nothing is written, unless --skip-rejected. A percentage between 0 and 1 typed
    without a % sign is recorded as typed, with a warning (it may be a fraction).

    Exit status: 0 recorded (or nothing to change), 1 rows were rejected or an indicator
    file has errors, 2 the file cannot be read or the arguments are wrong.
    """
    from cspplan.atomic import write_outputs
    from cspplan.editing.lookup import checked_indicator, indicator_files, partnership_folder
    from cspplan.editing.observations import Outcome, record_in_file
    from cspplan.editing.spreadsheet import Indicators, Rejection, Row, read_sheet, understand
    from cspplan.rendering.issue_formats import display_path
    from cspplan.wording import plural

    folder = partnership_folder(partnership)
    files = indicator_files(folder)
    table = read_sheet(file, sheet, header_row=header_row, mapping=mapping)
    indicators = Indicators({name: checked_indicator(path) for name, path in files.items()})
    reading = understand(table, indicators, mapping)
    stored = f", {table.encoding} text" if table.encoding else ""
    detail(
        f"{display_path(file)}: {reading.layout} layout, headers on row {table.header_row}, "
        f"{plural(len(table.rows), 'row')} below{stored}"
    )
    if reading.ignored_columns:
        detail("ignored columns: " + ", ".join(reading.ignored_columns))
    by_file: dict[str, list[Row]] = {}
    for row in reading.rows:
        by_file.setdefault(row.indicator, []).append(
            replace(row, entry=replace(row.entry, reported_in=reported_in))
        )
    changes = []
    for name, rows in by_file.items():
        change = record_in_file(files[name], indicators.models[name], [row.entry for row in rows])
        for index, reason in change.refused.items():
            reading.rejected.append(Rejection(rows[index].row, reason, rows[index].column))
        kept = [row for index, row in enumerate(rows) if index not in change.refused]
        changes.append((kept, change))
    reading.rejected.sort(key=lambda rejection: rejection.row)
    for rejection in reading.rejected:
        click.echo(f"{display_path(file)}: {rejection}", err=True)
    warnings = [warned for rows, _ in changes for row in rows if (warned := row.warned())]
    for warning in sorted(warnings, key=lambda warned: warned.row):
        click.echo(f"{display_path(file)}: {warning}", err=True)
    writing = not dry_run and (skip_rejected or not reading.rejected)
    _show(changes)
    if writing:  # every file or none: all are written aside first, then renamed
        write_outputs({c.path: c.after for _, c in changes if c.after != c.before})
    counts: dict[str, int] = {}
    for _, change in changes:  # only what is recorded: rows refused are not counted
        for done in change.recorded:
            counts[done.outcome.value] = counts.get(done.outcome.value, 0) + 1
    summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(counts.items()))
    written = sum(count for outcome, count in counts.items() if outcome != Outcome.UNCHANGED)
    figures = plural(written, "figure")
    altered = plural(sum(1 for _, change in changes if change.after != change.before), "file")
    if writing:
        say(f"Recorded {figures}: {summary or 'none'}; {altered} changed.")
    elif reading.rejected and not dry_run:
        click.echo(
            f"cspplan import: {len(reading.rejected)} rejected; nothing was written. "
            "Fix the rows above, or use --skip-rejected to record the rest.",
            err=True,
        )
    else:
        say(
            f"Dry run: would record {figures} ({summary or 'none'}) "
            f"in {altered}; nothing was written."
        )
    raise SystemExit(1 if reading.rejected and not skip_rejected else 0)


def _show(changes: list) -> None:
    """What each row does, as a table: row, indicator, period, figure, what happens."""
    from rich.table import Table

    from cspplan.cli.console import make_console
    from cspplan.cli.verbosity import Verbosity, level

    if level() is Verbosity.QUIET or not changes:
        return
    table = Table(title="Figures from the spreadsheet", title_justify="left")
    for heading in ("Row", "Indicator", "Period", "Figure", "Change"):
        table.add_column(heading)
    listed = sorted(
        (
            (row, done)
            for rows, change in changes
            for row, done in zip(rows, change.recorded, strict=True)
        ),
        key=lambda pair: (pair[0].row, pair[0].column or ""),
    )
    for row, done in listed:
        change = done.outcome.value
        if done.before:
            change += f" (was {done.before})"
        table.add_row(str(row.row), done.indicator, str(done.period), done.figure, change)
    make_console(tables=True).print(table)
