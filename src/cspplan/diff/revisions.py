"""What `diff --rev` asks for: two git revisions, or one against the working tree.

The git work itself (resolving revisions, reading folders as at a commit) is
`cspplan.git`'s; this module only reads the `--rev` text and names the sides.
"""

from __future__ import annotations

from dataclasses import dataclass

from cspplan.exceptions import UsageError

WORKING_TREE = "working tree"
NOT_A_REPOSITORY = (
    "so --rev has no revisions to compare; "
    "to compare two folders, name them: cspplan diff OLD_FOLDER NEW_FOLDER"
)
"""How the message ends when the paths compared are not in a git repository."""


@dataclass(frozen=True)
class Revisions:
    """What `--rev` asked for: `old` against `new` (None: the working tree)."""

    old: str
    new: str | None
    merge_base: bool = False
    """`A...B`: compare B with the point where it branched from A, as a pull request does."""

    @property
    def new_name(self) -> str:
        return self.new or WORKING_TREE


def parse_revisions(text: str) -> Revisions:
    """'REV', 'A..B' or 'A...B'; an empty end means HEAD, as git reads it."""
    if not text.strip():
        raise UsageError("--rev needs a revision, such as origin/main or HEAD~1..HEAD")
    for separator, merge_base in (("...", True), ("..", False)):
        if separator in text:
            old, new = text.split(separator, 1)
            return Revisions(old or "HEAD", new or "HEAD", merge_base)
    return Revisions(text, None)
