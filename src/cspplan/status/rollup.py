"""Roll-ups and flat tables of assessed measures.

Counting a plan's few hundred measures by theme and band is a loop: plain dictionaries
keep `status` from importing pandas (a quarter of a second) for it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cspplan.status.assess import MeasureStatus, YearStatus
from cspplan.status.attention import attention_list
from cspplan.status.bands import ORDER


@dataclass
class Rollup:
    by_theme: dict[str, dict[str, int]]
    """One row per theme (plan order) and a 'Whole plan' row, each a count per band (in
    ORDER) and then 'needs attention'."""
    attention: list[MeasureStatus]
    """Red and amber measures, then worsening ones and those judged on a stale figure, in
    plan order."""


WHOLE_PLAN = "Whole plan"
ATTENTION = "needs attention"


def _breakdown_fields(year: YearStatus) -> bool:
    """Does any measure judge an area, or any latest figure carry a reporting column or
    attempts? Only then do the records carry those fields, so plans that use none of them
    keep the same columns."""
    return any(
        status.measure.area is not None
        or (
            status.latest is not None
            and (
                status.latest.observation.reported_for is not None
                or status.latest.observation.attempts is not None
            )
        )
        for status in year.measures
    )


def records(year: YearStatus) -> list[dict[str, object]]:
    """One record per measure, with the fields a spreadsheet user expects (`area`,
    `latest_reported_for` and `latest_attempts` too, where any measure of the year has them)."""
    rows = []
    extra = _breakdown_fields(year)
    for status in year.measures:
        measure, latest, travel = status.measure, status.latest, status.travel
        published = measure.published
        rows.append(
            {
                "partnership": year.csp.id,
                "plan_year": year.year.label,
                "as_of": str(status.as_of),
                "theme": status.section,
                "indicator": status.indicator.id,
                "measure": measure.wording,
                "unit": status.indicator.unit.value,
                "latest_period": str(latest.period) if latest else None,
                "latest_value": latest.value if latest else None,
                "target": status.target,
                "status": status.band.value,
                "status_label": year.label(status.band),
                "overridden": status.override is not None,
                "reason": status.reason,
                "stale": status.stale,
                "movement": travel.movement.value if travel.movement else None,
                "trend": travel.trend.value,
                "direction_reason": travel.reason,
                "previous_period": str(travel.previous.period) if travel.previous else None,
                "previous_value": travel.previous.value if travel.previous else None,
                "published_status": published.status.value
                if published and published.status
                else None,
                "published_direction": published.direction.value
                if published and published.direction
                else None,
                "needs_attention": status.needs_attention,
            }
        )
        if status.further:
            rows[-1]["further_targets"] = further_records(year, status)
        if extra:
            observation = latest.observation if latest else None
            reported_for = observation.reported_for if observation else None
            rows[-1]["area"] = measure.area
            rows[-1]["latest_reported_for"] = str(reported_for) if reported_for else None
            rows[-1]["latest_attempts"] = observation.attempts if observation else None
    return rows


def further_records(year: YearStatus, status: MeasureStatus) -> list[dict[str, object]]:
    """The measure's further targets, each with its own status (a key only measures that
    have some carry, so plans without them read exactly as before)."""
    return [
        {
            "target": further.words,
            "text": further.target.text,
            "owner": further.target.owner.value if further.target.owner else None,
            "owner_text": further.target.owner_text,
            "horizon": str(further.target.horizon) if further.target.horizon else None,
            "heading": further.heading,
            "status": further.band.value,
            "status_label": year.label(further.band),
            "reason": further.reason,
        }
        for further in status.further
    ]


def rollup(year: YearStatus) -> Rollup:
    columns = [band.value for band in ORDER] + [ATTENTION]
    rows = {title: dict.fromkeys(columns, 0) for title, _ in year.sections()}
    for status in year.measures:
        row = rows.get(status.section)
        if row is not None:  # a measure outside the plan's sections is not counted
            row[status.band.value] += 1
            row[ATTENTION] += bool(status.needs_attention)
    rows[WHOLE_PLAN] = {column: sum(row[column] for row in rows.values()) for column in columns}
    return Rollup(rows, attention_list(year.measures))
