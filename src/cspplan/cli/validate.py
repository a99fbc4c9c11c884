"""`cspplan validate`: check plan files and report every problem with its location."""

from __future__ import annotations

import time
from pathlib import Path

import click

from cspplan.cli.options import format_option, jobs_option
from cspplan.cli.verbosity import detail, say
from cspplan.rendering.issue_formats import FORMATS, write_report


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@format_option(FORMATS, "text for people, json for tools, github for GitHub Actions annotations.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Settings file (default: the nearest cspplan.toml above the first path).",
)
@click.option(
    "--disable", multiple=True, metavar="CODE", help="Switch off a check for this run (repeatable)."
)
@click.option(
    "--changed-since",
    "since",
    metavar="REV",
    help="Check only the partnerships with files changed since this git revision "
    "(committed or not), such as origin/main: what a pull request touches.",
)
@jobs_option
def command(
    paths: tuple[Path, ...],
    output_format: str,
    strict: bool,
    config_path: Path | None,
    disable: tuple[str, ...],
    since: str | None,
    jobs: int | None,
) -> None:
    """Check plan files and report problems with file, line, column and field.

    PATHS may be a plans repository, a partnership folder, a plan year folder or single
    files; without PATHS, the plans in the working folder (or the shipped plans).

    Exit status: 0 no errors, 1 errors found (or warnings with --strict), 2 the paths or
    the configuration could not be read.
    """
    from cspplan.config import resolve_code
    from cspplan.workspace import check, chosen_paths, config_for

    chosen, note = chosen_paths(paths)
    if note and output_format == "text":
        say(f"note: {note}", err=True)
    config = config_for(chosen, config_path)
    config.disabled |= {resolve_code(code, "--disable").code for code in disable}
    started = time.perf_counter()
    if since is not None:
        from cspplan.loading.changed import changed_since

        selection = changed_since(since, chosen)
        if output_format == "text":
            say(f"note: {selection.note}", err=True)
        chosen = selection.paths  # none: an empty report, in the format asked for
    report = check(chosen, config, keep_plans=False, jobs=jobs)
    from cspplan.wording import plural

    detail(f"Checked {plural(report.files, 'file')} in {time.perf_counter() - started:.2f} s.")
    write_report(report, output_format, strict=strict)
    raise SystemExit(report.exit_code(strict=strict))
