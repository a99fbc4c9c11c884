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

    from cspplan.checks.runner import Report
    from cspplan.model.collection import PlanSet


def load(*paths: str | Path) -> PlanSet:
    """Load plans as typed models; raise `cspplan.exceptions.PlanError` if any have errors."""
    from cspplan.api import load as _load

    return _load(*paths)


def validate(*paths: str | Path) -> Report:
    """Check plans and return the report (issues, counts) without raising."""
    from cspplan.api import validate as _validate

    return _validate(*paths)


__all__ = ["__version__", "load", "validate"]
