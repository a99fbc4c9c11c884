"""Where the templates and example plans that come with cspplan are.

In an installed wheel they are real files inside the package (`cspplan/templates`,
`cspplan/plans`, put there by the build); in a source checkout or an editable install
they are the repository's own top-level `templates/` and `plans/`. This is the one place
that knows both, so no other module works out a path from `__file__`.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parents[1]  # src/cspplan -> the repository root, in a checkout


def _folder(name: str) -> Path | None:
    for candidate in (PACKAGE / name, CHECKOUT / name):
        if candidate.is_dir():
            return candidate
    return None


def templates_dir() -> Path:
    """The shipped Jinja templates (documents, and `repository/` for `cspplan init`)."""
    return _folder("templates") or PACKAGE / "templates"


def plans_dir() -> Path | None:
    """The shipped example plans, or None if this install has none."""
    return _folder("plans")
