"""Checks are small functions, each with its own issue code, registered by a decorator.

A check takes one loaded partnership and yields `Finding`s; `Check.run` turns them into
issues using the check's message template. The function's docstring is the rule's
documentation (shown by `cspplan rules CODE` and in the README).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cspplan.issues import Issue, IssueType, Severity
from cspplan.model.collection import LoadedPartnership


@dataclass(frozen=True, slots=True)
class Finding:
    file: Path
    path: tuple[str | int, ...]
    values: dict[str, object] = field(default_factory=dict)
    hint: str | None = None
    severity: Severity | None = None
    """For checks that grade each finding (e.g. a disagreement the source printed is a
    warning, one typed in is an error); None keeps the check's severity."""


def found(
    file: Path,
    path: tuple[str | int, ...],
    *,
    hint: str | None = None,
    severity: Severity | None = None,
    **values: object,
) -> Finding:
    return Finding(file, path, values, hint, severity)


CheckFunction = Callable[[LoadedPartnership], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    type: IssueType
    function: CheckFunction
    on_frameworks: bool = False
    """Runs once a run on the repository's frameworks (id -> LoadedFramework), not on each
    partnership, so a problem in a shared framework file is reported once."""

    def run(self, csp: LoadedPartnership) -> list[Issue]:
        issues = []
        for finding in self.function(csp):
            issue = self.type.issue(finding.file, finding.path, hint=finding.hint, **finding.values)
            if finding.severity is not None:
                issue.severity = finding.severity
            issues.append(issue)
        return issues


_CHECK = "__cspplan_check__"
"""The attribute `@check` leaves on a function: the catalogue finds checks by it."""


def check_of(value: object) -> Check | None:
    """The check a `@check` function carries, or None for anything else."""
    found_check = getattr(value, _CHECK, None)
    return found_check if isinstance(found_check, Check) else None


def check(
    code: str,
    name: str,
    *,
    title: str,
    template: str,
    severity: Severity = Severity.ERROR,
    hint: str | None = None,
    on_frameworks: bool = False,
) -> Callable[[CheckFunction], CheckFunction]:
    """Mark a check function with its stable code (`cspplan.catalogue` collects it);
    `on_frameworks`: the function takes the frameworks (id -> LoadedFramework) instead."""

    def decorate(function: CheckFunction) -> CheckFunction:
        issue_type = IssueType(
            code,
            name,
            title,
            template,
            severity=severity,
            description=inspect.cleandoc(function.__doc__ or ""),
            hint=hint,
        )
        setattr(function, _CHECK, Check(issue_type, function, on_frameworks))
        return function

    return decorate
