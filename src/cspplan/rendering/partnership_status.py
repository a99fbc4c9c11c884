"""Print `status --by partnership` (`status/by_partnership.py`) as rich tables, JSON, CSV or
Markdown (templates/status-by-partnership.md.j2)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cspplan.status.bands import COLOURS, ORDER
from cspplan.status.by_partnership import PartnershipStatus
from cspplan.status.rollup import records

if TYPE_CHECKING:
    from rich.console import Console

TOTAL = "All together"
MEASURES_HEADER = ["Partnership", "Theme", "Indicator", "Latest", "Status"]


def render(blocks: list[PartnershipStatus], output_format: str) -> str:
    if output_format == "json":
        return to_json(blocks)
    if output_format == "csv":
        return to_csv(blocks)
    if output_format == "markdown":
        return to_markdown(blocks)
    return to_plain_text(blocks)


def heading(block: PartnershipStatus) -> str:
    return (
        f"{block.csp.partnership.name}: status by partnership as at {block.own.as_of} "
        f"({block.own.year.label} plan)"
    )


def _member_name(member) -> str:
    return f"{member.csp.partnership.name} {member.year.label}"


def context_lines(block: PartnershipStatus) -> list[str]:
    """What the block is made of, in words."""
    lines = []
    if block.parent:
        lines.append(f"Parent partnership: {block.parent}.")
    if block.beneath:
        names = ", ".join(_member_name(member) for member in block.beneath)
        lines.append(
            f"Rolled up with the {len(block.beneath)} partnerships beneath it in this "
            f"repository: {names}."
            if len(block.beneath) > 1
            else f"Rolled up with the partnership beneath it in this repository: {names}."
        )
    else:
        lines.append("No partnership beneath it in this repository: its own measures only.")
    return lines


def counts_table(block: PartnershipStatus) -> tuple[list[str], list[list[object]]]:
    """Partnership, plan year, a column per band (in the block's words), needs attention;
    a row per member, and a total where there is more than one."""
    header = [
        "Partnership",
        "Plan year",
        *(block.own.label(band) for band in ORDER),
        "Needs attention",
    ]
    rows: list[list[object]] = []
    for member in block.members:
        counted = block.counts(member)
        rows.append(
            [
                member.csp.partnership.name,
                member.year.label,
                *(counted[band] for band in ORDER),
                block.needing_attention(member),
            ]
        )
    if len(block.members) > 1:
        counted = block.counts()
        rows.append([TOTAL, "", *(counted[band] for band in ORDER), block.needing_attention()])
    return header, rows


def measures_table(block: PartnershipStatus) -> tuple[list[str], list[list[str]]]:
    """A row per measure of the block (the partnership column only where there are more
    partnerships than one); `status` gives each measure's reasons."""
    together = len(block.members) > 1
    header = MEASURES_HEADER if together else MEASURES_HEADER[1:]
    rows = [
        [
            *([member.csp.partnership.name] if together else []),
            status.section,
            status.indicator.name,
            status.latest_words(),
            block.own.label(status.band),
        ]
        for member, status in block.measures()
    ]
    return header, rows


# -- JSON and CSV -------------------------------------------------------------------------------


def to_json(blocks: list[PartnershipStatus]) -> str:
    entries = []
    for block in blocks:
        parent = block.csp.partnership.parent
        entries.append(
            {
                "partnership": block.csp.id,
                "name": block.csp.partnership.name,
                "plan_year": block.own.year.label,
                "as_of": str(block.own.as_of),
                "parent": (
                    {"name": parent.name, "partnership": parent.partnership}
                    if parent is not None
                    else None
                ),
                "rolls_up": [member.csp.id for member in block.beneath],
                "counts": {band.value: n for band, n in block.counts().items()},
                "needs_attention": block.needing_attention(),
                "by_partnership": [
                    {
                        "partnership": member.csp.id,
                        "name": member.csp.partnership.name,
                        "plan_year": member.year.label,
                        "counts": {band.value: n for band, n in block.counts(member).items()},
                        "needs_attention": block.needing_attention(member),
                    }
                    for member in block.members
                ],
                "measures": [row for member in block.members for row in records(member)],
            }
        )
    return json.dumps({"partnerships": entries}, indent=2, ensure_ascii=False) + "\n"


def to_csv(blocks: list[PartnershipStatus]) -> str:
    """One row per measure of each block: `rolled_up_into` is the block's partnership,
    `partnership` the one the measure came from; formula-like text neutralised."""
    from cspplan.export.cells import records_csv

    rows = [
        {"rolled_up_into": block.csp.id, **row}
        for block in blocks
        for member in block.members
        for row in records(member)
    ]
    for row in rows:
        row.pop("further_targets", None)
    return records_csv(rows)


# -- Markdown and text ---------------------------------------------------------------------------


def to_markdown(blocks: list[PartnershipStatus]) -> str:
    from cspplan.rendering.templates import render as render_template

    context = {
        "blocks": [
            {
                "heading": heading(block),
                "lines": context_lines(block),
                "counts": counts_table(block),
                "measures": measures_table(block),
            }
            for block in blocks
        ]
    }
    text = render_template("status-by-partnership.md.j2", context)
    return text.rstrip("\n") + "\n" if text.strip() else ""


def print_blocks(blocks: list[PartnershipStatus], console: Console) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    for block in blocks:
        console.print()
        console.rule(f"[bold]{escape(heading(block))}[/]")
        for line in context_lines(block):
            console.print(Text(line))
        header, rows = counts_table(block)
        counts = Table(title="Measures by status", header_style="bold", title_justify="left")
        for column in header:
            counts.add_column(column, justify="left" if column in header[:2] else "right")
        for row in rows:
            counts.add_row(
                *(Text(str(value), style="bold" if row[0] == TOTAL else "") for value in row)
            )
        console.print(counts)
        if not block.measures():
            console.print("No measures.")
            continue
        header, rows = measures_table(block)
        table = Table(header_style="bold", expand=True)
        for column in header:
            table.add_column(
                column, ratio=1 if column == "Latest" else 2, no_wrap=column == "Status"
            )
        for (_, status), row in zip(block.measures(), rows, strict=True):
            table.add_row(*row[:-1], Text(row[-1], style=f"bold {COLOURS[status.band]}"))
        console.print(table)


def to_plain_text(blocks: list[PartnershipStatus]) -> str:
    from cspplan.cli.console import plain_text

    return plain_text(lambda console: print_blocks(blocks, console))
