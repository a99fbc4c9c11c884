"""Opening plans, once, for every command and the Python API.

`open_plans` does what every user of plans needs, in one place: the default paths (the
working folder's plans, else the shipped ones), the nearest cspplan.toml, selecting what
the paths name, loading each partnership, running the checks, applying the configuration
and locating each problem. It returns one `Workspace`: the issues and counts (what
`validate` reports), the loaded plans and the selection (what status, diff, render and
new-year use), and the lookups they share. `cspplan.load()` returns the same object.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from cspplan.checks.dependencies import Need, needed_files
from cspplan.checks.runner import run_checks, run_framework_checks
from cspplan.config import Config, load_config
from cspplan.exceptions import PlanError, UsageError
from cspplan.issues import Issue, Layer, Severity
from cspplan.loading.defaults import default_paths
from cspplan.loading.discovery import Selection, resolved, select
from cspplan.loading.loader import (
    load_frameworks,
    load_lone_file,
    load_partnership,
)
from cspplan.loading.reader import SourceFile
from cspplan.parallel import map_in_order

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from cspplan.model.collection import LoadedFramework, LoadedPartnership, LoadedYear
    from cspplan.model.periods import Period


@dataclass
class Workspace:
    """The plans the paths name, with every problem found in them."""

    issues: list[Issue] = field(default_factory=list)
    files: int = 0
    partnerships: list[LoadedPartnership] = field(default_factory=list)
    """The loaded plans (empty when opened with keep_plans=False, as validate does)."""
    partnership_ids: list[str] = field(default_factory=list)
    """Every partnership that loaded, kept or not."""
    sources: dict[Path, SourceFile] = field(default_factory=dict, repr=False)
    skipped: list[Path] = field(default_factory=list)
    """Partnerships whose reference and content checks could not run (partnership.yaml did
    not load)."""
    selection: Selection | None = field(default=None, repr=False)
    """What the named paths asked for."""
    note: str | None = None
    """Why other paths than those named were used (no paths, so the shipped plans)."""
    frameworks: dict[str, LoadedFramework] = field(default_factory=dict)
    """The frameworks of the repositories read (`<root>/frameworks/*.yaml`), by id."""
    worked: dict[Path, object] = field(default_factory=dict, repr=False)
    """What `check(then=...)` made of each partnership without errors, by its folder."""

    # -- the report --------------------------------------------------------------------------

    @property
    def errors(self) -> int:
        return sum(1 for issue in self.issues if issue.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for issue in self.issues if issue.severity is Severity.WARNING)

    @property
    def io_problem(self) -> bool:
        return any(issue.type.io for issue in self.issues)

    @property
    def usable(self) -> bool:
        """No errors and nothing unreadable: the plans can be trusted as models."""
        return not (self.errors or self.io_problem)

    def exit_code(self, *, strict: bool = False) -> int:
        if self.io_problem:
            return 2
        if self.errors or (strict and self.warnings):
            return 1
        return 0

    def refuse_errors(self) -> None:
        """Raise `PlanError` (with the issues) if the plans cannot be used."""
        if not self.usable:
            raise PlanError(self.issues)

    # -- the plans ---------------------------------------------------------------------------

    def partnership(self, partnership_id: str) -> LoadedPartnership | None:
        return next((p for p in self.partnerships if p.id == partnership_id), None)

    @property
    def chosen(self) -> set[tuple[str, Period]]:
        """(partnership id, period) of the plan years the named paths point at or contain."""
        return {
            (csp.id, year.period)
            for csp in self.partnerships
            for year in csp.years
            if self.selection is None or self.selection.touches(year.folder)
        }

    def chosen_years(self) -> list[tuple[LoadedPartnership, LoadedYear]]:
        """The plan years the paths name or contain; a partnership none of whose years is
        named (its partnership.yaml named alone) gives all of them."""
        touches = self.selection.touches if self.selection is not None else lambda _: True
        return [
            (csp, year)
            for csp in self.partnerships
            for year in [y for y in csp.years if touches(y.folder)] or csp.years
        ]

    def partnership_at(self, path: Path) -> LoadedPartnership | None:
        wanted = path.resolve()
        return next((p for p in self.partnerships if p.folder.resolve() == wanted), None)

    def year_at(self, path: Path, *, hint: str) -> tuple[LoadedPartnership, LoadedYear]:
        """The plan year a folder holds; a partnership folder or anything else is a usage
        error that says what to name instead."""
        wanted = path.resolve()
        for csp in self.partnerships:
            for year in csp.years:
                if year.folder.resolve() == wanted:
                    return csp, year
            if csp.folder.resolve() == wanted:
                example = csp.years[-1].folder.name if csp.years else "2018-19"
                raise UsageError(
                    f"{path} is a partnership folder; {hint} (such as {path / example})"
                )
        raise UsageError(f"{path} is not a plan year folder (a folder holding plan.yaml)")

    def relabelled(self, folder: Path, where: str) -> Workspace:
        """A copy whose problems in the temporary export `folder` (a git revision) are named
        as '<where>:plans/...' rather than by the temporary path."""
        issues = [
            replace(
                issue,
                file=issue.file and _relabelled(issue.file, folder, where),
                message=_relabelled_text(issue.message, folder, where),
                hint=issue.hint and _relabelled_text(issue.hint, folder, where),
            )
            for issue in self.issues
        ]
        skipped = [_relabelled(path, folder, where) for path in self.skipped]
        return replace(self, issues=issues, skipped=skipped)


def _relabelled(path: Path, folder: Path, where: str) -> Path:
    """A path inside the temporary export `folder` as 'REV:plans/...'; others unchanged."""
    if not path.is_relative_to(folder):
        return path
    return Path(f"{where}:{path.relative_to(folder).as_posix()}")


def _relabelled_text(text: str, folder: Path, where: str) -> str:
    """A message that names a path in the temporary export, naming it as 'REV:plans/...'."""
    for form in {str(folder), str(folder.resolve())}:
        text = text.replace(form + "/", f"{where}:").replace(form, f"{where}:.")
    return text


# -- opening ---------------------------------------------------------------------------------


def chosen_paths(paths: Sequence[Path]) -> tuple[list[Path], str | None]:
    """The paths named, or else the default ones with a note saying which."""
    if paths:
        return list(paths), None
    return default_paths()


def config_for(paths: Sequence[Path], path: Path | None = None) -> Config:
    """The configuration at `path`, or the cspplan.toml nearest the first path (or the
    working folder)."""
    start = paths[0] if paths and paths[0].exists() else Path.cwd()
    return load_config(path, start=start)


def open_plans(
    paths: Sequence[str | Path] = (),
    *,
    config: Config | None = None,
    jobs: int | None = 1,
    then: Callable[[LoadedPartnership], object] | None = None,
    keep_plans: bool = True,
) -> Workspace:
    """Open the plans under `paths` (none: the default ones), with the nearest cspplan.toml
    unless `config` is given. Never raises for problems in the plans: see `issues`,
    `usable` and `refuse_errors`."""
    chosen, note = chosen_paths([Path(path) for path in paths])
    workspace = check(
        chosen, config or config_for(chosen), jobs=jobs, then=then, keep_plans=keep_plans
    )
    workspace.note = note
    return workspace


def check(
    paths: list[Path],
    config: Config | None = None,
    *,
    keep_plans: bool = True,
    jobs: int | None = 1,
    then: Callable[[LoadedPartnership], object] | None = None,
) -> Workspace:
    """Check every plan under `paths` and report problems in files under those paths.

    `keep_plans`: keep the loaded plans (commands that go on to use them); `jobs`:
    processes to check partnerships in; None for as many as pay, up to the cores (the
    command line's default; a program calling this is not forked unless it asks);
    `then`: a module-level function of each partnership without errors, run where it was
    checked (so in its worker process, beside the plans) and kept in `worked`: what a
    command makes of every partnership costs no second pass in one process."""
    config = config or Config()
    selection = select(paths)
    workspace = Workspace(
        issues=list(selection.issues), selection=selection
    )  # problems with the named paths: always shown
    shared = {root.resolve(): load_frameworks(root) for root in selection.framework_roots}
    for loaded in shared.values():
        for framework_id, framework in loaded.frameworks.items():
            workspace.frameworks.setdefault(framework_id, framework)
    checking = partial(
        _check_partnership,
        config=config,
        selection=selection,
        keep=keep_plans,
        then=then,
        shared={root: (one.frameworks, one.unloaded) for root, one in shared.items()},
    )
    needed: dict[Path, dict[str, Path]] = {root: {} for root in shared}
    for checked in map_in_order(checking, selection.partnerships, jobs=jobs):
        root = checked.folder.parent.resolve()
        for framework_id, named_file in checked.frameworks_needed.items():
            needed.setdefault(root, {}).setdefault(framework_id, named_file)
        workspace.files += checked.files
        workspace.issues.extend(checked.issues)
        workspace.sources.update(checked.sources)
        if checked.partnership_id is not None:
            workspace.partnership_ids.append(checked.partnership_id)
        if checked.csp is not None:
            workspace.partnerships.append(checked.csp)
        if not checked.checks_ran:
            workspace.skipped.append(checked.folder)
        if checked.worked is not None:
            workspace.worked[checked.folder] = checked.worked
    for root, loaded in shared.items():
        found = loaded.issues + run_framework_checks(loaded.frameworks, config)
        needs = {
            resolved(path): Need(needed[root][path.stem], False)
            for path in loaded.files
            if path.stem in needed.get(root, {})
        }
        workspace.files += sum(
            1 for path in loaded.files if selection.reports_on(path) or resolved(path) in needs
        )
        kept = _keep(found, selection, config, needs)
        workspace.sources.update(_with_issues(kept, loaded.sources))
        workspace.issues.extend(kept)
    for path in selection.lone_files:
        source, problems = load_lone_file(path)
        workspace.files += 1
        kept = _keep(problems, selection, config, {})
        workspace.sources.update(_with_issues(kept, {path: source} if source else {}))
        workspace.issues.extend(kept)
    workspace.issues.sort(key=Issue.sort_key)
    return workspace


@dataclass
class _Checked:
    """One partnership's part of the workspace (what a worker process sends back)."""

    folder: Path
    files: int
    checks_ran: bool
    issues: list[Issue]
    sources: dict[Path, SourceFile]
    partnership_id: str | None
    csp: LoadedPartnership | None
    frameworks_needed: dict[str, Path] = field(default_factory=dict)
    """Framework id -> the first named file that links to it."""
    worked: object = None
    """What `then` made of the partnership (None: not asked, or it has errors)."""


def _check_partnership(
    folder: Path,
    *,
    config: Config,
    selection: Selection,
    keep: bool,
    shared: dict[Path, tuple[dict[str, LoadedFramework], frozenset[str]]] | None = None,
    then: Callable[[LoadedPartnership], object] | None = None,
) -> _Checked:
    from cspplan.checks.frameworks import frameworks_needed

    result = load_partnership(folder)
    found = list(result.issues)
    needed: dict[str, Path] = {}
    if result.csp is not None:  # checks run on what loaded; they skip what did not
        frameworks, unloaded = (shared or {}).get(folder.parent.resolve(), ({}, frozenset()))
        result.csp.frameworks = dict(frameworks)
        result.csp.unloaded_frameworks = unloaded
        found += run_checks(result, config)
        needed = frameworks_needed(result.csp, selection.reports_on)
    needs = needed_files(result, selection.reports_on)
    kept = _keep(found, selection, config, needs)
    worked = None
    trusted = not any(issue.severity is Severity.ERROR or issue.type.io for issue in kept)
    if then is not None and result.csp is not None and trusted:
        worked = then(result.csp)
    return _Checked(
        folder=folder,
        files=len(result.sources),
        checks_ran=result.csp is not None,
        issues=kept,
        sources=_with_issues(kept, result.sources),
        partnership_id=result.csp.id if result.csp is not None else None,
        csp=result.csp if keep else None,
        frameworks_needed=needed,
        worked=worked,
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
