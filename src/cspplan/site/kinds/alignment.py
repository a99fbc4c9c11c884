"""How a plan year serves other plans and frameworks: the alignment document as a page."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.rendering.context import alignment_context
from cspplan.site import available, urls
from cspplan.site.pages import Page, SiteInput, page_kind
from cspplan.site.trail import year_crumbs


@page_kind("alignment")
def alignment(site: SiteInput) -> Iterator[Page]:
    everyone = site.partnerships
    for csp in everyone:
        for year in csp.years:
            if not available.has_alignment(csp, year):
                continue
            yield Page(
                urls.alignment(csp.id, year.folder.name),
                "alignment.html.j2",
                f"Alignment with other plans {year.label}: {csp.partnership.name}",
                alignment_context(csp, year, everyone, csp.frameworks),
                crumbs=year_crumbs(csp, year),
            )
