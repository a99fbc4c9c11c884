"""What a trend chart of a measure shows, worked out once for every way it is drawn: the
Word and Markdown documents' PNGs (`rendering.charts`, matplotlib) and the site's inline SVG
(`site.svg_chart`). `prepare()` gathers the figures by kind of period in the stretches drawn
as one line, the target as the status engine reads it, the comparators by name and the
value axis label; `describe()` says all of it in words (the alt text). Nothing here draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from cspplan import wording
from cspplan.model.indicator import Indicator, Unit
from cspplan.model.periods import Period, PeriodKind
from cspplan.model.targets import Rank
from cspplan.status.assess import MeasureStatus
from cspplan.status.series import Point
from cspplan.status.target_geometry import (
    ComparatorFigures,
    Mark,
    Profile,
    Shape,
    Span,
    Trajectory,
    added_up_year_to_date,
    comparator_figures,
    target_shape,
)

MAX_POINTS = 12
"""The last twelve figures: a quarter's report looks back three years at most."""

KIND_NAMES = {
    PeriodKind.DAY: "Single day",
    PeriodKind.MONTH: "Monthly",
    PeriodKind.QUARTER: "Quarterly",
    PeriodKind.YEAR_TO_DATE: "Year to date",
    PeriodKind.ROLLING_12_MONTHS: "Rolling 12 months",
    PeriodKind.FINANCIAL_YEAR: "Financial year",
    PeriodKind.CALENDAR_YEAR: "Calendar year",
    PeriodKind.SURVEY_YEAR: "Survey year",
}

STYLES = (
    ("#1d70b8", "o", "-"),
    ("#912b88", "s", "--"),
    ("#0b0c0c", "^", "-."),
    ("#00703c", "D", ":"),
    ("#f47738", "v", "-"),
    ("#5694ca", "P", "--"),
)
"""Colour, marker and line style per series: colour is never the only difference."""
COMPARATOR_STYLES = (("#6f72af", "X", ":"), ("#b58840", "*", ":"), ("#28a197", "h", ":"))
TARGET_INK = "#505a5f"
ADDED_UP = "Year to date, added up from the quarters"

UNIT_LABELS = {
    Unit.PERCENTAGE: "Per cent (%)",
    Unit.COUNT: "Number",
    Unit.SCORE: "Score",
    Unit.RANK: "Rank (1st is best)",
    Unit.MONEY: "Pounds (£)",
    Unit.UNKNOWN: "Figure (no unit printed)",
}

STARTS_AT_ZERO = (Unit.COUNT, Unit.MONEY, Unit.RATE)
"""Amounts whose size is the message (how many, how much, how often): their axis always
starts at zero. Other axes may start higher, and then say so."""


def points(status: MeasureStatus) -> list[Point]:
    """The figures the status was judged on, the latest twelve."""
    return status.series.points[-MAX_POINTS:]


def kind_name(period: Period) -> str:
    """The legend name of a period's series ('Quarterly', '3 year average')."""
    if period.kind is PeriodKind.MULTI_YEAR_AVERAGE:
        return f"{period.number} year average"
    return KIND_NAMES[period.kind]


def series_by_kind(shown: list[Point]) -> list[tuple[str, list[Point]]]:
    """One series per kind of period, in order of first appearance."""
    grouped: dict[str, list[Point]] = {}
    for point in shown:
        grouped.setdefault(kind_name(point.period), []).append(point)
    return list(grouped.items())


def runs(status: MeasureStatus, series: list[Point]) -> list[list[Point]]:
    """The stretches of one series drawn as one line: never across a redefinition of the
    indicator, and a year to date never into the next year (it starts again from zero)."""
    stretches: list[list[Point]] = []
    for point in series:
        if stretches:
            last = stretches[-1][-1]
            restarts = (
                point.period.kind is PeriodKind.YEAR_TO_DATE
                and point.period.year != last.period.year
            )
            if not restarts and status.series.break_between(last.period, point.period) is None:
                stretches[-1].append(point)
                continue
        stretches.append([point])
    return stretches


def unit_label(indicator: Indicator) -> str:
    """The value axis label: what the numbers are."""
    if indicator.unit is Unit.RATE:
        text = f"Rate per {indicator.rate_per:,}"
        return f"{text} {indicator.population}" if indicator.population else text
    return UNIT_LABELS[indicator.unit]


def tick(unit: Unit) -> Callable[[float, object], str]:
    """Tick labels as the text writes values ('28%', '£1,200'); a rate's unit is on the axis
    label instead, as '2.2 per 1,000' on every tick would not fit."""

    def show(amount: float, _position: object = None) -> str:
        if unit in (Unit.PERCENTAGE, Unit.MONEY):
            return wording.value(round(amount, 2), unit)
        return wording.number(round(amount, 2))

    return show


# -- words --------------------------------------------------------------------------------


def _day(when: date) -> str:
    """'31 Mar 2010' (strftime's no-padding flag is not portable)."""
    return f"{when.day} {when:%b %Y}"


def _shape_words(shape: Shape, status: MeasureStatus) -> str:
    show = lambda amount: wording.indicator_value(amount, status.indicator)  # noqa: E731
    if isinstance(shape, Trajectory):
        return (
            f"the target is a straight line from {show(shape.start_value)} at "
            f"{_day(shape.start)} to {show(round(shape.end_value, 2))} at {_day(shape.end)}"
        )
    if isinstance(shape, Profile):
        totals = ", ".join(f"{show(total)} by {period}" for period, total in shape.steps)
        return f"the target is a quarterly profile added up through the year: {totals}"
    if isinstance(shape, Span):
        return f"the target range, {show(shape.low)} to {show(shape.high)}, is shaded"
    if isinstance(shape, Mark):
        return f"the target is a point at {show(shape.value)} on {_day(shape.when)}"
    return f"the target line is at {show(shape.value)}"


def _series_words(name: str, series: list[Point], status: MeasureStatus) -> str:
    value = lambda point: wording.indicator_value(point.value, status.indicator)  # noqa: E731
    if len(series) == 1:
        return f"{name.lower()}: one figure, {value(series[0])} ({series[0].period})"
    return (
        f"{name.lower()}: {len(series)} figures from {value(series[0])} ({series[0].period}) "
        f"to {value(series[-1])} ({series[-1].period})"
    )


def _comparator_words(figures: ComparatorFigures, status: MeasureStatus) -> str:
    show = lambda amount: wording.indicator_value(amount, status.indicator)  # noqa: E731
    parts = [f"{show(value)} ({period})" for period, value in figures.dated]
    if figures.undated is not None:
        parts.append(f"{show(figures.undated)} (period not stated)")
    return f"{figures.name[:1].lower()}{figures.name[1:]}: {', '.join(parts)}"


# -- the prepared chart -------------------------------------------------------------------


@dataclass(frozen=True)
class ChartSeries:
    """One kind of period's figures: drawn as `runs` (never a line across a redefinition or
    a year to date's restart), each figure with a bar back to its period's start."""

    name: str
    points: list[Point]
    runs: list[list[Point]]
    style: tuple[str, str, str]
    """(colour, marker, line style) in matplotlib's codes, from STYLES."""


@dataclass(frozen=True)
class ChartData:
    """Everything a chart of one measure shows, in the plan year it was judged for."""

    status: MeasureStatus
    plan_year: Period
    shown: list[Point]
    series: list[ChartSeries]
    added: tuple[Period, float] | None
    """The year to date the engine added up from quarters (none was printed), or None."""
    shape: Shape | None
    comparators: list[tuple[ComparatorFigures, tuple[str, str, str]]]
    """Each comparator's figures with its (colour, marker, line style)."""
    value_label: str

    @property
    def indicator(self) -> Indicator:
        return self.status.indicator


def prepare(
    status: MeasureStatus, plan_year: Period, shown: list[Point] | None = None
) -> ChartData:
    """The one preparation every chart is drawn from; `shown` defaults to `points(status)`."""
    shown = points(status) if shown is None else shown
    series = [
        ChartSeries(name, group, runs(status, group), STYLES[index % len(STYLES)])
        for index, (name, group) in enumerate(series_by_kind(shown))
    ]
    comparators = [
        (figures, COMPARATOR_STYLES[index % len(COMPARATOR_STYLES)])
        for index, figures in enumerate(comparator_figures(status, plan_year))
    ]
    return ChartData(
        status,
        plan_year,
        shown,
        series,
        added_up_year_to_date(status, plan_year),
        target_shape(status, plan_year),
        comparators,
        unit_label(status.indicator),
    )


def describe(data: ChartData, *, axis_from: float | None = None) -> str:
    """What the chart shows, in words, for screen readers and for anyone who cannot see it:
    each series by kind of period, the target as drawn, the comparators by name."""
    status = data.status
    text = f"Line chart of {status.indicator.name} against time"
    if len(data.series) > 1:
        text += f", {len(data.series)} series kept apart by kind of period"
    text += "; " + "; ".join(_series_words(one.name, one.points, status) for one in data.series)
    if data.added is not None:
        total = wording.indicator_value(data.added[1], status.indicator)
        text += f"; year to date added up from the quarters: {total} ({data.added[0]})"
    shape = data.shape
    if shape is None and isinstance(status.measure.target, Rank):
        text += f"; the target, {status.target}, is a position and is not drawn on this scale"
    if shape is not None:
        text += "; " + _shape_words(shape, status)
        aimed_at = status.computed.aimed_at
        if isinstance(shape, Trajectory) and aimed_at is not None and status.latest is not None:
            text += (
                f", which reads {wording.indicator_value(round(aimed_at, 2), status.indicator)} "
                f"at the end of {status.latest.period}"
            )
    for figures, _style in data.comparators:
        text += "; " + _comparator_words(figures, status)
    text += f". Vertical axis: {data.value_label}"
    if axis_from is not None:
        start = wording.indicator_value(round(axis_from, 2), status.indicator)
        text += f", starting at {start}, not zero"
    return text + "."


def alt_text(
    status: MeasureStatus, shown: list[Point], plan_year: Period, *, axis_from: float | None = None
) -> str:
    """The alt text of the chart of `shown` (see `describe`)."""
    return describe(prepare(status, plan_year, shown), axis_from=axis_from)
