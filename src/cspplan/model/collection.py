"""Plans as loaded: a partnership with its indicators and plan years, each with its files.

The file models (Partnership, Indicator, PlanFile, Theme) say what one file holds; these
classes put them together and remember which file each came from, so that every later
step (checks, status, diff, rendering) can point back at the file a user edits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cspplan.model.framework import Framework
from cspplan.model.funding import FundingFile
from cspplan.model.indicator import Indicator
from cspplan.model.partnership import Partnership
from cspplan.model.periods import Period, parse_period
from cspplan.model.plan import Action, Measure, PlanFile, Theme
from cspplan.model.progress import ProgressFile, ThemeProgress
from cspplan.model.review import Review


@dataclass(eq=False)
class LoadedProgress:
    """A quarter's progress file (`progress/<yyyy-yy>-q<N>.yaml`) and where it came from."""

    file: Path
    progress: ProgressFile

    @property
    def period(self) -> Period:
        return self.progress.period

    @property
    def label(self) -> str:
        return str(self.progress.period)


@dataclass(eq=False)
class LoadedReview:
    """A review file (`reviews/<review-id>.yaml`) and where it came from."""

    file: Path
    review: Review

    @property
    def id(self) -> str:
        return self.review.id


@dataclass(eq=False)
class LoadedFunding:
    """A plan year's funding file (`<yyyy-yy>/funding.yaml`) and where it came from."""

    file: Path
    funding: FundingFile


@dataclass(eq=False)
class LoadedYear:
    """One plan year: plan.yaml and its themes in printed order."""

    folder: Path
    file: Path
    plan: PlanFile
    themes: list[Theme] = field(default_factory=list)
    theme_files: dict[str, Path] = field(default_factory=dict)
    missing_themes: list[str] = field(default_factory=list)
    """Theme ids plan.yaml lists that have no file."""
    unlisted_theme_files: list[Path] = field(default_factory=list)
    """Theme files that plan.yaml does not list."""
    progress: list[LoadedProgress] = field(default_factory=list)
    """The year's quarterly progress files, sorted by period, earliest first."""
    funding: LoadedFunding | None = None
    """The year's funding.yaml, where it has one."""

    @property
    def period(self) -> Period:
        return self.plan.period

    @property
    def label(self) -> str:
        return str(self.plan.period)

    def theme(self, theme_id: str) -> Theme | None:
        return next((theme for theme in self.themes if theme.id == theme_id), None)

    def progress_for(
        self, theme_id: str, as_of: Period | None = None
    ) -> tuple[LoadedProgress, ThemeProgress] | None:
        """The theme's latest progress report for a period ending at or before `as_of`
        (None: the latest of all), with the file it is in; None when there is none."""
        for loaded in reversed(self.progress):
            if as_of is not None and loaded.period.end > as_of.end:
                continue
            report = loaded.progress.report(theme_id)
            if report is not None:
                return loaded, report
        return None

    def progress_file_for(self, as_of: Period | None = None) -> LoadedProgress | None:
        """The latest progress file for a period ending at or before `as_of` (None: the
        latest of all), whichever themes it reports on."""
        eligible = [p for p in self.progress if as_of is None or p.period.end <= as_of.end]
        return eligible[-1] if eligible else None

    def actions(self) -> list[tuple[Theme, Action]]:
        return [(theme, action) for theme in self.themes for action in theme.actions]

    def measures(self) -> list[tuple[Theme | None, Measure]]:
        """Every measure in printed order: the headline indicators (theme None), then each
        theme's."""
        headline = self.plan.headline.indicators if self.plan.headline else []
        placed: list[tuple[Theme | None, Measure]] = [(None, measure) for measure in headline]
        return placed + [(theme, m) for theme in self.themes for m in theme.indicators]


@dataclass(eq=False)
class LoadedFramework:
    """A framework file (`frameworks/<id>.yaml`, beside the partnership folders)."""

    file: Path
    framework: Framework

    @property
    def id(self) -> str:
        return self.framework.id


@dataclass(eq=False)
class LoadedPartnership:
    """Everything one partnership keeps: partnership.yaml, indicators, plan years."""

    folder: Path
    file: Path
    partnership: Partnership
    indicators: dict[str, Indicator] = field(default_factory=dict)
    indicator_files: dict[str, Path] = field(default_factory=dict)
    years: list[LoadedYear] = field(default_factory=list)
    """Sorted by period, earliest first."""
    reviews: list[LoadedReview] = field(default_factory=list)
    """The partnership's reviews (`reviews/*.yaml`), in file name order."""
    unloaded: frozenset[Path] = frozenset()
    """Files of this partnership that did not load (their own problems say why). Checks
    stay quiet about references into them rather than call the target missing."""
    frameworks: dict[str, LoadedFramework] = field(default_factory=dict)
    """The repository's frameworks (`<root>/frameworks/*.yaml`), by id: shared, read once."""
    unloaded_frameworks: frozenset[str] = frozenset()
    """Ids (file names) of framework files that did not load: links to them are not checked."""

    @property
    def id(self) -> str:
        return self.partnership.id

    def indicator_failed(self, indicator_id: str) -> bool:
        """Is there a file for this indicator id that did not load?"""
        return any(
            path.parent.name == "indicators" and path.stem == indicator_id for path in self.unloaded
        )

    def year_files_failed(self, period: Period) -> bool:
        """Did any file of the plan year for `period` fail to load (its plan or a theme)?"""
        for path in self.unloaded:
            inside = path.parent.name in ("themes", "progress")
            folder = path.parent.parent if inside else path.parent
            if folder.parent == self.folder and folder_period(folder.name) == period:
                return True
        return False

    def year(self, period: Period) -> LoadedYear | None:
        return next((year for year in self.years if year.period == period), None)

    def previous(self, year: LoadedYear) -> LoadedYear | None:
        """The latest plan year before this one."""
        earlier = [other for other in self.years if other.period < year.period]
        return earlier[-1] if earlier else None

    def lineage_target(self, year: LoadedYear, ref: str) -> tuple[Period | None, str]:
        """The plan year (period) and id a lineage or `dropped` reference in `year` points
        at: 'id' means the previous plan year here, '2017/18:id' names the year. The period
        is None when 'id' has no earlier plan year to mean."""
        if ":" in ref:
            period_text, item_id = ref.split(":", 1)
            return parse_period(period_text), item_id
        return self.previous_period(year), ref

    def previous_period(self, year: LoadedYear) -> Period | None:
        """The period of the latest plan year before this one, counting a year whose
        plan.yaml did not load (so lineage never skips to the year before it)."""
        periods = [other.period for other in self.years]
        for path in self.unloaded:
            if path.name == "plan.yaml" and path.parent.parent == self.folder:
                period = folder_period(path.parent.name)
                if period is not None:
                    periods.append(period)
        earlier = [period for period in periods if period < year.period]
        return max(earlier) if earlier else None


def folder_period(name: str) -> Period | None:
    """The period a plan year folder's name gives (2018-19), or None."""
    try:
        return parse_period(name)
    except ValueError:
        return None
