"""The analyst's cycle from the command line: init, record, import, new-year, fmt, and the
CI workflow init ships, run as a user would (real subprocesses, real git)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML
from tests.conftest import SHIPPED, run
from tests.test_editing import changed_lines

INDICATOR = "plans/safer-cornwall/indicators/marac-repeat-incidents.yaml"


def git(folder: Path, *arguments: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Analyst", "-c", "user.email=analyst@example.org", *arguments],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.fixture
def plans_copy(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED, tmp_path / "plans")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# -- init and the journey from the README -----------------------------------------------------


def test_init_makes_a_repository_that_validates_and_is_formatted(tmp_path):
    result = run(
        "init",
        "testshire",
        "--partnership",
        'Safer "Testshire": Partnership',
        "--year",
        "2018-19",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "No problems found in 4 files" in result.stdout
    repo = tmp_path / "testshire"
    expected = {
        "README.md",
        "cspplan.toml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".github/workflows/plans.yml",
        ".github/workflows/site.yml",
        "plans/safer-testshire-partnership/partnership.yaml",
        "plans/safer-testshire-partnership/indicators/all-recorded-crime-rate.yaml",
        "plans/safer-testshire-partnership/2018-19/plan.yaml",
        "plans/safer-testshire-partnership/2018-19/themes/first-priority.yaml",
    }
    made = {
        p.relative_to(repo).as_posix()
        for p in repo.rglob("*")
        if p.is_file() and ".git/" not in p.as_posix()
    }
    assert expected <= made
    assert {"schemas/plan.schema.json", "schemas/theme.schema.json"} <= made
    assert git(repo, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert run("fmt", "--check", cwd=repo).returncode == 0
    assert run("validate", "--strict", cwd=repo).returncode == 0
    partnership = YAML(typ="safe").load(
        (repo / "plans/safer-testshire-partnership/partnership.yaml").read_text()
    )
    assert partnership["name"] == 'Safer "Testshire": Partnership'
    # the workflow validates with annotations and writes the diff to the job summary
    workflow = YAML(typ="safe").load((repo / ".github/workflows/plans.yml").read_text())
    runs = [step.get("run", "") for step in workflow["jobs"]["plans"]["steps"]]
    assert any("--format github" in command for command in runs)
    assert any("${{ github.base_ref }}" in c and "GITHUB_STEP_SUMMARY" in c for c in runs)
    # the site workflow builds the site at the Pages address and deploys it with the
    # official actions
    site = YAML(typ="safe").load((repo / ".github/workflows/site.yml").read_text())
    build_steps = site["jobs"]["build"]["steps"]
    built = [step.get("run", "") for step in build_steps]
    assert any(
        c.startswith("cspplan site plans -o _site --base-url")
        and "${{ steps.pages.outputs.base_url }}/" in c
        for c in built
    )
    uses = [step.get("uses", "") for job in site["jobs"].values() for step in job["steps"]]
    assert "actions/upload-pages-artifact@v3" in uses
    assert "actions/deploy-pages@v4" in uses
    assert site["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    address = "https://owner.github.io/testshire"
    done = run("site", "plans", "-o", "_site", "--base-url", f"{address}/", cwd=repo)
    assert done.returncode == 0, done.stderr
    home = (repo / "_site/safer-testshire-partnership/index.html").read_text()
    assert f'href="{address}/safer-testshire-partnership/index.html"' in home
    # this suite runs an editable install, which CI cannot reach: init says so
    install = next(
        s for s in workflow["jobs"]["plans"]["steps"] if s.get("name") == "Install cspplan"
    )
    assert install["run"].startswith("echo '::error file=.github/workflows/plans.yml::")
    assert "cspplan is an editable install from a local folder" in result.stderr
    assert "# run: pip install" in (repo / ".github/workflows/plans.yml").read_text()


def test_init_writes_the_install_line_it_is_given(tmp_path):
    spec = "cspplan @ git+https://example.org/cspplan.git@v0.1.0"
    result = run("init", "r", "--partnership", "X", "--install", spec, "--no-git", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "cannot install" not in result.stderr
    workflow = YAML(typ="safe").load((tmp_path / "r/.github/workflows/plans.yml").read_text())
    runs = [step.get("run", "") for step in workflow["jobs"]["plans"]["steps"]]
    assert f'pip install "{spec}"' in runs


def _installed(tmp_path: Path, direct_url: dict | None, version: str = "9.8.7"):
    """A fake installed cspplan (a dist-info folder first on the path), read by the real
    reader, with `direct_url.json` as pip (PEP 610) would write it."""
    info = tmp_path / f"cspplan-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: cspplan\nVersion: {version}\n")
    if direct_url is not None:
        (info / "direct_url.json").write_text(json.dumps(direct_url))
    return tmp_path


@pytest.mark.parametrize(
    ("direct_url", "requirement", "reason"),
    [
        (None, "cspplan==9.8.7", ""),
        (
            {
                "url": "https://github.com/example/cspplan.git",
                "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "main"},
            },
            "cspplan @ git+https://github.com/example/cspplan.git@0123abc",
            "",
        ),
        (
            {
                "url": "https://example.org/repo.git",
                "vcs_info": {"vcs": "git", "commit_id": "fed987"},
                "subdirectory": "tools/cspplan",
            },
            "cspplan @ git+https://example.org/repo.git@fed987#subdirectory=tools/cspplan",
            "",
        ),
        (
            {"url": "https://example.org/cspplan-9.8.7-py3-none-any.whl", "archive_info": {}},
            "cspplan @ https://example.org/cspplan-9.8.7-py3-none-any.whl",
            "",
        ),
        (
            {"url": "file:///home/analyst/cspplan", "dir_info": {"editable": True}},
            None,
            "cspplan is an editable install from a local folder (file:///home/analyst/cspplan)",
        ),
        (
            {"url": "file:///home/analyst/cspplan", "dir_info": {}},
            None,
            "cspplan is an install from a local folder (file:///home/analyst/cspplan)",
        ),
        (
            {"url": "file:///tmp/dist/cspplan-9.8.7-py3-none-any.whl", "archive_info": {}},
            None,
            "installed from a local file (file:///tmp/dist/cspplan-9.8.7-py3-none-any.whl)",
        ),
        (
            {"url": "file:///home/analyst/cspplan", "vcs_info": {"vcs": "git", "commit_id": "1"}},
            None,
            "installed from a local clone (file:///home/analyst/cspplan)",
        ),
    ],
)
def test_the_install_line_reproduces_the_running_install(
    tmp_path, monkeypatch, direct_url, requirement, reason
):
    from cspplan.editing.install_source import running_install

    monkeypatch.syspath_prepend(str(_installed(tmp_path, direct_url)))
    source = running_install()
    assert source.requirement == requirement
    assert reason in source.reason
    assert bool(source.reason) == (requirement is None)


def test_the_install_line_when_cspplan_is_not_installed_or_its_record_is_broken():
    from cspplan.editing.install_source import running_install

    assert running_install(lambda: None).requirement is None
    assert "source folder" in running_install(lambda: None).reason
    broken = running_install(lambda: ("1.0", "{not json"))
    assert broken.requirement is None
    assert "direct_url.json" in broken.reason


def test_init_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    result = run("init", "busy", "--partnership", "X", cwd=tmp_path)
    assert result.returncode == 2
    assert "not empty" in result.stderr
    assert snapshot(tmp_path / "busy") == {"notes.txt": b"mine"}
    assert [p.name for p in tmp_path.iterdir()] == ["busy"]  # no staging folder left


def test_the_readme_journey_and_the_ci_workflow_steps(tmp_path):
    """init, add an indicator, import a quarter, roll into a new year, then run the
    workflow's own commands against the base branch, as GitHub Actions would."""
    assert (
        run(
            "init",
            "repo",
            "--partnership",
            "Safer Testshire",
            "--year",
            "2018-19",
            "--no-git",
            cwd=tmp_path,
        ).returncode
        == 0
    )
    repo = tmp_path / "repo"
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Start")
    git(repo, "checkout", "-qb", "q1-figures")

    indicators = repo / "plans/safer-testshire/indicators"
    (indicators / "asb-incidents.yaml").write_text(
        "name: Anti-social behaviour incidents reported to the police\n"
        "unit: count\npolarity: lower_is_better\nfrequency: quarterly\n",
        encoding="utf-8",
    )
    (repo / "q1.csv").write_text(
        "indicator,Q1 2018/19,Q2 2018/19\n"
        "all-recorded-crime-rate,14.1,13.6\n"
        "Anti-social behaviour incidents reported to the police,1204,1150\n",
        encoding="utf-8",
    )
    imported = run("import", "q1.csv", cwd=repo)
    assert imported.returncode == 0, imported.stderr
    assert "Recorded 4 figures: 4 added; 2 files changed." in imported.stdout
    rolled = run("new-year", "plans/safer-testshire", cwd=repo)
    assert rolled.returncode == 0, rolled.stderr
    assert (repo / "plans/safer-testshire/2019-20/plan.yaml").is_file()
    assert "To review before the 2019/20 plan is agreed" in rolled.stdout
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Q1 figures and the 2019/20 plan")

    workflow = YAML(typ="safe").load((repo / ".github/workflows/plans.yml").read_text())
    steps = {step.get("name"): step.get("run") for step in workflow["jobs"]["plans"]["steps"]}
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "NO_COLOR": "1"}
    bin_folder = Path(sys.executable).parent  # the environment cspplan is installed in
    env["PATH"] = f"{bin_folder}{os.pathsep}{env['PATH']}"
    for name in ("Validate", "Layout", "What changed"):
        command = steps[name].replace("${{ github.base_ref }}", "main")
        git(repo, "update-ref", "refs/remotes/origin/main", "main")
        done = subprocess.run(
            ["bash", "-c", command], cwd=repo, env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, (name, done.stdout, done.stderr)
    text = summary.read_text()
    assert "Anti-social behaviour incidents" in text
    assert "2019/20" in text


def test_ci_annotations_point_at_the_broken_line(plans_copy):
    path = plans_copy / INDICATOR
    path.write_text(path.read_text().replace("unit: percentage", "unit: percent"))
    result = run("validate", "plans", "--format", "github", cwd=plans_copy)
    assert result.returncode == 1
    assert "::error file=plans/safer-cornwall/indicators/marac-repeat-incidents.yaml,line=3," in (
        result.stdout
    )


# -- record ------------------------------------------------------------------------------------


def test_record_from_inside_the_partnership_keeps_other_lines(plans_copy):
    before = (plans_copy / INDICATOR).read_text()
    folder = plans_copy / "plans/safer-cornwall"
    result = run(
        "record",
        "marac-repeat-incidents",
        "Q3 2018/19",
        "31%",
        "--note",
        "MARAC coordinator: figure for Q3",
        cwd=folder,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Added marac-repeat-incidents Q3 2018/19: 31% to")
    after = (plans_copy / INDICATOR).read_text()
    assert after == before + (
        '  - {period: Q3 2018/19, value: 31, note: "MARAC coordinator: figure for Q3"}\n'
    )


def test_record_a_note_with_a_colon_reads_back(plans_copy):
    """ruamel.yaml writes 'see:ref' unquoted in a flow mapping and cannot read it back."""
    result = run(
        "record",
        "domestic-homicides",
        "2018/19",
        "2",
        "--note",
        "see:ref 12",
        "--partnership",
        "plans/safer-cornwall",
        cwd=plans_copy,
    )
    assert result.returncode == 0, result.stderr
    text = (plans_copy / "plans/safer-cornwall/indicators/domestic-homicides.yaml").read_text()
    assert '  - {period: 2018/19, value: 2, note: "see:ref 12"}\n' in text
    assert run("validate", "plans", "-q", cwd=plans_copy).returncode == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["marac-repeat-incidents", "Q5 2018/19", "30"], "there is no quarter 5"),
        (["marac-repeat-incidents", "2018/17", "30"], "the second year must be the one after"),
        (["marac-repeat-incidents", "Q2 2018/19", "130"], "so it is from 0 to 100"),
        (["marac-repeat-incidents", "Q2 2018/19", "£30"], "is money, but"),
        (["marac-repeat-incidents", "Q2 2018/19", "thirty"], "is not a number"),
        (["marac-repeat-incidents", "Q2 2018/19", "nan"], "not a finite number"),
        (["domestic-homicides", "2017/18", "1.5"], "so a whole number"),
        (["domestic-homicides", "2017/18", "-1"], "cannot be negative"),
        (["marac-repeat-incidents", "Q4 2099/00", "30"], "has not ended yet"),
        (["marac-repeat", "Q2 2018/19", "30"], "did you mean marac-repeat-incidents"),
        (["marac-repeat-incidents", "Q2 2017/18", "29"], "a printed figure stays as printed"),
    ],
)
def test_record_refuses_with_the_reason_and_writes_nothing(plans_copy, arguments, message):
    before = snapshot(plans_copy)
    result = run("record", *arguments, "--partnership", "plans/safer-cornwall", cwd=plans_copy)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(plans_copy) == before


def test_record_into_a_broken_indicator_file_names_the_problem(plans_copy):
    path = plans_copy / INDICATOR
    path.write_text(path.read_text() + "  - {period: 2016/17, value: [\n")
    before = path.read_bytes()
    result = run(
        "record",
        "marac-repeat-incidents",
        "2017/18",
        "30",
        "--partnership",
        "plans/safer-cornwall",
        cwd=plans_copy,
    )
    assert result.returncode == 1
    assert "marac-repeat-incidents.yaml:" in result.stderr and "F" in result.stderr
    assert path.read_bytes() == before


def test_several_partnerships_need_naming(plans_copy):
    result = run("record", "marac-repeat-incidents", "2017/18", "30", cwd=plans_copy)
    assert result.returncode == 2
    assert "several partnerships here" in result.stderr


# -- import ------------------------------------------------------------------------------------


def test_import_rejects_rows_by_number_and_writes_nothing(plans_copy):
    sheet = plans_copy / "q3.csv"
    sheet.write_text(
        "indicator,period,value\n"
        "marac-repeat-incidents,Q3 2018/19,31%\n"
        "no-such-indicator,Q3 2018/19,4\n"
        "\n"
        "da-crimes-charged,Q5 2018/19,4\n"
        "marac-repeat-incidents,Q3 2018/19,32%\n",
        encoding="utf-8",
    )
    before = snapshot(plans_copy / "plans")
    result = run("import", "q3.csv", "--partnership", "plans/safer-cornwall", cwd=plans_copy)
    assert result.returncode == 1
    assert "q3.csv: row 3: no indicator 'no-such-indicator'" in result.stderr
    assert "q3.csv: row 5: 'Q5 2018/19': there is no quarter 5" in result.stderr
    assert "q3.csv: row 6: marac-repeat-incidents Q3 2018/19 is also on row 2" in result.stderr
    assert "nothing was written" in result.stderr
    assert snapshot(plans_copy / "plans") == before

    skipped = run(
        "import",
        "q3.csv",
        "--skip-rejected",
        "--partnership",
        "plans/safer-cornwall",
        cwd=plans_copy,
    )
    assert skipped.returncode == 0
    after = snapshot(plans_copy / "plans")
    changed = [name for name in after if after[name] != before[name]]
    assert changed == ["safer-cornwall/indicators/marac-repeat-incidents.yaml"]


def test_import_rejects_overwriting_a_printed_figure_by_row(plans_copy):
    (plans_copy / "q.csv").write_text(
        "indicator,period,value\nmarac-repeat-incidents,2015/16,35\nmarac-repeat-incidents,2015/16,36\n"
    )
    before = snapshot(plans_copy / "plans")
    result = run("import", "q.csv", "--partnership", "plans/safer-cornwall", cwd=plans_copy)
    assert result.returncode == 1
    assert "q.csv: row 2: 2015/16 is already recorded as '37%' as printed" in result.stderr
    assert "row 3: marac-repeat-incidents 2015/16 is also on row 2" in result.stderr
    assert snapshot(plans_copy / "plans") == before
    restated = run(
        "import",
        "q.csv",
        "--reported-in",
        "2019-20",
        "--skip-rejected",
        "--partnership",
        "plans/safer-cornwall",
        cwd=plans_copy,
    )
    assert restated.returncode == 0, restated.stderr
    assert (
        "{period: 2015/16, value: 35, reported_in: [2019/20]}"
        in (plans_copy / INDICATOR).read_text()
    )


def test_import_dry_run_shows_and_writes_nothing(plans_copy):
    (plans_copy / "q.csv").write_text("indicator,period,value\ndomestic-homicides,2018/19,2\n")
    before = snapshot(plans_copy / "plans")
    result = run(
        "import", "q.csv", "--dry-run", "--partnership", "plans/safer-cornwall", cwd=plans_copy
    )
    assert result.returncode == 0
    assert "domestic-homicides" in result.stdout and "added" in result.stdout
    assert "Dry run: would record 1 figure (1 added) in 1 file;" in result.stdout
    assert snapshot(plans_copy / "plans") == before


def test_import_an_excel_sheet_one_column_per_period(plans_copy):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Measure", "Notes", "Q1 2018/19", "Q2 2018/19"])
    sheet.append(["Repeat incidents of domestic abuse (cases at MARAC)", "", 0.31, 0.29])
    sheet.append(["domestic-homicides", "", None, 1])
    sheet["C2"].number_format = "0%"
    sheet["D2"].number_format = "0%"
    book.save(plans_copy / "figures.xlsx")
    before = snapshot(plans_copy / "plans")
    result = run(
        "import",
        "figures.xlsx",
        "--map",
        "indicator=Measure",
        "--partnership",
        "plans/safer-cornwall",
        cwd=plans_copy,
    )
    assert result.returncode == 0, result.stderr
    text = (plans_copy / INDICATOR).read_text()
    assert "  - {period: Q1 2018/19, value: 31}\n  - {period: Q2 2018/19, value: 29}\n" in text
    # every untouched line of every shipped file is byte for byte the same: lines only added
    after = snapshot(plans_copy / "plans")
    changed = {name for name in after if after[name] != before[name]}
    assert changed == {
        "safer-cornwall/indicators/marac-repeat-incidents.yaml",
        "safer-cornwall/indicators/domestic-homicides.yaml",
    }
    for name in changed:
        removed, added = changed_lines(before[name].decode(), after[name].decode())
        assert removed == [] and len(added) == (2 if "marac" in name else 1)


def test_import_excel_row_numbers_survive_an_empty_first_cell(plans_copy):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["indicator", "period", "value"])
    book.active.append([None, "Q3 2018/19", 3])
    book.active.append(["nope", "Q3 2018/19", 4])
    book.save(plans_copy / "e.xlsx")
    result = run("import", "e.xlsx", "--partnership", "plans/safer-cornwall", cwd=plans_copy)
    assert result.returncode == 1
    assert "e.xlsx: row 2: no indicator named" in result.stderr
    assert "e.xlsx: row 3: no indicator 'nope'" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "no indicator column"),
        ("indicator,Q5 2018/19\nmarac-repeat-incidents,3\n", "row 1, column 'Q5 2018/19'"),
    ],
)
def test_import_explains_a_sheet_it_cannot_use(plans_copy, content, message):
    (plans_copy / "s.csv").write_text(content)
    result = run("import", "s.csv", "--partnership", "plans/safer-cornwall", cwd=plans_copy)
    assert result.returncode in (1, 2)
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_import_refuses_a_file_that_is_not_a_workbook(plans_copy):
    (plans_copy / "fake.xlsx").write_bytes(b"\x00\x01 not a zip")
    result = run("import", "fake.xlsx", "--partnership", "plans/safer-cornwall", cwd=plans_copy)
    assert result.returncode == 2
    assert "not an Excel workbook" in result.stderr


# -- new-year, fmt ------------------------------------------------------------------------------


def test_new_year_on_the_shipped_plans(plans_copy):
    result = run(
        "new-year", "plans/safer-cornwall", "--from", "2018-19", "--to", "2019-20", cwd=plans_copy
    )
    assert result.returncode == 0, result.stderr
    assert "Created plans/safer-cornwall/2019-20 from plans/safer-cornwall/2018-19: 12 themes." in (
        result.stdout
    )
    assert "The cycle 'Partnership Plan 2016-19' ended in 2018/19" in result.stdout
    assert "Targets kept from last year: confirm or change each (31):" in result.stdout
    assert "2019-20/themes/reoffending.yaml:13: mentions 2018/19" in result.stdout
    assert run("validate", "plans", cwd=plans_copy).returncode == 0
    again = run(
        "new-year", "plans/safer-cornwall", "--from", "2018-19", "--to", "2019-20", cwd=plans_copy
    )
    assert again.returncode == 2 and "already exists" in again.stderr


def test_fmt_check_fails_on_a_messy_file_and_fmt_mends_it(plans_copy):
    path = plans_copy / INDICATOR
    path.write_text(path.read_text().replace("unit: percentage", "unit:    percentage  # %"))
    check = run("fmt", "--check", "plans", cwd=plans_copy)
    assert check.returncode == 1
    assert (
        "would reformat plans/safer-cornwall/indicators/marac-repeat-incidents.yaml" in check.stderr
    )
    mended = run("fmt", "plans", cwd=plans_copy)
    assert mended.returncode == 0 and "Reformatted 1 of 113 files." in mended.stdout
    assert re.search(r"^unit: percentage +# %$", path.read_text(), re.MULTILINE)
    assert run("fmt", "--check", "plans", cwd=plans_copy).returncode == 0


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"a: 1\na: 2\n", "dup.yaml:2:1: F006"),
        (b'x: !!python/object/apply:os.system ["touch pwned"]\n', "F007"),
        (b"x: !custom 3\n", "F007"),
        (
            b"a: &a [1,1,1,1,1,1,1,1,1,1]\n"
            + b"".join(
                f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 10)}]\n".encode()
                for i in range(7)
            ),
            "F013",
        ),
        (b"[" * 5000 + b"]" * 5000, "F013"),
        (b"\xff\xfe\x00binary", "F002"),
    ],
    ids=["duplicate-key", "python-tag", "unknown-tag", "alias-bomb", "deep", "binary"],
)
def test_fmt_and_record_refuse_hostile_files_untouched(tmp_path, content, code):
    path = tmp_path / "dup.yaml"
    path.write_bytes(content)
    result = run("fmt", str(path), cwd=tmp_path)
    assert result.returncode == 1
    assert code in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == content
    recorded = run("record", str(path), "2017/18", "3", cwd=tmp_path)
    assert recorded.returncode == 1 and "Traceback" not in recorded.stderr
    assert path.read_bytes() == content
    assert not (tmp_path / "pwned").exists()


def test_fmt_reports_a_broken_file_with_its_location(plans_copy):
    path = plans_copy / INDICATOR
    path.write_text("name: [unclosed\n")
    result = run("fmt", "plans", cwd=plans_copy)
    assert result.returncode == 1
    assert "marac-repeat-incidents.yaml:2:1" in result.stderr
    assert path.read_text() == "name: [unclosed\n"


# -- start-up, completion, verbosity --------------------------------------------------------------


def test_shell_completion_lists_the_new_commands():
    result = run(
        env={"_CSPPLAN_COMPLETE": "bash_complete", "COMP_WORDS": "cspplan ne", "COMP_CWORD": "1"}
    )
    assert result.returncode == 0
    assert "plain,new-year" in result.stdout.split()
    script = run(env={"_CSPPLAN_COMPLETE": "zsh_source"})
    assert "compdef" in script.stdout


def test_quiet_and_verbose(plans_copy):
    quiet = run("-q", "validate", "plans", cwd=plans_copy)
    assert quiet.returncode == 0 and quiet.stdout == ""
    also_quiet = run("validate", "plans", "-q", cwd=plans_copy)
    assert also_quiet.stdout == ""
    loud = run("validate", "plans", "-v", cwd=plans_copy)
    assert "Checked 113 files in" in loud.stderr
    assert "Found 15 warnings" in loud.stdout


def test_no_color_is_honoured(plans_copy):
    coloured = run("validate", "plans", cwd=plans_copy, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    plain = run("validate", "plans", cwd=plans_copy, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[33m" in coloured.stdout  # yellow warnings on a terminal
    assert "\x1b[33m" not in plain.stdout and "\x1b[31m" not in plain.stdout


def test_editing_commands_keep_start_up_light():
    """import and init bring in pandas, openpyxl and jinja2 only when they run."""
    code = (
        "import sys; from cspplan.cli import cli; "
        "[cli.get_command(None, name) for name in ('record', 'fmt', 'new-year', 'init', 'import')]; "
        "print(sorted(m for m in ('pandas', 'openpyxl', 'jinja2', 'docx', 'matplotlib', 'merge3') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "[]", done.stderr
