"""What validate says about the open files, with the editor's unsaved text in place of theirs.

One run checks the whole partnership that holds the file (references cross files), with
every open buffer overlaid (`loading.reader.overlaid`), through the same
`workspace.check` validate calls; the problems are then grouped by file for the editor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from cspplan.issues import Issue, Severity
from cspplan.loading.discovery import is_framework_path, partnership_above, resolved
from cspplan.loading.reader import overlaid
from cspplan.workspace import Workspace, check, config_for


def scope_of(path: Path) -> Path | None:
    """What to check for an open file: its partnership folder or its repository's
    frameworks folder; None for YAML that is no plan file (a CI workflow, a compose file),
    which the server leaves alone rather than call it a file outside any partnership."""
    owner = partnership_above(path)
    if owner is not None:
        return owner.resolve()
    if is_framework_path(path):
        return path.parent.resolve()
    return None


@dataclass
class Checked:
    """One run: the workspace (its plans kept for completion and hover) and the problems
    by resolved file."""

    workspace: Workspace
    by_file: dict[Path, list[Issue]] = field(default_factory=dict)


def check_scope(scope: Path, texts: Mapping[Path, str]) -> Checked:
    """Check `scope` as validate would, reading `texts` (open buffers) in place of the files."""
    with overlaid(texts):
        workspace = check([scope], config_for([scope]))
    checked = Checked(workspace)
    for issue in workspace.issues:
        if issue.file is not None:
            checked.by_file.setdefault(resolved(issue.file), []).append(issue)
    return checked


@dataclass(frozen=True)
class Span:
    """0-based line and UTF-16 columns, as LSP counts them."""

    line: int
    start: int
    end: int


def span_of(issue: Issue, text: str) -> Span:
    """Where the problem is: from the issue's line and column to the end of the value (or
    key) that starts there; the whole first line when the issue has no position."""
    lines = text.splitlines()
    if issue.line is None or not lines:
        first = lines[0] if lines else ""
        return Span(0, 0, _utf16(first, len(first)))
    number = min(issue.line, len(lines)) - 1
    line = lines[number]
    start = min(max((issue.column or 1) - 1, 0), len(line))
    end = start + _token_length(line[start:])
    return Span(number, _utf16(line, start), _utf16(line, end))


def _token_length(rest: str) -> int:
    """The length of the scalar or key at the start of `rest` ('"quoted"', 'an-id', 'key:')."""
    if not rest:
        return 0
    if rest[0] in "\"'":
        close = rest.find(rest[0], 1)
        return close + 1 if close > 0 else len(rest)
    if rest[0] in "[{-|>":
        return len(rest.rstrip())
    for index, character in enumerate(rest):
        if character in ",]}" or rest.startswith(": ", index) or rest.startswith(" #", index):
            return max(len(rest[:index].rstrip()), 1)
    return max(len(rest.rstrip().removesuffix(":")), 1)


def _utf16(line: str, index: int) -> int:
    return len(line[:index].encode("utf-16-le")) // 2


def message_of(issue: Issue) -> str:
    """validate's words: the field path, the message and the hint on its own line, with no
    bidi controls (an editor shows a quoted value in the order it was typed)."""
    from cspplan.bidi import without_controls

    text = f"{issue.field_path}: {issue.message}" if issue.path else issue.message
    return without_controls(f"{text}\nhint: {issue.hint}" if issue.hint else text)


def is_error(issue: Issue) -> bool:
    return issue.severity is Severity.ERROR
