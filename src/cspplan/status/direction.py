"""Direction of travel: the latest figure against the previous comparable one.

The raw movement (up, level, down) is reported as it is; whether that is an improvement
depends on the indicator's polarity (or, where none is set, on what the target asks for).
A movement inside the stable band is "level", so noise is not reported as change.
"""

from __future__ import annotations

from dataclasses import dataclass

from cspplan import wording
from cspplan.model.indicator import Indicator, Polarity, Unit
from cspplan.model.partnership import DirectionComparison, DirectionRules
from cspplan.model.targets import Range, Target
from cspplan.status.bands import ARROWS, TREND_WORDS, Movement, Trend
from cspplan.status.series import Point, SeriesView


@dataclass(frozen=True, slots=True)
class Travel:
    movement: Movement | None
    """None when there is nothing comparable to measure from."""
    trend: Trend
    previous: Point | None
    reason: str

    @property
    def arrow(self) -> str:
        return ARROWS[self.movement] if self.movement else "–"

    @property
    def words(self) -> str:
        """'↑ improving', '→ no change', '– not comparable'."""
        if self.trend is Trend.NO_CHANGE and self.movement is not Movement.LEVEL:
            return f"{self.arrow} still in range"
        return f"{self.arrow} {TREND_WORDS[self.trend]}"


def polarity(indicator: Indicator, target: Target | None) -> Polarity | None:
    if indicator.polarity is not None:
        return indicator.polarity
    return target.implied_polarity if target is not None else None


def movement(change: float, earlier: float, unit: Unit, rules: DirectionRules) -> Movement:
    size = abs(round(change, 9))
    if unit is Unit.PERCENTAGE:
        level = size <= rules.stable_percentage_points
    elif unit is Unit.RANK:
        level = size == 0
    elif earlier:
        level = size / abs(earlier) * 100 <= rules.stable_relative_percent
    else:
        level = size == 0
    if level:
        return Movement.LEVEL
    return Movement.UP if change > 0 else Movement.DOWN


def _distance_outside(value: float, target: Range) -> float:
    return max(target.low - value, value - target.high, 0.0)


def trend(
    moved: Movement, before: float, after: float, indicator: Indicator, target: Target | None
) -> Trend:
    judged_by = polarity(indicator, target)
    if judged_by in (None, Polarity.NO_JUDGEMENT):
        return Trend.NOT_JUDGED
    if moved is Movement.LEVEL:
        return Trend.NO_CHANGE
    if judged_by is Polarity.WITHIN_RANGE:
        if not isinstance(target, Range):
            return Trend.NOT_JUDGED
        was, now = _distance_outside(before, target), _distance_outside(after, target)
        if now == was:
            return Trend.NO_CHANGE
        return Trend.IMPROVING if now < was else Trend.WORSENING
    better = Movement.UP if judged_by is Polarity.HIGHER_IS_BETTER else Movement.DOWN
    return Trend.IMPROVING if moved is better else Trend.WORSENING


def direction_of_travel(
    series: SeriesView,
    latest: Point | None,
    indicator: Indicator,
    rules: DirectionRules,
    target: Target | None,
) -> Travel:
    if latest is None:
        return Travel(None, Trend.NOT_COMPARABLE, None, "no figure yet")
    year_earlier = indicator.seasonal or rules.compare_with is DirectionComparison.YEAR_EARLIER
    previous, why = series.previous(latest, year_earlier=year_earlier)
    if previous is None:
        return Travel(None, Trend.NOT_COMPARABLE, None, why)
    change = latest.value - previous.value
    moved = movement(change, previous.value, indicator.unit, rules)
    judged = trend(moved, previous.value, latest.value, indicator, target)
    show = lambda amount: wording.indicator_value(amount, indicator)  # noqa: E731
    span = f"{show(previous.value)} ({previous.period}) to {show(latest.value)} ({latest.period})"
    if moved is Movement.LEVEL:
        size = wording.difference(change, indicator.unit, indicator.rate_per)
        head = f"level from {span}" + (
            f", a change of {size} within the stable band" if change else ""
        )
    else:
        size = wording.difference(change, indicator.unit, indicator.rate_per)
        head = f"{moved.value} {size} from {span}"
    if judged in (Trend.IMPROVING, Trend.WORSENING):
        head += f": {TREND_WORDS[judged]}"
    elif judged is Trend.NO_CHANGE and moved is not Movement.LEVEL:
        head += ": still within the target range"
    return Travel(moved, judged, previous, head)
