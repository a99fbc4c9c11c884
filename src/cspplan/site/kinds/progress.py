"""A plan year's quarterly progress reports, theme by theme, every quarter's answers under
the questions the pack printed (the documents show only the latest up to their as-of)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from cspplan.rendering.context import ProgressBlock, progress_report_block
from cspplan.site import available, urls
from cspplan.site.pages import Page, SiteInput, page_kind
from cspplan.site.trail import year_crumbs
from cspplan.status.bands import Band


@dataclass
class ThemeReports:
    id: str
    title: str
    reports: list[tuple[ProgressBlock, Band | None]] = field(default_factory=list)
    """Each quarter's report, earliest first, with the band of the status it published
    (None where it published none, or one no band stands for: 'new')."""


def _band(value: str | None) -> Band | None:
    return next((band for band in Band if band.value == value), None)


@page_kind("progress")
def progress(site: SiteInput) -> Iterator[Page]:
    for csp in site.partnerships:
        for year in csp.years:
            if not available.has_progress(year):
                continue
            themes = []
            for theme in year.themes:
                found = ThemeReports(theme.id, theme.title)
                for loaded in year.progress:
                    report = loaded.progress.report(theme.id)
                    if report is not None:
                        rating = report.published.status if report.published else None
                        band = _band(rating.value if rating is not None else None)
                        found.reports.append((progress_report_block(loaded, report), band))
                themes.append(found)
            yield Page(
                urls.progress(csp.id, year.folder.name),
                "progress.html.j2",
                f"Progress reports {year.label}: {csp.partnership.name}",
                {"themes": themes, "quarters": [loaded.label for loaded in year.progress]},
                crumbs=year_crumbs(csp, year),
            )
