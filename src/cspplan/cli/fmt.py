"""`cspplan fmt`: lay plan files out one canonical way; `--check` for CI and pre-commit."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cspplan.cli.options import jobs_option
from cspplan.cli.verbosity import detail, say

if TYPE_CHECKING:
    from cspplan.editing.formatting import Formatted, Outcome


@click.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if any file would change.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="Show the changes as a unified diff; change nothing."
)
@jobs_option
def command(paths: tuple[Path, ...], check: bool, show_diff: bool, jobs: int | None) -> None:
    """Lay out plan files one canonical way: two-space indents, no line wrapping, LF line
    endings, no byte-order mark. What the files say, their comments, key order, quoting and
    flow style never change; a file is rewritten only if its content reads back the same.

    PATHS are files or folders (all YAML files under them); without PATHS, `plans/` or the
    working folder.

    --check and --diff only look: neither writes a file.

    Exit status: 0 formatted (or, with --check, nothing to change), 1 files would change
    with --check or a file is not valid YAML, 2 bad arguments, or the files cannot be
    written (a full disk, a read-only file) or one changed on disk meanwhile: then no
    file is changed.
    """
    from cspplan.editing.formatting import format_paths, save
    from cspplan.exceptions import UsageError
    from cspplan.rendering.issue_formats import shown_path

    chosen = list(paths) or _default_folder()
    outcomes = []
    for outcome in format_paths(chosen, jobs=jobs):
        _tell(outcome, check=check, show_diff=show_diff)
        outcomes.append(outcome)
    if not outcomes:
        raise UsageError(f"no YAML files in {', '.join(str(path) for path in chosen)}")
    if not (check or show_diff):
        save(outcomes)  # every file or none, once all are formatted
        for outcome in outcomes:
            if outcome.changed:
                detail(f"{shown_path(outcome.path)}: reformatted")
    raise SystemExit(_sum_up(outcomes, check=check, show_diff=show_diff))


def _tell(outcome: Outcome, *, check: bool, show_diff: bool) -> None:
    """What happened to one file, said as it happens."""
    from cspplan.cli.console import for_logs, readable
    from cspplan.rendering.issue_formats import one_line, shown_path

    shown = readable(shown_path(outcome.path))  # a file name can hold a line break
    if outcome.refused is not None:
        click.echo(readable(f"cspplan fmt: {one_line(str(outcome.refused))}"), err=True)
    elif not outcome.changed:
        detail(f"{shown}: already formatted")
    elif show_diff:
        click.echo(for_logs(_unified_diff(outcome.formatted, shown)), nl=False)
    if outcome.changed and check:
        click.echo(f"would reformat {shown}", err=True)


def _unified_diff(formatted: Formatted, shown: str) -> str:
    import difflib

    return "".join(
        difflib.unified_diff(
            formatted.before.splitlines(keepends=True),
            formatted.after.splitlines(keepends=True),
            f"a/{shown}",
            f"b/{shown}",
        )
    )


def _sum_up(outcomes: list[Outcome], *, check: bool, show_diff: bool) -> int:
    """The closing line(s), and the exit code."""
    from cspplan.wording import plural

    files = plural(len(outcomes), "file")
    changed = sum(outcome.changed for outcome in outcomes)
    problems = sum(outcome.refused is not None for outcome in outcomes)
    if check or show_diff:
        if changed:
            click.echo(
                f"{changed} of {files} would be reformatted; run `cspplan fmt` to fix.",
                err=True,
            )
        elif not problems:
            say(f"Nothing to change in {files}.", err=show_diff)
    else:
        say(f"Reformatted {changed} of {files}.")
    if problems:
        click.echo(f"{problems} of {files} could not be read, so were left alone.", err=True)
    return 1 if problems or (check and changed) else 0


def _default_folder() -> list[Path]:
    """plans/ or the working folder: never the plans shipped inside cspplan."""
    from cspplan.exceptions import UsageError
    from cspplan.loading.defaults import local_plans

    found = local_plans()
    if found is None:
        raise UsageError("no plans here; name the files or folders to format")
    return [found]
