"""Where a path really leads, for every place cspplan reads a file someone else chose.

Plan folders and templates folders arrive in pull requests, and what cspplan reads from them
ends up in messages, documents and CI logs. A symbolic link inside such a folder could name
any file of the machine running cspplan (a CI runner's secrets, /proc/self/environ), so a
file is read only when its real place is inside the folder it was found in. One function,
used by the plan loader and the templates loader alike.
"""

from __future__ import annotations

from pathlib import Path


def leads_outside(path: Path, root: Path) -> Path | None:
    """The real file `path` leads to when a link on the way (the file itself or a folder
    above it) takes it out of `root`; None when it stays inside. A dangling link is None
    too: reading it then says it is broken, which is the clearer message."""
    real = path.resolve()
    if not real.exists():
        return None
    return None if real.is_relative_to(root.resolve()) else real
