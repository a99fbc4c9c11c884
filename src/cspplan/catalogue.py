"""The catalogue of issue codes: every `IssueType` and every check, found without side effects.

It sits above `loading` (the F and S codes in `loading.errors`) and `checks` (the R and C
codes, one `@check` function each), so neither needs to know it exists. Check modules are
discovered, not listed: a new `checks/foo.py` is picked up without being added anywhere.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from types import ModuleType

import cspplan.checks
from cspplan.checks.registry import Check, check_of
from cspplan.issues import IssueType
from cspplan.loading import errors

RUNNER = "runner"
"""The one module in `checks/` that is not discovered: it runs the checks with a
configuration, so it sits above this catalogue (which the configuration uses)."""


def check_modules() -> list[ModuleType]:
    """Every module in the `checks` package but the runner, imported, in name order."""
    prefix = cspplan.checks.__name__ + "."
    return [
        importlib.import_module(prefix + info.name)
        for info in sorted(pkgutil.iter_modules(cspplan.checks.__path__), key=lambda i: i.name)
        if info.name != RUNNER
    ]


@cache
def all_checks() -> tuple[Check, ...]:
    """Every check defined in a module of the `checks` package, in code order."""
    found = [
        found_check
        for module in check_modules()
        for value in vars(module).values()
        if (found_check := check_of(value)) is not None and value.__module__ == module.__name__
    ]
    return tuple(sorted(found, key=lambda c: c.type.code))


@cache
def _by_code() -> dict[str, IssueType]:
    types = [value for value in vars(errors).values() if isinstance(value, IssueType)]
    types += [found_check.type for found_check in all_checks()]
    by_code: dict[str, IssueType] = {}
    names: set[str] = set()
    for issue_type in types:
        if by_code.get(issue_type.code, issue_type) != issue_type:
            raise RuntimeError(f"issue code {issue_type.code} defined twice")
        if issue_type.code not in by_code and issue_type.name in names:
            raise RuntimeError(f"issue name {issue_type.name} used by two codes")
        by_code[issue_type.code] = issue_type
        names.add(issue_type.name)
    return by_code


def all_issue_types() -> list[IssueType]:
    """The full catalogue: F, S, R then C codes, each group in code order."""
    return sorted(_by_code().values(), key=lambda t: ("FSRC".index(t.code[0]), t.code))


def lookup(text: str) -> IssueType | None:
    """An issue type by code (`R003`, any case) or name (`unknown-indicator`); None if neither.

    The one lookup behind `cspplan rules CODE`, `--disable` and `cspplan.toml`."""
    for issue_type in all_issue_types():
        if text.upper() == issue_type.code or text.lower() == issue_type.name:
            return issue_type
    return None
