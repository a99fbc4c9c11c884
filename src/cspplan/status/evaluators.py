"""Judge one target against the latest figure: one small function per target kind.

Each evaluator is registered with `@evaluates(ThatKind)`, keyed by the kind's class in
`model.targets`, gets the target and a `Context` (indicator, series view, latest figure,
the partnership's rules) and returns a `Judgement`: a band and a one-line reason. A target
that cannot be judged says why ("cannot assess") instead of raising; kinds never judged
(to be confirmed, lost, words only) have evaluators that say so. `missing_evaluators()`
names any kind in the `Target` union left without one.

`judge` keeps two rules for every target judged on the latest figure: the figure must be
for a period after the baseline (a baseline cannot be judged against a target set on it),
and the reason says how old the figure is, flagging it stale past the partnership's limit.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from cspplan import wording
from cspplan.model.indicator import ComparatorValue, Indicator, Polarity, Unit
from cspplan.model.partnership import StatusRules
from cspplan.model.periods import Period, PeriodKind
from cspplan.model.targets import (
    TARGET_CLASSES,
    AtLeast,
    AtMost,
    BaseTarget,
    Comparator,
    ComparatorRelation,
    FreeText,
    LongTerm,
    Lost,
    NoIncrease,
    QuarterlyProfile,
    Range,
    Rank,
    Reduction,
    Target,
    ToBeConfirmed,
    TrendDirection,
    TrendTarget,
)
from cspplan.model.units import first_missing_quarter, year_to_date_total
from cspplan.status.age import Age, age_of
from cspplan.status.bands import Band, Movement
from cspplan.status.direction import movement
from cspplan.status.series import Point, SeriesView, months, not_comparable
from cspplan.status.tolerance import Shortfall, shortfall


@dataclass(frozen=True, slots=True)
class Judgement:
    band: Band
    reason: str
    aimed_at: float | None = None
    """The value the figure was judged against (target, trajectory point, comparator):
    what a chart marks as the target."""
    stale: bool = False
    """The figure judged on is older than the partnership's `stale_after`."""


@dataclass
class Context:
    indicator: Indicator
    series: SeriesView
    latest: Point | None
    rules: StatusRules
    plan_year: Period
    baseline: Period | None = None
    """The period the target is measured from (see `baseline_of`): only a later figure counts."""

    def show(self, amount: float) -> str:
        return wording.indicator_value(amount, self.indicator)

    @property
    def age(self) -> Age:
        assert self.latest is not None
        return age_of(self.latest.period, self.series.as_of, self.rules.stale_after)

    def when(self) -> str:
        """The latest figure's period and age: 'Q2 2016/17, ended 6 months before 2017/18'."""
        assert self.latest is not None
        old = self.age.words()
        return f"{self.latest.period}, {old}" if old else str(self.latest.period)

    def figure(self) -> str:
        assert self.latest is not None
        return f"{self.show(self.latest.value)} ({self.when()})"

    def judge(
        self,
        *,
        met: bool,
        gap: float,
        aimed_at: float,
        against: str,
        side: str,
    ) -> Judgement:
        """The common ending: band the gap and word the reason."""
        indicator = self.indicator
        result = shortfall(
            met, gap, aimed_at, indicator.unit, self.rules.tolerance, indicator.rate_per
        )
        return worded(result, f"{self.figure()} against {against}", side, aimed_at)


def worded(result: Shortfall, head: str, side: str, aimed_at: float) -> Judgement:
    """'<figure> against <target>: met' or '…: 3 points short, tolerance 2 points'."""
    if result.band is Band.GREEN:
        return Judgement(Band.GREEN, f"{head}: met", aimed_at)
    if not result.gap:
        return Judgement(
            result.band, f"{head}: level with it, which the target does not count as met", aimed_at
        )
    if result.band is Band.AMBER:
        tail = f"{result.gap} {side}, within the tolerance of {result.allowed}"
    else:
        tail = f"{result.gap} {side}, tolerance {result.allowed}"
    return Judgement(result.band, f"{head}: {tail}", aimed_at)


def cannot_assess(reason: str) -> Judgement:
    return Judgement(Band.CANNOT_ASSESS, f"cannot assess: {reason}")


Evaluator = Callable[[Any, Context], Judgement]
"""(target of one kind, context) → judgement."""
E = TypeVar("E", bound=Evaluator)


@dataclass(frozen=True)
class TargetRule:
    evaluate: Evaluator
    needs_figure: bool = True
    """False for kinds judged without a latest figure (a profile adds up the year itself;
    unjudged kinds need none)."""


EVALUATORS: dict[type[BaseTarget], TargetRule] = {}


def evaluates(kind: type[BaseTarget], *, needs_figure: bool = True) -> Callable[[E], E]:
    """Register the evaluator for one target class."""

    def register(function: E) -> E:
        EVALUATORS[kind] = TargetRule(function, needs_figure)
        return function

    return register


def missing_evaluators() -> list[type[BaseTarget]]:
    """The target classes in the `Target` union with no evaluator registered (a new kind
    not yet wired up); empty when every kind can be judged or says why it cannot."""
    return [kind for kind in TARGET_CLASSES if kind not in EVALUATORS]


def baseline_of(target: Target, stated: Period | None) -> Period | None:
    """The period a target is measured from: the latest of the measure's `baseline` and the
    target's own baseline or reference period."""
    periods = (stated, target.measured_from)
    return max((p for p in periods if p is not None), default=None)


def judge(target: Target, context: Context) -> Judgement:
    rule = EVALUATORS.get(type(target))
    if rule is None:
        raise LookupError(
            f"no evaluator is registered for {type(target).__name__} targets "
            f"(kind '{target.kind}'): add an @evaluates({type(target).__name__}) function"
        )
    if not rule.needs_figure:
        return rule.evaluate(target, context)
    if context.latest is None:
        return Judgement(Band.NO_DATA, _no_figure(context))
    early = _not_after_baseline(context)
    if early is not None:
        return Judgement(Band.NO_DATA, early)
    judged = rule.evaluate(target, context)
    if judged.band in (Band.GREEN, Band.AMBER, Band.RED) and context.age.stale:
        reason = f"{judged.reason}; the figure is {context.age.stale_words()}"
        return Judgement(judged.band, reason, judged.aimed_at, stale=True)
    return judged


def _waiting(context: Context, after: Point | None, joined: str) -> str:
    """A clause naming a later period that says why it has no number, or ''."""
    waiting = context.series.later_without_value(after)
    if waiting is None:
        return ""
    said = waiting.text or waiting.status.value.replace("_", " ")  # type: ignore[union-attr]
    return f"{joined} {waiting.period} is '{said}'"


def _no_figure(context: Context) -> str:
    return f"no figure at or before {context.series.as_of}{_waiting(context, None, ':')}"


def _not_after_baseline(context: Context) -> str | None:
    """Why the latest figure cannot be judged: it is the baseline, or from before it."""
    baseline, latest = context.baseline, context.latest
    if baseline is None or latest is None or latest.period.end > baseline.end:
        return None
    shown = f"{context.show(latest.value)} ({latest.period})"
    what = "is the baseline itself" if latest.period == baseline else "is not for a later period"
    return (
        f"no figure after the {baseline} baseline at or before {context.series.as_of}: "
        f"the latest, {shown}, {what}{_waiting(context, latest, ';')}"
    )


def _outside_unit(context: Context, target: BaseTarget) -> Judgement | None:
    """Cannot assess a target whose numbers are off a unit fixed at both ends (a percentage
    of 120 is not a percentage)."""
    facts = context.indicator.unit.facts
    if facts.scale is None:
        return None
    for number in target.numbers().values():
        if not facts.allows(number):
            return cannot_assess(
                f"unit mismatch: the target {wording.number(number)} is not {facts.words}, "
                f"but the indicator is measured in {facts.plural}"
            )
    return None


# -- simple thresholds ---------------------------------------------------------------------


def _beyond(
    context: Context, aimed_at: float, *, higher: bool, against: str, strict: bool = False
) -> Judgement:
    """At least (higher is better) or at most `aimed_at`; `strict` for 'more/fewer than'."""
    value = context.latest.value
    gap = aimed_at - value if higher else value - aimed_at
    rounded = round(gap, 9)  # 90.000000001 on a computed trajectory is 90
    return context.judge(
        met=rounded < 0 if strict else rounded <= 0,
        gap=gap,
        aimed_at=aimed_at,
        against=against,
        side="short" if higher else "over",
    )


def _threshold(target: AtLeast | AtMost, context: Context, *, higher: bool) -> Judgement:
    mismatch = _outside_unit(context, target)
    if mismatch:
        return mismatch
    words = wording.target(target, context.indicator)
    return _beyond(
        context, target.value, higher=higher, against=f"a target of {words}", strict=target.strict
    )


@evaluates(AtLeast)
def at_least(target: AtLeast, context: Context) -> Judgement:
    return _threshold(target, context, higher=True)


@evaluates(AtMost)
def at_most(target: AtMost, context: Context) -> Judgement:
    return _threshold(target, context, higher=False)


@evaluates(Range)
def within_range(target: Range, context: Context) -> Judgement:
    mismatch = _outside_unit(context, target)
    if mismatch:
        return mismatch
    value = context.latest.value
    show = context.show
    against = f"a target range of {show(target.low)} to {show(target.high)}"
    if value < target.low:
        return context.judge(
            met=False,
            gap=target.low - value,
            aimed_at=target.low,
            against=against,
            side="below the range",
        )
    return context.judge(
        met=value <= target.high,
        gap=value - target.high,
        aimed_at=target.high,
        against=against,
        side="above the range",
    )


# -- targets measured from an earlier figure ------------------------------------------------


def _reference(context: Context, period: Period, role: str) -> Point | Judgement:
    """The figure for a reference or baseline period, checked to compare with the latest."""
    found = context.series.at(period)
    if found is None:
        return cannot_assess(f"no figure for the {role} period {period}")
    latest = context.latest
    crossed = context.series.break_between(found.period, latest.period)
    if crossed is not None:
        return cannot_assess(f"the series was redefined from {crossed.period} ({crossed.note})")
    reason = not_comparable(found.period, latest.period, context.indicator.unit)
    if reason is not None:
        return cannot_assess(reason)
    return found


@evaluates(NoIncrease)
def no_increase(target: NoIncrease, context: Context) -> Judgement:
    reference = _reference(context, target.reference, "reference")
    if isinstance(reference, Judgement):
        return reference
    value = context.latest.value
    return context.judge(
        met=value <= reference.value,
        gap=value - reference.value,
        aimed_at=reference.value,
        against=f"no increase on {context.show(reference.value)} ({reference.period})",
        side="higher",
    )


def trajectory(start_value: float, start: date, end_value: float, end: date, at: date) -> float:
    """The straight line from (start, start_value) to (end, end_value), read at `at`."""
    if end <= start:
        return end_value
    share = min(max((at - start).days / (end - start).days, 0.0), 1.0)
    return start_value + (end_value - start_value) * share


def _on_trajectory(
    context: Context,
    *,
    baseline: Point,
    end_value: float,
    due: Period,
    higher_is_better: bool,
    aim: str,
) -> Judgement:
    """Judge the latest figure against the straight line from the baseline to the target,
    read at the end of the period the figure covers (so a figure is never held to a point
    on the line it could not yet have reached)."""
    latest = context.latest
    expected = trajectory(
        baseline.value, baseline.period.end, end_value, due.end, latest.period.end
    )
    against = (
        f"{context.show(round(expected, 2))}, the point reached by then on a straight line "
        f"from {context.show(baseline.value)} ({baseline.period}) to {aim}"
    )
    return _beyond(context, expected, higher=higher_is_better, against=against)


def reduction_end(target: Reduction, baseline_value: float) -> float:
    """What a reduction aims at by its date: the value it states, else the baseline less
    its percentage (the chart's trajectory ends here too)."""
    if target.target_value is not None:
        return target.target_value
    return baseline_value * (1 - target.percent / 100)


@evaluates(Reduction)
def reduction(target: Reduction, context: Context) -> Judgement:
    baseline = _reference(context, target.baseline, "baseline")
    if isinstance(baseline, Judgement):
        return baseline
    end_value = reduction_end(target, baseline.value)
    percent = wording.number(target.percent)
    aim = f"{context.show(end_value)} by {target.by} (a {percent}% reduction)"
    return _on_trajectory(
        context,
        baseline=baseline,
        end_value=end_value,
        due=target.by,
        higher_is_better=False,
        aim=aim,
    )


def _better_is_higher(context: Context) -> bool | Judgement:
    polarity = context.indicator.polarity
    if polarity is Polarity.HIGHER_IS_BETTER:
        return True
    if polarity is Polarity.LOWER_IS_BETTER:
        return False
    said = polarity.value.replace("_", " ") if polarity else "not set"
    return cannot_assess(
        f"the indicator's polarity is {said}, so it is not clear which side of the target is better"
    )


@evaluates(LongTerm)
def long_term(target: LongTerm, context: Context) -> Judgement:
    higher = _better_is_higher(context)
    if isinstance(higher, Judgement):
        return higher
    show = context.show
    final = f"{show(target.value)} by {target.by}"
    if target.interim is not None:
        bound = "at least" if higher else "at most"
        against = f"a target of {bound} {show(target.interim)} this year (towards {final})"
        return _beyond(context, target.interim, higher=higher, against=against)
    if context.latest.period.end >= target.by.end:
        return _beyond(context, target.value, higher=higher, against=f"a target of {final}")
    if target.baseline is None:
        return cannot_assess(
            f"no baseline or interim step recorded to measure progress towards {final}"
        )
    baseline = _reference(context, target.baseline, "baseline")
    if isinstance(baseline, Judgement):
        return baseline
    return _on_trajectory(
        context,
        baseline=baseline,
        end_value=target.value,
        due=target.by,
        higher_is_better=higher,
        aim=final,
    )


# -- comparators and ranks -------------------------------------------------------------------


def comparator_for(context: Context, group: str) -> tuple[ComparatorValue | None, str]:
    """The comparator figure for the latest figure's period: the same period, else one that
    covers it (the year a quarter falls in), else an undated one ('currently ...') printed
    in this plan year. Never one after the as-of period."""
    latest = context.latest.period
    as_of_end = context.series.as_of.end
    candidates = [
        c for c in context.indicator.comparators if c.group.value == group and c.value is not None
    ]
    dated = [c for c in candidates if c.period is not None and c.period.end <= as_of_end]
    for comparator in dated:
        if comparator.period == latest:
            return comparator, f"{comparator.period}"
    for comparator in dated:
        if comparator.period.start <= latest.start and latest.end <= comparator.period.end:
            return comparator, f"{comparator.period}"
    for comparator in candidates:
        if comparator.period is None and (
            not comparator.reported_in or context.plan_year in comparator.reported_in
        ):
            return comparator, f"period not stated, printed in the {context.plan_year} plan"
    name = wording.comparator_group(group)
    others = sorted((c.period for c in dated), key=Period.sort_key)
    if others:
        return None, f"no {name} figure for {latest} (the latest is for {others[-1]})"
    return None, f"no {name} figure for {latest}"


@evaluates(Comparator)
def comparator(target: Comparator, context: Context) -> Judgement:
    higher = _better_is_higher(context)
    if isinstance(higher, Judgement):
        return higher
    found, when = comparator_for(context, target.group.value)
    if found is None:
        return cannot_assess(when)
    value, benchmark = context.latest.value, found.value
    worse_by = benchmark - value if higher else value - benchmark
    strictly = target.relation is ComparatorRelation.BETTER
    met = worse_by < 0 if strictly else worse_by <= 0
    name = f"{found.label} figure" if found.label else wording.comparator_group(target.group.value)
    relation = target.relation.words
    return context.judge(
        met=met,
        gap=worse_by,
        aimed_at=benchmark,
        against=f"the {name} of {context.show(benchmark)} ({when}), target {relation} it",
        side="worse",
    )


@evaluates(Rank)
def rank(target: Rank, context: Context) -> Judgement:
    latest = context.latest
    position = latest.observation.rank
    if position is None and context.indicator.unit is Unit.RANK:
        position = latest.value
    if position is None:
        return cannot_assess(f"no rank printed with the {latest.period} figure")
    of = latest.observation.rank_of or target.of
    place = wording.ordinal(position) + (f" of {of}" if of else "")
    result = shortfall(
        position <= target.within,
        position - target.within,
        target.within,
        Unit.RANK,
        context.rules.tolerance,
        None,
    )
    head = (
        f"ranked {place} ({context.when()}) against a target of "
        f"{wording.target(target, context.indicator)}"
    )
    return worded(result, head, "short", target.within)


# -- profiles ----------------------------------------------------------------------------------


def year_to_date(context: Context) -> tuple[int, float] | str:
    """(quarters covered, total) for the plan year so far, or why there is none."""
    year = context.plan_year
    own = [p for p in context.series.points if p.period.financial_year == year]
    best: tuple[int, float] | None = None
    for point in own:
        kind = point.period.kind
        if kind is PeriodKind.FINANCIAL_YEAR:
            covered = 4
        elif kind is PeriodKind.YEAR_TO_DATE:
            covered = point.period.number
        else:
            continue
        if best is None or covered > best[0]:
            best = (covered, point.value)
    quarters = {p.period.number: p.value for p in own if p.period.kind is PeriodKind.QUARTER}
    last = max(quarters, default=0)
    if quarters and (best is None or best[0] < last):
        total = year_to_date_total(quarters, last)
        if total is None:
            missing = first_missing_quarter(quarters, last)
            return f"no figure for Q{missing} {year} to add up the year to date"
        best = (last, total)
    if best is None:
        return f"no figures for {year} yet"
    return best


@evaluates(QuarterlyProfile, needs_figure=False)
def quarterly_profile(target: QuarterlyProfile, context: Context) -> Judgement:
    unit = context.indicator.unit
    if unit.facts.adds_up is None:
        return cannot_assess(
            "a quarterly profile adds quarters together, and the unit is not known, so "
            "the figures cannot be added up"
        )
    if not unit.facts.adds_up:
        return cannot_assess(
            f"unit mismatch: a quarterly profile adds quarters together, which {unit.value} "
            "figures cannot be"
        )
    higher = _better_is_higher(context)
    if isinstance(higher, Judgement):
        return higher
    found = year_to_date(context)
    if isinstance(found, str):
        return Judgement(Band.NO_DATA, found)
    covered, total = found
    cumulative = target.aimed_by(context.plan_year, covered)
    show = context.show
    bound = "at least" if higher else "at most"
    if target.printed_to(context.plan_year, covered) is not None:
        added = show(sum(target.quarters[:covered]))
        aim = (
            f"a printed year-to-date target of {bound} {show(cumulative)} by then "
            f"(the profile's quarters add up to {added})"
        )
    else:
        aim = f"a profile of {bound} {show(cumulative)} by then"
    head = f"{show(total)} in {context.plan_year} to Q{covered} against {aim}"
    result = shortfall(
        total >= cumulative if higher else total <= cumulative,
        cumulative - total if higher else total - cumulative,
        cumulative,
        unit,
        context.rules.tolerance,
        context.indicator.rate_per,
    )
    return worded(result, head, "short" if higher else "over", cumulative)


# -- trends ------------------------------------------------------------------------------------


def _alike(point: Point, latest: Point) -> bool:
    """A figure for the same kind and length of period as the latest (a quarter with
    quarters, a year with years, Q2 year to date with Q2 years to date)."""
    return point.period.kind is latest.period.kind and months(point.period) == months(latest.period)


def _stable_band(context: Context) -> str:
    rules = context.rules.direction
    if context.indicator.unit is Unit.PERCENTAGE:
        return wording.plural(rules.stable_percentage_points, "point")
    if context.indicator.unit is Unit.RANK:
        return "no change"
    return f"{wording.number(rules.stable_relative_percent)}%"


@evaluates(TrendTarget)
def trend(target: TrendTarget, context: Context) -> Judgement:
    """The latest figure against the one `periods` figures of the same kind before it:
    green when it moved the stated way, red when it moved the other way, amber when the
    move is inside the partnership's direction stable band (level)."""
    latest = context.latest
    words = wording.target(target, context.indicator)
    # The last `periods` alike figures before the latest, read from the end: the export
    # judges every figure of a plan year as at its own period, and reading the whole of a
    # long series each time made that grow with the square of it.
    earlier: list[Point] = []
    for point in reversed(context.series.points):
        if point.period < latest.period and _alike(point, latest):
            earlier.append(point)
            if len(earlier) == target.periods:
                break
    earlier.reverse()
    if len(earlier) < target.periods:
        have = wording.plural(len(earlier) + 1, "figure")
        return cannot_assess(
            f"{words} needs {target.periods + 1} figures for periods like {latest.period}; "
            f"there {'is' if have.startswith('1 ') else 'are'} {have} up to {latest.period}"
        )
    start = earlier[-target.periods]
    crossed = context.series.break_between(start.period, latest.period)
    if crossed is not None:
        return cannot_assess(f"the series was redefined from {crossed.period} ({crossed.note})")
    unit = context.indicator.unit
    change = latest.value - start.value
    moved = movement(change, start.value, unit, context.rules.direction)
    size = wording.difference(change, unit, context.indicator.rate_per)
    show = context.show
    span = f"from {show(start.value)} ({start.period}) to {show(latest.value)} ({context.when()})"
    head = f"{span} against a target of {words}"
    if moved is Movement.LEVEL:
        level = f", a change of {size}" if round(change, 9) else ""
        return Judgement(
            Band.AMBER,
            f"level {head}{level} within the stable band of {_stable_band(context)}",
            start.value,
        )
    wanted = Movement.DOWN if target.direction is TrendDirection.DOWN else Movement.UP
    if moved is wanted:
        return Judgement(Band.GREEN, f"{moved.value} {size} {head}: met", start.value)
    return Judgement(Band.RED, f"{moved.value} {size} {head}: moved the other way", start.value)


# -- targets that are not judged ---------------------------------------------------------------


@evaluates(ToBeConfirmed, needs_figure=False)
def to_be_confirmed(target: ToBeConfirmed, context: Context) -> Judgement:
    return Judgement(Band.MONITORING, "target to be confirmed: monitored until one is set")


@evaluates(FreeText, needs_figure=False)
def free_text(target: FreeText, context: Context) -> Judgement:
    return Judgement(Band.MONITORING, f"the target is in words only (“{target.text}”): not judged")


@evaluates(Lost, needs_figure=False)
def lost(target: Lost, context: Context) -> Judgement:
    printed = f" ({target.text})" if target.text else ""
    return cannot_assess(f"the source printed a target{printed} but its number was lost")
