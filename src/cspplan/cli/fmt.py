"""`cspplan fmt`: lay plan files out one canonical way; `--check` for CI and pre-commit."""

from __future__ import annotations

from pathlib import Path

import click

from cspplan.cli.verbosity import detail, say


@click.command("fmt")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if any file would change.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="Show the changes as a unified diff; change nothing."
)
def command(paths: tuple[Path, ...], check: bool, show_diff: bool) -> None:
    """Lay out plan files one canonical way: two-space indents, no line wrapping, LF line
    endings, no byte-order mark. What the files say, their comments, key order, quoting and
    flow style never change; a file is rewritten only if its content reads back the same.

    PATHS are files or folders (all YAML files under them); without PATHS, `plans/` or the
    working folder.

    --check and --diff only look: neither writes a file.

    Exit status: 0 formatted (or, with --check, nothing to change), 1 files would change
    with --check or a file is not valid YAML, 2 bad arguments.
    """
    import difflib

    from cspplan.atomic import write_output
    from cspplan.editing.formatting import format_file, yaml_files
    from cspplan.exceptions import EditError, UsageError
    from cspplan.rendering.issue_formats import display_path
    from cspplan.wording import plural

    chosen = list(paths) or _default_folder()
    changed: list[Path] = []
    problems = 0
    total = 0
    for path in yaml_files(chosen):
        total += 1
        shown = display_path(path)
        try:
            result = format_file(path)
        except EditError as error:
            click.echo(f"cspplan fmt: {error}", err=True)
            problems += 1
            continue
        if not result.changed:
            detail(f"{shown}: already formatted")
            continue
        changed.append(path)
        if show_diff:
            click.echo(
                "".join(
                    difflib.unified_diff(
                        result.before.splitlines(keepends=True),
                        result.after.splitlines(keepends=True),
                        f"a/{shown}",
                        f"b/{shown}",
                    )
                ),
                nl=False,
            )
        if check:
            click.echo(f"would reformat {shown}", err=True)
        elif not show_diff:  # --diff only shows
            write_output(path, result.after)
            detail(f"{shown}: reformatted")
    if total == 0:
        raise UsageError(f"no YAML files in {', '.join(str(path) for path in chosen)}")
    files = plural(total, "file")
    if check or show_diff:
        if changed:
            click.echo(
                f"{len(changed)} of {files} would be reformatted; run `cspplan fmt` to fix.",
                err=True,
            )
        elif not problems:
            say(f"Nothing to change in {files}.", err=show_diff)
    else:
        say(f"Reformatted {len(changed)} of {files}.")
    if problems:
        click.echo(f"{problems} of {files} could not be read, so were left alone.", err=True)
    raise SystemExit(1 if problems or (check and changed) else 0)


def _default_folder() -> list[Path]:
    """plans/ or the working folder: never the plans shipped inside cspplan."""
    from cspplan.exceptions import UsageError
    from cspplan.loading.defaults import local_plans

    found = local_plans()
    if found is None:
        raise UsageError("no plans here; name the files or folders to format")
    return [found]
