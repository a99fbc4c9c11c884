"""Print a validation report as text (rich), JSON, or GitHub Actions annotations."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cspplan.bidi import without_controls
from cspplan.cli.verbosity import Verbosity, level
from cspplan.issues import Issue, Severity

if TYPE_CHECKING:
    from cspplan.workspace import Workspace as Report

FORMATS = ("text", "json", "github")


def display_path(path: Path | None) -> str:
    """Paths relative to the working folder where possible, with forward slashes. A link is
    shown where it is, not where it leads: that is the file to fix (and a link's target
    may be somewhere the plans should not name)."""
    if path is None:
        return ""
    try:
        shown = (path.parent.resolve() / path.name).relative_to(Path.cwd().resolve())
    except ValueError:
        shown = path
    return shown.as_posix()


def shown_path(path: Path | None) -> str:
    """`display_path` on one line, for people to read: a line break or other control
    character in a file name shown as an escape (`paths.shown`), so one message never
    reads as two. Machine formats (JSON, annotations' properties) keep the real path."""
    from cspplan.paths import shown

    return shown(display_path(path))


def write_report(report: Report, output_format: str, *, strict: bool = False) -> None:
    if output_format == "json":
        sys.stdout.write(issues_json(report, strict=strict) + "\n")
    elif output_format == "github":
        sys.stdout.write(to_github(report))
    else:
        print_issues(report)


# -- JSON ---------------------------------------------------------------------------------------


def issue_dict(issue: Issue) -> dict[str, object]:
    return {
        "file": display_path(issue.file),
        "line": issue.line,
        "column": issue.column,
        "path": issue.field_path,
        "code": issue.code,
        "name": issue.type.name,
        "severity": issue.severity.value,
        "message": issue.message,
        "hint": issue.hint,
        "needed_by": display_path(issue.needed_by) or None,
    }


def issues_json(report: Report, *, strict: bool = False) -> str:
    return json.dumps(
        {
            "summary": {
                "files": report.files,
                "partnerships": report.partnership_ids,
                "errors": report.errors,
                "warnings": report.warnings,
                "exit_code": report.exit_code(strict=strict),
                "skipped_checks": [display_path(path) for path in report.skipped],
            },
            "issues": [issue_dict(issue) for issue in report.issues],
        },
        indent=2,
        ensure_ascii=False,
    )


# -- GitHub Actions -----------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def to_github(report: Report) -> str:
    """One workflow command per issue, so each shows on the pull request's changed line."""
    lines = []
    for issue in report.issues:
        level = "error" if issue.severity is Severity.ERROR else "warning"
        properties = [f"file={_escape_property(display_path(issue.file))}"] if issue.file else []
        if issue.line:
            properties.append(f"line={issue.line}")
        if issue.column:
            properties.append(f"col={issue.column}")
        properties.append(f"title={_escape_property(f'{issue.code} {issue.type.name}')}")
        message = _message(issue)
        if issue.hint:
            message += f" (hint: {issue.hint})"
        if issue.needed_by:
            message += f" ({needed_by_note(issue)})"
        shown = _escape_data(without_controls(message))  # what the annotation says, readable
        lines.append(f"::{level} {','.join(properties)}::{shown}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


# -- text ---------------------------------------------------------------------------------------


def _message(issue: Issue) -> str:
    return f"{issue.field_path}: {issue.message}" if issue.field_path else issue.message


def one_line(text: str) -> str:
    """A message as one line: a file name or value it quotes may hold a line break."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def needed_by_note(issue: Issue) -> str:
    return f"reported because {shown_path(issue.needed_by)} depends on this file"


def summary_line(report: Report) -> str:
    from cspplan.wording import plural

    where = (
        f"{plural(report.files, 'file')} in {plural(len(report.partnership_ids), 'partnership')}"
    )
    if not report.issues:
        return f"No problems found in {where}."
    parts = []
    if report.errors:
        parts.append(plural(report.errors, "error"))
    if report.warnings:
        parts.append(plural(report.warnings, "warning"))
    return f"Found {' and '.join(parts)} in {where}."


def print_issues(report: Report, *, stderr: bool = False) -> None:
    from rich.markup import escape

    from cspplan.cli.console import make_console

    console = make_console(stderr=stderr)
    quiet = level() is Verbosity.QUIET
    for issue in report.issues:
        if quiet and issue.severity is not Severity.ERROR:
            continue
        colour = "red" if issue.severity is Severity.ERROR else "yellow"
        location = shown_path(issue.file)
        if issue.line:
            location += f":{issue.line}:{issue.column or 1}"
        console.print(
            f"[bold]{escape(location)}[/bold]: [{colour} bold]{issue.code}[/] "
            f"[{colour}]{issue.severity.value}[/] {escape(one_line(_message(issue)))}"
        )
        excerpt = _excerpt(report, issue)
        if excerpt:
            console.print(escape(excerpt), style="dim")
        if issue.hint:
            console.print(f"    [cyan]hint:[/] {escape(one_line(issue.hint))}")
        if issue.needed_by:
            console.print(f"    [cyan]note:[/] {escape(needed_by_note(issue))}")
    for folder in report.skipped:
        console.print(
            f"[yellow]note:[/] reference and content checks were skipped for {escape(shown_path(folder))} "
            "until its partnership.yaml loads"
        )
    if quiet and not report.errors:
        return
    style = "green" if not report.issues else ("red" if report.errors else "yellow")
    console.print(f"[{style}]{escape(summary_line(report))}[/]")


def _excerpt(report: Report, issue: Issue) -> str | None:
    """The offending line with a caret under the column, like a compiler."""
    if issue.file is None or not issue.line:
        return None
    source = report.sources.get(issue.file)
    if source is None:
        return None
    lines = source.text.splitlines()
    if issue.line > len(lines):
        return None
    text = lines[issue.line - 1].rstrip()
    if len(text) > 160:
        text = text[:157] + "..."
    gutter = f"{issue.line:>5} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * max((issue.column or 1) - 1, 0) + "^"
    return f"{gutter}{text}\n{caret}"
