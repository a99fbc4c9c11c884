"""The site's front page (every partnership) and each partnership's own page."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.site import urls
from cspplan.site.pages import Crumb, Page, SiteInput, page_kind

HOME = Crumb("All partnerships", urls.INDEX)


@page_kind("index")
def index(site: SiteInput) -> Iterator[Page]:
    yield Page(
        urls.INDEX,
        "index.html.j2",
        "Community safety partnership plans",
        {"partnerships": site.partnerships},
    )
    for csp in site.partnerships:
        yield Page(
            urls.partnership(csp.id),
            "partnership.html.j2",
            csp.partnership.name,
            {"csp": csp},
            crumbs=[HOME],
        )
