"""The breadcrumb trails of the pages under a partnership and under one of its plan years,
so every page kind names the steps above it the same way."""

from __future__ import annotations

from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.site import urls
from cspplan.site.kinds.index import HOME
from cspplan.site.pages import Crumb


def partnership_crumbs(csp: LoadedPartnership) -> list[Crumb]:
    return [HOME, Crumb(csp.partnership.name, urls.partnership(csp.id))]


def year_title(csp: LoadedPartnership, year: LoadedYear) -> str:
    """'Safer Cornwall 2018/19': the dashboard's heading and its crumb on the pages below."""
    return f"{csp.partnership.name} {year.label}"


def year_crumbs(csp: LoadedPartnership, year: LoadedYear) -> list[Crumb]:
    """Down to the plan year's dashboard."""
    return [
        *partnership_crumbs(csp),
        Crumb(year_title(csp, year), urls.year(csp.id, year.folder.name)),
    ]
