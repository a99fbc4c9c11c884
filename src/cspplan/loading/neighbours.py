"""The other partnerships in the same plans repository, as far as a partnership's own checks
need them: which folders hold a partnership, and whom each names as its parent and links.

The repository is a partnership folder's parent folder. A partnership checked alone (its
folder named on its own) reads its neighbours here from disk, so naming one partnership or
the whole repository gives the same answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cspplan.loading.discovery import PARTNERSHIP_FILE, visible
from cspplan.loading.reader import read_file


def neighbours(folder: Path) -> dict[str, Path]:
    """The partnership folders beside `folder` (itself included), by id (folder name)."""
    root = folder.parent
    try:
        names = visible(sorted(entry.name for entry in root.iterdir() if entry.is_dir()))
    except OSError:
        return {}
    return {name: root / name for name in names if (root / name / PARTNERSHIP_FILE).is_file()}


@dataclass(frozen=True)
class Relations:
    """What another partnership's partnership.yaml says of its parent and links (ids only)."""

    parent: str | None
    linked: frozenset[str]


def relations(folder: Path) -> Relations | None:
    """The parent and linked partnership ids `folder`'s partnership.yaml names; None when
    the file cannot be read (its own problems are reported when it is checked)."""
    source, problems = read_file(folder / PARTNERSHIP_FILE)
    if source is None or problems or not isinstance(source.data, dict):
        return None
    parent = source.data.get("parent")
    parent_id = parent.get("partnership") if isinstance(parent, dict) else None
    linked = source.data.get("linked_partnerships")
    linked_ids = {
        entry["partnership"]
        for entry in (linked if isinstance(linked, list) else [])
        if isinstance(entry, dict) and isinstance(entry.get("partnership"), str)
    }
    return Relations(
        parent=parent_id if isinstance(parent_id, str) else None, linked=frozenset(linked_ids)
    )
