"""`cspplan fmt`: one layout for every plan file, with content and comments unchanged."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cspplan.editing.yaml_file import YamlFile, plain
from cspplan.exceptions import EditError
from cspplan.loading.discovery import is_yaml, visible


@dataclass
class Formatted:
    path: Path
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def yaml_files(paths: list[Path]) -> Iterator[Path]:
    """The YAML files named, and those under named folders (hidden folders skipped)."""
    for path in paths:
        if path.is_file():
            yield path
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = visible(dirs)
            for name in sorted(files):
                if is_yaml(Path(name)) and not name.startswith("."):
                    yield Path(folder) / name


def format_file(path: Path) -> Formatted:
    """The file's text now and in the canonical layout; refuses if content would change."""
    document = YamlFile.open(path)
    after = document.canonical()
    if after != document.as_read and plain(after) != plain(document.original):
        raise EditError(f"{path}: formatting would change what the file says, so it was left alone")
    return Formatted(path, document.as_read, after)


@dataclass
class Outcome:
    """One file's part in a run of `fmt`: formatted (changed or not), or refused."""

    path: Path
    formatted: Formatted | None = None
    refused: EditError | None = None

    @property
    def changed(self) -> bool:
        return self.formatted is not None and self.formatted.changed


def format_paths(paths: list[Path], *, jobs: int | None = 1) -> Iterator[Outcome]:
    """Every YAML file under `paths` in the canonical layout, in order, so the caller can
    report each as it comes (nothing is written here: see `save`). A file that cannot be
    read is refused and left alone.

    ruamel.yaml's round trip is pure Python (about 15 ms a file, where validate's C reader
    takes about 1), so files are laid out on every core (`jobs`, as `map_in_order`)."""
    from cspplan.parallel import map_in_order

    yield from map_in_order(_outcome, list(yaml_files(paths)), jobs=jobs)


def _outcome(path: Path) -> Outcome:
    try:
        return Outcome(path, format_file(path))
    except EditError as error:
        return Outcome(path, refused=error)


def save(outcomes: list[Outcome]) -> None:
    """Write every changed file, all or none (each aside first, then renamed), and only
    if each still holds what was read: a full disk or a file saved meanwhile by someone
    else leaves every file as it was. Temporaries a killed run left in the folders are
    removed on the way."""
    from cspplan.atomic import sweep, write_outputs

    changed = [outcome.formatted for outcome in outcomes if outcome.formatted and outcome.changed]
    for folder in dict.fromkeys(outcome.path.parent for outcome in outcomes):
        sweep(folder)
    write_outputs(
        {formatted.path: formatted.after for formatted in changed},
        {formatted.path: formatted.before for formatted in changed},
    )
