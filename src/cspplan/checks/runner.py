"""Run the checks on plans that loaded (opening, configuring and locating: `workspace`)."""

from __future__ import annotations

from cspplan.catalogue import all_checks
from cspplan.config import Config
from cspplan.issues import Issue
from cspplan.loading.loader import LoadResult


def run_checks(result: LoadResult, config: Config) -> list[Issue]:
    """Every enabled check on the plans that loaded (files that did not load are left to
    their own problems: checks stay quiet about references into them)."""
    assert result.csp is not None
    issues: list[Issue] = []
    for check in all_checks():
        if check.type.code not in config.disabled and not check.on_frameworks:
            issues.extend(check.run(result.csp))
    return issues


def run_framework_checks(frameworks: dict, config: Config) -> list[Issue]:
    """Every enabled check on a repository's frameworks (id -> LoadedFramework), once."""
    issues: list[Issue] = []
    for check in all_checks():
        if check.type.code not in config.disabled and check.on_frameworks:
            issues.extend(check.run(frameworks))
    return issues
