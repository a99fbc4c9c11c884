"""Which observations a judgement may use.

A `SeriesView` is one indicator's series as seen from one plan year at one as-of period:
nothing after the as-of period, only the whole's figures (or one area's), one observation per period (where a period was printed
twice, the plan year's own printing wins, otherwise the latest printing), sorted in time.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

from cspplan.model.indicator import Indicator, Observation, SeriesBreak, Unit
from cspplan.model.periods import Period, PeriodKind

_MONTHS = {
    PeriodKind.DAY: 0,
    PeriodKind.MONTH: 1,
    PeriodKind.QUARTER: 3,
    PeriodKind.ROLLING_12_MONTHS: 12,
    PeriodKind.FINANCIAL_YEAR: 12,
    PeriodKind.CALENDAR_YEAR: 12,
    PeriodKind.SURVEY_YEAR: 12,
    PeriodKind.MULTI_YEAR_AVERAGE: 12,  # an average of years is a year's worth
}


def months(period: Period) -> int:
    if period.kind is PeriodKind.YEAR_TO_DATE:
        return 3 * period.number
    return _MONTHS[period.kind]


def _length(period: Period) -> str:
    count = months(period)
    if count == 0:
        return "one day"
    return "1 month" if count == 1 else f"{count} months"


def not_comparable(earlier: Period, later: Period, unit: Unit) -> str | None:
    """Why two periods' figures do not compare, or None when they do: a unit that adds up
    (a count, money) grows with the length of its period, so a quarter is not a year; and
    for a unit not known (none printed) nobody can say whether it adds up, so periods of
    different lengths are not compared either."""
    adds_up = unit.facts.adds_up
    if adds_up is False or months(earlier) == months(later):
        return None
    if adds_up is None:
        return (
            "the unit is not known, so figures for periods of different lengths (a quarter "
            f"and a year) cannot be compared: {earlier} is {_length(earlier)}, {later} "
            f"{_length(later)}"
        )
    return (
        f"{earlier} ({_length(earlier)}) and {later} ({_length(later)}) cover different "
        f"lengths of time, so their {unit.value} figures do not compare"
    )


@dataclass(frozen=True, slots=True)
class Point:
    """An observation with a number."""

    period: Period
    value: float
    observation: Observation


def _printed_later(new: Observation, current: Observation, plan_year: Period | None) -> bool:
    """Should `new` replace `current` for the same period?"""
    if plan_year is not None:
        new_own, current_own = plan_year in new.reported_in, plan_year in current.reported_in
        if new_own != current_own:
            return new_own
    new_last = max(new.reported_in, default=None)
    current_last = max(current.reported_in, default=None)
    if new_last is None or current_last is None:
        return True  # no record of when: the later line in the file wins
    return new_last >= current_last


@dataclass(frozen=True, slots=True)
class _Whole:
    """One indicator's series for one plan year, printing and area, at every period: what
    every as-of view of it is a prefix of."""

    observations: list[Observation]
    ends: list[date]
    points: list[Point]
    point_ends: list[date]
    point_keys: list[tuple[date, date, int]]


_WHOLES: OrderedDict[tuple, tuple[Indicator, _Whole]] = OrderedDict()
_WHOLES_LOCK = threading.Lock()
_WHOLES_KEPT = 64
"""The export judges each figure of a plan year as at its own period: a daily series of
40,000 figures was sorted again for each of its 730 days in the plan years."""


def _whole_series(
    indicator: Indicator, plan_year: Period | None, printed_in: Period | None, area: str | None
) -> _Whole:
    key = (id(indicator), len(indicator.series), plan_year, printed_in, area)
    with _WHOLES_LOCK:
        kept = _WHOLES.get(key)
        if kept is not None and kept[0] is indicator:
            _WHOLES.move_to_end(key)
            return kept[1]
    chosen: dict[Period, Observation] = {}
    for observation in indicator.series:
        if not observation.is_part(area):
            continue
        if (
            printed_in is not None
            and observation.reported_in
            and printed_in not in observation.reported_in
        ):
            continue
        current = chosen.get(observation.period)
        if current is None or _printed_later(observation, current, plan_year):
            chosen[observation.period] = observation
    observations = sorted(chosen.values(), key=lambda obs: obs.period.sort_key())
    points = [Point(obs.period, obs.value, obs) for obs in observations if obs.value is not None]
    whole = _Whole(
        observations,
        [obs.period.end for obs in observations],
        points,
        [point.period.end for point in points],
        [point.period.sort_key() for point in points],
    )
    with _WHOLES_LOCK:
        _WHOLES[key] = (indicator, whole)  # the indicator kept with it: its id stays its own
        while len(_WHOLES) > _WHOLES_KEPT:
            _WHOLES.popitem(last=False)
    return whole


class SeriesView:
    def __init__(
        self,
        indicator: Indicator,
        *,
        as_of: Period,
        plan_year: Period | None = None,
        printed_in: Period | None = None,
        area: str | None = None,
    ) -> None:
        """`printed_in` keeps only what that plan year's document printed (observations
        with no `reported_in` are kept): the view a published status was based on. `area`
        views one area's figures; by default the whole's (no area, no other breakdown), so
        a district's figure never stands in for the county's."""
        self.indicator = indicator
        self.as_of = as_of
        self.area = area
        whole = _whole_series(indicator, plan_year, printed_in, area)
        # Sorted by (end, start, kind), so what ends by the as-of period is a prefix.
        cutoff = as_of.end
        self.observations = whole.observations[: bisect_right(whole.ends, cutoff)]
        self._count = bisect_right(whole.point_ends, cutoff)
        self.points = whole.points[: self._count]
        self._keys = whole.point_keys
        self.breaks: list[SeriesBreak] = sorted(indicator.breaks, key=lambda b: b.period.start)

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    def later_without_value(self, point: Point | None) -> Observation | None:
        """The newest observation after `point` that says why it has no number."""
        after = [
            obs
            for obs in self.observations
            if obs.value is None and (point is None or obs.period > point.period)
        ]
        return after[-1] if after else None

    def at(self, period: Period) -> Point | None:
        index = bisect_left(self._keys, period.sort_key(), 0, self._count)
        found = self.points[index] if index < self._count else None
        return found if found is not None and found.period == period else None

    def shown_for(self, period: Period) -> Point | None:
        """The figure for `period`, else the one printed in its column for another window of
        data (`reported_for`): what a plan means by 'the Q1 figure'."""
        found = self.at(period)
        if found is not None:
            return found
        return next((p for p in self.points if p.observation.reported_for == period), None)

    def break_between(self, earlier: Period, later: Period) -> SeriesBreak | None:
        """A change of definition after `earlier` began and by the time `later` began."""
        low, high = earlier.start, later.start
        return next((b for b in self.breaks if low < b.period.start <= high), None)

    def previous(self, point: Point, *, year_earlier: bool) -> tuple[Point | None, str]:
        """The figure to measure movement from, or None with the reason there is none."""
        unit = self.indicator.unit
        if year_earlier:
            wanted = point.period.year_earlier()
            found = self.at(wanted)
            if found is None:
                return None, f"no figure for {wanted}, a year earlier, to compare with"
            return self._checked(found, point, unit)
        earlier = self.points[: bisect_left(self._keys, point.period.sort_key(), 0, self._count)]
        if not earlier:
            return None, "no earlier figure to compare with"
        reasons: list[str] = []
        for candidate in reversed(earlier):
            found, reason = self._checked(candidate, point, unit)
            if found is not None:
                return found, ""
            reasons.append(reason)
        return None, reasons[0]

    def _checked(self, earlier: Point, later: Point, unit: Unit) -> tuple[Point | None, str]:
        crossed = self.break_between(earlier.period, later.period)
        if crossed is not None:
            return None, f"the series was redefined from {crossed.period} ({crossed.note})"
        reason = not_comparable(earlier.period, later.period, unit)
        if reason is not None:
            return None, reason
        return earlier, ""
