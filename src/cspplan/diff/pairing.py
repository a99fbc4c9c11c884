"""Which two things `cspplan diff` compares, worked out from what it was given.

Two plan year folders; two progress files (a theme's answers quarter to quarter); a
partnership folder (its last two years); a folder of partnerships (each one's last two
years); or git revisions (`--rev`), read from git into
a temporary folder and compared partnership by partnership. Plans are opened through an
`Opener`, so the command can list the errors and stop its own way while the Python API
and tests get a `PlanError` (`trusted`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Protocol

from cspplan.diff.compare import Comparison, PlanDiff, Side, compare
from cspplan.exceptions import PlanError, UsageError

if TYPE_CHECKING:
    from collections.abc import Callable

    from cspplan.config import Config
    from cspplan.diff.revisions import Revisions
    from cspplan.model.collection import LoadedPartnership, LoadedProgress, LoadedYear
    from cspplan.workspace import Workspace

TWO_YEARS = (
    "name two plan year folders, or just the partnership folder to compare its last two years"
)
WHAT_DIFF_TAKES = (
    "cspplan diff compares two plan year folders (OLD NEW), the last two years of one "
    "partnership folder, or git revisions with --rev; see cspplan diff --help"
)


class Opener(Protocol):
    """Opens the plans under `paths` and returns them only if they can be trusted."""

    def __call__(
        self,
        paths: Sequence[Path],
        *,
        config: Config | None = None,
        where: str = "",
        relabel: Path | None = None,
        then: Callable[[LoadedPartnership], object] | None = None,
        keep_plans: bool = True,
    ) -> Workspace: ...


def trusted(
    paths: Sequence[Path],
    *,
    config: Config | None = None,
    where: str = "",
    relabel: Path | None = None,
    then: Callable[[LoadedPartnership], object] | None = None,
    keep_plans: bool = True,
) -> Workspace:
    """The plans, or a `PlanError` with their problems (named as at the revision `where`
    when they were exported to `relabel`)."""
    from cspplan.workspace import open_plans

    workspace = open_plans(paths, config=config, then=then, keep_plans=keep_plans)
    if not workspace.usable:
        if relabel is not None:
            workspace = workspace.relabelled(relabel, where)
        raise PlanError(workspace.issues)
    return workspace


@dataclass
class Pair:
    """Two sides to compare, named: their partnerships' ids and what each side is called."""

    old_id: str
    old_name: str
    new_id: str
    new_name: str
    sides: tuple[Side, Side] | None = None
    """The plans themselves, where they are at hand; else `diff` was worked out already."""
    diff: PlanDiff | None = None

    @classmethod
    def of(cls, old: Side, new: Side) -> Pair:
        return cls(old.csp.id, old.name, new.csp.id, new.name, sides=(old, new))

    def compared(self) -> PlanDiff:
        if self.diff is None:
            assert self.sides is not None
            self.diff = compare(*self.sides)
        return self.diff


@dataclass
class Pairs:
    """The plan years to compare, old side first, and what the two sides are called."""

    old_name: str
    new_name: str
    pairs: list[Pair] = field(default_factory=list)

    def compare(self) -> Comparison:
        """Each pair's changes; pairs that did not change are left out."""
        parts = [part for pair in self.pairs if (part := pair.compared()).changes]
        return Comparison(self.old_name, self.new_name, parts)


# -- folders ------------------------------------------------------------------------------------


def pair_folders(paths: Sequence[Path], open_plans: Opener = trusted) -> Pairs:
    """Two plan year folders, or one partnership's (or each partnership's) last two years."""
    if len(paths) == 1:
        return _last_two_years(
            open_plans(paths, then=last_two_compared, keep_plans=False), paths[0]
        )
    if len(paths) == 2:
        if all(path.is_file() for path in paths):
            return _two_progress_files(open_plans(paths), paths)
        return _two_years(open_plans(paths), paths)
    raise UsageError(WHAT_DIFF_TAKES)


def _last_two_years(workspace: Workspace, folder: Path) -> Pairs:
    """A partnership folder's last two plan years; or, in a folder of partnerships (a
    regional or national collection), each one's, skipping those with a single year. Both
    were compared as the plans were checked (`last_two_compared`), so no plans are kept."""
    from cspplan.loading.discovery import PARTNERSHIP_FILE

    by_folder = {path.resolve(): pair for path, pair in workspace.worked.items()}
    own = by_folder.get(folder.resolve())
    if isinstance(own, Pair):
        return Pairs(own.old_name, own.new_name, [own])
    if (folder / PARTNERSHIP_FILE).is_file():
        raise UsageError(f"{folder} has only one plan year, so there is nothing to compare")
    if not folder.is_dir() or (folder / "plan.yaml").is_file():
        raise UsageError(
            f"{folder} is not a partnership folder; name two plan year folders to compare"
        )
    pairs = [pair for pair in workspace.worked.values() if isinstance(pair, Pair)]
    if not pairs:
        raise UsageError(f"no partnership under {folder} has two plan years to compare")
    return Pairs("the previous plan year", "the latest plan year", pairs)


def last_two_compared(csp: LoadedPartnership) -> Pair | None:
    """A partnership's last two plan years, compared where the partnership was checked
    (`workspace.check(then=...)`): a national folder's comparisons share its worker
    processes, and its plans need not travel back to this one."""
    if len(csp.years) < 2:
        return None
    old, new = (Side(csp, year, year.label) for year in csp.years[-2:])
    pair = Pair.of(old, new)
    pair.compared()
    pair.sides = None
    return pair


def _two_years(workspace: Workspace, paths: Sequence[Path]) -> Pairs:
    """Two plan year folders: named by their years when they are one partnership's, else by
    their folders."""
    from cspplan.rendering.issue_formats import display_path

    found = [workspace.year_at(path, hint=TWO_YEARS) for path in paths]
    same = found[0][0] is found[1][0]
    old, new = (
        Side(csp, year, year.label if same else display_path(path))
        for (csp, year), path in zip(found, paths, strict=True)
    )
    return Pairs(old.name, new.name, [Pair.of(old, new)])


def _two_progress_files(workspace: Workspace, paths: Sequence[Path]) -> Pairs:
    """Two progress files (Q1 and Q2 of a year, say), named by the periods they report on
    (or by their files, when those are the same)."""
    found = [_progress_at(workspace, path) for path in paths]
    periods = [loaded.label for _, _, loaded in found]
    names = periods if periods[0] != periods[1] else [str(path) for path in paths]
    old, new = (
        Side(csp, year, name, loaded)
        for (csp, year, loaded), name in zip(found, names, strict=True)
    )
    return Pairs(old.name, new.name, [Pair.of(old, new)])


def _progress_at(
    workspace: Workspace, path: Path
) -> tuple[LoadedPartnership, LoadedYear, LoadedProgress]:
    wanted = path.resolve()
    for csp in workspace.partnerships:
        for year in csp.years:
            for loaded in year.progress:
                if loaded.file.resolve() == wanted:
                    return csp, year, loaded
    raise UsageError(
        f"{path} is not a progress file (<year>/progress/<file>.yaml); diff compares two "
        "progress files, or two plan year folders"
    )


# -- git revisions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Commits:
    """What `--rev` names, resolved in the repository holding the paths."""

    repo: Path
    relative: list[PurePosixPath]
    """The paths compared, relative to the repository."""
    old: str
    new: str | None
    """None: the working tree."""


def resolve_revisions(wanted: Revisions, paths: Sequence[Path]) -> Commits:
    """The commits to compare; `A...B` compares B with where it branched from A."""
    from cspplan import git
    from cspplan.diff.revisions import NOT_A_REPOSITORY

    repo = git.repository_root(paths[0], otherwise=NOT_A_REPOSITORY)
    relative = git.inside(repo, list(paths))
    old = git.commit_of(repo, wanted.old)
    new = git.commit_of(repo, wanted.new) if wanted.new else None
    if wanted.merge_base and new is not None:
        old = git.merge_base(repo, old, new)
    return Commits(repo, relative, old, new)


def compare_revisions(
    text: str, paths: Sequence[Path] = (), open_plans: Opener = trusted
) -> Comparison:
    """The plans under `paths` (none: the default ones) at two revisions, or at one and in
    the working tree, read from git without checking anything out."""
    import tempfile

    from cspplan.diff.revisions import parse_revisions
    from cspplan.diff.sets import compare_sets
    from cspplan.workspace import chosen_paths, config_for

    wanted = parse_revisions(text)
    chosen = chosen_paths(list(paths))[0]
    commits = resolve_revisions(wanted, chosen)
    config = config_for(chosen)
    with tempfile.TemporaryDirectory(prefix="cspplan-diff-") as temporary:
        before = _at_revision(
            commits, commits.old, wanted.old, Path(temporary, "old"), config, open_plans
        )
        if commits.new is None:
            after = open_plans(chosen, config=config)
        else:
            after = _at_revision(
                commits, commits.new, wanted.new_name, Path(temporary, "new"), config, open_plans
            )
        parts: list[PlanDiff] = compare_sets(
            before.partnerships,
            after.partnerships,
            wanted.old,
            wanted.new_name,
            include=before.chosen | after.chosen,
        )
    return Comparison(wanted.old, wanted.new_name, parts)


def _at_revision(
    commits: Commits, commit: str, name: str, into: Path, config: Config, open_plans: Opener
) -> Workspace:
    """The plans as at `commit`, exported into `into`; none if they were not there yet."""
    from cspplan import git
    from cspplan.workspace import Workspace

    into.mkdir()
    exported = git.export(commits.repo, commit, commits.relative, into)
    if not exported:
        return Workspace()  # the plans were not there yet: everything is new
    git.export(commits.repo, commit, _frameworks_beside(commits.relative), into)
    return open_plans(exported, config=config, where=name, relabel=into)


def _frameworks_beside(relative: list[PurePosixPath]) -> list[PurePosixPath]:
    """The `frameworks/` folders a compared partnership may link to (one beside each folder
    above it): exported too, so its links resolve as they did at the revision, but not
    compared themselves."""
    from cspplan.loading.discovery import FRAMEWORKS_DIR

    above = {parent for path in relative for parent in path.parents}
    return sorted(folder / FRAMEWORKS_DIR for folder in above if FRAMEWORKS_DIR not in folder.parts)


def compare_paths(
    paths: Sequence[Path], revisions: str | None = None, open_plans: Opener = trusted
) -> Comparison:
    """What `cspplan diff PATHS [--rev REVISIONS]` compares."""
    if revisions is None:
        return pair_folders(paths, open_plans).compare()
    return compare_revisions(revisions, paths, open_plans)
