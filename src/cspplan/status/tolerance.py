"""How far short is too far: the tolerance bands between green, amber and red.

Percentages are judged in percentage points, ranks in places, and everything else
(counts, rates, scores, money) as a percentage of the value aimed at, so one setting
serves an indicator of 20 and one of 20,000.
"""

from __future__ import annotations

from dataclasses import dataclass

from cspplan import wording
from cspplan.model.indicator import Unit
from cspplan.model.partnership import Tolerance
from cspplan.status.bands import Band


@dataclass(frozen=True, slots=True)
class Shortfall:
    band: Band
    gap: str
    """How far short, in words ('3 points', '50 (5%)'); empty when met."""
    allowed: str
    """The tolerance in words ('2 points', '5%')."""


def shortfall(
    met: bool, gap: float, aimed_at: float, unit: Unit, tolerance: Tolerance, rate_per: int | None
) -> Shortfall:
    """Band a figure `gap` on the wrong side of `aimed_at` (a target, trajectory point or
    comparator). `met` decides green, so strict targets ('fewer than') can miss by nothing."""
    gap = max(round(gap, 9), 0.0)
    if unit is Unit.PERCENTAGE:
        allowed, within = tolerance.percentage_points, gap <= tolerance.percentage_points
        words, allowed_words = wording.plural(gap, "point"), wording.plural(allowed, "point")
    elif unit is Unit.RANK:
        allowed, within = tolerance.rank_places, gap <= tolerance.rank_places
        words, allowed_words = wording.plural(gap, "place"), wording.plural(allowed, "place")
    else:
        relative = gap / abs(aimed_at) * 100 if aimed_at else (0.0 if gap == 0 else float("inf"))
        within = relative <= tolerance.relative_percent
        words = wording.difference(gap, unit, rate_per)
        if relative != float("inf"):
            words += f" ({wording.number(round(relative, 1))}%)"
        allowed_words = f"{wording.number(tolerance.relative_percent)}%"
    if met:
        return Shortfall(Band.GREEN, "", allowed_words)
    if gap == 0:
        words = ""
    return Shortfall(Band.AMBER if within else Band.RED, words, allowed_words)
