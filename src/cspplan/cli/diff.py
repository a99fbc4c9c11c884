"""`cspplan diff`: what changed between two plan years, or between git revisions of the plans."""

from __future__ import annotations

from pathlib import Path

import click

from cspplan.cli.options import emit, format_option, output_option
from cspplan.cli.plans import Purpose, open_for

FORMATS = ("text", "markdown", "json")
COMPARING = Purpose("compared", exit_code=2)


@click.command("diff")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--rev",
    "revisions",
    metavar="REV|A..B|A...B",
    help="Compare git revisions: REV against the working tree, A against B, or B against "
    "where it branched from A (as a pull request does). PATHS then limit what is compared.",
)
@format_option(FORMATS, "text, markdown (for pull-request comments and job summaries) or json.")
@click.option("--stat", is_flag=True, help="Only the counts of what changed.")
@click.option(
    "--exit-code",
    "exit_code",
    is_flag=True,
    help="Exit 1 when there are differences and 0 when there are none, like git diff.",
)
@click.option(
    "--max-chars",
    "max_chars",
    type=click.IntRange(min=0),
    default=65_000,
    show_default=True,
    help="Markdown only: leave out details past this length (a GitHub comment takes 65,536 "
    "characters; a job summary 1 MiB). 0 for no limit.",
)
@output_option
def command(
    paths: tuple[Path, ...],
    revisions: str | None,
    output_format: str,
    stat: bool,
    exit_code: bool,
    max_chars: int,
    output: Path | None,
) -> None:
    """Show what changed, in plan terms: themes, actions, leads, targets, figures, statuses.

    \b
    cspplan diff OLD_YEAR NEW_YEAR     two plan year folders
    cspplan diff PARTNERSHIP           its last two plan years
    cspplan diff --rev origin/main     the working tree against a revision
    cspplan diff --rev A..B [PATHS]    two revisions, read from git (nothing is checked out)

    Exit status: 0 compared (with --exit-code: no differences), 1 differences with
    --exit-code, 2 the plans could not be compared (errors in them, a missing path, an
    unknown revision).
    """
    from functools import partial

    from cspplan.diff.pairing import compare_paths
    from cspplan.rendering import diff_formats as diff_output

    comparison = compare_paths(list(paths), revisions, partial(open_for, doing=COMPARING))
    if output_format == "text" and output is None:
        from cspplan.cli.console import make_console

        diff_output.print_diff(comparison, make_console(), stat=stat)
    else:
        emit(diff_output.render(comparison, output_format, stat=stat, limit=max_chars), output)
    if exit_code and comparison.changes:
        raise SystemExit(1)
