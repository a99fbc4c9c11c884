"""cspplan.git, the git plumbing, on a small real repository (no cspplan command run)."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from tests.conftest import run_git as _git

from cspplan import git
from cspplan.diff.revisions import WORKING_TREE, Revisions, parse_revisions
from cspplan.exceptions import UsageError


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    (folder / "plans" / "a").mkdir(parents=True)
    (folder / "plans" / "a" / "one.yaml").write_text("one: 1\n")
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "first")
    return folder.resolve()


def test_the_root_is_found_from_a_folder_inside(repo):
    assert git.repository_root(repo / "plans" / "a", otherwise="x") == repo
    assert git.repository_root(repo / "plans" / "a" / "one.yaml", otherwise="x") == repo


def test_a_folder_outside_any_repository_ends_with_the_advice_given(tmp_path):
    lone = tmp_path / "lone"
    lone.mkdir()
    with pytest.raises(UsageError, match="is not in a git repository, so do this"):
        git.repository_root(lone, otherwise="so do this")


def test_paths_are_made_relative_and_one_outside_is_refused(repo, tmp_path):
    assert git.inside(repo, [repo / "plans", repo]) == [PurePosixPath("plans"), PurePosixPath(".")]
    with pytest.raises(UsageError, match="outside the git repository"):
        git.inside(repo, [tmp_path])


def test_changed_files_lists_edits_deletions_and_untracked_files(repo):
    head = git.commit_of(repo, "HEAD")
    assert git.changed_files(repo, head, [PurePosixPath("plans")]) == []
    (repo / "plans" / "a" / "one.yaml").write_text("one: 2\n")
    (repo / "plans" / "a" / "two.yaml").write_text("two: 2\n")
    (repo / "elsewhere.txt").write_text("not under plans\n")
    assert git.changed_files(repo, head, [PurePosixPath("plans")]) == [
        repo / "plans" / "a" / "one.yaml",
        repo / "plans" / "a" / "two.yaml",
    ]


def test_an_unknown_revision_is_a_usage_error(repo):
    with pytest.raises(UsageError, match="unknown revision 'no-such-branch'"):
        git.commit_of(repo, "no-such-branch")
    with pytest.raises(UsageError, match="cannot start with '-'"):
        git.commit_of(repo, "--all")


def test_export_writes_folders_as_they_were_and_skips_missing_ones(repo, tmp_path):
    first = git.commit_of(repo, "HEAD")
    (repo / "plans" / "a" / "one.yaml").write_text("one: 2\n")
    _git(repo, "commit", "-q", "-am", "second")
    into = tmp_path / "out"
    into.mkdir()
    exported = git.export(repo, first, [PurePosixPath("plans"), PurePosixPath("later")], into)
    assert exported == [into / "plans"]
    assert (into / "plans" / "a" / "one.yaml").read_text() == "one: 1\n"
    assert git.exists(repo, first, PurePosixPath("plans/a/one.yaml"))
    assert not git.exists(repo, first, PurePosixPath("later"))
    assert git.merge_base(repo, first, "HEAD") == first


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("origin/main", Revisions("origin/main", None)),
        ("A..B", Revisions("A", "B")),
        ("A...B", Revisions("A", "B", merge_base=True)),
        ("..B", Revisions("HEAD", "B")),
        ("A..", Revisions("A", "HEAD")),
    ],
)
def test_rev_text_is_read_as_git_reads_it(text, wanted):
    assert parse_revisions(text) == wanted


def test_one_revision_is_compared_with_the_working_tree():
    assert parse_revisions("HEAD~1").new_name == WORKING_TREE
    with pytest.raises(UsageError, match="--rev needs a revision"):
        parse_revisions("  ")
