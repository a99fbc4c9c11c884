"""Assess a plan year: every measure's status, reason and direction of travel."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from cspplan import wording
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.indicator import Indicator, Observation
from cspplan.model.partnership import StatusRules
from cspplan.model.periods import Period, YearSpan
from cspplan.model.plan import Measure, PublishedStatus, StatusOverride, Theme
from cspplan.model.status_words import StatusWords
from cspplan.model.targets import Target
from cspplan.status.bands import JUDGED, TREND_WORDS, Band, Trend, label
from cspplan.status.direction import Travel, direction_of_travel
from cspplan.status.evaluators import Context, Judgement, baseline_of, judge
from cspplan.status.series import Point, SeriesView
from cspplan.status.theme_published import published_theme_status
from cspplan.status.theme_rollup import Judged, roll_up

HEADLINE = "Headline indicators"


class Overridable:
    """A computed judgement the partnership may replace with a status of its own: the band
    and reason reported (the computed ones stay, for comparing with what was published)."""

    computed: Judgement
    override: StatusOverride | None

    @property
    def band(self) -> Band:
        return Band(self.override.status) if self.override else self.computed.band

    @property
    def reason(self) -> str:
        if self.override is None:
            return self.computed.reason
        return f"set by the partnership: {self.override.reason} (computed: {self.computed.reason})"


@dataclass(frozen=True)
class FurtherTargetStatus:
    """One of a measure's further targets, judged the way its own target is, with a status
    of its own that never becomes the measure's."""

    target: Target
    words: str
    """The target in words ('at most 450')."""
    heading: str
    """Whose target it is and when for: 'Police and Crime Plan target, by 2015/16'."""
    computed: Judgement

    @property
    def band(self) -> Band:
        return self.computed.band

    @property
    def reason(self) -> str:
        return self.computed.reason

    def line(self, label: str) -> str:
        """'Police and Crime Plan target, by 2015/16: at most 450 — Amber: by 2015/16 …',
        with `label` the band in the report's words."""
        reason = self.reason
        if self.band is Band.CANNOT_ASSESS:
            reason = reason.removeprefix("cannot assess: ")  # the label says so already
        return f"{self.heading}: {self.words} — {label}: {reason}"


@dataclass(frozen=True)
class MeasureStatus(Overridable):
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
    further: list[FurtherTargetStatus] = field(default_factory=list)
    """The measure's further targets, each with its own status (never the measure's)."""

    @property
    def section(self) -> str:
        return self.theme.title if self.theme is not None else HEADLINE

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


@dataclass(frozen=True)
class ThemeStatus(Overridable):
    """A theme's status: its measures rolled up by the partnership's rule
    (`status.theme_rollup`), the status it published, and any override."""

    theme: Theme
    rule: str | None
    """The roll-up rule's name; None where the partnership names none (not rolled up)."""
    computed: Judgement
    measures: list[MeasureStatus]
    drivers: list[MeasureStatus]
    """The measures that decided the computed band."""
    published: PublishedStatus | None = None
    """From `status.theme_published.published_theme_status`."""
    override: StatusOverride | None = None

    @property
    def rolled_up(self) -> bool:
        """False where the theme has no status of ours: no roll-up rule and no override
        (it is listed for the status it published)."""
        return self.rule is not None or self.override is not None


NOT_ROLLED_UP_WORDS = "not rolled up"
NOT_ROLLED_UP = f"{NOT_ROLLED_UP_WORDS}: partnership.yaml names no status_rules.theme_status"


def assess_theme(
    year: LoadedYear,
    theme: Theme,
    measures: list[MeasureStatus],
    rules: StatusRules,
    as_of: Period,
) -> ThemeStatus:
    """Roll the theme's assessed measures up (each by the band it is reported in, so a
    measure's override counts as set)."""
    rule = rules.theme_status
    if rule is None:
        computed, drivers = Judgement(Band.MONITORING, NOT_ROLLED_UP), []
    else:
        seen = [Judged(status.indicator.name, status.band) for status in measures]
        rolled = roll_up(rule, seen, rules)
        computed = Judgement(rolled.band, rolled.reason)
        drivers = [measures[i] for i in rolled.drivers]
    published = published_theme_status(year, theme, as_of)
    return ThemeStatus(theme, rule, computed, measures, drivers, published, theme.override)


@dataclass
class YearStatus:
    csp: LoadedPartnership
    year: LoadedYear
    as_of: Period
    words: StatusWords
    """The words the bands are reported in (`status.bands.chosen_words`)."""
    as_published: bool = False
    measures: list[MeasureStatus] = field(default_factory=list)
    themes: list[ThemeStatus] = field(default_factory=list)
    """Each theme's status, in plan order: only where the partnership rolls themes up
    (`status_rules.theme_status`) or a theme publishes or sets one; else empty."""

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

    def theme_status(self, theme: Theme | None) -> ThemeStatus | None:
        """The theme's status, where themes have one (never for the headline indicators)."""
        return next((status for status in self.themes if status.theme is theme), None)


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
    begins = wording.day(start)
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

    def judged(one: Target) -> Judgement:
        return judge_target(one, measure, indicator, series, rules, year.period)

    if target is None:
        computed = Judgement(Band.MONITORING, "no target set: monitored only")
        target_words = "none set"
    else:
        computed = judged(target)
        target_words = wording.target(target, indicator)
    further = [
        FurtherTargetStatus(
            other,
            wording.target(other, indicator),
            wording.target_heading(other, year.period),
            judged(other),
        )
        for other in measure.further_targets
    ]
    travel = direction_of_travel(series, latest, indicator, rules.direction, target)
    if rules.red_requires_worsening:
        computed = red_only_when_worsening(computed, travel)
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
        further,
    )


WORSENING_RULE = "red only when below target and worsening (the partnership's rule)"


def red_only_when_worsening(computed: Judgement, travel: Travel) -> Judgement:
    """`status_rules.red_requires_worsening`: short beyond the tolerance is red only when
    the direction of travel is worsening; otherwise amber, saying why. The evaluators
    (and the charts' target geometry) are untouched: only the band changes."""
    if computed.band is not Band.RED or travel.trend is Trend.WORSENING:
        return computed
    reason = f"{computed.reason}, but not worsening ({TREND_WORDS[travel.trend]}): {WORSENING_RULE}"
    return Judgement(Band.AMBER, reason, computed.aimed_at, computed.stale)


def _themes_have_status(csp: LoadedPartnership, year: LoadedYear, when: Period) -> bool:
    if csp.partnership.status_rules.theme_status is not None:
        return True
    return any(
        theme.override is not None or published_theme_status(year, theme, when) is not None
        for theme in year.themes
    )


def judge_target(
    target: Target,
    measure: Measure,
    indicator: Indicator,
    series: SeriesView,
    rules: StatusRules,
    plan_year: Period,
) -> Judgement:
    """One target of a measure judged on the series: the measure's own target and each of
    its further targets alike. A target whose horizon ends after the as-of period is judged
    on the progress so far, and a green, amber or red reason says so ('by 2015/16,
    progress so far: …'); one that cannot be judged says why, as any target does."""
    baseline = baseline_of(target, measure.baseline)
    context = Context(indicator, series, series.latest, rules, plan_year, baseline)
    computed = judge(target, context)
    horizon = target.horizon
    if horizon is None or horizon.end <= series.as_of.end or computed.band not in JUDGED:
        return computed
    when = f"over {horizon}" if isinstance(horizon, YearSpan) else f"by {horizon}"
    return replace(computed, reason=f"{when}, progress so far: {computed.reason}")


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
    if _themes_have_status(csp, year, when):
        rules = csp.partnership.status_rules
        for theme in year.themes:
            mine = [status for status in result.measures if status.theme is theme]
            result.themes.append(assess_theme(year, theme, mine, rules, when))
    return result
