"""Each plan year judged once per build, as at its effective as-of (the plan year's end,
never past it), however many page kinds show its statuses; and the counts by status that
the front page, partnership pages and dashboards summarise it with."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from cspplan import wording
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.rendering.context import MeasureRow, measure_row
from cspplan.status.assess import MeasureStatus, YearStatus, assess_year
from cspplan.status.attention import attention_list
from cspplan.status.bands import ORDER, Band


@lru_cache(maxsize=4096)
def year_status(csp: LoadedPartnership, year: LoadedYear) -> YearStatus:
    """The year's statuses as the documents give them without `--as-of` (the objects are
    compared by identity, so a rebuild from newly opened plans judges afresh)."""
    return assess_year(csp, year)


@lru_cache(maxsize=4096)
def measure_rows(csp: LoadedPartnership, year: LoadedYear) -> dict[int, MeasureRow]:
    """Each measure of the year in words, by id of its `Measure` (as
    `rendering.context.theme_section` takes them), for the dashboard and theme pages."""
    assessed = year_status(csp, year)
    return {id(status.measure): measure_row(assessed, status) for status in assessed.measures}


def bands_in(measures: Iterable[MeasureStatus]) -> list[Band]:
    """The bands the measures have, in ORDER (what needs attention first): the columns of
    a table by status, with none left empty."""
    present = {status.band for status in measures}
    return [band for band in ORDER if band in present]


def band_counts(measures: Iterable[MeasureStatus], bands: list[Band]) -> list[int]:
    counted = Counter(status.band for status in measures)
    return [counted[band] for band in bands]


def summary(assessed: YearStatus) -> str:
    """'25 measures: 10 Successful, 3 Close to target, 6 Needs improving; 12 need
    attention', in the partnership's own words."""
    measures = assessed.measures
    if not measures:
        return "No performance measures."
    bands = bands_in(measures)
    parts = ", ".join(
        f"{count} {assessed.label(band)}"
        for band, count in zip(bands, band_counts(measures, bands), strict=True)
    )
    flagged = len(attention_list(measures))
    attention = f"{flagged} {'needs' if flagged == 1 else 'need'} attention"
    return f"{wording.plural(len(measures), 'measure')}: {parts}; {attention}."
