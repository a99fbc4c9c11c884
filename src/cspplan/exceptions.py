"""Exceptions cspplan raises, in one place.

Commands turn these into a message and an exit code; none of them should ever reach a
user as a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cspplan.issues import Issue


class CspplanError(Exception):
    """Base for every error cspplan raises on purpose."""

    exit_code = 2


class ConfigError(CspplanError):
    """cspplan.toml is unreadable or says something cspplan does not understand."""


class UsageError(CspplanError):
    """The command was asked for something it cannot do (bad option, missing path)."""


class OutputError(CspplanError):
    """An output file cannot be written (missing folder, no permission, disk full)."""


class TemplateError(CspplanError):
    """A document template could not be read, compiled or rendered (named with file:line)."""


class EditError(CspplanError):
    """A plan file cannot be changed as asked (unreadable, not YAML, or the change is refused);
    the message names the file and, where there is one, the line and column."""

    exit_code = 1


class PlanError(CspplanError):
    """Plan files have errors, so they cannot be loaded as models (`cspplan.load`)."""

    exit_code = 1

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        errors = [issue for issue in issues if issue.severity == "error"]
        first = errors[0] if errors else None
        where = ""
        if first is not None and first.file is not None:
            where = f"{first.file}:{first.line or 0}:{first.column or 0}: "
        summary = f"{where}{first.code} {first.message}" if first else "plan files have errors"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(summary + more)
