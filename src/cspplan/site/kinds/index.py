"""The site's front page (every partnership, with a line on its latest plan year) and each
partnership's own page (its plan years, review trackers, indicators and downloads)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.site import urls
from cspplan.site.assessed import summary, year_status
from cspplan.site.pages import Crumb, Page, SiteInput, page_kind

HOME = Crumb("All partnerships", urls.INDEX)


@dataclass
class YearLine:
    """A plan year as the front page and the partnership's page list it."""

    label: str
    title: str
    path: str
    as_of: str
    summary: str


def year_line(csp: LoadedPartnership, year: LoadedYear) -> YearLine:
    assessed = year_status(csp, year)
    return YearLine(
        year.label,
        year.plan.title,
        urls.year(csp.id, year.folder.name),
        str(assessed.as_of),
        summary(assessed),
    )


@page_kind("index")
def index(site: SiteInput) -> Iterator[Page]:
    partnerships = site.partnerships
    yield Page(
        urls.INDEX,
        "index.html.j2",
        "Community safety partnership plans",
        {
            "partnerships": [
                (csp, year_line(csp, csp.years[-1]) if csp.years else None) for csp in partnerships
            ],
        },
    )
    for csp in partnerships:
        reviews = [(loaded.review.title, urls.review(csp.id, loaded.id)) for loaded in csp.reviews]
        indicators = sorted(
            csp.indicators.values(), key=lambda item: (item.name.casefold(), item.id)
        )
        yield Page(
            urls.partnership(csp.id),
            "partnership.html.j2",
            csp.partnership.name,
            {
                "csp": csp,
                "years": [year_line(csp, year) for year in reversed(csp.years)],
                "reviews": reviews,
                "indicators": [(item.name, urls.indicator(csp.id, item.id)) for item in indicators],
            },
            crumbs=[HOME],
        )
