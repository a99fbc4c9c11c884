"""Roll-ups and flat tables of assessed measures.

pandas does the tabulation (cross-tabulation by theme and band), imported only when a
roll-up is made: `status --format csv` needs only `records` (written by the csv module in
export/cells.py), so it runs without pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cspplan.status.assess import MeasureStatus, YearStatus
from cspplan.status.attention import attention_list
from cspplan.status.bands import ORDER

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class Rollup:
    by_theme: pd.DataFrame
    """One row per theme (plan order) and a 'Whole plan' row; one column per band (in
    ORDER), plus 'needs attention'."""
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


def frame(year: YearStatus) -> pd.DataFrame:
    import pandas as pd

    rows = records(year)
    return pd.DataFrame(rows, columns=list(rows[0]) if rows else None)


def rollup(year: YearStatus) -> Rollup:
    import pandas as pd

    table = frame(year)
    sections = [title for title, _ in year.sections()]
    if table.empty:
        counts = pd.DataFrame(0, index=[WHOLE_PLAN], columns=[band.value for band in ORDER])
        counts[ATTENTION] = 0
        return Rollup(counts, [])
    counts = pd.crosstab(table["theme"], table["status"])
    counts = counts.reindex(index=sections, columns=[b.value for b in ORDER], fill_value=0)
    counts[ATTENTION] = table.groupby("theme", sort=False)["needs_attention"].sum()
    counts.loc[WHOLE_PLAN] = counts.sum()
    counts = counts.astype(int)
    return Rollup(counts, attention_list(year.measures))
