"""Units of measure, and what a figure in each may be.

What a unit allows (its bounds, whole numbers only, whether a quarter's figures add up to
the year's) is said once, in `UnitFacts`, and read by everything that needs it: `record`
refusing a figure as typed, `validate` reporting one already in a file, the status engine
refusing to judge a target that is not on the indicator's scale or to compare a quarter
with a year. Before, each kept its own copy, and they disagreed (negative money).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from cspplan.model.base import Choice


class Unit(Choice):
    PERCENTAGE = "percentage", "A percentage, 0 to 100."
    COUNT = "count", "A number of people, incidents or cases."
    RATE = "rate", "A rate per 1,000 or per 100,000 of a population (set rate_per)."
    SCORE = "score", "A score on a scale, e.g. from a survey."
    RANK = "rank", "A position in a ranking; 1 is first."
    MONEY = "money", "An amount of money in pounds."
    UNKNOWN = "unknown", "No unit printed: the figures are kept as printed."

    @property
    def facts(self) -> UnitFacts:
        """What a figure in this unit may be."""
        return UNIT_FACTS[self]


@dataclass(frozen=True, slots=True)
class UnitFacts:
    words: str
    """One figure of the unit, as a sentence says it: 'a percentage', 'an amount of money'."""
    plural: str
    """What an indicator in the unit is measured in: 'percentages'."""
    low: float | None = None
    """No figure is below this (0 for a count, 1 for a rank); None: no floor."""
    high: float | None = None
    """No figure is above this (100 for a percentage); None: no ceiling."""
    whole: bool = False
    """Only whole numbers (a count, a rank)."""
    adds_up: bool | None = False
    """A year's figure is its quarters added up, so a figure's size grows with the length
    of its period (counts, money): a quarter does not compare with a year. Percentages,
    rates, scores and ranks compare across period lengths and do not add up. None: not
    known (no unit printed), so neither may be assumed: figures for periods of different
    lengths are not compared, and quarters are not added up."""

    @property
    def scale(self) -> tuple[float, float] | None:
        """(low, high) for a unit fixed at both ends (a percentage, 0 to 100): a number off
        it is not in this unit at all, so a target off it cannot be judged."""
        if self.low is None or self.high is None:
            return None
        return self.low, self.high

    def allows(self, value: float) -> bool:
        """The value is within the unit's bounds (whole numbers are checked apart)."""
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)


UNIT_FACTS: dict[Unit, UnitFacts] = {
    Unit.PERCENTAGE: UnitFacts("a percentage", "percentages", low=0, high=100),
    Unit.COUNT: UnitFacts("a count", "counts", low=0, whole=True, adds_up=True),
    Unit.RATE: UnitFacts("a rate", "rates", low=0),
    Unit.SCORE: UnitFacts("a score", "scores"),
    Unit.RANK: UnitFacts("a rank", "ranks", low=1, whole=True),
    Unit.MONEY: UnitFacts("an amount of money", "amounts of money", low=0, adds_up=True),
    Unit.UNKNOWN: UnitFacts("a figure with no unit printed", "figures with no unit", adds_up=None),
}


def first_missing_quarter(quarters: Collection[int], through: int) -> int | None:
    """The first of Q1 to Q`through` with no figure, or None when all have one."""
    return next((number for number in range(1, through + 1) if number not in quarters), None)


def year_to_date_total(quarters: Mapping[int, float], through: int) -> float | None:
    """Q1 to Q`through` added up: what the year-to-date figure of a unit that `adds_up`
    is (Q1 to Q4: the year's). None when a quarter has no figure."""
    if first_missing_quarter(quarters, through) is not None:
        return None
    return sum(quarters[number] for number in range(1, through + 1))
