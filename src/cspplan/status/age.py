"""How old a figure is at the as-of period, and whether it is too old to judge on.

A status built on an old figure can look settled when nothing has been measured for years;
the reason says the figure's age, and one older than the partnership's `stale_after`
(default: one year) is flagged stale, so it reaches the attention list.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

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
    """A figure's age: the months from the end of its period to the end of the as-of period."""

    months: int
    as_of: Period
    limit: int
    """The partnership's `stale_after`, in months."""

    @property
    def stale(self) -> bool:
        return self.months > self.limit

    def words(self) -> str:
        """'1 year old at the end of 2017/18', or '' for a figure for the as-of period."""
        if self.months <= 0:
            return ""
        return f"{months_words(self.months)} old at the end of {self.as_of}"

    def stale_words(self) -> str:
        return f"stale (more than {months_words(self.limit)} old)"


def age_of(period: Period, as_of: Period, limit: int) -> Age:
    return Age(max(months_between(period.end, as_of.end), 0), as_of, limit)
