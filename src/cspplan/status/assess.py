"""Assess a plan year: every measure's status, reason and direction of travel."""

from __future__ import annotations

from dataclasses import dataclass, field

from cspplan import wording
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.indicator import Indicator, Observation
from cspplan.model.periods import Period
from cspplan.model.plan import Measure, StatusOverride, Theme
from cspplan.model.status_words import StatusWords
from cspplan.status.bands import Band, label
from cspplan.status.direction import Travel, direction_of_travel
from cspplan.status.evaluators import Context, Judgement, baseline_of, judge
from cspplan.status.series import Point, SeriesView

HEADLINE = "Headline indicators"


@dataclass(frozen=True)
class MeasureStatus:
    theme: Theme | None
    """None for the plan's headline indicators."""
    measure: Measure
    indicator: Indicator
    as_of: Period
    latest: Point | None
    target: str
    """The target in words ('at least 46%'), or 'none set'."""
    computed: Judgement
    travel: Travel
    series: SeriesView
    """The figures the status was judged on (one per period, up to `as_of`)."""
    override: StatusOverride | None = None

    @property
    def section(self) -> str:
        return self.theme.title if self.theme is not None else HEADLINE

    @property
    def band(self) -> Band:
        return Band(self.override.status) if self.override else self.computed.band

    @property
    def reason(self) -> str:
        if self.override is None:
            return self.computed.reason
        return f"set by the partnership: {self.override.reason} (computed: {self.computed.reason})"

    @property
    def stale(self) -> bool:
        """The status rests on a figure older than the partnership's `stale_after`."""
        return self.computed.stale

    @property
    def needs_attention(self) -> bool:
        """On the attention list (see `status.attention`)."""
        from cspplan.status.attention import needs_attention

        return needs_attention(self)

    def latest_words(self) -> str:
        if self.latest is None:
            return "no figure"
        return figure_words(self.latest.observation, self.indicator)


@dataclass
class YearStatus:
    csp: LoadedPartnership
    year: LoadedYear
    as_of: Period
    words: StatusWords
    """The words the bands are reported in (`status.bands.chosen_words`)."""
    as_published: bool = False
    measures: list[MeasureStatus] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.csp.partnership.name} {self.year.label}"

    def label(self, band: Band) -> str:
        return label(band, self.words)

    def sections(self) -> list[tuple[str, list[MeasureStatus]]]:
        """Measures grouped by theme, in the plan's order (headline indicators first)."""
        grouped: dict[str, list[MeasureStatus]] = {}
        for status in self.measures:
            grouped.setdefault(status.section, []).append(status)
        return list(grouped.items())


class AsOfBeforePlan(ValueError):
    """An as-of period that ends before the plan year begins: the plan's targets are for
    its year, so a status then would judge figures the plan was set on, not progress."""


def figure_words(observation: Observation, indicator: Indicator) -> str:
    """'43% (Q2 2018/19)'; with the attempts a percentage is out of ('0% (4 attempts) (Q2
    2013/14)') and, for a figure printed in another period's column, both periods ('34.4%
    (Q1 2013/14 column: figure for Oct 2010 to Sep 2011)')."""
    shown = wording.with_attempts(
        wording.indicator_value(observation.value, indicator), observation.attempts
    )
    if observation.reported_for is not None:
        return f"{shown} ({wording.reported_for(observation.period, observation.reported_for)})"
    return f"{shown} ({observation.period})"


def before_plan(csp: LoadedPartnership, year: LoadedYear, as_of: Period | None) -> str | None:
    """Why `as_of` cannot be used for this plan year, or None when it can."""
    if as_of is None or as_of.end >= year.period.start:
        return None
    start = year.period.start
    begins = f"{start.day} {start:%B %Y}"
    return (
        f"{as_of} ends before the {csp.partnership.name} {year.label} plan year begins "
        f"({begins}): its targets are for {year.period}, so there is no progress to judge yet"
    )


def effective_as_of(csp: LoadedPartnership, year: LoadedYear, as_of: Period | None) -> Period:
    """A plan year is judged with data up to `as_of`, but never past its own end (its
    targets are for that year) and never before it begins (`AsOfBeforePlan`)."""
    early = before_plan(csp, year, as_of)
    if early is not None:
        raise AsOfBeforePlan(early)
    if as_of is None or as_of.end > year.period.end:
        return year.period
    return as_of


def assess_measure(
    csp: LoadedPartnership,
    year: LoadedYear,
    theme: Theme | None,
    measure: Measure,
    as_of: Period,
    *,
    as_published: bool = False,
) -> MeasureStatus:
    """`as_published` judges with only what the plan's document printed, up to the measure's
    printed latest period: the view its published status was based on."""
    indicator = csp.indicators[measure.indicator]
    rules = csp.partnership.status_rules
    cutoff = as_of
    if as_published and measure.latest is not None and measure.latest.end <= as_of.end:
        cutoff = measure.latest
    series = SeriesView(
        indicator,
        as_of=cutoff,
        plan_year=year.period,
        printed_in=year.period if as_published else None,
        area=measure.area,
    )
    latest = series.latest
    target = measure.target
    if target is None:
        computed = Judgement(Band.MONITORING, "no target set: monitored only")
        target_words = "none set"
    else:
        baseline = baseline_of(target, measure.baseline)
        context = Context(indicator, series, latest, rules, year.period, baseline)
        computed = judge(target, context)
        target_words = wording.target(target, indicator)
    travel = direction_of_travel(series, latest, indicator, rules.direction, target)
    return MeasureStatus(
        theme,
        measure,
        indicator,
        cutoff,
        latest,
        target_words,
        computed,
        travel,
        series,
        measure.override,
    )


def assess_year(
    csp: LoadedPartnership,
    year: LoadedYear,
    as_of: Period | None = None,
    *,
    words: StatusWords | None = None,
    as_published: bool = False,
) -> YearStatus:
    """`words` in place of the partnership's own (see `status.bands.chosen_words`)."""
    when = effective_as_of(csp, year, as_of)
    result = YearStatus(
        csp,
        year,
        when,
        words or csp.partnership.status_rules.labels,
        as_published=as_published,
    )
    for theme, measure in year.measures():
        if measure.indicator not in csp.indicators:
            continue  # validate reports the unknown reference (R-codes); status cannot judge it
        result.measures.append(
            assess_measure(csp, year, theme, measure, when, as_published=as_published)
        )
    return result
