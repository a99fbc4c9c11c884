"""What changed since the previous plan year: the `changes` document's content as a page."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.rendering.documents import changes_context
from cspplan.site import available, urls
from cspplan.site.pages import Page, SiteInput, page_kind
from cspplan.site.trail import year_crumbs


@page_kind("changes")
def changes(site: SiteInput) -> Iterator[Page]:
    for csp in site.partnerships:
        for year in csp.years:
            if not available.has_changes(csp, year):
                continue
            data = changes_context(csp, year)
            yield Page(
                urls.changes(csp.id, year.folder.name),
                "changes.html.j2",
                f"Changes from {data['old']} to {data['new']}: {csp.partnership.name}",
                data,
                crumbs=year_crumbs(csp, year),
            )
