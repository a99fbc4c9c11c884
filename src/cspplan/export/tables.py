"""The rows of every exported table, read from the plans and the status engine.

A row is a dict keyed by the column names of `cspplan.export.columns`; a column a row
has no value for is None (an empty cell). Rows come in a fixed order (partnerships by
id, then plan years, themes and items in printed order), so two exports are identical.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cspplan import wording
from cspplan.export.columns import TABLES
from cspplan.model.periods import PeriodKind
from cspplan.status.assess import HEADLINE, MeasureStatus, assess_measure, assess_year

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cspplan.model.collection import LoadedPartnership, LoadedYear
    from cspplan.model.indicator import Indicator, Observation
    from cspplan.model.periods import Period
    from cspplan.model.plan import Measure, Theme

Row = dict[str, Any]

_SHORT = (PeriodKind.DAY, PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.YEAR_TO_DATE)
"""Periods that fall in one financial quarter (a year to date: the quarter it runs to)."""


def joined(items: Iterable[object]) -> str | None:
    """Several values in one cell, '; ' between them; None for none."""
    text = "; ".join(str(item) for item in items)
    return text or None


def _partnership(csp: LoadedPartnership) -> Row:
    return {"partnership_id": csp.id, "partnership": csp.partnership.name}


def _theme(theme: Theme | None) -> Row:
    if theme is None:
        return {"theme_id": None, "theme_title": HEADLINE}
    return {"theme_id": theme.id, "theme_title": theme.title}


def quarter(period: Period) -> int | None:
    """The financial quarter (1-4) a period of a quarter or less ends in."""
    if period.kind not in _SHORT:
        return None
    return (period.end.month - 4) % 12 // 3 + 1


@dataclass
class _Judge:
    """Each plan year's measures by indicator, and each status already worked out, so a
    series of many figures is judged once per period rather than once per figure. Only
    the columns are kept, not the status with its view of the series: 730 daily figures
    in two plan years of a 40,000-figure series kept 29 million points (2.4 GB)."""

    csp: LoadedPartnership
    measures: dict[tuple[int, str, str | None], tuple[Theme | None, Measure]] = field(
        default_factory=dict
    )
    done: dict[tuple[int, int, Period], Row] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for index, year in enumerate(self.csp.years):
            for theme, measure in year.measures():
                key = (index, measure.indicator, measure.area)
                self.measures.setdefault(key, (theme, measure))

    def year_of(self, period: Period) -> tuple[int, LoadedYear] | None:
        """The plan year whose year the period ends in."""
        end = period.end
        for index, year in enumerate(self.csp.years):
            if year.period.start <= end <= year.period.end:
                return index, year
        return None

    def status(
        self, index: int, year: LoadedYear, indicator: str, observation: Observation
    ) -> Row | None:
        """The theme, target and status columns of a figure, as at its own period (None when
        no measure of the plan year judges it)."""
        if observation.dimension is not None:
            return None
        found = self.measures.get((index, indicator, observation.area))
        if found is None:
            return None
        theme, measure = found
        key = (index, id(measure), observation.period)
        columns = self.done.get(key)
        if columns is None:
            as_of = observation.period if observation.period.end <= year.period.end else year.period
            status = assess_measure(self.csp, year, theme, measure, as_of)
            columns = _status_columns(status, self.csp)
            self.done[key] = columns
        return columns


def _status_columns(status: MeasureStatus, csp: LoadedPartnership) -> Row:
    from cspplan.status.bands import label

    words = csp.partnership.status_rules.labels
    return {
        **_theme(status.theme),
        "target": status.target,
        "status_as_of": str(status.as_of),
        "status_band": status.band.value,
        "status_words": label(status.band, words),
        "status_reason": status.reason,
        "direction": status.travel.trend.value,
        "direction_reason": status.travel.reason or None,
    }


def figure_rows(
    csp: LoadedPartnership, indicator_ids: Iterable[str] | None = None
) -> Iterator[Row]:
    """One row per figure of each indicator (all of them, by id, unless named)."""
    judge = _Judge(csp)
    chosen = sorted(csp.indicators) if indicator_ids is None else indicator_ids
    base = _partnership(csp)
    for indicator_id in chosen:
        indicator = csp.indicators[indicator_id]
        observations = sorted(indicator.series, key=lambda obs: obs.period.sort_key())
        for observation in observations:
            yield {**base, **_figure(judge, indicator, observation)}


def _figure(judge: _Judge, indicator: Indicator, obs: Observation) -> Row:
    period = obs.period
    placed = judge.year_of(period)
    row: Row = {
        "plan_year": str(placed[1].period) if placed else None,
        "theme_id": None,
        "theme_title": None,
        "indicator_id": indicator.id,
        "indicator_name": indicator.name,
        "area": obs.area,
        "dimension": obs.dimension,
        "category": obs.category,
        "period": str(period),
        "period_printed": str(obs.reported_for or period),
        "period_start": period.start,
        "period_end": period.end,
        "financial_year": str(period.financial_year),
        "quarter": quarter(period),
        "value": obs.value,
        "value_printed": obs.text,
        "value_status": obs.status.label if obs.status else None,
        "count": obs.count,
        "attempts": obs.attempts,
        "rank": obs.rank,
        "rank_of": obs.rank_of,
        "unit": indicator.unit.value,
        "rate_per": indicator.rate_per,
        "polarity": indicator.polarity.value if indicator.polarity else None,
        "provisional": obs.provisional,
        "note": obs.note,
        "source": indicator.source,
        "printed_in": joined(obs.reported_in),
    }
    columns = judge.status(*placed, indicator.id, obs) if placed else None
    if columns is not None:
        row.update(columns)
    return row


def action_rows(csp: LoadedPartnership) -> Iterator[Row]:
    base = _partnership(csp)
    for year in csp.years:
        for theme, action in year.actions():
            lineage = action.lineage
            yield {
                **base,
                "plan_year": str(year.period),
                **_theme(theme),
                "action_id": action.id,
                "title": action.title,
                "description": action.description,
                "objective": action.objective,
                "lead": wording.lead(action.lead),
                "timescale": action.timescale.text if action.timescale else None,
                "target": action.target,
                "indicators": joined(action.indicators),
                "lineage": lineage.kind.value if lineage else None,
                "lineage_from": joined(lineage.from_) if lineage else None,
            }


def target_rows(csp: LoadedPartnership) -> Iterator[Row]:
    """Each target with its status as at the plan year's own as-of (its end)."""
    from cspplan.status.bands import label

    base = _partnership(csp)
    for year in csp.years:
        assessed = assess_year(csp, year)
        for status in assessed.measures:
            measure = status.measure
            common = {
                **base,
                "plan_year": str(year.period),
                **_theme(status.theme),
                "indicator_id": status.indicator.id,
                "indicator_name": status.indicator.name,
                "area": measure.area,
                "measure": measure.wording,
                "baseline": str(measure.baseline) if measure.baseline else None,
                "status_as_of": str(status.as_of),
            }
            if measure.target is not None:
                yield {
                    **common,
                    "own_target": True,
                    "target_kind": measure.target.kind,
                    "target": status.target,
                    "target_heading": wording.target_heading(measure.target, year.period),
                    "status_band": status.band.value,
                    "status_words": assessed.label(status.band),
                    "status_reason": status.reason,
                }
            for further in status.further:
                yield {
                    **common,
                    "own_target": False,
                    "target_kind": further.target.kind,
                    "target": further.words,
                    "target_heading": further.heading,
                    "status_band": further.band.value,
                    "status_words": label(further.band, assessed.words),
                    "status_reason": further.reason,
                }


def progress_rows(csp: LoadedPartnership) -> Iterator[Row]:
    base = _partnership(csp)
    for year in csp.years:
        for loaded in year.progress:
            for report in loaded.progress.reports:
                theme = year.theme(report.theme)
                published = report.published
                yield {
                    **base,
                    "plan_year": str(year.period),
                    "quarter": str(loaded.period),
                    "theme_id": report.theme,
                    "theme_title": theme.title if theme else None,
                    "published_status": published.status.value
                    if published and published.status
                    else None,
                    "published_label": published.label if published else None,
                    "summary": report.summary,
                    "milestones_reached": report.milestones_reached,
                    "milestones_missed": report.milestones_missed,
                    "prospects_and_risks": report.prospects_and_risks,
                }


def recommendation_rows(csp: LoadedPartnership) -> Iterator[Row]:
    base = _partnership(csp)
    for loaded in csp.reviews:
        review = loaded.review
        for rec in review.recommendations:
            latest = max(rec.updates, key=lambda update: update.on, default=None)
            yield {
                **base,
                "review_id": review.id,
                "review_title": review.title,
                "recommendation_id": rec.id,
                "number": rec.number,
                "text": rec.text,
                "target_date": rec.target_date.printed if rec.target_date else None,
                "progress_status": rec.status.value if rec.status else None,
                "completed": rec.completed.printed if rec.completed else None,
                "latest_update_on": latest.on.start if latest else None,
                "latest_update": latest.text if latest else None,
            }


def funding_rows(csp: LoadedPartnership) -> Iterator[Row]:
    base = _partnership(csp)
    for year in csp.years:
        if year.funding is None:
            continue
        for schedule in year.funding.funding.schedules:
            for line in schedule.lines:
                amount = line.amount
                unit = (amount.unit if amount else None) or schedule.unit
                yield {
                    **base,
                    "plan_year": str(year.period),
                    "schedule_id": schedule.id,
                    "schedule": schedule.title,
                    "line_id": line.id,
                    "kind": line.kind.value,
                    "group": line.group,
                    "item": line.item,
                    "year": str(line.year) if line.year else None,
                    "amount_printed": amount.printed if amount else None,
                    "amount": amount.value if amount else None,
                    "amount_unit": unit.value if unit else None,
                    "estimate": amount.estimate if amount else None,
                    "funding_status": line.status,
                    "note": line.note,
                    "action_id": line.action,
                    "theme_id": line.theme,
                }


ROWS = {
    "figures": figure_rows,
    "actions": action_rows,
    "targets": target_rows,
    "progress": progress_rows,
    "recommendations": recommendation_rows,
    "funding": funding_rows,
}
assert list(ROWS) == list(TABLES), "every table in columns.TABLES has its rows here"


def rows(table: str, partnerships: Iterable[LoadedPartnership]) -> list[Row]:
    """Every row of one table, partnerships by id; each row holds every column."""
    from cspplan.parallel import collector_paused

    names = TABLES[table].names
    made = ROWS[table]
    with collector_paused():  # many small dicts and no cycles: the collector only slows it
        return [
            {name: row.get(name) for name in names}
            for csp in sorted(partnerships, key=lambda csp: csp.id)
            for row in made(csp)
        ]


def all_rows(partnerships: Iterable[LoadedPartnership]) -> dict[str, list[Row]]:
    """Every table's rows."""
    chosen = list(partnerships)
    return {table: rows(table, chosen) for table in TABLES}
