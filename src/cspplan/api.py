"""The Python API behind `cspplan.load` and `cspplan.validate`."""

from __future__ import annotations

from pathlib import Path

from cspplan.checks.runner import Report
from cspplan.checks.runner import validate as _validate
from cspplan.config import load_config
from cspplan.exceptions import PlanError
from cspplan.issues import Severity
from cspplan.model.collection import PlanSet


def validate(*paths: str | Path) -> Report:
    resolved = [Path(path) for path in paths] or [Path.cwd()]
    return _validate(resolved, load_config(start=resolved[0]))


def load(*paths: str | Path) -> PlanSet:
    report = validate(*paths)
    if report.io_problem or any(issue.severity is Severity.ERROR for issue in report.issues):
        raise PlanError(report.issues)
    return PlanSet(report.partnerships)
