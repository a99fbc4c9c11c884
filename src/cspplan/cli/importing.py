"""`cspplan import`: a quarter's figures from a spreadsheet into the indicator files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cspplan.cli.console import readable
from cspplan.cli.record import partnership_option, reported_in_option
from cspplan.cli.verbosity import detail, say

if TYPE_CHECKING:
    from cspplan.editing.importing import ImportResult, ProgressImport, SheetFigures
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
    A progress sheet, one row per theme and quarter (into <year>/progress/ files):
        theme, quarter, summary, milestones reached, milestones missed,
        prospects and risks, status[, label]

    A figures sheet `cspplan export` wrote (--sheet Figures for its workbook) records
    only the rows edited or added: other partnerships' rows and unchanged rows are
    passed over.

    Indicators are named by id or full name. Every row is checked first; if any is
    rejected (unknown indicator, malformed period, a value in the wrong unit, a
    provisional that is neither yes nor no) the reasons are listed with their row numbers
    and nothing is written, unless --skip-rejected. A percentage between 0 and 1 typed
    without a % sign is recorded as typed, with a warning (it may be a fraction).

    Exit status: 0 recorded (or nothing to change), 1 rows were rejected or an indicator
    file has errors, 2 the file cannot be read or the arguments are wrong, or the indicator
    files cannot be written or one changed on disk meanwhile (nothing is written). A second
    import or record of the partnership started meanwhile waits for this one.
    """
    from cspplan.atomic import editing
    from cspplan.editing.importing import read_figures, read_progress_sheet, record_figures
    from cspplan.editing.lookup import partnership_folder
    from cspplan.exceptions import UsageError

    if not file.is_file():  # said before any partnership is looked for, as it always was
        raise UsageError(f"{file}: no such file")
    # another import or record of this partnership waits until this one has written
    with editing([partnership_folder(partnership) / "partnership.yaml"]):
        progress = read_progress_sheet(
            file,
            partnership,
            sheet=sheet,
            header_row=header_row,
            dry_run=dry_run,
            skip_rejected=skip_rejected,
        )
        if progress is not None:
            _print_progress(progress, dry_run=dry_run)
            raise SystemExit(1 if progress.failed else 0)
        figures = read_figures(
            file, partnership, sheet=sheet, header_row=header_row, mapping=mapping
        )
        _describe_sheet(figures)
        result = record_figures(
            figures, reported_in=reported_in, dry_run=dry_run, skip_rejected=skip_rejected
        )
        _print_result(result, dry_run=dry_run)
    raise SystemExit(1 if result.failed else 0)


def _print_progress(result: ProgressImport, *, dry_run: bool) -> None:
    """Rejections by row, then one line saying what was (or would be) written."""
    from cspplan.rendering.issue_formats import display_path
    from cspplan.wording import plural

    shown = display_path(result.file)
    for problem in result.rejected:
        click.echo(readable(f"{shown}: {problem}"), err=True)
    result.save()
    summary = ", ".join(f"{count} {outcome}" for outcome, count in result.counts.items())
    reports = plural(sum(result.counts.values()), "progress report")
    altered = plural(result.files_changed, "progress file")
    _conclude(
        result.writes,
        len(result.rejected),
        dry_run,
        f"{reports}: {summary or 'none'}; {altered} changed.",
        f"{reports} ({summary or 'none'}) in {altered}",
    )
    if result.writes:
        for change in result.changes:
            if change.altered:
                detail(f"{display_path(change.path)}: {', '.join(t for t, _ in change.outcomes)}")


def _conclude(writes: bool, rejected: int, dry_run: bool, recorded: str, would: str) -> None:
    """The closing line of an import: what was recorded, why nothing was, or what would be."""
    if writes:
        say(f"Recorded {recorded}")
    elif rejected and not dry_run:
        click.echo(
            f"cspplan import: {rejected} rejected; nothing was written. "
            "Fix the rows above, or use --skip-rejected to record the rest.",
            err=True,
        )
    else:
        say(f"Dry run: would record {would}; nothing was written.")


def _describe_sheet(figures: SheetFigures) -> None:
    """With -v: how the sheet was read (its layout, header row, rows, encoding)."""
    from cspplan.rendering.issue_formats import display_path
    from cspplan.wording import plural

    table = figures.sheet
    stored = f", {table.encoding} text" if table.encoding else ""
    detail(
        f"{display_path(figures.file)}: {figures.reading.layout} layout, headers on row "
        f"{table.header_row}, {plural(len(table.rows), 'row')} below{stored}"
    )
    if figures.reading.ignored_columns:
        detail("ignored columns: " + ", ".join(figures.reading.ignored_columns))
    passed = {why: count for why, count in figures.reading.passed_over.items() if count}
    if passed:
        say(
            "A sheet cspplan export wrote: passed over "
            + ", ".join(f"{plural(count, 'row')} {why}" for why, count in passed.items())
            + "."
        )


def _print_result(result: ImportResult, *, dry_run: bool) -> None:
    """Rejections and warnings by row, what each row does, then (once the files are
    written, if they are) one line saying what was recorded."""
    from cspplan.rendering.issue_formats import display_path
    from cspplan.wording import plural

    shown = display_path(result.figures.file)
    for problem in [*result.rejected, *result.warnings]:
        click.echo(readable(f"{shown}: {problem}"), err=True)
    _show(result)
    result.save()
    summary = ", ".join(f"{count} {outcome}" for outcome, count in result.counts.items())
    figures = plural(result.figures_changed, "figure")
    altered = plural(result.files_changed, "file")
    _conclude(
        result.writes,
        len(result.rejected),
        dry_run,
        f"{figures}: {summary or 'none'}; {altered} changed.",
        f"{figures} ({summary or 'none'}) in {altered}",
    )


def _show(result: ImportResult) -> None:
    """What each row does, as a table: row, indicator, period, figure, what happens."""
    from rich.table import Table

    from cspplan.cli.console import make_console
    from cspplan.cli.verbosity import Verbosity, level

    if level() is Verbosity.QUIET or not result.files:
        return
    table = Table(title="Figures from the spreadsheet", title_justify="left")
    for heading in ("Row", "Indicator", "Period", "Figure", "Change"):
        table.add_column(heading)
    for row, done in result.by_row():
        change = done.outcome.value
        if done.before:
            change += f" (was {done.before})"
        table.add_row(str(row.row), done.indicator, str(done.period), done.figure, change)
    make_console(tables=True).print(table)
