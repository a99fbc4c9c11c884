"""Finding the partnership and indicator a command means, from a name, an id or a path."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from cspplan.exceptions import PlanError, UsageError
from cspplan.issues import Severity
from cspplan.loading.discovery import find_partnerships, partnership_above, scan_partnership
from cspplan.model.indicator import Indicator


def partnership_folder(given: Path | None, *, name_it: str = "with --partnership FOLDER") -> Path:
    """The partnership named, the one the working folder is in, or the only one below it.

    `name_it` ends the message when there is none or more than one: how this command is
    told which (an option for record and import, an argument for new-year)."""
    from cspplan.loading.defaults import local_plans

    if given is not None:
        if not given.is_dir():
            raise UsageError(f"{given}: no such folder")
        owner = partnership_above(given)
        if owner is None:
            raise UsageError(
                f"{given} is not in a partnership folder (one holding partnership.yaml)"
            )
        return owner
    owner = partnership_above(Path.cwd())
    if owner is not None:
        return owner
    local = local_plans()
    found = find_partnerships(local) if local is not None else []
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(f"no partnership here; name one {name_it}")
    names = ", ".join(str(folder) for folder in found)
    raise UsageError(f"several partnerships here ({names}); name one {name_it}")


def indicator_files(partnership: Path) -> dict[str, Path]:
    """Indicator id → file, for every indicator file of the partnership."""
    return {path.stem: path for path in scan_partnership(partnership).indicator_files}


def resolve_indicator(reference: str, files: dict[str, Path]) -> Path:
    """An indicator file from its id; an unknown id names the nearest ones."""
    if reference in files:
        return files[reference]
    raise UsageError(
        f"no indicator '{reference}' in this partnership{did_you_mean(reference, files)}"
    )


def did_you_mean(typed: str, known: Iterable[str]) -> str:
    """'; did you mean a or b?' for the nearest known names, or nothing."""
    close = difflib.get_close_matches(typed, list(known), n=3, cutoff=0.5)
    return f"; did you mean {' or '.join(close)}?" if close else ""


def checked_indicator(path: Path) -> Indicator:
    """The indicator a file holds; a file with errors stops the command with them listed."""
    from cspplan.loading.loader import load_indicator

    indicator, issues, _ = load_indicator(path)
    if indicator is None or any(issue.severity is Severity.ERROR for issue in issues):
        raise PlanError(issues)
    return indicator


def known_areas(partnership: Path, wanted: str = "an area") -> list[str]:
    """The area ids partnership.yaml lists (`areas`), for `record --area` and `import`'s
    area column to check a typed area against before any file changes."""
    from ruamel.yaml import YAMLError

    from cspplan.loading.reader import plain_data

    file = partnership / "partnership.yaml"
    try:
        data = plain_data(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError):
        raise UsageError(
            f"cannot check {wanted}: {file} cannot be read (run cspplan validate)"
        ) from None
    areas = data.get("areas") if isinstance(data, dict) else None
    listed = areas if isinstance(areas, list) else []
    return [str(item["id"]) for item in listed if isinstance(item, dict) and "id" in item]


def unknown_area(area: str, known: list[str], file: Path) -> str | None:
    """Why `area` cannot be written (R014 would refuse it), or None when it is listed."""
    if area in known:
        return None
    if not known:
        return f"no area '{area}': {file} lists no areas; add it under areas: first"
    return f"no area '{area}' in {file}{did_you_mean(area, known)} (areas: {', '.join(known)})"


def checked_area(area: str, partnership: Path) -> str:
    """An area id `record --area` may write: one of partnership.yaml's `areas` (R014 would
    refuse any other), so a typing slip is caught before the file changes."""
    known = known_areas(partnership, f"the area '{area}'")
    problem = unknown_area(area, known, partnership / "partnership.yaml")
    if problem is not None:
        raise UsageError(problem)
    return area
