"""`validate --changed-since REV`: only the partnerships with files changed since a revision.

References never cross a partnership folder, so a change can only break its own
partnership: each partnership with a changed (added, edited or deleted) file is checked
whole, since an edited indicator can break the themes that measure it. A changed
cspplan.toml can change any verdict, so then everything named is checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cspplan.config import CONFIG_FILE
from cspplan.loading.discovery import partnership_above


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
        owner = partnership_above(_relative(path))
        if owner is not None:
            owners[owner] = None
    folders = sorted(owners)
    if not folders:
        note = f"no plan files changed since {revision}; nothing to check"
    else:
        names = ", ".join(str(folder) for folder in folders[:3])
        more = f" and {len(folders) - 3} more" if len(folders) > 3 else ""
        note = f"checking the partnerships changed since {revision}: {names}{more}"
    return ChangedSelection(folders, note)


def _relative(path: Path) -> Path:
    """`path` as the user would write it from the working folder (for messages)."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path
