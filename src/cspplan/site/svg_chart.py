"""A measure's trend chart as inline SVG for the site: the same preparation as the
documents' PNG charts (`rendering.chart_data.prepare`), drawn as text in a few
milliseconds, so thousands of pages need no matplotlib.

The SVG is a `role="img"` with the chart's name as its <title> and its alt text as its
<desc>; each series differs by marker and dash as well as colour; the legend is HTML
beside it, and `data_table` gives every number drawn as the chart's text equivalent.
Every coordinate is rounded to 2 decimal places, so two builds are byte-identical.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from cspplan import wording
from cspplan.model.indicator import Unit
from cspplan.rendering.chart_data import (
    ADDED_UP,
    STARTS_AT_ZERO,
    TARGET_INK,
    ChartData,
    describe,
    tick,
)
from cspplan.status.target_geometry import Level, Mark, Profile, Shape, Span, Trajectory

WIDTH, HEIGHT = 560, 320
LEFT, RIGHT, TOP, BOTTOM = 96, 30, 14, 56
FONT = 13
"""In the viewBox's units: about 9px on a phone, 15px on a desktop."""
"""The plot area's margins: room for the value axis's ticks and label, the time axis's."""
TIME_LABEL = "End of the period each figure covers (bars show its length)"

DASHES = {"-": "", "--": "7 4", "-.": "7 3 2 3", ":": "2 3"}
"""matplotlib's line styles (chart_data.STYLES) as SVG dash patterns."""
TARGET_DASH = "5 2"
ADDED_STYLE = ("#0b0c0c", "o", "-")


def _n(amount: float) -> str:
    """A coordinate rounded to 2 places, without trailing zeros."""
    text = f"{amount:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def marker_path(marker: str, x: float, y: float, size: float = 4.5) -> str:
    """The outline of one of matplotlib's markers (the codes in chart_data's styles)."""
    s = size
    if marker == "o":
        return f"M{_n(x - s)} {_n(y)}a{_n(s)} {_n(s)} 0 1 0 {_n(2 * s)} 0a{_n(s)} {_n(s)} 0 1 0 {_n(-2 * s)} 0z"
    if marker == "s":
        return f"M{_n(x - s)} {_n(y - s)}h{_n(2 * s)}v{_n(2 * s)}h{_n(-2 * s)}z"
    if marker == "^":
        return f"M{_n(x)} {_n(y - s)}L{_n(x + s)} {_n(y + s)}H{_n(x - s)}z"
    if marker == "v":
        return f"M{_n(x)} {_n(y + s)}L{_n(x + s)} {_n(y - s)}H{_n(x - s)}z"
    if marker == "D":
        return f"M{_n(x)} {_n(y - s)}L{_n(x + s)} {_n(y)}L{_n(x)} {_n(y + s)}L{_n(x - s)} {_n(y)}z"
    if marker in ("P", "X"):
        t = s / 2.5
        arms = [(-t, -s), (t, -s), (t, -t), (s, -t), (s, t), (t, t), (t, s), (-t, s)]
        arms += [(-t, t), (-s, t), (-s, -t), (-t, -t)]
        if marker == "X":
            turn = math.pi / 4
            arms = [
                (
                    dx * math.cos(turn) - dy * math.sin(turn),
                    dx * math.sin(turn) + dy * math.cos(turn),
                )
                for dx, dy in arms
            ]
        return _polygon([(x + dx, y + dy) for dx, dy in arms])
    if marker == "*":
        corners = []
        for index in range(10):
            radius = s * 1.3 if index % 2 == 0 else s * 0.55
            angle = -math.pi / 2 + index * math.pi / 5
            corners.append((x + radius * math.cos(angle), y + radius * math.sin(angle)))
        return _polygon(corners)
    angles = [math.pi / 6 + index * math.pi / 3 for index in range(6)]  # "h", a hexagon
    return _polygon([(x + s * math.cos(a), y + s * math.sin(a)) for a in angles])


def _polygon(corners: list[tuple[float, float]]) -> str:
    first, *rest = corners
    return f"M{_n(first[0])} {_n(first[1])}" + "".join(f"L{_n(a)} {_n(b)}" for a, b in rest) + "z"


@dataclass(frozen=True)
class LegendItem:
    """One entry of the HTML legend: a small picture of the line and marker, and its name."""

    label: str
    swatch: str
    """An SVG (aria-hidden) drawing the entry's line and marker."""


@dataclass(frozen=True)
class Drawn:
    svg: str
    """The <svg> element, escaped, ready to place in the page."""
    alt: str
    legend: list[LegendItem]
    rows: list[tuple[str, str, str]]
    """The data table beside the chart: (series, period, figure) for every number drawn."""
    marks: int
    """How many figures are marked (one per figure shown)."""


class _Scale:
    """Dates across and values up, onto the plot area."""

    def __init__(self, data: ChartData) -> None:
        days, values = _extent(data)
        low, high = min(days), max(days)
        if low == high:
            low, high = low - 45, high + 45
        pad = (high - low) * 0.04
        self.day_low, self.day_high = low - pad, high + pad
        unit = data.indicator.unit
        self.ticks = _value_ticks(min(values), max(values), unit)
        self.value_low, self.value_high = self.ticks[0], self.ticks[-1]
        self.inverted = unit is Unit.RANK
        self.axis_from = self.value_low if unit is not Unit.RANK and self.value_low > 0 else None

    def x(self, when: date) -> float:
        share = (when.toordinal() - self.day_low) / (self.day_high - self.day_low)
        return LEFT + share * (WIDTH - LEFT - RIGHT)

    def y(self, value: float) -> float:
        share = (value - self.value_low) / (self.value_high - self.value_low)
        if self.inverted:
            share = 1 - share
        return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM)


def _extent(data: ChartData) -> tuple[list[int], list[float]]:
    days: list[int] = []
    values: list[float] = []
    for point in data.shown:
        days += [point.period.start.toordinal(), point.period.end.toordinal()]
        values.append(point.value)
    if data.added is not None:
        days.append(data.added[0].end.toordinal())
        values.append(data.added[1])
    for figures, _style in data.comparators:
        for period, value in figures.dated:
            days += [period.start.toordinal(), period.end.toordinal()]
            values.append(value)
        if figures.undated is not None:
            values.append(figures.undated)
    shape = data.shape
    if isinstance(shape, Level):
        values.append(shape.value)
    elif isinstance(shape, Span):
        values += [shape.low, shape.high]
    elif isinstance(shape, Trajectory):
        days += [shape.start.toordinal(), shape.end.toordinal()]
        values += [shape.start_value, shape.end_value]
    elif isinstance(shape, Mark):
        days.append(shape.when.toordinal())
        values.append(shape.value)
    elif isinstance(shape, Profile):
        days += [shape.start.toordinal()] + [p.end.toordinal() for p, _ in shape.steps]
        values += [0.0] + [total for _, total in shape.steps]
    return days, values


def _value_ticks(low: float, high: float, unit: Unit) -> list[float]:
    """Five or so round ticks covering the values with a margin (so a figure or target is
    never on the frame); sizes (counts, money, rates) from zero, a percentage within 0-100."""
    margin = (high - low) * 0.05 or abs(high) * 0.05
    low, high = low - margin, high + margin
    if unit is Unit.PERCENTAGE:
        low, high = max(low, 0.0), min(high, max(100.0, high - margin))
    if unit not in (Unit.RANK,) and low < 0 <= low + margin:
        low = 0.0
    if unit in STARTS_AT_ZERO or (low > 0 and unit is not Unit.RANK and low < high * 0.3):
        low = min(low, 0.0)
    if unit is Unit.RANK:
        low = min(low, 1.0)
    if low == high:
        low, high = (low - 1, high + 1) if low else (0.0, 1.0)
    raw = (high - low) / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    if unit in (Unit.COUNT, Unit.RANK):
        step = max(1.0, round(step))
    start = math.floor(low / step) * step
    if unit is Unit.RANK:
        start = max(start, 1.0) if low >= 1 else start
    ticks = [start]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks if len(ticks) > 1 else [start, start + step]


def _time_ticks(scale: _Scale) -> list[tuple[date, str]]:
    """Quarter ends over a short span, 31 March (financial year ends) over a long one."""
    low = date.fromordinal(math.ceil(scale.day_low))
    high = date.fromordinal(math.floor(scale.day_high))
    years = (high - low).days / 365.25
    ticks: list[date] = []
    if years <= 2:
        for year in range(low.year, high.year + 1):
            for month, day in ((3, 31), (6, 30), (9, 30), (12, 31)):
                ticks.append(date(year, month, day))
    else:
        every = max(1, math.ceil(years / 6))
        ticks = [date(year, 3, 31) for year in range(low.year, high.year + 1)]
        ticks = [when for when in ticks if (when.year - ticks[0].year) % every == 0]
    ticks = [when for when in ticks if low <= when <= high]
    if len(ticks) < 2:
        return [(low, f"{low.day} {low:%b %Y}"), (high, f"{high.day} {high:%b %Y}")]
    return [(when, f"{when:%b %Y}") for when in ticks]


def draw(data: ChartData, chart_id: str, title: str) -> Drawn:
    """The chart of one measure; `chart_id` is unique on the page (for aria and patterns)."""
    scale = _Scale(data)
    alt = describe(data, axis_from=scale.axis_from)
    parts: list[str] = []
    legend: list[LegendItem] = []
    parts += _axes(data, scale)
    if data.shape is not None:
        parts += _target(data.shape, scale, chart_id)
        legend.append(LegendItem(data.shape.label, _target_swatch(data.shape, chart_id)))
    marks = 0
    for series in data.series:
        colour, marker, dash = series.style
        for stretch in series.runs:
            xy = [(scale.x(p.period.end), scale.y(p.value)) for p in stretch]
            parts.append(_line(xy, colour, DASHES[dash], 1.8))
        for point in series.points:
            if point.period.start != point.period.end:
                parts.append(_bar(scale, point.period.start, point.period.end, point.value, colour))
        for point in series.points:
            shown = wording.indicator_value(point.value, data.indicator)
            parts.append(
                _mark(
                    marker,
                    scale.x(point.period.end),
                    scale.y(point.value),
                    colour,
                    f"{series.name}, {point.period}: {shown}",
                    "chart-point",
                )
            )
            marks += 1
        legend.append(LegendItem(series.name, _swatch(colour, marker, DASHES[dash])))
    if data.added is not None:
        period, total = data.added
        colour, marker, _dash = ADDED_STYLE
        shown = wording.indicator_value(total, data.indicator)
        parts.append(
            _mark(
                marker,
                scale.x(period.end),
                scale.y(total),
                colour,
                f"{ADDED_UP}, {period}: {shown}",
                "chart-added",
                fill="#fff",
            )
        )
        legend.append(LegendItem(ADDED_UP, _swatch(colour, marker, None, fill="#fff")))
    for figures, (colour, marker, dash) in data.comparators:
        xy = [(scale.x(period.end), scale.y(value)) for period, value in figures.dated]
        if xy:
            parts.append(_line(xy, colour, DASHES[dash], 1.4))
            for (period, value), (x, y) in zip(figures.dated, xy, strict=True):
                parts.append(_bar(scale, period.start, period.end, value, colour))
                shown = wording.indicator_value(value, data.indicator)
                parts.append(
                    _mark(
                        marker,
                        x,
                        y,
                        colour,
                        f"{figures.name}, {period}: {shown}",
                        "chart-comparator",
                    )
                )
            legend.append(LegendItem(figures.name, _swatch(colour, marker, DASHES[dash])))
        if figures.undated is not None:
            y = scale.y(figures.undated)
            parts.append(_line([(LEFT, y), (WIDTH - RIGHT, y)], colour, DASHES["-."], 1.4))
            name = f"{figures.name} (period not stated)"
            legend.append(LegendItem(name, _swatch(colour, None, DASHES["-."])))
    svg = (
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{chart_id}-title" aria-describedby="{chart_id}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(alt)}</desc>' + "".join(parts) + "</svg>"
    )
    return Drawn(svg, alt, legend, data_table(data), marks)


def _axes(data: ChartData, scale: _Scale) -> list[str]:
    unit = data.indicator.unit
    show = tick(unit)
    bottom, right = HEIGHT - BOTTOM, WIDTH - RIGHT
    parts = [f'<g class="chart-axes" font-size="{FONT}" fill="#0b0c0c">']
    for value in scale.ticks:
        y = _n(scale.y(value))
        parts.append(f'<line x1="{LEFT}" x2="{right}" y1="{y}" y2="{y}" stroke="#dee0e2"/>')
        parts.append(
            f'<text x="{LEFT - 6}" y="{y}" dy="4" text-anchor="end">{escape(show(value))}</text>'
        )
    for when, text in _time_ticks(scale):
        x = _n(scale.x(when))
        if float(x) + len(text) * FONT * 0.3 > WIDTH:  # about half the label's width
            continue  # its label would run off the chart
        parts.append(f'<line x1="{x}" x2="{x}" y1="{bottom}" y2="{bottom + 5}" stroke="#505a5f"/>')
        parts.append(f'<text x="{x}" y="{bottom + 18}" text-anchor="middle">{escape(text)}</text>')
    parts.append(f'<line x1="{LEFT}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#505a5f"/>')
    parts.append(f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}" stroke="#505a5f"/>')
    label = data.value_label
    if scale.axis_from is not None:
        label += f" (axis starts at {show(scale.axis_from)}, not zero)"
    middle = _n((TOP + bottom) / 2)
    for number, line in enumerate(textwrap.wrap(label, width=34)[:3]):
        x = 12 + number * (FONT + 2)
        parts.append(
            f'<text x="{x}" y="{middle}" text-anchor="middle" '
            f'transform="rotate(-90 {x} {middle})">{escape(line)}</text>'
        )
    parts.append(
        f'<text x="{_n((LEFT + right) / 2)}" y="{HEIGHT - 8}" text-anchor="middle">'
        f"{escape(TIME_LABEL)}</text>"
    )
    parts.append("</g>")
    return parts


def _line(xy: list[tuple[float, float]], colour: str, dash: str | None, width: float) -> str:
    if len(xy) < 2:
        return ""
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in xy)
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<polyline points="{points}" fill="none" stroke="{colour}" '
        f'stroke-width="{width}"{dashed}/>'
    )


def _bar(scale: _Scale, start: date, end: date, value: float, colour: str) -> str:
    y = _n(scale.y(value))
    return (
        f'<line x1="{_n(scale.x(start))}" x2="{_n(scale.x(end))}" y1="{y}" y2="{y}" '
        f'stroke="{colour}" stroke-width="1" stroke-opacity="0.7"/>'
    )


def _mark(
    marker: str, x: float, y: float, colour: str, words: str, kind: str, fill: str | None = None
) -> str:
    return (
        f'<path class="{kind}" d="{marker_path(marker, x, y)}" fill="{fill or colour}" '
        f'stroke="{colour}" stroke-width="1.2"><title>{escape(words)}</title></path>'
    )


def _target(shape: Shape, scale: _Scale, chart_id: str) -> list[str]:
    dashed = (
        f'fill="none" stroke="{TARGET_INK}" stroke-width="1.6" stroke-dasharray="{TARGET_DASH}"'
    )
    right = WIDTH - RIGHT
    if isinstance(shape, Level):
        y = _n(scale.y(shape.value))
        return [f'<line class="chart-target" x1="{LEFT}" x2="{right}" y1="{y}" y2="{y}" {dashed}/>']
    if isinstance(shape, Span):
        top, bottom = sorted((scale.y(shape.low), scale.y(shape.high)))
        return [
            _hatch(chart_id),
            f'<rect class="chart-target" x="{LEFT}" y="{_n(top)}" width="{right - LEFT}" '
            f'height="{_n(bottom - top)}" fill="url(#{chart_id}-hatch)" stroke="#c8ccce"/>',
        ]
    if isinstance(shape, Trajectory):
        ends = [(shape.start, shape.start_value), (shape.end, shape.end_value)]
        points = " ".join(f"{_n(scale.x(d))},{_n(scale.y(v))}" for d, v in ends)
        return [f'<polyline class="chart-target" points="{points}" {dashed}/>']
    if isinstance(shape, Mark):
        return [
            f'<path class="chart-target" d="{marker_path("*", scale.x(shape.when), scale.y(shape.value), 6)}" '
            f'fill="{TARGET_INK}"/>'
        ]
    steps = [(shape.start, 0.0)] + [(period.end, total) for period, total in shape.steps]
    points = " ".join(f"{_n(scale.x(d))},{_n(scale.y(v))}" for d, v in steps)
    crosses = [
        f'<path d="{marker_path("X", scale.x(d), scale.y(v), 4)}" fill="{TARGET_INK}"/>'
        for d, v in steps[1:]
    ]
    return [f'<polyline class="chart-target" points="{points}" {dashed}/>', *crosses]


def _hatch(chart_id: str) -> str:
    return (
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#e8ebed"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#b1b4b6" stroke-width="2"/></pattern></defs>'
    )


def _swatch(colour: str, marker: str | None, dash: str | None, fill: str | None = None) -> str:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    line = (
        f'<line x1="2" x2="34" y1="8" y2="8" stroke="{colour}" stroke-width="2"{dashed}/>'
        if dash is not None
        else ""
    )
    mark = (
        f'<path d="{marker_path(marker, 18, 8)}" fill="{fill or colour}" stroke="{colour}"/>'
        if marker
        else ""
    )
    return f'<svg width="36" height="16" viewBox="0 0 36 16" aria-hidden="true" focusable="false">{line}{mark}</svg>'


def _target_swatch(shape: Shape, chart_id: str) -> str:
    if isinstance(shape, Span):
        return (
            '<svg width="36" height="16" viewBox="0 0 36 16" aria-hidden="true" focusable="false">'
            '<rect x="2" y="3" width="32" height="10" fill="#e8ebed" stroke="#b1b4b6"/></svg>'
        )
    if isinstance(shape, Mark):
        return _swatch(TARGET_INK, "*", None)
    return _swatch(TARGET_INK, "X" if isinstance(shape, Profile) else None, TARGET_DASH)


def data_table(data: ChartData) -> list[tuple[str, str, str]]:
    """Every number the chart draws, in words: (what, period or date, figure)."""
    show = lambda amount: wording.indicator_value(round(amount, 2), data.indicator)  # noqa: E731
    rows = [
        (series.name, str(point.period), show(point.value))
        for series in data.series
        for point in series.points
    ]
    if data.added is not None:
        rows.append((ADDED_UP, str(data.added[0]), show(data.added[1])))
    shape = data.shape
    if isinstance(shape, Level):
        rows.append((shape.label, "every period", show(shape.value)))
    elif isinstance(shape, Span):
        rows.append((shape.label, "every period", f"{show(shape.low)} to {show(shape.high)}"))
    elif isinstance(shape, Trajectory):
        rows.append((shape.label, wording.day(shape.start), show(shape.start_value)))
        rows.append((shape.label, wording.day(shape.end), show(shape.end_value)))
    elif isinstance(shape, Mark):
        rows.append((shape.label, wording.day(shape.when), show(shape.value)))
    elif isinstance(shape, Profile):
        rows += [(shape.label, str(period), show(total)) for period, total in shape.steps]
    for figures, _style in data.comparators:
        rows += [(figures.name, str(period), show(value)) for period, value in figures.dated]
        if figures.undated is not None:
            rows.append((figures.name, "period not stated", show(figures.undated)))
    return rows
