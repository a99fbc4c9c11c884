"""How old a figure is at the as-of period, and whether it is too old to judge on.

A status built on an old figure can look settled when nothing has been measured for years;
the reason says how long before the as-of period the figure's period ended, and one that
ended longer before it than the partnership's `stale_after` (default: one year) is flagged
stale, so it reaches the attention list.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from cspplan.model.partnership import months_words
from cspplan.model.periods import Period


def months_between(earlier: date, later: date) -> int:
    """Whole months from `earlier` to `later` (period ends are usually month ends)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    month_end = calendar.monthrange(later.year, later.month)[1]
    if later.day < earlier.day and later.day != month_end:
        months -= 1
    return months


@dataclass(frozen=True, slots=True)
class Age:
    """How long before the as-of period a figure's period ended (None: it ended inside it)."""

    months: int | None
    as_of: Period
    limit: int
    """The partnership's `stale_after`, in months."""

    @property
    def stale(self) -> bool:
        return self.months is not None and self.months > self.limit

    def words(self) -> str:
        """'ended 6 months before 2018/19', or '' for a figure for the as-of period itself."""
        if self.months is None:
            return ""
        if self.months == 0:
            return f"ended just before {self.as_of}"
        return f"ended {months_words(self.months)} before {self.as_of}"

    def stale_words(self) -> str:
        return f"stale (more than {months_words(self.limit)} old)"


def age_of(period: Period, as_of: Period, limit: int) -> Age:
    """A figure's age at `as_of`: whole months from the end of its period to the day before
    the as-of period begins."""
    if period.end >= as_of.start:
        return Age(None, as_of, limit)
    return Age(months_between(period.end, as_of.start - timedelta(days=1)), as_of, limit)
