"""A dashboard per plan year: status by theme, what needs attention and why, the headline
measures, and where to read more, as at the plan's effective as-of."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.rendering.context import (
    MeasureRow,
    ThemeStatusLine,
    about_plan,
    status_key,
    theme_status_line,
)
from cspplan.site import available, urls
from cspplan.site.assessed import band_counts, bands_in, measure_rows, year_status
from cspplan.site.pages import Page, SiteInput, page_kind
from cspplan.site.trail import partnership_crumbs, year_title
from cspplan.status.assess import HEADLINE, MeasureStatus, YearStatus
from cspplan.status.attention import attention_list, attention_reason
from cspplan.status.bands import Band


@dataclass
class ThemeLine:
    """One row of the status-by-theme table."""

    title: str
    path: str | None
    """The theme's page; None for the headline indicators (shown on the dashboard)."""
    status: ThemeStatusLine | None
    counts: list[int]
    attention: int


@dataclass
class AttentionLine:
    measure: MeasureRow
    section: str
    section_path: str | None
    reason: str


@dataclass
class Link:
    title: str
    path: str


def more_pages(csp: LoadedPartnership, year: LoadedYear) -> list[Link]:
    """The plan year's optional pages that exist (asked of `site.available`)."""
    folder = year.folder.name
    links = []
    if available.has_changes(csp, year):
        previous = csp.previous(year)
        label = previous.label if previous else ""
        links.append(Link(f"What changed since {label}", urls.changes(csp.id, folder)))
    if available.has_progress(year):
        links.append(Link("Quarterly progress reports", urls.progress(csp.id, folder)))
    if available.has_funding(year):
        links.append(Link("Funding", urls.funding(csp.id, folder)))
    if available.has_alignment(csp, year):
        links.append(Link("How this plan serves other plans", urls.alignment(csp.id, folder)))
    return links


def _theme_lines(
    csp: LoadedPartnership, assessed: YearStatus, bands: list[Band]
) -> list[ThemeLine]:
    year = assessed.year
    lines = []
    headline = [status for status in assessed.measures if status.theme is None]
    if headline:
        flagged = len(attention_list(headline))
        lines.append(ThemeLine(HEADLINE, None, None, band_counts(headline, bands), flagged))
    for theme in year.themes:
        mine = [status for status in assessed.measures if status.theme is theme]
        lines.append(
            ThemeLine(
                theme.title,
                urls.theme(csp.id, year.folder.name, theme.id),
                theme_status_line(assessed, assessed.theme_status(theme)),
                band_counts(mine, bands),
                len(attention_list(mine)),
            )
        )
    return lines


def _attention(csp: LoadedPartnership, assessed: YearStatus) -> list[AttentionLine]:
    folder = assessed.year.folder.name
    rows = measure_rows(csp, assessed.year)

    def where(status: MeasureStatus) -> str | None:
        return urls.theme(csp.id, folder, status.theme.id) if status.theme else None

    return [
        AttentionLine(
            rows[id(status.measure)],
            status.section,
            where(status),
            attention_reason(status),
        )
        for status in attention_list(assessed.measures)
    ]


def dashboard_context(csp: LoadedPartnership, year: LoadedYear) -> dict:
    assessed = year_status(csp, year)
    bands = bands_in(assessed.measures)
    folder = year.folder.name
    return {
        "csp": csp,
        "year": year,
        "as_of": str(assessed.as_of),
        "about": about_plan(csp, year, assessed),
        "bands": [(band.value, assessed.label(band)) for band in bands],
        "themes": _theme_lines(csp, assessed, bands),
        "has_theme_status": bool(assessed.themes),
        "total": band_counts(assessed.measures, bands),
        "total_attention": len(attention_list(assessed.measures)),
        "attention": _attention(csp, assessed),
        "headline": [
            measure_rows(csp, year)[id(s.measure)] for s in assessed.measures if s.theme is None
        ],
        "status_key": status_key(csp, assessed),
        "more": more_pages(csp, year),
        "downloads": [
            Link("Figures (CSV)", urls.downloads(csp.id, "csv")),
            Link("Every table (Excel)", urls.downloads(csp.id, "xlsx")),
        ],
        "previous": csp.previous(year),
        "following": next((other for other in csp.years if other.period > year.period), None),
        "dashboard": lambda other: urls.year(csp.id, other.folder.name),
        "theme_page": lambda theme: urls.theme(csp.id, folder, theme.id),
    }


@page_kind("dashboard")
def dashboards(site: SiteInput) -> Iterator[Page]:
    for csp in site.partnerships:
        for year in csp.years:
            yield Page(
                urls.year(csp.id, year.folder.name),
                "dashboard.html.j2",
                year_title(csp, year),
                dashboard_context(csp, year),
                crumbs=partnership_crumbs(csp),
            )
