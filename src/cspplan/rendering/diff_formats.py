"""Print a comparison as rich text, Markdown (for pull requests and job summaries) or JSON."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from cspplan.cli.console import plain_text
from cspplan.diff.changes import Change, describe
from cspplan.diff.compare import Comparison
from cspplan.diff.summary import (
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
        return diff_json(comparison)
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


def diff_json(comparison: Comparison) -> str:
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


TEMPLATE = "diff.md.j2"


def _markdown_entries(area: AreaChanges, entry: Any) -> list[str]:
    """One entry (a Markdown list item, perhaps with sub-items) per item added, removed or
    changed: the unit that is kept or left out when a comment must be shortened."""
    entries = []
    for kind, changes in (("Added", area.added), ("Removed", area.removed)):
        entries += [str(entry.added_or_removed(kind, change)) for change in changes]
    entries += [str(entry.changed(item)) for item in area.changed]
    return [text.removesuffix("\n") for text in entries]


def _markdown_details(area: AreaChanges, entry: Any, budget: list[int]) -> dict[str, object]:
    """The area's entries for a collapsible section, as many as `budget[0]` characters allow."""
    kept, left_out = [], 0
    for text in _markdown_entries(area, entry):
        if len(text) + 1 > budget[0]:
            budget[0] = 0  # spent: leave out everything after, so what is shown is a prefix
            left_out += 1
            continue
        kept.append(text)
        budget[0] -= len(text) + 1
    summary = html.escape(f"{area.title}: {area.counts_in_words()}")
    return {"summary": summary, "entries": kept, "left_out": left_out}


def to_markdown(comparison: Comparison, *, stat: bool = False, limit: int = COMMENT_LIMIT) -> str:
    """From templates/diff.md.j2: headline counts first, then details in collapsible
    sections, kept under `limit` characters (0: no limit) by leaving out whole entries once
    the budget is spent."""
    from cspplan.rendering.templates import macros, render

    parts = [(part, arrange(part.changes)) for part in comparison.parts]
    context: dict[str, object] = {
        "old": comparison.old_name,
        "new": comparison.new_name,
        "no_differences": no_differences(comparison) if not parts else "",
        "overview": overview(comparison) if parts else "",
        "parts": [
            {
                "title": part.title,
                "rows": [[area.title, *area.counts().values()] for area in areas],
                "details": [],
            }
            for part, areas in parts
        ],
    }
    counts = _one_newline(render(TEMPLATE, context))
    if stat or not parts:
        return counts
    reserve = 400 * sum(len(areas) for _, areas in parts)  # summaries and "… more" lines
    budget = [limit - len(counts) - reserve if limit else 10**12]
    entry = macros(TEMPLATE, {**context, "describe": describe})
    for shown, (_part, areas) in zip(context["parts"], parts, strict=True):
        shown["details"] = [_markdown_details(area, entry, budget) for area in areas]
    return _one_newline(render(TEMPLATE, context))


def _one_newline(text: str) -> str:
    """The document ends with one newline (each block in the template ends with a blank line)."""
    return text.rstrip("\n") + "\n"


# -- Terminal -----------------------------------------------------------------------------------


def print_diff(comparison: Comparison, console: Console, *, stat: bool = False) -> None:
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
    return plain_text(lambda console: print_diff(comparison, console, stat=stat))
