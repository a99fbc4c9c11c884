"""Load a partnership folder into typed models, collecting every problem on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cspplan.issues import Issue
from cspplan.loading import errors
from cspplan.loading.discovery import PartnershipLayout, framework_files, scan_partnership
from cspplan.loading.reader import SourceFile, parse_bytes, read_file
from cspplan.loading.schema_errors import schema_issues
from cspplan.model.collection import (
    LoadedFramework,
    LoadedFunding,
    LoadedPartnership,
    LoadedProgress,
    LoadedReview,
    LoadedYear,
)
from cspplan.model.framework import Framework
from cspplan.model.funding import FundingFile
from cspplan.model.indicator import Indicator
from cspplan.model.partnership import Partnership
from cspplan.model.plan import PlanFile, Theme
from cspplan.model.progress import ProgressFile
from cspplan.model.review import Review
from cspplan.paths import leads_outside

M = TypeVar("M", bound=BaseModel)


@dataclass
class LoadResult:
    """A loaded partnership (None if partnership.yaml itself failed) and its problems."""

    csp: LoadedPartnership | None
    issues: list[Issue] = field(default_factory=list)
    sources: dict[Path, SourceFile] = field(default_factory=dict)
    layout: PartnershipLayout | None = None
    unloaded: set[Path] = field(default_factory=set)
    """Files found on disk that did not become a model (unreadable, or schema errors)."""


class _Loader:
    def __init__(self, boundary: Path | None = None) -> None:
        self.issues: list[Issue] = []
        self.sources: dict[Path, SourceFile] = {}
        self.unloaded: set[Path] = set()
        self.boundary = boundary
        """Links leading out of this folder are refused, not read (F017)."""

    def model(
        self, path: Path, model: type[M], identity: tuple[str, str] | None = None
    ) -> M | None:
        """Read `path` and validate it as `model`; `identity` is (id, 'file'/'folder')."""
        if self.boundary is not None and path.is_symlink():
            real = leads_outside(path, self.boundary)
            if real is not None:
                self.issues.append(
                    errors.LINK_OUTSIDE.issue(path, target=str(real), root=str(self.boundary))
                )
                self.unloaded.add(path)
                return None
        loaded = self.parsed(path, *read_file(path), model, identity)
        if loaded is None:
            self.unloaded.add(path)
        return loaded

    def parsed(
        self,
        path: Path,
        source: SourceFile | None,
        problems: list[Issue],
        model: type[M],
        identity: tuple[str, str] | None = None,
    ) -> M | None:
        if source is not None:
            self.sources[path] = source
        self.issues.extend(problems)
        if source is None or source.data is None:
            return None
        data: dict[str, Any] = source.data
        if identity is not None:
            data = self._with_id(path, data, *identity)
            if data is None:
                return None
        try:
            return model.model_validate(data)
        except ValidationError as error:
            self.issues.extend(schema_issues(error, path, source.data, model, source))
            return None

    def _with_id(
        self, path: Path, data: dict[str, Any], name: str, where: str
    ) -> dict[str, Any] | None:
        given = data.get("id")
        if given is None:
            return {"id": name, **data}
        if given != name:
            self.issues.append(
                errors.ID_MISMATCH.issue(path, ("id",), id=given, where=where, name=name)
            )
            return None
        return data


def load_partnership(folder: Path, layout: PartnershipLayout | None = None) -> LoadResult:
    """Load every file of one partnership folder."""
    layout = layout or scan_partnership(folder)
    loader = _Loader(boundary=folder.resolve().parent)  # the partnerships and frameworks/
    for path, reason in layout.stray_files:
        loader.issues.append(errors.STRAY_FILE.issue(path, name=path.name, reason=reason))

    partnership = loader.model(
        layout.partnership_file, Partnership, (folder.resolve().name, "folder")
    )
    indicators: dict[str, Indicator] = {}
    indicator_files: dict[str, Path] = {}
    for path in layout.indicator_files:
        indicator = loader.model(path, Indicator, (path.stem, "file"))
        if indicator is not None:
            indicators[indicator.id] = indicator
            indicator_files[indicator.id] = path

    years: list[LoadedYear] = []
    for year_layout in layout.years:
        plan = loader.model(year_layout.plan_file, PlanFile)
        themes: dict[str, tuple[Theme, Path]] = {}
        for path in year_layout.theme_files:
            theme = loader.model(path, Theme, (path.stem, "file"))
            if theme is not None:
                themes[theme.id] = (theme, path)
        progress = [
            LoadedProgress(path, report)
            for path in year_layout.progress_files
            if (report := loader.model(path, ProgressFile)) is not None
        ]
        funding_file = year_layout.funding_file
        funding = loader.model(funding_file, FundingFile) if funding_file is not None else None
        if plan is None:
            continue
        year = LoadedYear(year_layout.folder, year_layout.plan_file, plan)
        if funding_file is not None and funding is not None:
            year.funding = LoadedFunding(funding_file, funding)
        year.progress = sorted(progress, key=lambda p: (p.period.sort_key(), str(p.file)))
        listed = set(plan.themes)
        for theme_id in plan.themes:
            if theme_id in themes:
                theme, path = themes[theme_id]
                year.themes.append(theme)
                year.theme_files[theme_id] = path
            elif not any(p.stem == theme_id for p in year_layout.theme_files):
                year.missing_themes.append(theme_id)
        year.unlisted_theme_files = [p for p in year_layout.theme_files if p.stem not in listed]
        years.append(year)

    reviews = [
        LoadedReview(path, review)
        for path in layout.review_files
        if (review := loader.model(path, Review, (path.stem, "file"))) is not None
    ]

    if partnership is None:
        return LoadResult(None, loader.issues, loader.sources, layout, loader.unloaded)
    years.sort(key=lambda year: year.period.sort_key())
    csp = LoadedPartnership(
        folder=folder,
        file=layout.partnership_file,
        partnership=partnership,
        indicators=indicators,
        indicator_files=indicator_files,
        years=years,
        reviews=reviews,
        unloaded=frozenset(loader.unloaded),
    )
    return LoadResult(csp, loader.issues, loader.sources, layout, loader.unloaded)


@dataclass
class FrameworksLoaded:
    """The frameworks of one repository root (`<root>/frameworks/*.yaml`), read once a run."""

    root: Path
    frameworks: dict[str, LoadedFramework] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    sources: dict[Path, SourceFile] = field(default_factory=dict)
    unloaded: frozenset[str] = frozenset()
    """Ids (file names) of framework files that did not load."""
    files: list[Path] = field(default_factory=list)


def load_frameworks(root: Path) -> FrameworksLoaded:
    """Every framework file of a repository root, with its problems (a file in a folder
    below `frameworks/` is a stray)."""
    found, strays = framework_files(root)
    loader = _Loader(boundary=root.resolve())
    for path in strays:
        reason = "framework files sit directly in frameworks/, not in sub-folders"
        loader.issues.append(errors.STRAY_FILE.issue(path, name=path.name, reason=reason))
    frameworks: dict[str, LoadedFramework] = {}
    for path in found:
        framework = loader.model(path, Framework, (path.stem, "file"))
        if framework is not None:
            frameworks[framework.id] = LoadedFramework(path, framework)
    return FrameworksLoaded(
        root=root,
        frameworks=frameworks,
        issues=loader.issues,
        sources=loader.sources,
        unloaded=frozenset(path.stem for path in loader.unloaded),
        files=found,
    )


def load_model(path: Path, model: type[M]) -> tuple[M | None, list[Issue]]:
    """One file on its own as `model` (for commands that edit beside it), with its problems."""
    loader = _Loader()
    loaded = loader.model(path, model)
    return loaded, loader.issues


def load_indicator(path: Path) -> tuple[Indicator | None, list[Issue], SourceFile | None]:
    """One indicator file on its own (for commands that edit it), with its problems."""
    loader = _Loader()
    indicator = loader.model(path, Indicator, (path.stem, "file"))
    return indicator, loader.issues, loader.sources.get(path)


def problems_in_text(
    path: Path, text: str, model: type[BaseModel], identity: tuple[str, str] | None = None
) -> list[Issue]:
    """What validate would say about `text` as the contents of `path` (before it is written)."""
    loader = _Loader()
    loader.parsed(path, *parse_bytes(path, text.encode("utf-8")), model, identity)
    return loader.issues


def load_lone_file(path: Path) -> tuple[SourceFile | None, list[Issue]]:
    """A YAML file outside any partnership: report what can be said about it alone."""
    source, problems = read_file(path)
    if not problems:
        problems = [errors.OUTSIDE_PARTNERSHIP.issue(path, line=1, column=1)]
    return source, problems
