"""The stylesheet (and the little script that may enhance a page, never carry content)."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.rendering.templates import SHIPPED
from cspplan.site import urls
from cspplan.site.html import FOLDER
from cspplan.site.pages import File, SiteInput, page_kind


@page_kind("assets")
def assets(site: SiteInput) -> Iterator[File]:
    yield File(urls.STYLESHEET, (SHIPPED / FOLDER / "site.css").read_bytes())
