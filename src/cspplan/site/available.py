"""Which optional pages a plan year has: asked by the page kinds that make them and by
the pages that link to them, so no link points at a page that was not made."""

from __future__ import annotations

from cspplan.model.collection import LoadedPartnership, LoadedYear


def has_changes(csp: LoadedPartnership, year: LoadedYear) -> bool:
    return csp.previous(year) is not None


def has_progress(year: LoadedYear) -> bool:
    return bool(year.progress)


def has_funding(year: LoadedYear) -> bool:
    return year.funding is not None


def has_alignment(csp: LoadedPartnership, year: LoadedYear) -> bool:
    """The year links to a framework anywhere: plan, theme, action or measure, or through
    an indicator it measures."""
    if year.plan.links:
        return True
    for theme in year.themes:
        if theme.links or any(action.links for action in theme.actions):
            return True
        for measure in theme.indicators:
            indicator = csp.indicators.get(measure.indicator)
            if measure.links or (indicator is not None and indicator.links):
                return True
    return False
