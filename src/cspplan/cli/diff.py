"""`cspplan diff`: what changed between two plan years, or between git revisions of the plans."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

import click

from cspplan.cli.options import emit, format_option, output_option
from cspplan.cli.plans import Purpose, open_for
from cspplan.exceptions import UsageError

if TYPE_CHECKING:
    from cspplan.config import Config
    from cspplan.diff.compare import Comparison, Side
    from cspplan.workspace import Workspace

FORMATS = ("text", "markdown", "json")
COMPARING = Purpose("compared", exit_code=2)
TWO_YEARS = (
    "name two plan year folders, or just the partnership folder to compare its last two years"
)


@click.command("diff")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--rev",
    "revisions",
    metavar="REV|A..B|A...B",
    help="Compare git revisions: REV against the working tree, A against B, or B against "
    "where it branched from A (as a pull request does). PATHS then limit what is compared.",
)
@format_option(FORMATS, "text, markdown (for pull-request comments and job summaries) or json.")
@click.option("--stat", is_flag=True, help="Only the counts of what changed.")
@click.option(
    "--exit-code",
    "exit_code",
    is_flag=True,
    help="Exit 1 when there are differences and 0 when there are none, like git diff.",
)
@click.option(
    "--max-chars",
    "max_chars",
    type=click.IntRange(min=0),
    default=65_000,
    show_default=True,
    help="Markdown only: leave out details past this length (a GitHub comment takes 65,536 "
    "characters; a job summary 1 MiB). 0 for no limit.",
)
@output_option
def command(
    paths: tuple[Path, ...],
    revisions: str | None,
    output_format: str,
    stat: bool,
    exit_code: bool,
    max_chars: int,
    output: Path | None,
) -> None:
    """Show what changed, in plan terms: themes, actions, leads, targets, figures, statuses.

    \b
    cspplan diff OLD_YEAR NEW_YEAR     two plan year folders
    cspplan diff PARTNERSHIP           its last two plan years
    cspplan diff --rev origin/main     the working tree against a revision
    cspplan diff --rev A..B [PATHS]    two revisions, read from git (nothing is checked out)

    Exit status: 0 compared (with --exit-code: no differences), 1 differences with
    --exit-code, 2 the plans could not be compared (errors in them, a missing path, an
    unknown revision).
    """
    from cspplan.rendering import diff_formats as diff_output

    if revisions is None:
        comparison = _compare_folders(list(paths))
    else:
        comparison = _compare_revisions(revisions, list(paths))
    if output_format == "text" and output is None:
        from cspplan.cli.console import make_console

        diff_output.print_diff(comparison, make_console(), stat=stat)
    else:
        emit(diff_output.render(comparison, output_format, stat=stat, limit=max_chars), output)
    if exit_code and comparison.changes:
        raise SystemExit(1)


# -- two folders --------------------------------------------------------------------------------


def _compare_folders(paths: list[Path]) -> Comparison:
    from cspplan.diff.compare import Comparison, Side, compare
    from cspplan.rendering.issue_formats import display_path

    if len(paths) == 1:
        workspace = open_for(paths, doing=COMPARING)
        plans = workspace.partnership_at(paths[0])
        if plans is None:
            return _compare_each_partnership(workspace, paths[0])
        if len(plans.years) < 2:
            raise UsageError(f"{paths[0]} has only one plan year, so there is nothing to compare")
        sides: list[Side] = [Side(plans, year, year.label) for year in plans.years[-2:]]
    elif len(paths) == 2:
        workspace = open_for(paths, doing=COMPARING)
        found = [workspace.year_at(path, hint=TWO_YEARS) for path in paths]
        same = found[0][0] is found[1][0]
        sides = [
            Side(plans, year, year.label if same else display_path(path))
            for (plans, year), path in zip(found, paths, strict=True)
        ]
    else:
        raise UsageError(
            "cspplan diff compares two plan year folders (OLD NEW), the last two years of one "
            "partnership folder, or git revisions with --rev; see cspplan diff --help"
        )
    part = compare(*sides)
    parts = [part] if part.changes else []
    return Comparison(sides[0].name, sides[1].name, parts)


def _compare_each_partnership(workspace: Workspace, folder: Path) -> Comparison:
    """A folder of partnerships (a regional or national collection): each one's last two
    plan years; partnerships with a single plan year have nothing to compare."""
    from cspplan.diff.compare import Comparison, Side, compare

    if not folder.is_dir() or (folder / "plan.yaml").is_file():
        raise UsageError(
            f"{folder} is not a partnership folder; name two plan year folders to compare"
        )
    parts = []
    for plans in workspace.partnerships:
        if len(plans.years) >= 2:
            old, new = (Side(plans, year, year.label) for year in plans.years[-2:])
            part = compare(old, new)
            if part.changes:
                parts.append(part)
    if not any(len(plans.years) >= 2 for plans in workspace.partnerships):
        raise UsageError(f"no partnership under {folder} has two plan years to compare")
    return Comparison("the previous plan year", "the latest plan year", parts)


# -- git revisions ------------------------------------------------------------------------------


def _compare_revisions(text: str, paths: list[Path]) -> Comparison:
    import tempfile

    from cspplan import git
    from cspplan.diff.compare import Comparison
    from cspplan.diff.revisions import NOT_A_REPOSITORY, parse_revisions
    from cspplan.diff.sets import compare_sets
    from cspplan.workspace import chosen_paths, config_for

    wanted = parse_revisions(text)
    chosen = chosen_paths(paths)[0]
    repo = git.repository_root(chosen[0], otherwise=NOT_A_REPOSITORY)
    relative = git.inside(repo, chosen)
    old_commit = git.commit_of(repo, wanted.old)
    new_commit = git.commit_of(repo, wanted.new) if wanted.new else None
    if wanted.merge_base and new_commit is not None:
        old_commit = git.merge_base(repo, old_commit, new_commit)
    config = config_for(chosen)
    with tempfile.TemporaryDirectory(prefix="cspplan-diff-") as temporary:
        before = _at_revision(
            repo, old_commit, wanted.old, relative, Path(temporary, "old"), config
        )
        if new_commit is None:
            after = open_for(chosen, config=config, doing=COMPARING)
        else:
            after = _at_revision(
                repo, new_commit, wanted.new, relative, Path(temporary, "new"), config
            )
        parts = compare_sets(
            before.partnerships,
            after.partnerships,
            wanted.old,
            wanted.new_name,
            include=before.chosen | after.chosen,
        )
    return Comparison(wanted.old, wanted.new_name, parts)


def _at_revision(
    repo: Path, commit: str, name: str, relative: list[PurePosixPath], into: Path, config: Config
) -> Workspace:
    from cspplan import git
    from cspplan.workspace import Workspace

    into.mkdir()
    exported = git.export(repo, commit, relative, into)
    if not exported:
        return Workspace()  # the plans were not there yet: everything is new
    return open_for(exported, config=config, doing=COMPARING, where=name, relabel=into)
