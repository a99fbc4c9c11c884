"""A page per theme of each plan year: outcomes, objectives, actions with their leads and
timescales as printed, and its measures with status and reason, each linking to its
indicator's page."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.rendering.context import theme_section
from cspplan.site import available, urls
from cspplan.site.assessed import measure_rows, year_status
from cspplan.site.pages import Page, SiteInput, page_kind
from cspplan.site.trail import year_crumbs


@page_kind("theme")
def themes(site: SiteInput) -> Iterator[Page]:
    for csp in site.partnerships:
        for year in csp.years:
            assessed = year_status(csp, year)
            folder = year.folder.name
            rows = measure_rows(csp, year)
            progress = urls.progress(csp.id, folder) if available.has_progress(year) else None
            for theme in year.themes:
                yield Page(
                    urls.theme(csp.id, folder, theme.id),
                    "theme.html.j2",
                    theme.title,
                    {
                        "csp": csp,
                        "year": year,
                        "as_of": str(assessed.as_of),
                        "section": theme_section(csp, year, assessed, theme, rows),
                        "progress": progress,
                    },
                    crumbs=year_crumbs(csp, year),
                )
