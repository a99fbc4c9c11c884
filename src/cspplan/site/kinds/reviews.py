"""One page per review tracker (`reviews/<id>.yaml`): every recommendation with its
actions, leads, dates, progress and state, as the review recommendations document has it."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.rendering.context import REVIEW_STATE_BANDS, review_block
from cspplan.site import urls
from cspplan.site.pages import Page, SiteInput, page_kind
from cspplan.site.trail import partnership_crumbs
from cspplan.status.bands import Band


@page_kind("reviews")
def reviews(site: SiteInput) -> Iterator[Page]:
    from cspplan.status.reviews import partnership_reviews

    for csp in site.partnerships:
        if not csp.reviews:
            continue
        # as at each tracker's own date; one that gives none, as at the end of the latest
        # plan year (not today, so that two builds of the same plans are the same)
        today = csp.years[-1].period.end if csp.years else None
        for judged in partnership_reviews(csp, None, today):
            block = review_block(csp, judged)
            yield Page(
                urls.review(csp.id, judged.review.id),
                "review.html.j2",
                f"{block.title}: review recommendations",
                {
                    "partnership": csp.partnership.name,
                    "review": block,
                    "bands": {**REVIEW_STATE_BANDS, "": Band.NO_DATA},
                },
                crumbs=partnership_crumbs(csp),
            )
