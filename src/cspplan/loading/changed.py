"""`validate --changed-since REV`: only the partnerships with files changed since a revision.

Each partnership with a changed (added, edited or deleted) file is checked whole, since an
edited indicator can break the themes that measure it. Two kinds of file reach beyond their
own partnership: a framework file (`frameworks/<id>.yaml`), which any partnership beside it
may link to, so every one of them is checked with it; and a partnership.yaml, whose parent
and linked partnerships check it back (R023, C030), so the partnerships it names and those
naming it are checked too. A changed cspplan.toml can change any verdict, so then
everything named is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cspplan.config import CONFIG_FILE
from cspplan.loading.discovery import FRAMEWORKS_DIR, PARTNERSHIP_FILE, partnership_above
from cspplan.loading.neighbours import neighbours, relations


@dataclass
class ChangedSelection:
    paths: list[Path]
    """What to validate: partnership folders, or the named paths when everything must be."""
    note: str


def changed_since(revision: str, paths: list[Path]) -> ChangedSelection:
    from cspplan import git

    repo = git.repository_root(
        paths[0], otherwise="so there is no revision to compare with; leave out --changed-since"
    )
    commit = git.commit_of(repo, revision)
    changed = git.changed_files(repo, commit, git.inside(repo, paths))
    if any(path.name == CONFIG_FILE for path in changed):
        return ChangedSelection(
            paths, f"{CONFIG_FILE} changed since {revision}: checking everything"
        )
    owners: dict[Path, None] = {}
    for path in changed:
        for owner in _affected(_relative(path)):
            owners[owner] = None
    folders = sorted(owners)
    if not folders:
        note = f"no plan files changed since {revision}; nothing to check"
    else:
        names = ", ".join(str(folder) for folder in folders[:3])
        more = f" and {len(folders) - 3} more" if len(folders) > 3 else ""
        note = f"checking the partnerships changed since {revision}: {names}{more}"
    return ChangedSelection(folders, note)


def _affected(path: Path) -> list[Path]:
    """The folders to check for a change to `path`: its partnership; for a framework file,
    the file's folder and every partnership beside it; for a partnership.yaml, also the
    partnerships it names as parent or link and those naming it."""
    if path.parent.name == FRAMEWORKS_DIR and partnership_above(path) is None:
        here = [path.parent] if path.parent.is_dir() else []  # a deleted folder is not read
        return [*here, *neighbours(path.parent).values()]
    owner = partnership_above(path)
    found = [owner] if owner is not None else []
    if path.name == PARTNERSHIP_FILE:
        folder = path.parent
        mine = relations(folder) if folder.is_dir() else None
        named = {mine.parent, *mine.linked} if mine is not None else set()
        for name, other in neighbours(folder).items():
            theirs = relations(other) if name != folder.name else None
            if name in named or (theirs and folder.name in {theirs.parent, *theirs.linked}):
                found.append(other)
    return found


def _relative(path: Path) -> Path:
    """`path` as the user would write it from the working folder (for messages)."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path
