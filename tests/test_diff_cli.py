"""`cspplan diff` as a user meets it: folders, git revisions, output formats, bad input."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import REPO, SHIPPED, PlanTree, run

CORNWALL = SHIPPED / "safer-cornwall"
OLD, NEW = str(CORNWALL / "2017-18"), str(CORNWALL / "2018-19")


@pytest.fixture(scope="module")
def real_json() -> dict:
    result = run("diff", OLD, NEW, "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_real_pair_in_the_terminal():
    result = run("diff", OLD, NEW)
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Safer Cornwall: 2017/18 → 2018/19" in text
    assert "+ added: Safer towns" in text
    assert (
        "title: Hate crime and preventing violent extremism → Hate crime (recorded lineage" in text
    )
    assert (
        "− removed: Restorative Justice co-ordination and delivery of strategy (listed as dropped"
        in text
    )
    assert "target: at most 40% → between 28% and 40%" in text
    assert "lead: Drug & Alcohol Action Team → not stated" in text
    assert "Traceback" not in result.stderr


def test_a_partnership_folder_compares_its_last_two_years(real_json):
    result = run("diff", str(CORNWALL), "--format", "json")
    assert json.loads(result.stdout) == real_json


def test_json_counts_agree_with_the_changes(real_json):
    (part,) = real_json["parts"]
    assert real_json["old"] == "2017/18" and real_json["new"] == "2018/19"
    themes = [c for c in part["changes"] if c["area"] == "theme" and c["kind"] == "added"]
    assert [c["new_label"] for c in themes] == ["Safer towns"]
    assert part["by_area"]["theme"]["added"] == 1
    assert real_json["summary"]["changes"] == len(part["changes"])
    assert all(c["words"] for c in part["changes"])


def test_markdown_puts_headline_counts_first_and_details_in_collapsible_sections():
    result = run("diff", OLD, NEW, "--format", "markdown")
    lines = result.stdout.splitlines()
    assert lines[0] == "## Plan changes: 2017/18 → 2018/19"
    first_details = next(i for i, line in enumerate(lines) if line.startswith("<details>"))
    table = lines.index("| Area | Added | Removed | Changed |")
    assert table < first_details
    assert "| Themes | 1 | 0 |" in result.stdout
    assert result.stdout.count("<details>") == result.stdout.count("</details>") == 4
    assert "- **Added:** Safer towns" in result.stdout


def test_markdown_escapes_plan_text(tmp_path):
    tree = PlanTree(tmp_path)
    tree["2018-19/themes/domestic-abuse.yaml"]["actions"][0]["title"] = "Strategy | <b>*bold*</b>"
    folder = tree.write()
    result = run("diff", str(folder / "2017-18"), str(folder / "2018-19"), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    assert "Strategy \\| \\<b>\\*bold\\*\\</b>" in result.stdout  # `>` is text once `<` is escaped
    assert "<b>" not in result.stdout.replace("\\<b>", "")


def test_exit_code_and_stat():
    assert run("diff", OLD, NEW, "--exit-code", "--stat").returncode == 1
    same = run("diff", NEW, NEW, "--exit-code")
    assert same.returncode == 0
    assert same.stdout.strip() == "No differences between 2018/19 and 2018/19."
    stat = run("diff", OLD, NEW, "--stat").stdout
    assert "Themes: 1 added" in stat and "+ added" not in stat


def test_output_file_is_written_whole(tmp_path):
    target = tmp_path / "changes.md"
    assert run("diff", OLD, NEW, "--format", "markdown", "-o", str(target)).returncode == 0
    assert target.read_text(encoding="utf-8").startswith("## Plan changes")
    missing = run("diff", OLD, NEW, "-o", str(tmp_path / "no" / "such" / "file.md"))
    assert missing.returncode == 2 and "cannot write" in missing.stderr


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((str(CORNWALL), NEW), "is a partnership folder"),
        ((OLD,), "is not a partnership folder"),
        ((OLD, NEW, OLD), "compares two plan year folders"),
        ((OLD, "/no/such/folder"), "no such file or folder"),
        ((str(SHIPPED / "city-of-london"),), "has only one plan year"),
    ],
)
def test_bad_arguments_are_explained(arguments, message):
    result = run("diff", *arguments)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_plans_with_errors_are_not_compared(tmp_path):
    tree = PlanTree(tmp_path)
    tree.raw["2018-19/themes/domestic-abuse.yaml"] = "title: [unclosed\n"
    del tree.files["2018-19/themes/domestic-abuse.yaml"]
    folder = tree.write()
    result = run("diff", str(folder / "2017-18"), str(folder / "2018-19"))
    assert result.returncode == 2
    assert "domestic-abuse.yaml:" in result.stderr
    assert "cannot be compared" in result.stderr


# -- git revisions --------------------------------------------------------------------------------


def git(repo: Path, *arguments: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *arguments],
        check=True,
        capture_output=True,
        text=True,
        env={
            "GIT_AUTHOR_NAME": "Test",
            "GIT_AUTHOR_EMAIL": "test@example.org",
            "GIT_COMMITTER_NAME": "Test",
            "GIT_COMMITTER_EMAIL": "test@example.org",
            "HOME": str(repo),
            "PATH": "/usr/bin:/bin",
        },
    ).stdout.strip()


@pytest.fixture
def repository(tmp_path) -> tuple[Path, PlanTree]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "plans-repo"
    tree = PlanTree(repo / "plans")
    tree.write()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "First plans")
    return repo, tree


def test_a_revision_pair_shows_exactly_what_was_committed(repository):
    repo, tree = repository
    tree["2018-19/themes/domestic-abuse.yaml"]["actions"][0]["lead"] = {"text": "Lead: Police"}
    tree["indicators/repeat-victims.yaml"]["series"].append(
        {"period": "Q4 2017/18", "value": 45, "reported_in": ["2018/19"]}
    )
    tree.write()
    git(repo, "commit", "-qam", "New lead and a new figure")
    before = {p: p.read_bytes() for p in repo.rglob("*.yaml")}
    result = run("diff", "--rev", "HEAD~1..HEAD", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert (found["old"], found["new"]) == ("HEAD~1", "HEAD")
    words = [(part["title"], c["words"]) for part in found["parts"] for c in part["changes"]]
    assert words == [
        (
            "Testshire Community Safety Partnership: partnership and indicator files",
            "figure for Q4 2017/18 added: 45%",
        ),
        (
            "Testshire Community Safety Partnership 2017/18",
            "latest figure: 27% (Q3 2017/18) → 45% (Q4 2017/18)",
        ),
        ("Testshire Community Safety Partnership 2017/18", "status: Amber → Red"),
        ("Testshire Community Safety Partnership 2018/19", "lead: not stated → Police"),
        (
            "Testshire Community Safety Partnership 2018/19",
            "latest figure: 27% (Q3 2017/18) → 45% (Q4 2017/18)",
        ),
        ("Testshire Community Safety Partnership 2018/19", "status: Amber → Red"),
    ]
    # nothing in the working tree was touched, and the reverse is the exact inverse
    assert {p: p.read_bytes() for p in repo.rglob("*.yaml")} == before
    assert git(repo, "status", "--porcelain") == ""
    backward = json.loads(run("diff", "--rev", "HEAD..HEAD~1", "--format", "json", cwd=repo).stdout)
    assert sum(len(p["changes"]) for p in backward["parts"]) == len(words)


def test_working_tree_against_a_revision(repository):
    repo, tree = repository
    assert run("diff", "--rev", "HEAD", "--exit-code", cwd=repo).returncode == 0
    tree["2018-19/plan.yaml"]["title"] = "Delivery Plan 2018/19 (refreshed)"
    tree.write()
    result = run("diff", "--rev", "main", "--exit-code", cwd=repo)
    assert result.returncode == 1
    assert "title: Delivery Plan 2018/19 → Delivery Plan 2018/19 (refreshed)" in result.stdout
    assert "between main and working tree" in result.stdout


def test_a_plan_year_added_on_a_branch_against_its_merge_base(repository):
    repo, tree = repository
    git(repo, "checkout", "-qb", "new-year")
    plan = copy.deepcopy(tree["2018-19/plan.yaml"])
    plan.update(title="Delivery Plan 2019/20", period="2019/20")
    del plan["cycle"], plan["dropped"]
    theme = copy.deepcopy(tree["2018-19/themes/domestic-abuse.yaml"])
    del theme["actions"][0]["timescale"]
    tree.files["2019-20/plan.yaml"] = plan
    tree.files["2019-20/themes/domestic-abuse.yaml"] = theme
    tree.write()
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Start 2019/20")
    git(repo, "checkout", "-q", "main")
    del tree.files["2019-20/plan.yaml"], tree.files["2019-20/themes/domestic-abuse.yaml"]
    tree["2017-18/plan.yaml"]["title"] = "Changed on main afterwards"
    tree.write()
    git(repo, "commit", "-qam", "Main moves on")
    result = run("diff", "--rev", "main...new-year", "--format", "json", cwd=repo)
    assert result.returncode == 0, result.stderr
    parts = json.loads(result.stdout)["parts"]
    assert [c["words"] for p in parts for c in p["changes"]] == [
        "added: Delivery Plan 2019/20 (1 theme, 1 action, 1 measure)"
    ]
    assert not any("Changed on main" in json.dumps(p) for p in parts)


def test_errors_at_a_revision_are_located_in_that_revision(repository):
    repo, tree = repository
    tree.path("2018-19/plan.yaml").write_text("title: [broken\n", encoding="utf-8")
    git(repo, "commit", "-qam", "Break it")
    tree.write()  # the working tree is fine again
    result = run("diff", "--rev", "HEAD", cwd=repo)
    assert result.returncode == 2
    assert "HEAD:plans/testshire/2018-19/plan.yaml:" in result.stderr
    assert "the plans at HEAD have errors" in result.stderr


@pytest.mark.parametrize(
    ("revision", "message"),
    [
        ("no-such-branch", "unknown revision 'no-such-branch'"),
        ("--output=/tmp/x", "cannot start with '-'"),
        ("main..nope", "unknown revision 'nope'"),
    ],
)
def test_unknown_revisions_are_clear_errors(repository, revision, message):
    repo, _ = repository
    result = run("diff", f"--rev={revision}", cwd=repo)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_shallow_clone_explains_how_to_fetch(repository, tmp_path):
    repo, tree = repository
    tree["2018-19/plan.yaml"]["title"] = "Second"
    tree.write()
    git(repo, "commit", "-qam", "Second")
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth=1", f"file://{repo}", str(clone))
    result = run("diff", "--rev", "HEAD~1", cwd=clone)
    assert result.returncode == 2
    assert "shallow clone" in result.stderr and "git fetch" in result.stderr


def test_rev_outside_a_repository(tmp_path):
    folder = PlanTree(tmp_path).write()
    result = run("diff", "--rev", "HEAD", str(folder))
    assert result.returncode == 2
    assert "is not in a git repository" in result.stderr


def test_markdown_fits_a_pull_request_comment_and_says_what_it_left_out():
    full = run("diff", OLD, NEW, "--format", "markdown", "--max-chars", "0").stdout
    short = run("diff", OLD, NEW, "--format", "markdown").stdout
    assert len(full) > 65_536 > len(short)  # the real pair is too long for one comment
    left_out = sum(
        int(line.split(" and ")[1].split(" more")[0])
        for line in short.splitlines()
        if line.startswith("- … and ")
    )
    entries = lambda text: sum(  # noqa: E731
        1 for line in text.splitlines() if line.startswith("- ") and not line.startswith("- …")
    )
    assert left_out > 0 and entries(short) + left_out == entries(full)
    assert short.count("<details>") == short.count("</details>") == 4


def test_the_readme_quotes_real_output():
    """Every line of the README's example is a line the command really prints."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Diff\n", 1)[1].split("\n## ", 1)[0]
    example = section.split("```\n", 2)[2].split("```", 1)[0]
    printed = {line.rstrip() for line in run("diff", str(CORNWALL)).stdout.splitlines()}
    quoted = [line.rstrip() for line in example.splitlines() if line.strip()]
    assert len(quoted) > 20
    assert [line for line in quoted if line not in printed] == []


def test_a_partnership_compared_at_a_revision_keeps_its_framework_links(repository):
    """The partnership alone is exported from git, and the frameworks/ folder beside it
    with it, so its links resolve at the revision as they do in the working tree."""
    from tests.test_frameworks import _with_framework

    repo, tree = repository
    folder = _with_framework(tree)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Link to the Police and Crime Plan")
    result = run("diff", str(folder), "--rev", "HEAD", "--exit-code", cwd=repo)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "R018" not in result.stdout + result.stderr
    tree["2017-18/themes/domestic-abuse.yaml"]["links"][0]["comment"] = "Aligned"
    tree.write()
    changed = run("diff", str(folder), "--rev", "HEAD", cwd=repo)
    assert changed.returncode == 0, changed.stderr
    assert "Aligned" in changed.stdout
