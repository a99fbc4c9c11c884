"""Render a document: gather its data, run its template, draw its charts, and return every
file to write. Nothing is written here, so a failure at any step leaves no partial output."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.periods import Period
from cspplan.rendering import context, templates


class Document(StrEnum):
    PLAN = "plan"
    PERFORMANCE = "performance"
    CHANGES = "changes"
    REVIEWS = "reviews"
    ALIGNMENT = "alignment"


TEMPLATES = {
    Document.PLAN: "plan.md.j2",
    Document.PERFORMANCE: "performance.md.j2",
    Document.CHANGES: "changes.md.j2",
    Document.REVIEWS: "reviews.md.j2",
    Document.ALIGNMENT: "alignment.md.j2",
}


@dataclass
class Rendered:
    """The document's bytes and, for Markdown with charts, the images beside it."""

    main: bytes
    images: dict[str, bytes] = field(default_factory=dict)
    """Path relative to the document -> PNG."""


def _charts(data: dict, folder: str, plan_year: Period) -> dict[str, bytes]:
    """Draw a chart for every measure with at least one figure; point its row at the file."""
    from cspplan.rendering.charts import chart

    images: dict[str, bytes] = {}
    for section in data["sections"]:
        for row in section.measures:
            drawn = chart(row.assessed, row.status, plan_year)
            if drawn is not None:
                row.chart = f"{folder}/{row.indicator_id}.png"
                images[row.chart], row.chart_alt = drawn
    return images


def changes_context(csp: LoadedPartnership, year: LoadedYear) -> dict:
    """What changed since the previous plan year, arranged by area (document and site)."""
    from cspplan.diff.changes import describe
    from cspplan.diff.compare import Comparison, Side, compare
    from cspplan.diff.summary import arrange, overview
    from cspplan.exceptions import UsageError

    previous = csp.previous(year)
    if previous is None:
        raise UsageError(
            f"{csp.partnership.name} has no plan year before {year.label} to compare with"
        )
    part = compare(Side(csp, previous, previous.label), Side(csp, year, year.label))
    comparison = Comparison(previous.label, year.label, [part] if part.changes else [])
    return {
        "partnership": csp.partnership.name,
        "old": previous.label,
        "new": year.label,
        "overview": overview(comparison),
        "areas": arrange(part.changes),
        "describe": describe,
        "label_bands": {},
    }


def _reviews_context(csp: LoadedPartnership, as_of: Period | None) -> dict:
    from cspplan.exceptions import UsageError

    if not csp.reviews:
        raise UsageError(
            f"{csp.partnership.name} keeps no review trackers (reviews/<review-id>.yaml)"
        )
    return context.reviews_context(csp, as_of)


def render(
    document: Document,
    csp: LoadedPartnership,
    year: LoadedYear,
    *,
    word: bool,
    as_of: Period | None = None,
    template_folder: Path | None = None,
    reference: Path | None = None,
    chart_folder: str = "charts",
    repository: list[LoadedPartnership] | None = None,
) -> Rendered:
    """`repository`: every partnership beside `csp` (the alignment document lists what in
    any of them links to each framework item); None for `csp` alone."""
    if document is Document.ALIGNMENT:
        data = context.alignment_context(csp, year, repository or [csp], csp.frameworks)
    elif document is Document.PLAN:
        data = context.plan_context(csp, year, as_of)
    elif document is Document.PERFORMANCE:
        data = context.performance_context(csp, year, as_of)
    elif document is Document.REVIEWS:
        data = _reviews_context(csp, as_of)
    else:
        data = changes_context(csp, year)
    images = _charts(data, chart_folder, year.period) if document is Document.PERFORMANCE else {}
    text = templates.render(TEMPLATES[document], data, template_folder)
    if not word:
        return Rendered(text.encode("utf-8"), images)
    from cspplan.rendering.word import write

    title = f"{csp.partnership.name}: {year.plan.title}"
    if document is Document.REVIEWS:
        title = f"{csp.partnership.name}: review recommendations"
    if document is Document.ALIGNMENT:
        title = f"{csp.partnership.name}: alignment with other plans and frameworks, {year.label}"
    shades = data["label_bands"]
    unshaded = frozenset({data["published_heading"]} if "published_heading" in data else ())
    author = csp.partnership.name
    return Rendered(
        write(
            text,
            title=title,
            author=author,
            images=images,
            reference=reference,
            shades=shades,
            unshaded=unshaded,
        )
    )
