"""A measure's target as shapes on a chart, read the way `status.evaluators` reads it.

A chart that draws a reduction as a flat line, or a quarterly profile as one number, shows a
different target from the one the status was judged against. These functions turn a target
into what the status engine compares with: a straight line from the baseline to the target
date (`Trajectory`), a cumulative profile through the year (`Profile`), a band (`Span`), a
level (`Level`), or a comparator's own figures under its own name (`ComparatorFigures`).
They reuse the evaluators' helpers (`trajectory`, `comparator_for`, `year_to_date`) so the
picture and the judgement cannot drift apart. Nothing here draws: `rendering.charts` does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from cspplan import wording
from cspplan.model.indicator import ComparatorValue, Unit
from cspplan.model.partnership import StatusRules
from cspplan.model.periods import Period, PeriodKind
from cspplan.model.targets import (
    AtLeast,
    AtMost,
    BaseTarget,
    Comparator,
    FreeText,
    LongTerm,
    Lost,
    NoIncrease,
    QuarterlyProfile,
    Range,
    Rank,
    Reduction,
    ToBeConfirmed,
    TrendTarget,
)
from cspplan.status.assess import MeasureStatus
from cspplan.status.evaluators import (
    Context,
    comparator_for,
    reduction_end,
    trajectory,
    year_to_date,
)


@dataclass(frozen=True)
class Level:
    """A value the figure must reach, stay under, or match (a threshold)."""

    value: float
    label: str


@dataclass(frozen=True)
class Span:
    """A target range: anything from `low` to `high` meets it."""

    low: float
    high: float
    label: str


@dataclass(frozen=True)
class Trajectory:
    """The straight line from the baseline figure to the target, which a figure is judged
    against at the end date of the period it covers."""

    start: date
    start_value: float
    end: date
    end_value: float
    label: str

    def at(self, when: date) -> float:
        return trajectory(self.start_value, self.start, self.end_value, self.end, when)


@dataclass(frozen=True)
class Mark:
    """A single target point with no line to it (a long-term target with no baseline)."""

    when: date
    value: float
    label: str


@dataclass(frozen=True)
class Profile:
    """A quarterly profile added up through the plan year: the year-to-date figure at the
    end of each quarter is judged against these totals."""

    steps: tuple[tuple[Period, float], ...]
    """(year to date Q1-Qn, cumulative amount) for n = 1 to 4."""
    start: date
    label: str


Shape = Level | Span | Trajectory | Mark | Profile


@dataclass(frozen=True)
class ComparatorFigures:
    """One comparator's figures (the national average, the family group, …), drawn under
    its own name, never as "Target"."""

    name: str
    dated: tuple[tuple[Period, float], ...]
    undated: float | None = None
    """A figure printed with no period ('currently …'), used as a level."""


def _context(status: MeasureStatus, plan_year: Period) -> Context:
    """The evaluators' context for this measure. The helpers used here read no tolerance
    or direction rules, so the defaults stand in for the partnership's."""
    return Context(status.indicator, status.series, status.latest, StatusRules(), plan_year)


def _show(status: MeasureStatus, amount: float) -> str:
    return wording.indicator_value(amount, status.indicator)


def target_shape(status: MeasureStatus, plan_year: Period) -> Shape | None:
    """The target as the status engine reads it, or None where it has no place on the
    value axis (no target, words only, to be confirmed, a rank of a non-rank figure)."""
    target = status.measure.target
    if target is None:
        return None
    draw = SHAPES[type(target)]
    return None if draw is None else draw(status, target, plan_year)


def _level(status: MeasureStatus, target: AtLeast | AtMost, plan_year: Period) -> Level:
    return Level(target.value, f"Target: {wording.target(target, status.indicator)}")


def _span(status: MeasureStatus, target: Range, plan_year: Period) -> Span:
    return Span(
        target.low,
        target.high,
        f"Target range: {_show(status, target.low)} to {_show(status, target.high)}",
    )


def _no_increase(status: MeasureStatus, target: NoIncrease, plan_year: Period) -> Level | None:
    reference = status.series.at(target.reference)
    if reference is None:
        return None
    shown = _show(status, reference.value)
    return Level(reference.value, f"Target: no increase on {shown} ({reference.period})")


def _rank(status: MeasureStatus, target: Rank, plan_year: Period) -> Level | None:
    """A rank target sits on the value axis only when the figure itself is a rank."""
    if status.indicator.unit is not Unit.RANK:
        return None
    return Level(target.within, f"Target: {wording.target(target, status.indicator)}")


def _reduction(status: MeasureStatus, target: Reduction, plan_year: Period) -> Trajectory | None:
    baseline = status.series.at(target.baseline)
    if baseline is None:
        return None
    end_value = reduction_end(target, baseline.value)
    label = (
        f"Target: {wording.number(target.percent)}% reduction, from "
        f"{_show(status, baseline.value)} ({baseline.period}) to "
        f"{_show(status, end_value)} by {target.by}"
    )
    return Trajectory(baseline.period.end, baseline.value, target.by.end, end_value, label)


def _long_term(status: MeasureStatus, target: LongTerm, plan_year: Period) -> Shape | None:
    final = f"{_show(status, target.value)} by {target.by}"
    if target.interim is not None:
        return Level(
            target.interim, f"Target this year: {_show(status, target.interim)}, towards {final}"
        )
    latest = status.latest
    if latest is not None and latest.period.end >= target.by.end:
        return Level(target.value, f"Target: {final}")
    baseline = status.series.at(target.baseline) if target.baseline is not None else None
    if baseline is None:
        return Mark(target.by.end, target.value, f"Target: {final}")
    label = f"Target: from {_show(status, baseline.value)} ({baseline.period}) to {final}"
    return Trajectory(baseline.period.end, baseline.value, target.by.end, target.value, label)


def _profile(status: MeasureStatus, target: QuarterlyProfile, plan_year: Period) -> Profile:
    steps = []
    for number in range(1, len(target.quarters) + 1):
        aimed = target.aimed_by(plan_year, number)
        steps.append((Period(PeriodKind.YEAR_TO_DATE, plan_year.year, number), aimed))
    label = f"Target: quarterly profile added up through {plan_year}"
    return Profile(tuple(steps), plan_year.start, label)


ShapeOf = Callable[[MeasureStatus, Any, Period], Shape | None]
"""(status, target of one kind, plan year) → the shape drawn, or None when it cannot be."""

SHAPES: dict[type[BaseTarget], ShapeOf | None] = {
    AtLeast: _level,
    AtMost: _level,
    Range: _span,
    NoIncrease: _no_increase,
    Reduction: _reduction,
    LongTerm: _long_term,
    Rank: _rank,
    QuarterlyProfile: _profile,
    TrendTarget: None,  # a direction over a window, not a level
    Comparator: None,  # drawn by comparator_figures, under the comparator's own name
    ToBeConfirmed: None,  # no number yet
    Lost: None,  # the number was lost
    FreeText: None,  # words only
}
"""How each target class is drawn: a function giving its shape, or None for a kind that
deliberately has no shape of its own. Every member of `Target` is here
(tests/test_target_kinds.py)."""


def added_up_year_to_date(status: MeasureStatus, plan_year: Period) -> tuple[Period, float] | None:
    """The year-to-date total a quarterly profile was judged on, where the engine added it up
    from quarters because no year-to-date figure was printed (else None: the printed figure
    is already on the chart)."""
    target = status.measure.target
    if not isinstance(target, QuarterlyProfile):
        return None
    found = year_to_date(_context(status, plan_year))
    if isinstance(found, str):
        return None
    covered, total = found
    period = Period(PeriodKind.YEAR_TO_DATE, plan_year.year, covered)
    printed = status.series.at(period) or (status.series.at(plan_year) if covered == 4 else None)
    return None if printed is not None else (period, total)


def comparator_figures(status: MeasureStatus, plan_year: Period) -> list[ComparatorFigures]:
    """Every comparator printed with a figure up to the as-of period, by group; for a
    comparator target, also the undated figure the engine judged against."""
    as_of_end = status.series.as_of.end
    target = status.measure.target
    judged = None
    if isinstance(target, Comparator) and status.latest is not None:
        judged, _ = comparator_for(_context(status, plan_year), target.group.value)
    groups: dict[str, list[tuple[Period, float]]] = {}
    for comparator in status.indicator.comparators:
        if comparator.value is None:
            continue
        if comparator.period is not None and comparator.period.end <= as_of_end:
            groups.setdefault(_name(comparator), []).append((comparator.period, comparator.value))
    undated = {}
    if judged is not None and judged.period is None:
        undated[_name(judged)] = judged.value
        groups.setdefault(_name(judged), [])
    found = []
    for name, dated in groups.items():
        figures = tuple(sorted(set(dated), key=lambda pair: pair[0].sort_key()))
        found.append(ComparatorFigures(name, figures, undated.get(name)))
    return found


def _name(comparator: ComparatorValue) -> str:
    """What a comparator is called on a chart: its printed label ('Rest of Norfolk'), else
    its group in words ('National average'), so two local comparators stay apart."""
    if comparator.label:
        return comparator.label
    return wording.sentence(wording.comparator_group(comparator.group.value))
