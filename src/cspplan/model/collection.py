"""Plans as loaded: a partnership with its indicators and plan years, each with its files.

The file models (Partnership, Indicator, PlanYear, Theme) say what one file holds; these
classes put them together and remember which file each came from, so that every later
step (checks, status, diff, rendering) can point back at the file a user edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cspplan.model.indicator import Indicator
from cspplan.model.partnership import Partnership
from cspplan.model.periods import Period, parse_period
from cspplan.model.plan import Action, Measure, PlanYear, Theme


@dataclass(eq=False)
class YearPlan:
    """One plan year: plan.yaml and its themes in printed order."""

    folder: Path
    file: Path
    plan: PlanYear
    themes: list[Theme] = field(default_factory=list)
    theme_files: dict[str, Path] = field(default_factory=dict)
    missing_themes: list[str] = field(default_factory=list)
    """Theme ids plan.yaml lists that have no file."""
    unlisted_theme_files: list[Path] = field(default_factory=list)
    """Theme files that plan.yaml does not list."""

    @property
    def period(self) -> Period:
        return self.plan.period

    @property
    def label(self) -> str:
        return str(self.plan.period)

    def theme(self, theme_id: str) -> Theme | None:
        return next((theme for theme in self.themes if theme.id == theme_id), None)

    def actions(self) -> list[tuple[Theme, Action]]:
        return [(theme, action) for theme in self.themes for action in theme.actions]

    def measures(self) -> list[tuple[Theme | None, Measure]]:
        """Every measure in printed order: the headline indicators (theme None), then each
        theme's."""
        headline = self.plan.headline.indicators if self.plan.headline else []
        placed: list[tuple[Theme | None, Measure]] = [(None, measure) for measure in headline]
        return placed + [(theme, m) for theme in self.themes for m in theme.indicators]


@dataclass(eq=False)
class PartnershipPlans:
    """Everything one partnership keeps: partnership.yaml, indicators, plan years."""

    folder: Path
    file: Path
    partnership: Partnership
    indicators: dict[str, Indicator] = field(default_factory=dict)
    indicator_files: dict[str, Path] = field(default_factory=dict)
    years: list[YearPlan] = field(default_factory=list)
    """Sorted by period, earliest first."""

    @property
    def id(self) -> str:
        return self.partnership.id

    def year(self, period: Period) -> YearPlan | None:
        return next((year for year in self.years if year.period == period), None)

    def previous(self, year: YearPlan) -> YearPlan | None:
        """The latest plan year before this one."""
        earlier = [other for other in self.years if other.period < year.period]
        return earlier[-1] if earlier else None

    def lineage_target(self, year: YearPlan, ref: str) -> tuple[Period | None, str]:
        """The plan year (period) and id a lineage or `dropped` reference in `year` points
        at: 'id' means the previous plan year here, '2017/18:id' names the year. The period
        is None when 'id' has no earlier plan year to mean."""
        if ":" in ref:
            period_text, item_id = ref.split(":", 1)
            return parse_period(period_text), item_id
        previous = self.previous(year)
        return (previous.period if previous else None), ref


@dataclass(eq=False)
class PlanSet:
    """What `cspplan.load` returns: one or more partnerships."""

    partnerships: list[PartnershipPlans] = field(default_factory=list)

    def partnership(self, partnership_id: str) -> PartnershipPlans | None:
        return next((p for p in self.partnerships if p.id == partnership_id), None)
