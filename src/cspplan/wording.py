"""Plain-English wording of values, differences and targets.

Status reasons, diffs and rendered documents all say "43%", "2.2 per 1,000", "3 points"
and "at least 46%" the same way, so a number reads identically wherever it appears.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cspplan.model.indicator import Unit

if TYPE_CHECKING:
    from datetime import date

    from cspplan.model.indicator import Indicator
    from cspplan.model.periods import Period
    from cspplan.model.plan import Lead, Step
    from cspplan.model.targets import BaseTarget, Target


def number(value: float) -> str:
    """1,566 · 30.3 · 0.04: thousands separated, at most two decimals, no trailing zeros."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    if abs(value) < 0.01:
        return f"{value:.2g}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


def ungrouped(text: str) -> str | None:
    """'1,098' → '1098': a number written with thousands separators, without them; None
    for anything else. People type commas; YAML and float() do not read them."""
    typed = str(text).strip()
    return typed.replace(",", "") if _GROUPED.match(typed) else None


def sentence(text: str) -> str:
    """Capitalise the first letter only (reasons start in lower case to read inside a line)."""
    return text[:1].upper() + text[1:]


def ordinal(value: float) -> str:
    whole = int(value)
    if whole != value:
        return number(value)
    suffix = "th" if 10 <= whole % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(whole % 10, "th")
    return f"{whole}{suffix}"


def value(amount: float, unit: Unit, rate_per: int | None = None) -> str:
    """A value with its unit: '43%', '2.2 per 1,000', '£1,200', '3rd'; a count, a score or
    a figure with no unit printed (`Unit.UNKNOWN`) is the number alone, as printed."""
    if unit is Unit.PERCENTAGE:
        return f"{number(amount)}%"
    if unit is Unit.RATE and rate_per:
        return f"{number(amount)} per {rate_per:,}"
    if unit is Unit.MONEY:
        return f"£{number(amount)}" if amount >= 0 else f"-£{number(-amount)}"
    if unit is Unit.RANK:
        return ordinal(amount)
    return number(amount)


def indicator_value(amount: float, indicator: Indicator) -> str:
    return value(amount, indicator.unit, indicator.rate_per)


def plural(count: float, word: str) -> str:
    return f"{number(count)} {word}" + ("" if count == 1 else "s")


def with_attempts(shown: str, attempts: int | None) -> str:
    """'0% (4 attempts)': a percentage with the number it is out of, as plans print it."""
    return shown if attempts is None else f"{shown} ({plural(attempts, 'attempt')})"


def day(when: date) -> str:
    """A date as a document prints it: '13 November 2013'."""
    return f"{when.day} {when:%B %Y}"


def day_or_period(period: Period) -> str:
    """'13 November 2013' for a day; any other period as it is written ('Q2 2013/14')."""
    from cspplan.model.periods import PeriodKind

    return day(period.start) if period.kind is PeriodKind.DAY else str(period)


def window(period: Period) -> str:
    """A period as the months it covers where that reads better: a rolling year is 'Oct 2010
    to Sep 2011'; any other period is its usual text."""
    from cspplan.model.periods import PeriodKind

    if period.kind is PeriodKind.ROLLING_12_MONTHS:
        return f"{period.start:%b %Y} to {period.end:%b %Y}"
    return str(period)


def reported_for(period: Period, column: Period) -> str:
    """'Q1 2013/14 column: figure for Oct 2010 to Sep 2011': a figure printed in one
    reporting column for a window of data that is not that column's own period."""
    return f"{column} column: figure for {window(period)}"


def difference(amount: float, unit: Unit, rate_per: int | None = None) -> str:
    """A distance between two values of one unit: '3 points', '2 places', '50', '£200'."""
    amount = abs(amount)
    if unit is Unit.PERCENTAGE:
        return plural(amount, "point")
    if unit is Unit.RANK:
        return plural(amount, "place")
    return value(amount, unit, rate_per)


def target(target: Target, indicator: Indicator) -> str:
    """The target in words, from its numbers: 'at least 80%', 'between 28% and 40%'. Each
    kind words itself (`describe` on its class in `model.targets`)."""
    return target.describe(indicator)


TARGET_OWNERS = {
    "partnership": "partnership target",
    "police_and_crime_plan": "Police and Crime Plan target",
    "national": "national target",
    "other": "another body's target",
}
"""Whose target it is (`TargetOwner`), as a heading says it."""


def target_owner(target: BaseTarget, unnamed: str = "further target") -> str:
    """'Police and Crime Plan target', or with the owner as printed beside it: 'Partnership
    target (CCSP)'; `unnamed` ('Further target') when the plan does not say whose it is."""
    words = TARGET_OWNERS[target.owner.value] if target.owner else unnamed
    if target.owner_text:
        words += f" ({' '.join(target.owner_text.split())})"
    return sentence(words)


def horizon(period: Period | YearSpan, plan_year: Period) -> str:  # noqa: F821
    """When a target is for: 'for 2013/14' within the plan year, 'by 2015/16' after it,
    'over 2011/12 to 2015/16' for a span of years."""
    from cspplan.model.periods import YearSpan

    if isinstance(period, YearSpan):
        return f"over {period}"
    return f"by {period}" if period.end > plan_year.end else f"for {period}"


def target_heading(target: BaseTarget, plan_year: Period, unnamed: str = "further target") -> str:
    """Whose target and when for: 'Police and Crime Plan target, by 2015/16'."""
    heading = target_owner(target, unnamed)
    if target.horizon is not None:
        heading += f", {horizon(target.horizon, plan_year)}"
    return heading


COMPARATOR_GROUPS = {
    "national": "national average",
    "regional": "regional average",
    "family_group": "family group average",
    "most_similar_group": "most similar group average",
    "top_quartile": "top quartile",
    "local": "local comparator",
}


def comparator_group(group: str) -> str:
    return COMPARATOR_GROUPS.get(group, group.replace("_", " "))


def lead(lead: Lead | None) -> str | None:
    """Who leads an action, as printed without its 'Lead:' label; None when not printed."""
    if lead is None:
        return None
    if lead.text:
        return " ".join(lead.text.split()).removeprefix("Lead:").strip().rstrip(",") or None
    return ", ".join(lead.organisations + lead.groups + lead.people) or None


def key_actions(steps: list[Step], depth: int = 0) -> list[tuple[int, Step, str]]:
    """(depth, step, words) for each key action, nested ones after theirs: its text, then
    its due date and status in words, e.g. 'Set up a panel (due: Dec 2017; status: done)'."""
    lines: list[tuple[int, Step, str]] = []
    for step in steps:
        details = []
        if step.due is not None:
            details.append(f"due: {' '.join(step.due.text.split())}")
        if step.status is not None:
            details.append(f"status: {step.status.value.replace('_', ' ')}")
        words = " ".join(step.text.split())
        lines.append((depth, step, f"{words} ({'; '.join(details)})" if details else words))
        lines += key_actions(step.steps, depth + 1)
    return lines
