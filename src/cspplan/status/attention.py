"""What needs attention, decided once for every output (status, the performance report).

Two lists, on purpose: the *attention* list (status's "Needs attention", and the count in
every summary by theme) is the watch list: short of target, worsening, or judged on a stale
figure. The *exceptions* (the performance report's "Exceptions", which a scrutiny panel
asks about) are only the measures short of target: red or amber.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspplan.status.bands import Band, Trend

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cspplan.status.assess import MeasureStatus

SHORT = (Band.RED, Band.AMBER)


def short_of_target(status: MeasureStatus) -> bool:
    """Red or amber: an exception in the performance report."""
    return status.band in SHORT


def needs_attention(status: MeasureStatus) -> bool:
    """Short of target, worsening (even if on target), or resting on a stale figure."""
    return short_of_target(status) or status.travel.trend is Trend.WORSENING or status.stale


def attention_list(measures: Iterable[MeasureStatus]) -> list[MeasureStatus]:
    """The measures that need attention: those short of target first, then the worsening and
    stale ones, each in plan order."""
    flagged = [status for status in measures if needs_attention(status)]
    flagged.sort(key=lambda status: 0 if short_of_target(status) else 1)
    return flagged


def attention_reason(status: MeasureStatus) -> str:
    """Why a measure is on the attention list: its shortfall or stale figure, or else its
    worsening trend."""
    if short_of_target(status) or status.stale:
        return status.reason
    return status.travel.reason
