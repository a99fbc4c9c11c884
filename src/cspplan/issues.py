"""Problems found in plan files: typed, with a stable code, a title and a message template.

Every problem cspplan reports is an `Issue` of some `IssueType`. Codes are grouped by
layer, like ruff's rule prefixes:

- `F` file and YAML problems (reading, syntax, layout);
- `S` schema problems (a field is unknown, missing, of the wrong type or value);
- `R` references between things (unknown ids, duplicates, missing files);
- `C` semantic checks on the content (dates, values, contacts, lineage).

`R` and `C` codes can be switched off or have their severity changed in `cspplan.toml`;
`F` and `S` cannot, because without them there is no plan to check. The types are
defined here; `cspplan.catalogue` lists them all.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Layer(StrEnum):
    FILE = "file"
    SCHEMA = "schema"
    REFERENCE = "reference"
    CHECK = "check"


_LAYER_OF_PREFIX = {"F": Layer.FILE, "S": Layer.SCHEMA, "R": Layer.REFERENCE, "C": Layer.CHECK}


@dataclass(frozen=True, slots=True)
class IssueType:
    """A kind of problem. `template` is filled with the values a check supplies."""

    code: str
    name: str
    title: str
    template: str
    severity: Severity = Severity.ERROR
    description: str = ""
    hint: str | None = None
    io: bool = False
    """True for problems reading the file system: the command exits 2, not 1."""

    def __post_init__(self) -> None:
        clashes = _placeholders(self.template) & _ISSUE_PARAMETERS
        if clashes:
            raise RuntimeError(
                f"{self.code}: template placeholder(s) {sorted(clashes)} clash with issue()"
            )

    @property
    def layer(self) -> Layer:
        return _LAYER_OF_PREFIX[self.code[0]]

    @property
    def configurable(self) -> bool:
        return self.layer in (Layer.REFERENCE, Layer.CHECK)

    def issue(
        self,
        file: Path | None,
        path: tuple[str | int, ...] = (),
        *,
        line: int | None = None,
        column: int | None = None,
        hint: str | None = None,
        at_key: bool = False,
        **values: object,
    ) -> Issue:
        """An issue of this type; `at_key` locates the field's key rather than its value."""
        return Issue(
            type=self,
            message=self.template.format(**values),
            file=file,
            path=path,
            line=line,
            column=column,
            hint=hint if hint is not None else self.hint,
            severity=self.severity,
            point_at_key=at_key,
        )


@dataclass(slots=True)
class Issue:
    """One problem, located by file and field path; line and column are filled in later."""

    type: IssueType
    message: str
    file: Path | None
    path: tuple[str | int, ...] = ()
    line: int | None = None
    column: int | None = None
    hint: str | None = None
    severity: Severity = Severity.ERROR
    point_at_key: bool = field(default=False, repr=False)
    """Locate the key of the last path element rather than its value (e.g. unknown fields)."""
    needed_by: Path | None = None
    """The named file that depends on this one, when this file was reported only because a
    file the user named needs it (its indicator, partnership.yaml, a year it continues)."""

    @property
    def code(self) -> str:
        return self.type.code

    @property
    def field_path(self) -> str:
        return format_path(self.path)

    def sort_key(self) -> tuple[str, int, int, str]:
        return (str(self.file or ""), self.line or 0, self.column or 0, self.type.code)


_ISSUE_PARAMETERS = {"file", "path", "line", "column", "hint", "at_key"}


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def format_path(path: tuple[str | int, ...]) -> str:
    """('themes', 2, 'actions', 0, 'timescale') -> 'themes[2].actions[0].timescale'."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text
