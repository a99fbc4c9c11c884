"""Roll a theme's measures up into the theme's status, by the rule its partnership names.

`status_rules.theme_status` in partnership.yaml names a rule; each rule is one function
registered here with `@rollup_rule(NAME)`, so a new rule is one function and `RULES` (which
check C016 and the README read) knows it at once. A rule is given only the measures that
were judged (green, amber or red: monitoring, no data and cannot assess do not count) and
returns the band, a reason in plain words that names the measures behind it, and which
measures those were. Nothing here knows a partnership's words: the reasons name bands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from cspplan import wording
from cspplan.model.partnership import StatusRules
from cspplan.status.bands import JUDGED, Band, rank


@dataclass(frozen=True, slots=True)
class Judged:
    """One measure as a rule sees it: its name and its band."""

    name: str
    band: Band


@dataclass(frozen=True, slots=True)
class Rolled:
    band: Band
    reason: str
    drivers: tuple[int, ...]
    """Positions (in the list the rule was given) of the measures that decided the band."""


RollupFunction = Callable[[Sequence[Judged], StatusRules], Rolled]
"""(judged measures, never empty; the partnership's rules) -> the theme's status."""


@dataclass(frozen=True)
class RollupRule:
    name: str
    roll: RollupFunction
    needs: Callable[[StatusRules], str | None]
    """What the rule lacks in `status_rules` to be used, in words (None: nothing)."""
    summary: str
    caps_measures: bool = False
    """Under this rule no measure is worse than its theme (the theme is its worst measure),
    so a theme's published status says something of each measure: it is no worse. What
    lets --compare-published judge measures of a plan that publishes only themes."""


RULES: dict[str, RollupRule] = {}


def _needs_nothing(rules: StatusRules) -> str | None:
    return None


def rollup_rule(
    name: str,
    summary: str,
    needs: Callable[[StatusRules], str | None] = _needs_nothing,
    *,
    caps_measures: bool = False,
) -> Callable[[RollupFunction], RollupFunction]:
    """Register a roll-up rule under the name partnership.yaml gives it."""

    def register(function: RollupFunction) -> RollupFunction:
        RULES[name] = RollupRule(name, function, needs, summary, caps_measures)
        return function

    return register


def known_rules() -> str:
    """'worst, majority, count': for messages that list what may be named."""
    return ", ".join(RULES)


def _and(names: Sequence[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _names(judged: Sequence[Judged], positions: Sequence[int]) -> str:
    """'A is amber', 'A and B are red', 'A is red, B is amber'."""
    picked = [judged[i] for i in positions]
    bands = {item.band for item in picked}
    if len(bands) == 1:
        verb = "is" if len(picked) == 1 else "are"
        return f"{_and([item.name for item in picked])} {verb} {picked[0].band.value}"
    return ", ".join(f"{item.name} is {item.band.value}" for item in picked)


def _measures(count: int) -> str:
    return wording.plural(count, "measure")


@rollup_rule("worst", "the theme takes the worst band of its judged measures", caps_measures=True)
def worst(judged: Sequence[Judged], rules: StatusRules) -> Rolled:
    band = max((item.band for item in judged), key=rank)
    drivers = tuple(i for i, item in enumerate(judged) if item.band is band)
    head = f"worst of {_measures(len(judged))}"
    if len(drivers) == len(judged) and len(judged) > 1:
        return Rolled(band, f"{head}: all are {band.value}", drivers)
    return Rolled(band, f"{head}: {_names(judged, drivers)}", drivers)


@rollup_rule(
    "majority", "the most common band of its judged measures; a tie goes to the worse band"
)
def majority(judged: Sequence[Judged], rules: StatusRules) -> Rolled:
    counts = Counter(item.band for item in judged)
    most = max(counts.values())
    tied = sorted((band for band, count in counts.items() if count == most), key=rank)
    band = tied[-1]
    drivers = tuple(i for i, item in enumerate(judged) if item.band is band)
    spread = ", ".join(f"{counts[b]} {b.value}" for b in sorted(counts, key=rank, reverse=True))
    head = f"majority of {_measures(len(judged))} ({spread})"
    if len(tied) > 1:
        tie = " and ".join(b.value for b in reversed(tied))
        return Rolled(band, f"{head}: a tie between {tie}, so the worse, {band.value}", drivers)
    return Rolled(band, f"{head}: {band.value}: {_names(judged, drivers)}", drivers)


def _needs_counts(rules: StatusRules) -> str | None:
    if rules.theme_status_counts is None:
        return "the count rule needs status_rules.theme_status_counts: {red: N, amber: M}"
    return None


@rollup_rule(
    "count",
    "red when at least theme_status_counts.red measures are red, amber when at least "
    "theme_status_counts.amber are red or amber, else green",
    needs=_needs_counts,
)
def count(judged: Sequence[Judged], rules: StatusRules) -> Rolled:
    counts = rules.theme_status_counts
    assert counts is not None  # C016 stops a count rule without its counts
    reds = tuple(i for i, item in enumerate(judged) if item.band is Band.RED)
    short = tuple(i for i, item in enumerate(judged) if item.band is not Band.GREEN)
    total = len(judged)
    if len(reds) >= counts.red:
        band, drivers, head = Band.RED, reds, f"{len(reds)} of {_measures(total)} red"
        rule = f"red at {counts.red} red"
    else:
        band = Band.AMBER if len(short) >= counts.amber else Band.GREEN
        drivers = short
        head = f"{len(short)} of {_measures(total)} red or amber"
        rule = f"amber at {counts.amber} red or amber, red at {counts.red} red"
    reason = f"{head}: {band.value} under the count rule ({rule})"
    if drivers:
        reason += f": {_names(judged, drivers)}"
    return Rolled(band, reason, drivers)


NOT_JUDGED_WORDS = {
    Band.MONITORING: "monitoring",
    Band.NO_DATA: "no data",
    Band.CANNOT_ASSESS: "cannot assess",
}


def roll_up(name: str, measures: Sequence[Judged], rules: StatusRules) -> Rolled:
    """The theme's status from all its measures: those not judged are left out (and said);
    none judged is no data. An unknown rule, or one missing its settings, cannot assess
    (validate reports it first, as C016)."""
    rule = RULES.get(name)
    if rule is None:
        return Rolled(
            Band.CANNOT_ASSESS,
            f"cannot assess: no theme status rule called '{name}' (known: {known_rules()})",
            (),
        )
    missing = rule.needs(rules)
    if missing is not None:
        return Rolled(Band.CANNOT_ASSESS, f"cannot assess: {missing}", ())
    positions = [i for i, item in enumerate(measures) if item.band in JUDGED]
    left_out = Counter(item.band for item in measures if item.band not in JUDGED)
    aside = ", ".join(f"{n} {NOT_JUDGED_WORDS[band]}" for band, n in left_out.items())
    if not positions:
        if not measures:
            return Rolled(Band.NO_DATA, "no measures to roll up", ())
        reason = f"none of its {_measures(len(measures))} is judged ({aside}): nothing to roll up"
        return Rolled(Band.NO_DATA, reason, ())
    rolled = rule.roll([measures[i] for i in positions], rules)
    reason = rolled.reason
    if left_out:
        reason += f"; not counted: {aside}"
    return Rolled(rolled.band, reason, tuple(positions[i] for i in rolled.drivers))
