"""Trend charts of an indicator's series against time, with the target drawn the way the
status engine reads it (matplotlib, loaded only when a document has charts).

Each figure sits at its period's end date with a bar back to the start date, so a year
looks a year long and a quarter a quarter. Each kind of period is its own series: a year's
count and a quarter's count never share a line, which the status engine would call not
comparable anyway. `figure()` builds the matplotlib Figure (tests inspect it); `chart()`
saves it as a 200 dpi PNG with its alt text. What is drawn is prepared once, in
`rendering.chart_data` (the site's SVG charts draw the same preparation).
"""

from __future__ import annotations

import io
import math
import textwrap
from typing import TYPE_CHECKING

from cspplan.model.indicator import Indicator, Unit
from cspplan.model.periods import Period
from cspplan.rendering.chart_data import (  # noqa: F401 (documents' and tests' names)
    ADDED_UP,
    STARTS_AT_ZERO,
    TARGET_INK,
    ChartData,
    ChartSeries,
    alt_text,
    describe,
    points,
    prepare,
    tick,
    unit_label,
)
from cspplan.status.assess import MeasureStatus
from cspplan.status.bands import INKS
from cspplan.status.series import Point
from cspplan.status.target_geometry import (
    ComparatorFigures,
    Level,
    Mark,
    Shape,
    Span,
    Trajectory,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

DPI = 200
"""Sharp in print: the Word document embeds charts at their drawn width (WIDTH inches)."""
WIDTH = 6.0


# -- drawing ------------------------------------------------------------------------------


def chart(status: MeasureStatus, label: str, plan_year: Period) -> tuple[bytes, str] | None:
    """The PNG and its alt text, or None when the measure has no figure to draw."""
    data = prepare(status, plan_year)
    if not data.shown:
        return None
    drawn = draw(data, label)
    axis_from = axis_start(drawn, status.indicator)
    return png(drawn), describe(data, axis_from=axis_from)


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
    """The chart of `shown` as a matplotlib Figure (see `draw`)."""
    return draw(prepare(status, plan_year, shown), label)


def draw(data: ChartData, label: str) -> Figure:
    """The chart as a matplotlib Figure: series by kind of period against end dates, the
    target, the comparators, a labelled value axis, and the status in words in the title
    (colour is never the only signal)."""
    from matplotlib.figure import Figure

    status = data.status
    title = textwrap.wrap(f"{status.indicator.name} — {label}", width=64)  # never cut short
    drawn = Figure(figsize=(WIDTH, 3.2 + 0.2 * len(title)), layout="constrained")
    axes = drawn.add_subplot()
    unit = status.indicator.unit
    for series in data.series:
        _draw_series(axes, series)
    if data.added is not None:
        period, total = data.added
        axes.plot(
            [period.end],
            [total],
            marker="o",
            linestyle="none",
            markerfacecolor="white",
            color="#0b0c0c",
            label=ADDED_UP,
        )
    if data.shape is not None:
        _draw_target(axes, data.shape)
    for figures, style in data.comparators:
        _draw_comparator(axes, figures, style)
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


def _draw_series(axes: Axes, series: ChartSeries) -> None:
    """Each figure at its period's end date, a bar back to its start (its length), and a
    line only between figures of this kind that compare."""
    colour, marker, style = series.style
    for number, stretch in enumerate(series.runs):
        axes.plot(
            [p.period.end for p in stretch],
            [p.value for p in stretch],
            marker=marker,
            linestyle=style,
            color=colour,
            linewidth=1.8,
            markersize=5,
            label=series.name if number == 0 else None,
        )
    long = [p for p in series.points if p.period.start != p.period.end]
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
    axes.yaxis.set_major_formatter(FuncFormatter(tick(unit)))
    if unit in (Unit.RANK, Unit.COUNT):
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))  # no half a homicide
    low, high = axes.get_ylim()
    if unit in STARTS_AT_ZERO and low > 0:
        axes.set_ylim(0, high)
    elif unit is not Unit.RANK and low > 0:
        start = max((tick for tick in axes.get_yticks() if 0 <= tick <= low), default=low)
        axes.set_ylim(start, high)  # from a labelled tick, so the reader sees where it starts
        if start > 0:
            label += f"\n(axis starts at {tick(unit)(start)}, not zero)"
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
