"""A plan year's funding (funding.yaml) as a page: the same schedules, printed totals and
disagreements the delivery plan document shows."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.rendering.funding_context import funding_section
from cspplan.site import available, urls
from cspplan.site.pages import Page, SiteInput, page_kind
from cspplan.site.trail import year_crumbs


@page_kind("funding")
def funding(site: SiteInput) -> Iterator[Page]:
    for csp in site.partnerships:
        for year in csp.years:
            if not available.has_funding(year):
                continue
            yield Page(
                urls.funding(csp.id, year.folder.name),
                "funding.html.j2",
                f"Funding {year.label}: {csp.partnership.name}",
                {"funding": funding_section(year)},
                crumbs=year_crumbs(csp, year),
            )
