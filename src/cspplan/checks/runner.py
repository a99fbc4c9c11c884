"""Validate plans: load, check, apply the configuration, locate, sort."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cspplan.checks.registry import CHECKS
from cspplan.config import Config
from cspplan.issues import Issue, Severity
from cspplan.loading.discovery import Selection, select
from cspplan.loading.loader import LoadResult, load_lone_file, load_partnership
from cspplan.loading.reader import SourceFile
from cspplan.model.collection import PartnershipPlans


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)
    files: int = 0
    partnerships: list[PartnershipPlans] = field(default_factory=list)
    sources: dict[Path, SourceFile] = field(default_factory=dict, repr=False)
    skipped: list[Path] = field(default_factory=list)
    """Partnerships whose reference and content checks were skipped (file or schema errors)."""
    selection: Selection | None = field(default=None, repr=False)
    """What the named paths asked for (commands that go on to use the plans need it)."""

    @property
    def errors(self) -> int:
        return sum(1 for issue in self.issues if issue.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for issue in self.issues if issue.severity is Severity.WARNING)

    @property
    def io_problem(self) -> bool:
        return any(issue.type.io for issue in self.issues)

    def exit_code(self, *, strict: bool = False) -> int:
        if self.io_problem:
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0


def validate(paths: list[Path], config: Config | None = None) -> Report:
    """Check every plan under `paths` and report problems in files under those paths."""
    config = config or Config()
    selection = select(paths)
    report = Report(
        issues=list(selection.issues), selection=selection
    )  # problems with the named paths: always shown
    for folder in selection.partnerships:
        result = load_partnership(folder)
        report.files += len(result.sources)
        found = list(result.issues)
        if result.plans is not None:
            report.partnerships.append(result.plans)
        if result.complete:
            found += run_checks(result, config)
        else:
            report.skipped.append(folder)
        _keep(report, found, result.sources, selection, config)
    for path in selection.lone_files:
        source, problems = load_lone_file(path)
        report.files += 1
        _keep(report, problems, {path: source} if source else {}, selection, config)
    report.issues.sort(key=Issue.sort_key)
    return report


def _keep(
    report: Report,
    found: list[Issue],
    sources: dict[Path, SourceFile],
    selection: Selection,
    config: Config,
) -> None:
    """Apply the configuration and the report filter, then locate what is left while the
    partnership's files are at hand; only files with problems keep their text (for excerpts)."""
    kept = []
    for issue in found:
        if issue.type.code in config.disabled or not selection.reports_on(issue.file):
            continue
        issue.severity = config.severity.get(issue.type.code, issue.severity)
        kept.append(issue)
    locate(kept, sources)
    report.issues.extend(kept)
    report.sources.update({i.file: sources[i.file] for i in kept if i.file in sources})


def run_checks(result: LoadResult, config: Config) -> list[Issue]:
    assert result.plans is not None
    issues: list[Issue] = []
    for check in CHECKS:
        if check.type.code not in config.disabled:
            issues.extend(check.run(result.plans))
    return issues


def locate(issues: list[Issue], sources: dict[Path, SourceFile]) -> None:
    """Fill in line and column from each file's node tree (built only for files with issues)."""
    for issue in issues:
        if issue.line is not None or issue.file is None:
            continue
        source = sources.get(issue.file)
        if source is None:
            continue
        position = source.locate(issue.path, key=issue.point_at_key)
        if position is not None:
            issue.line, issue.column = position
