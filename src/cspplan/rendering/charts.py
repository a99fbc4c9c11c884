"""Trend charts of an indicator's series against time, with the target drawn the way the
status engine reads it (matplotlib, loaded only when a document has charts).

Each figure sits at its period's end date with a bar back to the start date, so a year
looks a year long and a quarter a quarter. Each kind of period is its own series: a year's
count and a quarter's count never share a line, which the status engine would call not
comparable anyway. `figure()` builds the matplotlib Figure (tests inspect it); `chart()`
saves it as a 200 dpi PNG with its alt text.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from cspplan import wording
from cspplan.model.indicator import Indicator, Unit
from cspplan.model.periods import Period, PeriodKind
from cspplan.model.targets import Rank
from cspplan.status.assess import MeasureStatus
from cspplan.status.bands import INKS
from cspplan.status.series import Point
from cspplan.status.target_geometry import (
    ComparatorFigures,
    Level,
    Mark,
    Profile,
    Shape,
    Span,
    Trajectory,
    added_up_year_to_date,
    comparator_figures,
    target_shape,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

MAX_POINTS = 12
"""The last twelve figures: a quarter's report looks back three years at most."""

DPI = 200
"""Sharp in print: the Word document embeds charts at their drawn width (WIDTH inches)."""
WIDTH = 6.0

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


def _tick(unit: Unit) -> Callable[[float, object], str]:
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


def alt_text(
    status: MeasureStatus, shown: list[Point], plan_year: Period, *, axis_from: float | None = None
) -> str:
    """What the chart shows, in words, for screen readers and for anyone who cannot see it:
    each series by kind of period, the target as drawn, the comparators by name."""
    groups = series_by_kind(shown)
    text = f"Line chart of {status.indicator.name} against time"
    if len(groups) > 1:
        text += f", {len(groups)} series kept apart by kind of period"
    text += "; " + "; ".join(_series_words(name, series, status) for name, series in groups)
    added = added_up_year_to_date(status, plan_year)
    if added is not None:
        total = wording.indicator_value(added[1], status.indicator)
        text += f"; year to date added up from the quarters: {total} ({added[0]})"
    shape = target_shape(status, plan_year)
    target = status.measure.target
    if shape is None and isinstance(target, Rank):
        text += f"; the target, {status.target}, is a position and is not drawn on this scale"
    if shape is not None:
        text += "; " + _shape_words(shape, status)
        aimed_at = status.computed.aimed_at
        if isinstance(shape, Trajectory) and aimed_at is not None and status.latest is not None:
            text += (
                f", which reads {wording.indicator_value(round(aimed_at, 2), status.indicator)} "
                f"at the end of {status.latest.period}"
            )
    for figures in comparator_figures(status, plan_year):
        text += "; " + _comparator_words(figures, status)
    text += f". Vertical axis: {unit_label(status.indicator)}"
    if axis_from is not None:
        start = wording.indicator_value(round(axis_from, 2), status.indicator)
        text += f", starting at {start}, not zero"
    return text + "."


# -- drawing ------------------------------------------------------------------------------


def chart(status: MeasureStatus, label: str, plan_year: Period) -> tuple[bytes, str] | None:
    """The PNG and its alt text, or None when the measure has no figure to draw."""
    shown = points(status)
    if not shown:
        return None
    drawn = figure(status, shown, label, plan_year)
    axis_from = axis_start(drawn, status.indicator)
    return png(drawn), alt_text(status, shown, plan_year, axis_from=axis_from)


def axis_start(drawn: Figure, indicator: Indicator) -> float | None:
    """Where the value axis starts when that is not zero (the axis label says so too); a
    rank has no zero."""
    if indicator.unit is Unit.RANK:
        return None
    low = min(drawn.axes[0].get_ylim())
    return low if low > 0 else None


def png(drawn: Figure) -> bytes:
    """The figure as a PNG at DPI (recorded in the file, so Word and printers size it)."""
    buffer = io.BytesIO()
    drawn.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def figure(status: MeasureStatus, shown: list[Point], label: str, plan_year: Period) -> Figure:
    """The chart as a matplotlib Figure: series by kind of period against end dates, the
    target, the comparators, a labelled value axis, and the status in words in the title
    (colour is never the only signal)."""
    from matplotlib.figure import Figure

    title = textwrap.wrap(f"{status.indicator.name} — {label}", width=64)  # never cut short
    drawn = Figure(figsize=(WIDTH, 3.2 + 0.2 * len(title)), layout="constrained")
    axes = drawn.add_subplot()
    unit = status.indicator.unit
    for index, (name, series) in enumerate(series_by_kind(shown)):
        colour, marker, style = STYLES[index % len(STYLES)]
        _draw_series(axes, status, series, name, colour, marker, style)
    added = added_up_year_to_date(status, plan_year)
    if added is not None:
        period, total = added
        axes.plot(
            [period.end],
            [total],
            marker="o",
            linestyle="none",
            markerfacecolor="white",
            color="#0b0c0c",
            label="Year to date, added up from the quarters",
        )
    shape = target_shape(status, plan_year)
    if shape is not None:
        _draw_target(axes, shape)
    for index, figures in enumerate(comparator_figures(status, plan_year)):
        _draw_comparator(axes, figures, COMPARATOR_STYLES[index % len(COMPARATOR_STYLES)])
    _value_axis(axes, status.indicator)
    _time_axis(axes)
    axes.set_title("\n".join(title), fontsize=10, loc="left")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.spines["left"].set_color(f"#{INKS[status.band]}")
    axes.spines["left"].set_linewidth(3)
    if unit is Unit.RANK:
        axes.invert_yaxis()
    handles, labels = axes.get_legend_handles_labels()
    wrapped = ["\n".join(textwrap.wrap(text, width=55)) for text in labels]
    drawn.legend(handles, wrapped, loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    return drawn


def _draw_series(
    axes: Axes,
    status: MeasureStatus,
    series: list[Point],
    name: str,
    colour: str,
    marker: str,
    style: str,
) -> None:
    """Each figure at its period's end date, a bar back to its start (its length), and a
    line only between figures of this kind that compare."""
    for number, stretch in enumerate(runs(status, series)):
        axes.plot(
            [p.period.end for p in stretch],
            [p.value for p in stretch],
            marker=marker,
            linestyle=style,
            color=colour,
            linewidth=1.8,
            markersize=5,
            label=name if number == 0 else None,
        )
    long = [p for p in series if p.period.start != p.period.end]
    axes.hlines(
        [p.value for p in long],
        [p.period.start for p in long],
        [p.period.end for p in long],
        colors=colour,
        linewidth=1,
        alpha=0.7,
    )


def _draw_target(axes: Axes, shape: Shape) -> None:
    dashed = {"color": TARGET_INK, "linestyle": (0, (5, 2)), "linewidth": 1.4, "zorder": 1.5}
    # below the figures (zorder 2), so a figure level with its target stays visible
    if isinstance(shape, Level):
        axes.axhline(shape.value, label=shape.label, **dashed)
    elif isinstance(shape, Span):
        axes.axhspan(
            shape.low,
            shape.high,
            facecolor="#e8ebed",
            edgecolor="#c8ccce",
            hatch="//",
            linewidth=0,
            label=shape.label,
            zorder=0,
        )
    elif isinstance(shape, Trajectory):
        axes.plot(
            [shape.start, shape.end],
            [shape.start_value, shape.end_value],
            label=shape.label,
            **dashed,
        )
    elif isinstance(shape, Mark):
        axes.plot(
            [shape.when],
            [shape.value],
            marker="*",
            markersize=9,
            linestyle="none",
            color=TARGET_INK,
            label=shape.label,
        )
    else:
        dates = [shape.start] + [period.end for period, _ in shape.steps]
        totals = [0.0] + [total for _, total in shape.steps]
        axes.plot(dates, totals, marker="x", label=shape.label, **dashed)


def _draw_comparator(axes: Axes, figures: ComparatorFigures, style: tuple[str, str, str]) -> None:
    colour, marker, line = style
    if figures.dated:
        axes.plot(
            [period.end for period, _ in figures.dated],
            [value for _, value in figures.dated],
            marker=marker,
            linestyle=line,
            color=colour,
            label=figures.name,
        )
        axes.hlines(
            [value for _, value in figures.dated],
            [period.start for period, _ in figures.dated],
            [period.end for period, _ in figures.dated],
            colors=colour,
            linewidth=1,
            alpha=0.7,
        )
    if figures.undated is not None:
        name = f"{figures.name} (period not stated)"
        axes.axhline(figures.undated, color=colour, linestyle="-.", linewidth=1.4, label=name)


def _value_axis(axes: Axes, indicator: Indicator) -> None:
    """Label the value axis with its unit; sizes start at zero, and any other axis that
    does not start at zero says so in its label."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    unit = indicator.unit
    label = "\n".join(textwrap.wrap(unit_label(indicator), width=28))
    axes.yaxis.set_major_formatter(FuncFormatter(_tick(unit)))
    if unit in (Unit.RANK, Unit.COUNT):
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # no half a homicide
    low, high = axes.get_ylim()
    if unit in STARTS_AT_ZERO and low > 0:
        axes.set_ylim(0, high)
    elif unit is not Unit.RANK and low > 0:
        start = max((tick for tick in axes.get_yticks() if 0 <= tick <= low), default=low)
        axes.set_ylim(start, high)  # from a labelled tick, so the reader sees where it starts
        if start > 0:
            label += f"\n(axis starts at {_tick(unit)(start)}, not zero)"
    axes.set_ylabel(label, fontsize=8)
    axes.tick_params(axis="y", labelsize=8)


def _time_axis(axes: Axes) -> None:
    """Ticks at period ends: quarter ends over a short span, financial year ends (31 March)
    over a long one, so a year's figure sits on its tick ("Mar 2018")."""
    from matplotlib.dates import (
        MONTHLY,
        YEARLY,
        AutoDateLocator,
        DateFormatter,
        RRuleLocator,
        num2date,
        rrulewrapper,
    )

    low, high = axes.get_xlim()
    years = (high - low) / 365.25
    midnight = {"byhour": 0, "byminute": 0, "bysecond": 0}  # on the day, not hours after
    if years <= 2:
        rule = rrulewrapper(MONTHLY, bymonth=(3, 6, 9, 12), bymonthday=-1, **midnight)
    else:
        every = max(1, math.ceil(years / 6))
        rule = rrulewrapper(YEARLY, bymonth=3, bymonthday=31, interval=every, **midnight)
    locator = RRuleLocator(rule)
    if (
        len(locator.tick_values(num2date(low), num2date(high))) < 2
    ):  # a few days or weeks: dates of any kind
        locator = AutoDateLocator(minticks=2, maxticks=6)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(DateFormatter("%b %Y" if years > 0.5 else "%d %b %Y"))
    axes.tick_params(axis="x", labelsize=8, labelrotation=30, rotation_mode="xtick")
    axes.set_xlabel("End of the period each figure covers (bars show its length)", fontsize=8)
