"""`cspplan export`: the plans as tidy tables for Excel, Power BI and pandas."""

from __future__ import annotations

from pathlib import Path

import click

from cspplan.cli.plans import Purpose, open_for
from cspplan.cli.verbosity import say

EXPORTING = Purpose("exported", exit_code=1)


@click.command("export")
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write: .csv, .xlsx or .parquet (the format follows the extension).",
)
@click.option(
    "--table",
    metavar="NAME",
    help="The table to write: figures (the default for .csv and .parquet), actions, "
    "targets, progress, recommendations or funding. A .xlsx file holds every table.",
)
def command(plans: tuple[Path, ...], output: Path, table: str | None) -> None:
    """Write the plans as tidy tables: one row per figure (with the target, status and
    direction as at its period), action, target, progress report, recommendation and
    funding line. CSV is UTF-8 with a byte-order mark, so Excel reads £ and ’; XLSX has a
    cover sheet, a contents sheet, a notes sheet and one named Excel table a sheet;
    Parquet is for Power BI and pandas. The columns are listed in docs/export-columns.md.

    Exit status: 0 written, 1 the plans have errors, 2 bad options or paths.
    """
    from cspplan.export.columns import TABLES
    from cspplan.export.files import chosen_tables, export, format_of
    from cspplan.wording import plural

    chosen_tables(format_of(output), table)  # refuse a bad name before opening the plans
    workspace = open_for(list(plans), doing=EXPORTING, show_note=True)
    done = export(workspace.partnerships, output, table)
    counts = ", ".join(plural(count, TABLES[name].item) for name, count in done.rows.items())
    say(f"Wrote {counts} to {output}", err=True)
