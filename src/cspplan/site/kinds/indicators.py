"""One page per indicator series of each partnership (`urls.indicator`): what it counts,
every figure as printed, and for each plan year that measures it the target, the status
with its reason (as at that year's effective as-of) and a chart with its data table.

Each plan year is assessed once (`site.assessed.year_status`) and its measures handed to
the pages of the indicators they measure; the rows come from the performance report's
own context (`rendering.context.measure_row`), so the site and the report say the same.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from cspplan import wording
from cspplan.model.collection import LoadedPartnership
from cspplan.model.indicator import Indicator, Observation
from cspplan.rendering.chart_data import prepare, unit_label
from cspplan.rendering.context import (
    MeasureRow,
    comparator_line,
    figure_value,
    indicator_caveats,
    indicator_details,
    measure_row,
    printed_period,
)
from cspplan.site import svg_chart, urls
from cspplan.site.assessed import year_status
from cspplan.site.pages import Page, SiteInput, page_kind
from cspplan.site.trail import partnership_crumbs
from cspplan.status.assess import MeasureStatus, YearStatus

NOT_MEASURED = "Not measured in any plan year: its figures are shown as printed."
NOT_STATED = "Not stated"


@dataclass
class FigureRow:
    """One printed figure: its period as printed, our reading of its number (or 'unknown'
    where the source lost it), the text as printed, and what was said of it."""

    period: str
    value: str
    printed: str
    provisional: bool
    note: str
    printed_in: str


@dataclass
class YearBlock:
    """How one plan year measures the indicator: its target, status and chart."""

    heading: str
    year_label: str
    where: str
    """The theme (or the plan's headline indicators) it is measured under."""
    where_path: str
    as_of: str
    row: MeasureRow
    reason: str
    """The status's reason, without the status words it may begin with."""
    chart_id: str
    chart: svg_chart.Drawn | None
    caption: str


@dataclass
class IndicatorPage:
    indicator: Indicator
    details: list[tuple[str, str]]
    figures: list[FigureRow]
    comparators: list[str]
    caveats: list[str]
    years: list[YearBlock] = field(default_factory=list)


def _figure_row(observation: Observation, indicator: Indicator, areas: dict[str, str]) -> FigureRow:
    value = figure_value(observation, indicator)
    if observation.count is not None:
        value += f" (count: {wording.number(observation.count)})"
    return FigureRow(
        period=printed_period(observation, areas),
        value=value,
        printed=observation.text or "",
        provisional=observation.provisional,
        note=observation.note or "",
        printed_in=", ".join(str(year) for year in sorted(observation.reported_in)),
    )


def _about(csp: LoadedPartnership, indicator: Indicator) -> list[tuple[str, str]]:
    details = indicator_details(csp, indicator)
    details.insert(1 if indicator.definition else 0, ("Unit", unit_label(indicator)))
    polarity = indicator.polarity.description if indicator.polarity else NOT_STATED
    details.insert(2 if indicator.definition else 1, ("Which way is better", polarity))
    if not indicator.source:
        details.append(("Source", NOT_STATED))
    if indicator.frequency is not None:
        details.append(("Reported", indicator.frequency.description))
    return details


def _year_block(
    csp: LoadedPartnership, assessed: YearStatus, status: MeasureStatus, number: int
) -> YearBlock:
    year = assessed.year
    folder = year.folder.name
    row = measure_row(assessed, status)
    if status.theme is None:
        where, where_path = status.section, urls.year(csp.id, folder)
    else:
        where, where_path = status.theme.title, urls.theme(csp.id, folder, status.theme.id)
    chart_id = f"chart-{folder}-{number}"
    data = prepare(status, year.period)
    title = f"{status.indicator.name}, {year.label} plan: {row.status}"
    drawn = svg_chart.draw(data, chart_id, title) if data.shown else None
    return YearBlock(
        heading=f"In the {year.label} plan",
        year_label=year.label,
        where=where,
        where_path=where_path,
        as_of=f"{assessed.as_of} (figures up to {wording.day(assessed.as_of.end)})",
        row=row,
        reason=_without_words(row.reason, row.status),
        chart_id=chart_id,
        chart=drawn,
        caption=f"Figures in the chart of the {year.label} plan",
    )


def _without_words(reason: str, words: str) -> str:
    """'Cannot assess: the source lost it' beside 'Cannot assess' reads as 'the source lost
    it' (as `FurtherTargetStatus.line` does)."""
    if reason.lower().startswith(f"{words.lower()}: "):
        return wording.sentence(reason[len(words) + 2 :])
    return reason


def indicator_pages(csp: LoadedPartnership) -> Iterator[IndicatorPage]:
    """Every indicator of the partnership, by id, with each plan year that measures it
    (latest first), each year assessed once."""
    areas = {area.id: area.name for area in csp.partnership.areas}
    measured: dict[str, list[tuple[YearStatus, MeasureStatus]]] = {}
    for year in reversed(csp.years):
        assessed = year_status(csp, year)
        for status in assessed.measures:
            measured.setdefault(status.indicator.id, []).append((assessed, status))
    for indicator_id in sorted(csp.indicators):
        indicator = csp.indicators[indicator_id]
        page = IndicatorPage(
            indicator=indicator,
            details=_about(csp, indicator),
            figures=[_figure_row(obs, indicator, areas) for obs in _in_order(indicator)],
            comparators=[
                f"{line} ({comparator.note})" if comparator.note else line
                for comparator in indicator.comparators
                if (line := comparator_line(comparator, indicator, areas)) is not None
            ],
            caveats=indicator_caveats(indicator),
        )
        found = measured.get(indicator_id, [])
        times = Counter(assessed.year.folder.name for assessed, _ in found)
        for number, (assessed, status) in enumerate(found, start=1):
            block = _year_block(csp, assessed, status, number)
            if times[assessed.year.folder.name] > 1:  # two measures of it: headings apart
                block.heading += f": {block.where}"
                block.caption += f" ({block.where})"
            page.years.append(block)
        yield page


def _in_order(indicator: Indicator) -> list[Observation]:
    """Figures in time order; the file's order among those for the same period."""
    order = {id(obs): index for index, obs in enumerate(indicator.series)}
    return sorted(indicator.series, key=lambda obs: (obs.period.sort_key(), order[id(obs)]))


@page_kind("indicators")
def indicators(site: SiteInput) -> Iterator[Page]:
    for csp in site.partnerships:
        crumbs = partnership_crumbs(csp)
        for page in indicator_pages(csp):
            yield Page(
                urls.indicator(csp.id, page.indicator.id),
                "indicator.html.j2",
                page.indicator.name,
                {"csp": csp, "item": page, "not_measured": NOT_MEASURED},
                crumbs=crumbs,
            )
