"""Where commands look for plans when no path is given."""

from __future__ import annotations

from pathlib import Path

from cspplan.loading.discovery import PARTNERSHIP_FILE
from cspplan.shipped import plans_dir


def _holds_plans(folder: Path) -> bool:
    """A shallow look (never a walk of the whole tree): partnership.yaml here or one level down."""
    return (folder / PARTNERSHIP_FILE).is_file() or any(folder.glob(f"*/{PARTNERSHIP_FILE}"))


def shipped_plans() -> Path | None:
    """The example plans shipped with cspplan, if this install carries them."""
    candidate = plans_dir()
    return candidate if candidate is not None and _holds_plans(candidate) else None


def local_plans() -> Path | None:
    """`plans/` or the working folder, whichever holds plans."""
    for local in (Path("plans"), Path(".")):
        if local.is_dir() and _holds_plans(local):
            return local
    return None


def default_paths() -> tuple[list[Path], str | None]:
    """`plans/` or the working folder if either holds plans; else the shipped plans, with a note."""
    local = local_plans()
    if local is not None:
        return [local], None
    shipped = shipped_plans()
    if shipped is None:
        return [Path(".")], None
    return [shipped], f"no plans in this folder; using the plans shipped with cspplan in {shipped}"
