"""Print a comparison as rich text, Markdown (for pull requests and job summaries) or JSON."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from cspplan.cli import markdown
from cspplan.cli.console import plain_text
from cspplan.diff.changes import Change, describe
from cspplan.diff.compare import Comparison
from cspplan.diff.summary import KINDS, AreaChanges, arrange, count_items, headline

if TYPE_CHECKING:
    from rich.console import Console

MARKERS = {"added": "+", "removed": "−", "changed": "~"}
COLOURS = {"added": "green", "removed": "red", "changed": "yellow"}


def no_differences(comparison: Comparison) -> str:
    return f"No differences between {comparison.old_name} and {comparison.new_name}."


def overview(comparison: Comparison) -> str:
    items = count_items(comparison.changes)
    parts = len(comparison.parts)
    where = f" in {parts} plan parts" if parts > 1 else ""
    return (
        f"{items} items changed{where} between {comparison.old_name} and "
        f"{comparison.new_name} ({len(comparison.changes)} changes in all)."
    )


def render(comparison: Comparison, output_format: str, *, stat: bool = False) -> str:
    if output_format == "json":
        return to_json(comparison)
    if output_format == "markdown":
        return to_markdown(comparison, stat=stat)
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


def _markdown_area(area: AreaChanges) -> list[str]:
    summary = html.escape(f"{area.title}: {area.counts_in_words()}")
    lines = [f"<details><summary><strong>{summary}</strong></summary>", ""]
    for kind, changes in (("Added", area.added), ("Removed", area.removed)):
        for change in changes:
            note = f" ({markdown.text(change.note)})" if change.note else ""
            lines.append(f"- **{kind}:** {markdown.text(change.label)}{note}")
    for item in area.changed:
        if item.label:
            lines.append(f"- **{markdown.text(item.label)}**")
            lines += [f"  - {markdown.text(describe(change))}" for change in item.changes]
        else:
            lines += [f"- {markdown.text(describe(change))}" for change in item.changes]
    return [*lines, "", "</details>", ""]


def to_markdown(comparison: Comparison, *, stat: bool = False) -> str:
    lines = [
        f"## Plan changes: {markdown.text(comparison.old_name)} → "
        f"{markdown.text(comparison.new_name)}",
        "",
    ]
    if not comparison.parts:
        return "\n".join([*lines, markdown.text(no_differences(comparison)), ""])
    lines += [markdown.text(overview(comparison)), ""]
    for part in comparison.parts:
        areas = arrange(part.changes)
        lines += [f"### {markdown.text(part.title)}", ""]
        lines += markdown.table(
            ["Area", *(kind.capitalize() for kind in KINDS)],
            [[area.title, *area.counts().values()] for area in areas],
        )
        if not stat:
            for area in areas:
                lines += _markdown_area(area)
    return "\n".join(lines)


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
