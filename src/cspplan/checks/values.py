"""Checks on numbers: ranges, sums, restatements, and targets that cannot be judged."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator

from cspplan.checks import walk
from cspplan.checks.registry import Finding, check, found
from cspplan.issues import Severity
from cspplan.model.collection import LoadedPartnership
from cspplan.model.indicator import Indicator, Observation, Polarity, Unit
from cspplan.model.periods import Period, PeriodKind
from cspplan.model.targets import QuarterlyProfile
from cspplan.model.units import year_to_date_total


def _number(value: float) -> str:
    return f"{value:,.10g}"


_PERCENT = Unit.PERCENTAGE.facts

_FLOORED_AT_ZERO = tuple(unit for unit in Unit if unit.facts.low == 0 and unit.facts.scale is None)
"""Units that cannot go below zero and have no ceiling (counts, rates, money); a
percentage's floor is part of its 0–100 scale (C003)."""


@check(
    "C003",
    "percentage-out-of-range",
    title="Percentage outside 0–100",
    template="{what} {value}% is outside 0–100",
    hint="a rate or a count recorded against a percentage indicator, or a typing slip",
)
def percentage_out_of_range(csp: LoadedPartnership) -> Iterator[Finding]:
    """A percentage indicator holds an observation, a comparator value or a target below 0
    or above 100."""
    for indicator_id, indicator in csp.indicators.items():
        if indicator.unit is not Unit.PERCENTAGE:
            continue
        file = csp.indicator_files[indicator_id]
        for index, observation in enumerate(indicator.series):
            if observation.value is not None and not _PERCENT.allows(observation.value):
                yield found(
                    file,
                    ("series", index, "value"),
                    what=f"the {observation.period} value",
                    value=_number(observation.value),
                )
        for index, comparator in enumerate(indicator.comparators):
            if comparator.value is not None and not _PERCENT.allows(comparator.value):
                yield found(
                    file,
                    ("comparators", index, "value"),
                    what="the comparator value",
                    value=_number(comparator.value),
                )
    for located in walk.targets(csp):
        indicator = csp.indicators.get(located.measure.indicator)
        if indicator is None or indicator.unit is not Unit.PERCENTAGE:
            continue
        for field, value in located.target.numbers().items():
            if not _PERCENT.allows(value):
                yield found(
                    located.file,
                    (*located.path, field),
                    what="the target",
                    value=_number(value),
                )


@check(
    "C012",
    "negative-value",
    title="Negative count, rate or amount of money",
    template="the {period} value {value} is negative, which {unit} cannot be",
)
def negative_value(csp: LoadedPartnership) -> Iterator[Finding]:
    """A count, rate or amount of money below zero: almost always a sign slip, or a change
    recorded where a level belongs."""
    for indicator_id, indicator in csp.indicators.items():
        if indicator.unit not in _FLOORED_AT_ZERO:
            continue
        file = csp.indicator_files[indicator_id]
        for index, observation in enumerate(indicator.series):
            if observation.value is not None and observation.value < 0:
                yield found(
                    file,
                    ("series", index, "value"),
                    period=observation.period,
                    value=_number(observation.value),
                    unit=indicator.unit.facts.words,
                )
            if observation.count is not None and observation.count < 0:
                yield found(
                    file,
                    ("series", index, "count"),
                    period=observation.period,
                    value=observation.count,
                    unit=Unit.COUNT.facts.words,
                )


@check(
    "C004",
    "quarters-do-not-add-up",
    title="Quarterly values do not add up to the year to date",
    template="{quarters} add up to {total}, but {ytd} is {printed} ({source})",
)
def quarters_do_not_add_up(csp: LoadedPartnership) -> Iterator[Finding]:
    """For a count or an amount of money, the quarterly figures of a financial year must sum to the year-to-date
    (or full-year) figure for the same year; and a quarterly target profile must sum to its
    annual target. Percentages and rates do not add up, so they are not checked. Graded like
    C009: where the source printed every figure involved (each has `text` or `reported_in`;
    a profile, the target's `text`) the sum is the source's own and the check warns, since a
    faithful transcription keeps it; where any figure was typed in without either, it is an
    error, likely a typing slip."""
    for indicator_id, indicator in csp.indicators.items():
        if not indicator.unit.facts.adds_up:
            continue
        file = csp.indicator_files[indicator_id]
        for part in _parts(indicator):
            yield from _series_sums(part, file)
    for located in walk.targets(csp):
        target = located.target
        if isinstance(target, QuarterlyProfile) and target.annual is not None:
            total = sum(target.quarters)
            if not math.isclose(total, target.annual, rel_tol=1e-9, abs_tol=1e-9):
                yield found(
                    located.file,
                    (*located.path, "annual"),
                    **_graded([] if target.text else ["the profile"]),
                    quarters="the profile's four quarters",
                    total=_number(total),
                    ytd="the annual target",
                    printed=_number(target.annual),
                )


@check(
    "C015",
    "profile-year-to-date-differs",
    title="A profile's year-to-date target differs from the sum of its quarters",
    template="{quarters} add up to {total}, but {ytd} is {printed} ({source})",
)
def profile_year_to_date_differs(csp: LoadedPartnership) -> Iterator[Finding]:
    """A quarterly profile carries a printed year-to-date target (`year_to_date`) that is
    not the sum of its quarters to that point. The printed one is what the year to date is
    judged against. Graded like C004: a warning where the source printed it (the entry's or
    the target's `text`), an error where it was typed in."""
    for located in walk.targets(csp):
        target = located.target
        if not isinstance(target, QuarterlyProfile):
            continue
        for index, printed in enumerate(target.year_to_date):
            total = sum(target.quarters[: printed.quarter])
            if math.isclose(total, printed.value, rel_tol=1e-9, abs_tol=1e-9):
                continue
            where = f"Q{printed.quarter} {printed.period.financial_year}"
            typed = [] if printed.text or target.text else [f"the year-to-date target to {where}"]
            span = "Q1" if printed.quarter == 1 else f"Q1 to Q{printed.quarter}"
            yield found(
                located.file,
                (*located.path, "year_to_date", index, "value"),
                **_graded(typed),
                quarters=f"the profile's quarters {span}",
                total=_number(total),
                ytd=f"its printed year-to-date target to {where}",
                printed=_number(printed.value),
            )


@check(
    "C018",
    "breakdown-does-not-add-up",
    title="Figures by area do not add up to the whole",
    template="{parts} add up to {total}, but {whole} is {printed} ({source})",
)
def breakdown_does_not_add_up(csp: LoadedPartnership) -> Iterator[Finding]:
    """For a count or an amount of money, the figures of every area that is part of the same
    area (`part_of` in partnership.yaml) must sum to that area's figure for the same period;
    for areas part of none, or of a top-level area with no figure of its own, to the whole's
    (the observation with no area). Checked only when every such area has a figure: a
    partial breakdown ("the main districts") is not meant to add up. Graded like C004: a
    warning where every figure is as printed (`text` or `reported_in`), an error where any
    was typed in."""
    areas = csp.partnership.areas
    if not areas:
        return
    parents = {area.id: area.part_of for area in areas}
    siblings: dict[str | None, list[str]] = defaultdict(list)
    for area in areas:
        siblings[area.part_of].append(area.id)
    for indicator_id, indicator in csp.indicators.items():
        if not indicator.unit.facts.adds_up:
            continue
        file = csp.indicator_files[indicator_id]
        by_period: dict[Period, dict[str | None, tuple[int, Observation]]] = defaultdict(dict)
        for index, observation in enumerate(indicator.series):
            if observation.dimension is None and observation.category is None:
                by_period[observation.period][observation.area] = (index, observation)
        for period, figures in by_period.items():
            for parent, members in siblings.items():
                whole = figures.get(parent)
                if whole is None and (parent is None or parents.get(parent) is None):
                    whole = figures.get(None)
                parts = [figures.get(member) for member in members]
                if (
                    whole is None
                    or whole[1].value is None
                    or any(part is None or part[1].value is None for part in parts)
                ):
                    continue
                total = sum(part[1].value for part in parts)
                index, printed = whole
                if math.isclose(total, printed.value, rel_tol=1e-9, abs_tol=1e-9):
                    continue
                typed = [
                    f"the {period} figure for {obs.area or 'the whole'}"
                    for _, obs in (*parts, whole)
                    if not _printed(obs)
                ]
                yield found(
                    file,
                    ("series", index, "value"),
                    **_graded(typed),
                    parts=f"the {period} figures for {', '.join(members)}",
                    total=_number(total),
                    whole=f"the figure for {printed.area or 'the whole'}",
                    printed=_number(printed.value),
                )


_PRINTED_SUM_HINT = (
    "the source's own figures disagree: keep them as printed and say so in transcription_notes"
)


def _printed(observation: Observation) -> bool:
    return bool(observation.reported_in) or observation.text is not None


def _graded(typed: list[str]) -> dict[str, object]:
    """Severity, hint and wording for a disagreement: a warning when every figure is as
    printed, an error naming the figures typed in otherwise."""
    if not typed:
        return {
            "severity": Severity.WARNING,
            "hint": _PRINTED_SUM_HINT,
            "source": "both sides as the source printed them",
        }
    return {"severity": Severity.ERROR, "source": f"typed, not printed: {', '.join(typed)}"}


def _parts(indicator: Indicator) -> list[list[tuple[int, Observation]]]:
    """The series split by breakdown (the whole, each area, each dimension and category),
    each entry with its index in the file: a district's quarters add up to the district's
    year, not the county's."""
    parts: dict[object, list[tuple[int, Observation]]] = defaultdict(list)
    for index, observation in enumerate(indicator.series):
        parts[observation.breakdown].append((index, observation))
    return list(parts.values())


def _series_sums(series: list[tuple[int, Observation]], file) -> Iterator[Finding]:
    quarters: dict[int, dict[int, Observation]] = defaultdict(dict)
    """financial year → quarter number → observation"""
    totals: list[tuple[int, Period, Observation]] = []
    for index, observation in series:
        if observation.value is None:
            continue
        period = observation.period
        if period.kind is PeriodKind.QUARTER:
            quarters[period.year][period.number] = observation
        elif period.kind is PeriodKind.YEAR_TO_DATE:
            totals.append((index, period, observation))
        elif period.kind is PeriodKind.FINANCIAL_YEAR:
            totals.append((index, Period(PeriodKind.YEAR_TO_DATE, period.year, 4), observation))
    for index, ytd, printed in totals:
        own = quarters.get(ytd.year, {})
        total = year_to_date_total({n: obs.value for n, obs in own.items()}, ytd.number)
        if total is None:
            continue
        parts = [own[number] for number in range(1, ytd.number + 1)]
        if math.isclose(total, printed.value, rel_tol=1e-9, abs_tol=1e-9):
            continue
        year = printed.period.financial_year
        if printed.period.kind is PeriodKind.FINANCIAL_YEAR:
            side = f"the figure for the whole of {year}"
        else:
            side = f"the year-to-date figure for {printed.period}"
        typed = [str(obs.period) for obs in (*parts, printed) if not _printed(obs)]
        yield found(
            file,
            ("series", index, "value"),
            **_graded(typed),
            quarters=_quarters_words(ytd.number, year),
            total=_number(total),
            ytd=side,
            printed=_number(printed.value),
        )


def _quarters_words(count: int, year: Period) -> str:
    """'the quarterly figures for Q1 to Q3 2017/18' (one side of the disagreement)."""
    span = "Q1" if count == 1 else f"Q1 to Q{count}"
    return f"the quarterly figures for {span} {year}"


@check(
    "C006",
    "target-without-polarity",
    title="Target on an indicator without polarity",
    template="'{indicator}' has a target here but no polarity, so no status can be judged",
    hint="set polarity in the indicator file (higher_is_better, lower_is_better or within_range)",
)
def target_without_polarity(csp: LoadedPartnership) -> Iterator[Finding]:
    """A measure sets a target, but its indicator does not say whether higher or lower is
    better (or says no judgement), so being above or below the target means nothing."""
    for located in walk.targets(csp):
        target = located.target
        indicator = csp.indicators.get(located.measure.indicator)
        if indicator is None or not target.judged or not target.needs_polarity:
            continue
        if indicator.polarity in (None, Polarity.NO_JUDGEMENT):
            yield found(located.file, located.path, indicator=indicator.id)


@check(
    "C009",
    "baseline-restated",
    title="A figure was restated between plan years",
    template="{period} was printed as {first} in the {first_year} plan and as {second} in the {second_year} plan",
    severity=Severity.WARNING,
    hint="restatements happen (data refreshes, definition changes); make sure the plans say why",
)
def baseline_restated(csp: LoadedPartnership) -> Iterator[Finding]:
    """The same indicator and period carry different values as printed in different plan
    years: a baseline or past figure was restated. Comparisons across the two years may not
    be like for like."""
    for indicator_id, indicator in csp.indicators.items():
        file = csp.indicator_files[indicator_id]
        by_period: dict[object, list[tuple[int, Observation]]] = defaultdict(list)
        for index, observation in enumerate(indicator.series):
            if observation.value is not None and observation.reported_in:
                by_period[(observation.period, observation.breakdown)].append((index, observation))
        for (period, _part), entries in by_period.items():
            _first_index, first = entries[0]
            for index, other in entries[1:]:
                if other.value != first.value:
                    yield found(
                        file,
                        ("series", index, "value"),
                        period=period,
                        first=first.text or _number(first.value),
                        first_year=", ".join(str(y) for y in first.reported_in),
                        second=other.text or _number(other.value),
                        second_year=", ".join(str(y) for y in other.reported_in),
                    )
