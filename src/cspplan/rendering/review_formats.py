"""The "Reviews" block `cspplan status` prints after the plan years, for partnerships that
keep review trackers: text (rich), Markdown (templates/status-reviews.md.j2) and JSON."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cspplan import wording
from cspplan.status.reviews import ReviewState, ReviewStatus

if TYPE_CHECKING:
    from rich.console import Console

    from cspplan.model.collection import LoadedPartnership

Reviewed = list[tuple["LoadedPartnership", list[ReviewStatus]]]
"""Each partnership that has reviews, with its reviews judged."""

HEADER = ["Recommendation", "State", "Reason"]
STYLES = {
    ReviewState.OVERDUE: "bold red",
    ReviewState.NO_UPDATE: "bold yellow",
    ReviewState.NOT_STARTED: "bold",
    ReviewState.ON_TRACK: "bold green",
    ReviewState.SUPERSEDED: "",
    ReviewState.COMPLETE: "bold green",
}


def heading(csp: LoadedPartnership, status: ReviewStatus) -> str:
    return f"{csp.partnership.name}: {status.review.title} — as at {wording.day_or_period(status.as_of)}"


def rows(status: ReviewStatus) -> list[list[str]]:
    return [[item.heading, item.state.value, item.reason] for item in status.recommendations]


def summary(status: ReviewStatus) -> str:
    state = status.state.value if status.state else "no recommendations"
    return f"Overall: {state} ({status.reason})."


def records(reviewed: Reviewed) -> list[dict[str, object]]:
    """The JSON form: a record per review, each with its recommendations."""
    return [
        {
            "partnership": csp.id,
            "review": status.review.id,
            "title": status.review.title,
            "as_of": str(status.as_of),
            "state": status.state.value if status.state else None,
            "reason": status.reason,
            "counts": {state.value: count for state, count in status.counts.items()},
            "recommendations": [
                {
                    "id": item.recommendation.id,
                    "number": item.recommendation.number,
                    "due": str(due) if (due := item.recommendation.due()) else None,
                    "state": item.state.value,
                    "reason": item.reason,
                }
                for item in status.recommendations
            ],
        }
        for csp, statuses in reviewed
        for status in statuses
    ]


def with_reviews(text: str, reviewed: Reviewed, output_format: str) -> str:
    """`status` output with the reviews block added (unchanged when there are no reviews)."""
    if not reviewed:
        return text
    if output_format == "json":
        data = json.loads(text)
        data["reviews"] = records(reviewed)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output_format == "markdown":
        from cspplan.rendering.templates import render

        block = render("status-reviews.md.j2", {"reviews": _markdown_context(reviewed)})
        return text.rstrip("\n") + "\n\n" + block.strip("\n") + "\n"
    if output_format == "text":
        from cspplan.cli.console import plain_text

        return text + plain_text(lambda console: print_reviews(reviewed, console))
    return text


def _markdown_context(reviewed: Reviewed) -> list[dict[str, object]]:
    return [
        {
            "heading": heading(csp, status),
            "summary": summary(status),
            "header": HEADER,
            "rows": rows(status),
        }
        for csp, statuses in reviewed
        for status in statuses
    ]


def print_reviews(reviewed: Reviewed, console: Console) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    console.print()
    console.rule("[bold]Reviews[/]")
    for csp, statuses in reviewed:
        for status in statuses:
            table = Table(
                title=heading(csp, status), header_style="bold", title_justify="left", expand=True
            )
            table.add_column(HEADER[0], ratio=2)
            table.add_column(HEADER[1], no_wrap=True)
            table.add_column(HEADER[2], ratio=5)
            for item, row in zip(status.recommendations, rows(status), strict=True):
                table.add_row(row[0], Text(row[1], style=STYLES[item.state]), row[2])
            console.print(table)
            console.print(escape(summary(status)))
