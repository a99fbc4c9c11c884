"""Validate plans: load, check, apply the configuration, locate, sort."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from cspplan.catalogue import all_checks
from cspplan.checks.dependencies import Need, needed_files
from cspplan.config import Config
from cspplan.issues import Issue, Layer, Severity
from cspplan.loading.bulk import map_in_order
from cspplan.loading.discovery import Selection, resolved, select
from cspplan.loading.loader import LoadResult, load_lone_file, load_partnership
from cspplan.loading.reader import SourceFile
from cspplan.model.collection import PartnershipPlans


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)
    files: int = 0
    partnerships: list[PartnershipPlans] = field(default_factory=list)
    """The loaded plans (empty unless validate was asked to keep them)."""
    partnership_ids: list[str] = field(default_factory=list)
    """Every partnership that loaded, kept or not."""
    sources: dict[Path, SourceFile] = field(default_factory=dict, repr=False)
    skipped: list[Path] = field(default_factory=list)
    """Partnerships whose reference and content checks could not run (partnership.yaml did
    not load)."""
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


def validate(
    paths: list[Path],
    config: Config | None = None,
    *,
    keep_plans: bool = True,
    jobs: int | None = 1,
) -> Report:
    """Check every plan under `paths` and report problems in files under those paths.

    `keep_plans`: keep the loaded plans in the report (commands that go on to use them);
    `jobs`: processes to check partnerships in; None for as many as pay, up to the cores
    (the command line's default; a program calling this is not forked unless it asks)."""
    config = config or Config()
    selection = select(paths)
    report = Report(
        issues=list(selection.issues), selection=selection
    )  # problems with the named paths: always shown
    check = partial(_check_partnership, config=config, selection=selection, keep=keep_plans)
    for checked in map_in_order(check, selection.partnerships, jobs=jobs):
        report.files += checked.files
        report.issues.extend(checked.issues)
        report.sources.update(checked.sources)
        if checked.partnership_id is not None:
            report.partnership_ids.append(checked.partnership_id)
        if checked.plans is not None:
            report.partnerships.append(checked.plans)
        if not checked.checks_ran:
            report.skipped.append(checked.folder)
    for path in selection.lone_files:
        source, problems = load_lone_file(path)
        report.files += 1
        kept = _keep(problems, selection, config, {})
        report.sources.update(_with_issues(kept, {path: source} if source else {}))
        report.issues.extend(kept)
    report.issues.sort(key=Issue.sort_key)
    return report


@dataclass
class _Checked:
    """One partnership's part of the report (what a worker process sends back)."""

    folder: Path
    files: int
    checks_ran: bool
    issues: list[Issue]
    sources: dict[Path, SourceFile]
    partnership_id: str | None
    plans: PartnershipPlans | None


def _check_partnership(
    folder: Path, *, config: Config, selection: Selection, keep: bool
) -> _Checked:
    result = load_partnership(folder)
    found = list(result.issues)
    if result.plans is not None:  # checks run on what loaded; they skip what did not
        found += run_checks(result, config)
    needs = needed_files(result, selection.reports_on)
    kept = _keep(found, selection, config, needs)
    return _Checked(
        folder=folder,
        files=len(result.sources),
        checks_ran=result.plans is not None,
        issues=kept,
        sources=_with_issues(kept, result.sources),
        partnership_id=result.plans.id if result.plans is not None else None,
        plans=result.plans if keep else None,
    )


def _keep(
    found: list[Issue], selection: Selection, config: Config, needs: dict[Path, Need]
) -> list[Issue]:
    """Apply the configuration and the report filter (the named files and the files they
    need), then locate what is left while the partnership's files are at hand."""
    kept = []
    for issue in found:
        if issue.type.code in config.disabled:
            continue
        if not selection.reports_on(issue.file):
            assert issue.file is not None
            need = needs.get(resolved(issue.file))
            loading = issue.type.layer in (Layer.FILE, Layer.SCHEMA)
            if need is None or (need.loading_only and not loading):
                continue
            issue.needed_by = need.named_file
        issue.severity = config.severity.get(issue.type.code, issue.severity)
        kept.append(issue)
    return kept


def _with_issues(issues: list[Issue], sources: dict[Path, SourceFile]) -> dict[Path, SourceFile]:
    """Locate `issues`; only files with problems keep their text (for excerpts)."""
    locate(issues, sources)
    return {i.file: sources[i.file] for i in issues if i.file in sources}


def run_checks(result: LoadResult, config: Config) -> list[Issue]:
    """Every enabled check on the plans that loaded (files that did not load are left to
    their own problems: checks stay quiet about references into them)."""
    assert result.plans is not None
    issues: list[Issue] = []
    for check in all_checks():
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
