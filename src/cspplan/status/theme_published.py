"""Where a theme's published status comes from: the one place status, --compare-published
and the documents ask.

A quarterly progress report (`progress/`, one `published` status per theme) is what a
partnership that rates its themes each quarter publishes: the report for the as-of quarter
(the latest at or before `as_of`) wins where it prints a status; otherwise the theme
file's own `published`, for a plan document that printed one.
"""

from __future__ import annotations

from cspplan.model.collection import LoadedYear
from cspplan.model.periods import Period
from cspplan.model.plan import PublishedStatus, Theme


def published_theme_status(year: LoadedYear, theme: Theme, as_of: Period) -> PublishedStatus | None:
    """The status the partnership published for `theme`, as at `as_of`."""
    found = year.progress_for(theme.id, as_of)
    if found is not None and found[1].published is not None:
        return found[1].published
    return theme.published
