"""cspplan: a Community Safety Partnership's delivery plan as validated YAML in git.

The package import is kept light (no pydantic, no pandas) so that the command line starts
fast; the Python API below imports what it needs when called.

    import cspplan
    plans = cspplan.load("plans/safer-cornwall")
    for year in plans.partnerships[0].years:
        print(year.label, [theme.title for theme in year.themes])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from cspplan.workspace import Workspace


def load(*paths: str | Path) -> Workspace:
    """Open plans as typed models (`.partnerships`), with their warnings (`.issues`); raise
    `cspplan.exceptions.PlanError` if any have errors."""
    from cspplan.api import load as _load

    return _load(*paths)


def validate(*paths: str | Path) -> Workspace:
    """Open and check plans without raising: the same object, with `.issues`, `.errors`,
    `.warnings` and `.exit_code()` as `cspplan validate` reports them."""
    from cspplan.api import validate as _validate

    return _validate(*paths)


__all__ = ["__version__", "load", "validate"]
