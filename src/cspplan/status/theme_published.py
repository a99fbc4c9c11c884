"""Where a theme's published status comes from: the one place status, --compare-published
and the documents ask.

Today it is the theme file's own `published`. Quarterly progress reports (each with a
`published` status per theme) are to feed it too: the report for the as-of quarter (the
latest at or before `as_of`) wins where it prints a status, else `Theme.published` — that
is the only change needed here when they arrive.
"""

from __future__ import annotations

from cspplan.model.collection import LoadedYear
from cspplan.model.periods import Period
from cspplan.model.plan import PublishedStatus, Theme


def published_theme_status(year: LoadedYear, theme: Theme, as_of: Period) -> PublishedStatus | None:
    """The status the partnership published for `theme`, as at `as_of`."""
    return theme.published
