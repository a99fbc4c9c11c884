"""Which two things `diff` compares, worked out without click: folders, a partnership's
last two years, a collection of partnerships, git revisions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import SHIPPED, PlanTree
from tests.conftest import run_git as _git

from cspplan.diff.pairing import compare_paths, compare_revisions, pair_folders
from cspplan.diff.revisions import WORKING_TREE
from cspplan.exceptions import PlanError, UsageError

CORNWALL = SHIPPED / "safer-cornwall"


def _names(pairs) -> list[tuple[str, str, str, str]]:
    return [(pair.old_id, pair.old_name, pair.new_id, pair.new_name) for pair in pairs.pairs]


def test_two_year_folders_of_one_partnership_are_named_by_their_years():
    pairs = pair_folders([CORNWALL / "2017-18", CORNWALL / "2018-19"])
    assert (pairs.old_name, pairs.new_name) == ("2017/18", "2018/19")
    assert _names(pairs) == [("safer-cornwall", "2017/18", "safer-cornwall", "2018/19")]
    (part,) = pairs.compare().parts
    assert part.title == "Safer Cornwall: 2017/18 → 2018/19"
    assert any(change.new_label == "Safer towns" for change in part.changes)


def test_a_partnership_folder_pairs_its_last_two_years():
    folder_pairs = pair_folders([CORNWALL])
    assert _names(folder_pairs) == _names(
        pair_folders([CORNWALL / "2017-18", CORNWALL / "2018-19"])
    )
    assert len(folder_pairs.compare().changes) == len(
        compare_paths([CORNWALL / "2017-18", CORNWALL / "2018-19"]).changes
    )


def test_a_collection_pairs_each_partnership_with_two_years_and_skips_the_rest():
    pairs = pair_folders([SHIPPED])  # city-of-london has one plan year
    assert (pairs.old_name, pairs.new_name) == ("the previous plan year", "the latest plan year")
    assert _names(pairs) == [("safer-cornwall", "2017/18", "safer-cornwall", "2018/19")]


def test_two_copies_of_a_year_are_named_by_their_folders_and_do_not_differ(tmp_path):
    for copy in ("a", "b"):
        shutil.copytree(CORNWALL, tmp_path / copy / "safer-cornwall")
    old, new = (tmp_path / copy / "safer-cornwall" / "2018-19" for copy in ("a", "b"))
    pairs = pair_folders([old, new])
    assert (pairs.old_name, pairs.new_name) == (str(old), str(new))
    assert pairs.compare().parts == []


def test_a_partnership_with_one_year_has_nothing_to_compare():
    with pytest.raises(UsageError, match="has only one plan year"):
        pair_folders([SHIPPED / "city-of-london"])


def test_a_collection_without_two_years_anywhere_has_nothing_to_compare(tmp_path):
    shutil.copytree(SHIPPED / "city-of-london", tmp_path / "plans" / "city-of-london")
    with pytest.raises(UsageError, match=r"no partnership under .* has two plan years"):
        pair_folders([tmp_path / "plans"])


@pytest.mark.parametrize("count", [0, 3])
def test_anything_but_one_or_two_folders_says_what_diff_takes(count):
    with pytest.raises(UsageError, match="compares two plan year folders"):
        pair_folders([CORNWALL / "2018-19"] * count)


def test_a_partnership_folder_among_two_is_told_to_name_a_year():
    with pytest.raises(UsageError, match="is a partnership folder; name two plan year folders"):
        pair_folders([CORNWALL, CORNWALL / "2018-19"])


def test_plans_with_errors_are_refused_with_their_problems(tmp_path):
    tree = PlanTree(tmp_path)
    tree.raw["2018-19/plan.yaml"] = "title: [broken\n"
    folder = tree.write()
    with pytest.raises(PlanError) as refused:
        pair_folders([folder / "2017-18", folder / "2018-19"])
    assert any(issue.file.name == "plan.yaml" for issue in refused.value.issues)


# -- git revisions --------------------------------------------------------------------------------


@pytest.fixture
def repository(tmp_path) -> tuple[Path, PlanTree]:
    repo = tmp_path / "plans-repo"
    tree = PlanTree(repo / "plans")
    tree.write()
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "First plans")
    return repo, tree


def test_one_revision_is_compared_with_the_working_tree(repository):
    repo, tree = repository
    assert compare_revisions("HEAD", [repo / "plans"]).changes == []
    tree["2018-19/plan.yaml"]["title"] = "Delivery Plan 2018/19 (refreshed)"
    tree.write()
    comparison = compare_revisions("HEAD", [repo / "plans"])
    assert (comparison.old_name, comparison.new_name) == ("HEAD", WORKING_TREE)
    assert [(c.field, c.old, c.new) for c in comparison.changes] == [
        ("title", "Delivery Plan 2018/19", "Delivery Plan 2018/19 (refreshed)")
    ]


def test_two_revisions_compare_what_was_committed_not_the_working_tree(repository):
    repo, tree = repository
    tree["2018-19/plan.yaml"]["title"] = "Committed"
    tree.write()
    _git(repo, "commit", "-qam", "A new title")
    tree["2018-19/plan.yaml"]["title"] = "Only in the working tree"
    tree.write()
    comparison = compare_paths([repo / "plans"], "HEAD~1..HEAD")
    assert (comparison.old_name, comparison.new_name) == ("HEAD~1", "HEAD")
    assert [(c.field, c.old, c.new) for c in comparison.changes] == [
        ("title", "Delivery Plan 2018/19", "Committed")
    ]


def test_plans_not_yet_there_at_the_old_revision_are_all_new(repository, tmp_path):
    repo, _ = repository
    (repo / "later").mkdir()
    shutil.copytree(CORNWALL, repo / "later" / "safer-cornwall")
    comparison = compare_revisions("HEAD", [repo / "later"])
    (part,) = comparison.parts
    assert [(change.kind, change.label) for change in part.changes] == [("added", "Safer Cornwall")]


def test_errors_at_a_revision_are_named_as_at_that_revision(repository):
    repo, tree = repository
    tree.path("2018-19/plan.yaml").write_text("title: [broken\n", encoding="utf-8")
    _git(repo, "commit", "-qam", "Break it")
    tree.write()  # the working tree is fine again
    with pytest.raises(PlanError) as refused:
        compare_revisions("HEAD", [repo / "plans"])
    assert {str(issue.file) for issue in refused.value.issues} == {
        "HEAD:plans/testshire/2018-19/plan.yaml"
    }


def test_paths_outside_a_repository_say_how_to_compare_folders(tmp_path):
    with pytest.raises(UsageError, match="not in a git repository, so --rev has no revisions"):
        compare_revisions("HEAD", [tmp_path])
