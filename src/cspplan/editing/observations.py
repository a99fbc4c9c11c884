"""Recording a figure in an indicator's series: read what was typed, check it fits the
indicator, and put it in the right place in the file.

A figure a plan document printed (it has `reported_in`) is history: recording a new value
for that period adds a restatement after it rather than overwriting what was printed.
A figure nobody printed yet is simply updated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from cspplan import wording
from cspplan.editing.yaml_file import flow_text, insert_key
from cspplan.model.indicator import Indicator, Unit, ValueStatus
from cspplan.model.periods import Period, PeriodError, coerce_period, parse_period
from cspplan.wording import number, ungrouped


class EntryError(ValueError):
    """A typed period or value that cannot be recorded; the message gives the reason."""


@dataclass(frozen=True)
class Reading:
    """A figure as typed: a number, or a status saying why there is none."""

    value: float | None = None
    status: ValueStatus | None = None

    def yaml_value(self) -> int | float | None:
        if self.value is None:
            return None
        return int(self.value) if float(self.value).is_integer() else self.value

    def words(self, indicator: Indicator) -> str:
        """'31%', '1,566', 'not yet known'."""
        if self.value is None:
            return self.status.label if self.status else "no value"
        from cspplan.wording import indicator_value

        return indicator_value(self.value, indicator)


def read_period(text: str, *, today: date | None = None) -> Period:
    try:
        period = parse_period(str(text))
    except PeriodError as error:
        raise EntryError(str(error)) from None
    today = today or date.today()
    if period.end > today:
        raise EntryError(
            f"{period} has not ended yet (it ends {wording.day(period.end)}); "
            "record a figure once its period is over"
        )
    return period


def read_value(text: str, indicator: Indicator) -> Reading:
    """A number in the indicator's unit ('31%', '1,566', '£2,000'), or a status word
    ('not yet known', 'tbc', 'awaiting data')."""
    typed = str(text).strip()
    status = ValueStatus.from_words(typed)
    if status is not None:
        return Reading(status=status)
    unit = indicator.unit
    what = unit.facts.words
    cleaned = typed
    if cleaned.endswith("%"):
        if unit is not Unit.PERCENTAGE:
            raise EntryError(f"'{typed}' is a percentage, but {indicator.id} is {what}")
        cleaned = cleaned[:-1].strip()
    if cleaned.startswith("£"):
        if unit is not Unit.MONEY:
            raise EntryError(f"'{typed}' is money, but {indicator.id} is {what}")
        cleaned = cleaned[1:].strip()
    cleaned = ungrouped(cleaned) or cleaned
    try:
        value = float(cleaned)
    except ValueError:
        raise EntryError(
            f"'{typed}' is not a number (or one of: "
            + ", ".join(status.label for status in ValueStatus)
            + ")"
        ) from None
    if not math.isfinite(value):
        raise EntryError(f"'{typed}' is not a finite number")
    _check_unit(value, typed, indicator)
    return Reading(value=value)


def likely_fraction(typed: str, reading: Reading, indicator: Indicator) -> str | None:
    """A warning for a percentage typed as a fraction ('0.31' where 31% was meant, as a
    spreadsheet stores it), or None. Recorded as typed, since 0.31% can be right; a value
    with its % sign says it is meant."""
    value = reading.value
    if indicator.unit is not Unit.PERCENTAGE or value is None or not 0 < value < 1:
        return None
    if str(typed).strip().endswith("%"):
        return None
    meant = number(value * 100)
    return (
        f"'{typed}' is recorded as {number(value)}%, since {indicator.id} is a percentage; "
        f"if you meant {meant}%, write {meant} or {meant}%"
    )


def _check_unit(value: float, typed: str, indicator: Indicator) -> None:
    """Refuse a value its unit cannot hold (the bounds and whole numbers of `UnitFacts`)."""
    facts = indicator.unit.facts
    if facts.scale is not None and not facts.allows(value):
        low, high = (number(end) for end in facts.scale)
        raise EntryError(
            f"'{typed}': {indicator.id} is {facts.words}, so it is from {low} to {high}"
        )
    if facts.whole and not value.is_integer():
        raise EntryError(f"'{typed}': {indicator.id} is {facts.words}, so a whole number")
    if facts.low is not None and value < facts.low:
        if facts.low == 0:
            raise EntryError(
                f"'{typed}': {indicator.id} is {facts.words}, so it cannot be negative"
            )
        raise EntryError(f"'{typed}': {facts.words} is {number(facts.low)} or more")


class Outcome(StrEnum):
    ADDED = "added"
    UPDATED = "updated"
    RESTATED = "restated"
    """A new figure for a period a plan printed: added after the printed one."""
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class Recorded:
    indicator: str
    period: Period
    figure: str
    """The figure recorded, in words ('31%')."""
    outcome: Outcome
    before: str | None = None
    """What the series said for the period before, in words."""
    area: str | None = None
    """The area the figure is for; None for the whole."""


def record(
    data: Any,
    indicator: Indicator,
    period: Period,
    reading: Reading,
    *,
    note: str | None = None,
    provisional: bool = False,
    reported_in: Period | None = None,
    area: str | None = None,
) -> Recorded:
    """Add or update the observation in round-trip `data` (an indicator file's mapping).

    The entry updated is the one for the same period and area (None: the whole, never an
    entry of another breakdown) reported in the same plan year (or in none). A figure a plan printed is not overwritten by one reported in no plan year:
    that is refused, because the two could not be told apart (R012); a restated figure
    names the plan year that reports it (`reported_in`) and is added after the printed one.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    figure = reading.words(indicator)
    years = {reported_in} if reported_in is not None else set()
    series = data.get("series")
    if series is None:
        series = CommentedSeq()
        insert_key(data, "series", series, before=("comparators", "notes", "transcription_notes"))
    same = [
        index
        for index, entry in enumerate(series)
        if _period_of(entry) == period and _part_of(entry) == (area, None, None)
    ]
    for index in same:
        entry = series[index]
        if _years_of(entry) == years:
            before = _describe(entry, indicator)
            if _matches(entry, reading, note, provisional):
                return Recorded(indicator.id, period, figure, Outcome.UNCHANGED, before, area)
            _fill(entry, reading, note, provisional)
            return Recorded(indicator.id, period, figure, Outcome.UPDATED, before, area)
    clashing = [
        series[i]
        for i in same
        if not years or not _years_of(series[i]) or years & _years_of(series[i])
    ]
    if clashing:
        printed = clashing[-1]
        if not years and printed.get("value") == reading.value and reading.value is not None:
            return Recorded(
                indicator.id,
                period,
                figure,
                Outcome.UNCHANGED,
                _describe(printed, indicator),
                area,
            )
        raise EntryError(
            f"{period}{f' for area {area}' if area else ''} is already recorded as {_describe(printed, indicator)}; a printed "
            "figure stays as printed. To record a restated figure, name the plan year that "
            "reports it with --reported-in (e.g. the next plan year)"
        )
    if same:
        position, outcome, before = (
            same[-1] + 1,
            Outcome.RESTATED,
            _describe(series[same[-1]], indicator),
        )
    else:
        position, outcome, before = _position(series, period), Outcome.ADDED, None
    entry = CommentedMap()
    entry["period"] = str(period)
    if area is not None:
        entry["area"] = area
    _fill(entry, reading, note, provisional)
    if reported_in is not None:
        listed = CommentedSeq([str(reported_in)])
        listed.fa.set_flow_style()
        entry["reported_in"] = listed
    neighbour = series[position - 1] if position > 0 else (series[0] if series else None)
    if neighbour is None or (hasattr(neighbour, "fa") and neighbour.fa.flow_style()):
        entry.fa.set_flow_style()
    series.insert(position, entry)
    return Recorded(indicator.id, period, figure, outcome, before, area)


def _part_of(entry: Any) -> tuple[Any, Any, Any]:
    """(area, dimension, category) of an entry, as `Observation.breakdown` reads them."""
    if not hasattr(entry, "get"):
        return (None, None, None)
    return (entry.get("area"), entry.get("dimension"), entry.get("category"))


def _years_of(entry: Any) -> set[Period]:
    found = set()
    for year in entry.get("reported_in") or []:
        try:
            found.add(coerce_period(year))
        except PeriodError:
            continue
    return found


def _fill(entry: Any, reading: Reading, note: str | None, provisional: bool) -> None:
    for key in ("value", "status", "text"):
        entry.pop(key, None)
    keys = list(entry)
    at = keys.index("period") + 1 if "period" in keys else 0
    if reading.status is not None:
        entry.insert(at, "status", reading.status.value)
    else:
        entry.insert(at, "value", reading.yaml_value())
    if provisional:
        entry["provisional"] = True
    else:
        entry.pop("provisional", None)
    if note is not None:
        entry["note"] = flow_text(note)


def _matches(entry: Any, reading: Reading, note: str | None, provisional: bool) -> bool:
    status = entry.get("status")
    return (
        entry.get("value") == reading.value
        and (status is None if reading.status is None else status == reading.status.value)
        and "text" not in entry
        and bool(entry.get("provisional", False)) == provisional
        and (note is None or entry.get("note") == note)
    )


def _describe(entry: Any, indicator: Indicator) -> str:
    if entry.get("text") is not None:
        shown = f"'{entry['text']}' as printed"
    elif entry.get("value") is not None:
        from cspplan.wording import indicator_value

        shown = indicator_value(entry["value"], indicator)
    else:
        status = ValueStatus.from_words(str(entry.get("status", "")))
        shown = status.label if status else str(entry.get("status", "no value")).replace("_", " ")
    if entry.get("provisional"):
        shown += " (provisional)"
    years = entry.get("reported_in")
    if years:
        shown += f", printed in the {' and '.join(str(year) for year in years)} plan"
    return shown


def _period_of(entry: Any) -> Period | None:
    try:
        return coerce_period(entry.get("period")) if hasattr(entry, "get") else None
    except PeriodError:
        return None


def _position(series: Any, period: Period) -> int:
    """After the last observation that comes before `period` (or is for it, in another
    breakdown: an area's figure follows the whole's): the series stays in order."""
    position = 0
    for index, entry in enumerate(series):
        other = _period_of(entry)
        if other is not None and other <= period:
            position = index + 1
    return position


@dataclass(frozen=True)
class Entry:
    """One figure to record: what `record` and each spreadsheet row ask for."""

    period: Period
    reading: Reading
    note: str | None = None
    provisional: bool = False
    reported_in: Period | None = None
    area: str | None = None


@dataclass
class FileChange:
    path: Path
    before: str
    after: str
    recorded: list[Recorded]
    """One per entry recorded, in order; entries refused are left out."""
    refused: dict[int, str]
    """Index of each entry that could not be recorded → the reason."""


def record_in_file(path: Path, indicator: Indicator, entries: list[Entry]) -> FileChange:
    """The indicator file's new text with every entry recorded (nothing is written here)."""
    from cspplan.editing.yaml_file import YamlFile, refuse_invalid

    document = YamlFile.open(path)
    recorded: list[Recorded] = []
    refused: dict[int, str] = {}

    def change(data: Any) -> None:
        for index, entry in enumerate(entries):
            try:
                recorded.append(
                    record(
                        data,
                        indicator,
                        entry.period,
                        entry.reading,
                        note=entry.note,
                        provisional=entry.provisional,
                        reported_in=entry.reported_in,
                        area=entry.area,
                    )
                )
            except EntryError as error:  # raised before the data is touched
                refused[index] = str(error)

    after = document.edited(change)
    refuse_invalid(path, after, Indicator, (path.stem, "file"))
    return FileChange(path, document.as_read, after, recorded, refused)
