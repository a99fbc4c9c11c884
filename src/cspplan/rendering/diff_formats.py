"""Print a comparison as rich text, Markdown (for pull requests and job summaries) or JSON."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from cspplan import markdown
from cspplan.cli.console import plain_text
from cspplan.diff.changes import Change, describe
from cspplan.diff.compare import Comparison
from cspplan.diff.summary import (
    KINDS,
    AreaChanges,
    arrange,
    count_items,
    headline,
    no_differences,
    overview,
)

if TYPE_CHECKING:
    from rich.console import Console

COMMENT_LIMIT = 65_000
"""GitHub refuses pull-request comments over 65,536 characters."""


MARKERS = {"added": "+", "removed": "−", "changed": "~"}
COLOURS = {"added": "green", "removed": "red", "changed": "yellow"}


def render(
    comparison: Comparison, output_format: str, *, stat: bool = False, limit: int = COMMENT_LIMIT
) -> str:
    if output_format == "json":
        return to_json(comparison)
    if output_format == "markdown":
        return to_markdown(comparison, stat=stat, limit=limit)
    return to_plain_text(comparison, stat=stat)


# -- JSON ---------------------------------------------------------------------------------------


def change_dict(change: Change) -> dict[str, object]:
    return {
        "area": change.area.value,
        "kind": change.kind,
        "field": change.field,
        "old_id": change.old_id,
        "new_id": change.new_id,
        "old_label": change.old_label,
        "new_label": change.new_label,
        "old": change.old,
        "new": change.new,
        "note": change.note,
        "words": describe(change),
    }


def _counts(changes: list[Change]) -> dict[str, dict[str, int]]:
    return {area.area.value: area.counts() for area in arrange(changes)}


def to_json(comparison: Comparison) -> str:
    return (
        json.dumps(
            {
                "old": comparison.old_name,
                "new": comparison.new_name,
                "summary": {
                    "items_changed": count_items(comparison.changes),
                    "changes": len(comparison.changes),
                    "by_area": _counts(comparison.changes),
                },
                "parts": [
                    {
                        "title": part.title,
                        "by_area": _counts(part.changes),
                        "changes": [change_dict(change) for change in part.changes],
                    }
                    for part in comparison.parts
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


# -- Markdown -----------------------------------------------------------------------------------


def _markdown_entries(area: AreaChanges) -> list[str]:
    """One entry (a Markdown list item, perhaps with sub-items) per item added, removed or
    changed: the unit that is kept or left out when a comment must be shortened."""
    entries = []
    for kind, changes in (("Added", area.added), ("Removed", area.removed)):
        for change in changes:
            note = f" ({markdown.text(change.note)})" if change.note else ""
            entries.append(f"- **{kind}:** {markdown.text(change.label)}{note}")
    for item in area.changed:
        if item.label:
            lines = [f"- **{markdown.text(item.label)}**"]
            lines += [f"  - {markdown.text(describe(change))}" for change in item.changes]
        else:
            lines = [f"- {markdown.text(describe(change))}" for change in item.changes]
        entries.append("\n".join(lines))
    return entries


def _markdown_details(area: AreaChanges, budget: list[int]) -> str:
    """The area's entries in a collapsible section, as many as `budget[0]` characters allow."""
    summary = html.escape(f"{area.title}: {area.counts_in_words()}")
    kept, left_out = [], 0
    for entry in _markdown_entries(area):
        if len(entry) + 1 > budget[0]:
            budget[0] = 0  # spent: leave out everything after, so what is shown is a prefix
            left_out += 1
            continue
        kept.append(entry)
        budget[0] -= len(entry) + 1
    if left_out:
        kept.append(
            f"- … and {left_out} more not shown here, to keep within the size of a comment: "
            "run `cspplan diff` or use `--format json` for all of them"
        )
    body = "\n".join(kept)
    return f"<details><summary><strong>{summary}</strong></summary>\n\n{body}\n\n</details>\n"


def to_markdown(comparison: Comparison, *, stat: bool = False, limit: int = COMMENT_LIMIT) -> str:
    """Headline counts first, then details in collapsible sections, kept under `limit`
    characters (0: no limit) by leaving out whole entries once the budget is spent."""
    head = [
        f"## Plan changes: {markdown.text(comparison.old_name)} → "
        f"{markdown.text(comparison.new_name)}",
        "",
    ]
    if not comparison.parts:
        return "\n".join([*head, markdown.text(no_differences(comparison)), ""])
    head += [markdown.text(overview(comparison)), ""]
    tables = []
    for part in comparison.parts:
        areas = arrange(part.changes)
        table = markdown.table(
            ["Area", *(kind.capitalize() for kind in KINDS)],
            [[area.title, *area.counts().values()] for area in areas],
        )
        tables.append((part, areas, "\n".join([f"### {markdown.text(part.title)}", "", *table])))
    fixed = len("\n".join(head)) + sum(len(table) + 1 for _, _, table in tables)
    reserve = 400 * sum(len(areas) for _, areas, _ in tables)  # summaries and "… more" lines
    budget = [limit - fixed - reserve if limit else 10**12]
    out = ["\n".join(head)]
    for _part, areas, table in tables:
        out.append(table)
        if not stat:
            out += [_markdown_details(area, budget) for area in areas]
    return "\n".join(out)


# -- Terminal -----------------------------------------------------------------------------------


def write_text(comparison: Comparison, console: Console, *, stat: bool = False) -> None:
    from rich.markup import escape
    from rich.text import Text

    if not comparison.parts:
        console.print(no_differences(comparison))
        return
    for part in comparison.parts:
        console.rule(f"[bold]{escape(part.title)}[/]")
        console.print(headline(part.changes))
        if stat:
            continue
        for area in arrange(part.changes):
            console.print()
            console.print(Text(f"{area.title} ({area.counts_in_words()})", style="bold"))
            for kind, changes in (("added", area.added), ("removed", area.removed)):
                for change in changes:
                    marker = (MARKERS[kind], COLOURS[kind])
                    console.print(Text.assemble("  ", marker, f" {describe(change)}"))
            for item in area.changed:
                indent = "  "
                if item.label:
                    marker = (MARKERS["changed"], COLOURS["changed"])
                    console.print(Text.assemble("  ", marker, f" {item.label}"))
                    indent = "      "
                for change in item.changes:
                    console.print(Text(f"{indent}{describe(change)}"))
    console.print()
    console.print(Text(overview(comparison)))


def to_plain_text(comparison: Comparison, *, stat: bool = False) -> str:
    """The terminal text without colour, for -o FILE."""
    return plain_text(lambda console: write_text(comparison, console, stat=stat))
