"""`cspplan schema`: write the JSON Schemas generated from the models, or check them."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from cspplan.cli.verbosity import say


@click.command("schema")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write the schemas to.",
)
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if the folder is out of date.")
def command(output: Path, check: bool) -> None:
    """Write JSON Schemas for every kind of plan file (partnership, indicator, plan, theme,
    progress, review, framework and funding).

    Point an editor at them with a first line such as
    `# yaml-language-server: $schema=../../schemas/theme.schema.json`.
    """
    from cspplan.atomic import write_all
    from cspplan.exceptions import OutputError, UsageError
    from cspplan.model.schemas import build_schemas

    schemas = build_schemas()
    stale = []
    for name, text in schemas.items():
        path = output / name
        try:
            current = path.read_text(encoding="utf-8") if path.exists() else None
        except OSError as error:
            raise UsageError(f"cannot read {path}: {error.strerror}") from None
        if current != text:
            stale.append(path)
    if check:
        for path in stale:
            click.echo(f"{path} is out of date; run `cspplan schema -o {output}`", err=True)
        if not stale:
            say(f"{len(schemas)} schemas in {output} are up to date.")
        raise SystemExit(1 if stale else 0)
    missing = [folder for folder in [output, *output.parents] if not folder.exists()]
    try:
        output.mkdir(parents=True, exist_ok=True)
        write_all({path: schemas[path.name] for path in stale})
    except OSError as error:
        for folder in missing:  # innermost first: a failed write leaves no empty folder
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise OutputError(f"cannot write to {output}: {error.strerror}") from None
    say(
        f"Wrote {len(stale)} of {len(schemas)} schemas to {output} ({len(schemas) - len(stale)} unchanged)."
    )
