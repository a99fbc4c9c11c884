"""Quarterly progress reports: loaded as their own file kind, checked, recorded, imported,
left behind by new-year, compared quarter to quarter and printed in the performance report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import only, run, run_validate

import cspplan
from cspplan.model.periods import parse_period

YEAR = "2018-19"
Q1 = f"{YEAR}/progress/2018-19-q1.yaml"
Q2 = f"{YEAR}/progress/2018-19-q2.yaml"
QUESTIONS = {
    "summary": "Summary Narrative – to include reference to graphical trend information",
    "milestones_reached": "Key Milestones reached this quarter",
}


def _report(**answers) -> dict:
    return {"theme": "domestic-abuse", **answers}


def _file(period: str, *reports: dict, **fields) -> dict:
    return {"period": period, **fields, "reports": list(reports)}


def _with_quarters(tree) -> Path:
    """Q1 and Q2 progress files for the 2018/19 plan year; returns the plans folder."""
    tree.files[Q1] = _file(
        "Q1 2018/19",
        _report(
            published={"status": "green", "label": "GREEN – on track"},
            summary="Referrals rose.",
            milestones_reached="Strategy agreed.",
        ),
        questions=QUESTIONS,
    )
    tree.files[Q2] = _file(
        "Q2 2018/19",
        _report(
            published={"status": "amber", "label": "AMBER – slipping"},
            summary="Referrals fell back.",
            milestones_reached="Strategy agreed.",
            prospects_and_risks="Funding ends in March.",
        ),
        date="2018-11-13",
        title="Performance Monitoring of Priorities",
        questions=QUESTIONS,
    )
    return tree.write()


# -- loading and checks ---------------------------------------------------------------------------


def test_progress_files_load_sorted_by_period_and_the_latest_at_as_of_is_found(tree):
    tree.files[Q2] = _file("Q2 2018/19", _report(summary="Second."))
    tree.files[Q1] = _file("Q1 2018/19", _report(summary="First."))
    folder = tree.write()
    workspace = cspplan.load(folder)
    assert workspace.issues == []
    year = workspace.partnerships[0].year(parse_period("2018/19"))
    assert [loaded.label for loaded in year.progress] == ["Q1 2018/19", "Q2 2018/19"]
    at_q1 = year.progress_for("domestic-abuse", parse_period("Q1 2018/19"))
    assert at_q1 is not None and at_q1[1].summary == "First."
    assert year.progress_for("domestic-abuse", parse_period("Q4 2018/19"))[1].summary == "Second."
    assert year.progress_for("domestic-abuse", parse_period("Q4 2017/18")) is None


def test_a_schema_error_in_a_progress_file_is_located(tree):
    tree.files[Q2] = _file("Q2 2018/19", _report(summary="Fine.", sumary="typo"))
    report = run_validate(tree.write())
    issue = only(report, "S001")
    assert issue.file.as_posix().endswith(Q2) and issue.field_path == "reports[0].sumary"
    line = issue.file.read_text(encoding="utf-8").splitlines()[issue.line - 1]
    assert line[issue.column - 1 :].startswith("sumary: typo")
    assert report.exit_code() == 1


def test_a_yaml_file_beside_the_progress_folder_is_still_a_stray(tree):
    tree.files[f"{YEAR}/reports/2018-19-q2.yaml"] = _file("Q2 2018/19")
    report = run_validate(tree.write())
    assert [issue.code for issue in report.issues] == ["F010"]


def test_c017_a_quarter_outside_the_plan_year(tree):
    tree.files[Q2] = _file("Q2 2019/20", _report(summary="Wrong year."))
    issue = only(run_validate(tree.write()), "C017")
    assert issue.field_path == "period" and "Q2 2019/20" in issue.message


def test_r015_a_theme_the_plan_does_not_list(tree):
    tree.files[Q2] = _file("Q2 2018/19", {"theme": "burglary", "summary": "?"})
    issue = only(run_validate(tree.write()), "R015")
    assert issue.field_path == "reports[0].theme" and "'burglary'" in issue.message


# -- record ---------------------------------------------------------------------------------------


def test_record_creates_the_quarter_file_then_updates_it_keeping_comments(tree):
    folder = tree.write()
    year = folder / YEAR
    created = run(
        "record",
        "progress",
        str(year),
        "--theme",
        "domestic-abuse",
        "--quarter",
        "Q3",
        "--summary",
        "Referrals up.\nMore to do.",
        "--status",
        "amber",
        "--label",
        "AMBER – slipping",
    )
    assert created.returncode == 0, created.stderr
    path = year / "progress" / "2018-19-q3.yaml"
    assert "Created" in created.stdout and path.is_file()
    text = path.read_text(encoding="utf-8")
    path.write_text("# kept: written by the panel clerk\n" + text, encoding="utf-8")

    updated = run(
        "record", "progress", str(year), "--theme", "domestic-abuse", "--quarter", "Q3 2018/19",
        "--milestones-missed", "Refuge not opened.",
    )  # fmt: skip
    assert updated.returncode == 0, updated.stderr
    after = path.read_text(encoding="utf-8")
    assert after.startswith("# kept: written by the panel clerk\n")
    assert run_validate(folder).issues == []
    loaded = cspplan.load(folder).partnerships[0].year(parse_period("2018/19"))
    (report,) = loaded.progress[0].progress.reports
    assert report.summary == "Referrals up.\nMore to do.\n"
    assert report.milestones_missed == "Refuge not opened."
    assert report.published.status.value == "amber"
    assert report.published.label == "AMBER – slipping"


@pytest.mark.parametrize(
    ("theme", "quarter", "said"),
    [
        ("domestic-abuses", "Q3", "did you mean domestic-abuse?"),
        ("domestic-abuse", "Q1 2019/20", "not a quarter of the 2018/19 plan year"),
        ("domestic-abuse", "Mar 2019", "not a quarter"),
    ],
)
def test_record_refuses_bad_input_and_writes_nothing(tree, theme, quarter, said):
    folder = tree.write()
    done = run(
        "record", "progress", str(folder / YEAR), "--theme", theme, "--quarter", quarter,
        "--summary", "x",
    )  # fmt: skip
    assert done.returncode == 2 and said in done.stderr
    assert "Traceback" not in done.stderr
    assert not (folder / YEAR / "progress").exists()


def test_record_refuses_a_broken_progress_file_with_its_location(tree):
    tree.raw[Q2] = "period: Q2 2018/19\nreports:\n  - theme: domestic-abuse\n    bogus: 1\n"
    folder = tree.write()
    before = (folder / Q2).read_bytes()
    done = run(
        "record", "progress", str(folder / YEAR), "--theme", "domestic-abuse", "--quarter",
        "Q2", "--summary", "x",
    )  # fmt: skip
    assert done.returncode == 1
    assert "2018-19-q2.yaml:4:5" in done.stderr and "bogus" in done.stderr
    assert (folder / Q2).read_bytes() == before


def test_a_figure_is_still_recorded_as_before(tree):
    folder = tree.write()
    done = run("record", str(folder / "indicators/referrals.yaml"), "Q2 2017/18", "12")
    assert done.returncode == 0, done.stderr
    assert "Added referrals Q2 2017/18" in done.stdout


# -- import ---------------------------------------------------------------------------------------

SHEET_HEADER = (
    "theme,quarter,summary,milestones reached,milestones missed,prospects and risks,status\n"
)


def test_import_a_progress_sheet_writes_the_quarter_file(tree, tmp_path):
    folder = tree.write()
    sheet = tmp_path / "progress.csv"
    sheet.write_text(
        SHEET_HEADER + 'domestic-abuse,Q2 2018/19,"Calls rose, then fell.",Refuge opened,,'
        "Staff turnover,RED – below target and worsening\n",
        encoding="utf-8",
    )
    done = run("import", str(sheet), "--partnership", str(folder))
    assert done.returncode == 0, done.stderr
    assert "Recorded 1 progress report: 1 added; 1 progress file changed." in done.stdout
    year = cspplan.load(folder).partnerships[0].year(parse_period("2018/19"))
    (report,) = year.progress[0].progress.reports
    assert year.progress[0].file == folder / Q2
    assert report.summary == "Calls rose, then fell."
    assert report.milestones_reached == "Refuge opened" and report.milestones_missed is None
    assert report.published.status.value == "red"
    assert report.published.label == "RED – below target and worsening"


def test_import_rejects_bad_rows_by_row_and_column_and_writes_nothing(tree, tmp_path):
    folder = tree.write()
    sheet = tmp_path / "progress.csv"
    sheet.write_text(
        SHEET_HEADER
        + "domestic-abuse,Q2 2018/19,Fine,,,,green\n"
        + "burglary,Q2 2018/19,?,,,,green\n"
        + "domestic-abuse,Q2 2020/21,?,,,,green\n"
        + "domestic-abuse,Q3 2018/19,?,,,,purple\n",
        encoding="utf-8",
    )
    done = run("import", str(sheet), "--partnership", str(folder))
    assert done.returncode == 1
    assert "row 3, column 'theme': no theme 'burglary'" in done.stderr
    assert "row 4, column 'quarter': no 2020/21 plan year" in done.stderr
    assert "row 5, column 'status': 'purple' is not a status" in done.stderr
    assert "nothing was written" in done.stderr
    assert not (folder / YEAR / "progress").exists()


# -- new-year -------------------------------------------------------------------------------------


def test_new_year_leaves_progress_reports_with_their_year_and_says_so(tree):
    folder = _with_quarters(tree)
    done = run("new-year", str(folder))
    assert done.returncode == 0, done.stderr
    assert not (folder / "2019-20" / "progress").exists()
    assert (folder / Q1).is_file() and (folder / Q2).is_file()
    assert "2 progress files of 2018/19 stay with 2018/19" in done.stdout


# -- diff -----------------------------------------------------------------------------------------


def test_diff_q1_to_q2_shows_the_changed_answers_and_status(tree):
    folder = _with_quarters(tree)
    done = run("diff", str(folder / Q1), str(folder / Q2), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["old"], data["new"]) == ("Q1 2018/19", "Q2 2018/19")
    changes = {c["field"]: c for c in data["parts"][0]["changes"] if c["area"] == "progress"}
    status = changes["published status"]
    assert (status["old"], status["new"]) == ("GREEN – on track", "AMBER – slipping")
    assert status["new_label"] == "Domestic abuse"
    summary = changes["summary"]
    assert (summary["old"], summary["new"]) == ("Referrals rose.", "Referrals fell back.")
    assert summary["words"].startswith("summary edited")
    assert changes["prospects and risks"]["words"] == "prospects and risks now stated"
    assert "milestones reached" not in changes  # the same answer both quarters
    text = run("diff", str(folder / Q1), str(folder / Q2))
    assert "Progress reports" in text.stdout
    assert "published status: GREEN – on track → AMBER – slipping" in text.stdout


def test_diff_of_two_copies_reports_a_progress_edit(tree, tmp_path):
    old = _with_quarters(tree)
    new_tree = type(tree)(tmp_path / "copy")
    new_tree.files = {**tree.files}
    new_tree.files[Q2] = json.loads(json.dumps(tree.files[Q2]))
    new_tree.files[Q2]["reports"][0]["summary"] = "Referrals fell back sharply."
    new = new_tree.write()
    done = run("diff", str(old / YEAR), str(new / YEAR), "--format", "json")
    changes = [c for part in json.loads(done.stdout)["parts"] for c in part["changes"]]
    edited = [c for c in changes if c["area"] == "progress"]
    assert [c["field"] for c in edited] == ["summary"]
    assert edited[0]["new_label"] == "Domestic abuse (Q2 2018/19)"


# -- the performance report -----------------------------------------------------------------------


def _performance(folder: Path, as_of: str, tmp_path: Path) -> str:
    out = tmp_path / "performance.md"
    done = run(
        "render", str(folder / YEAR), "--document", "performance", "--as-of", as_of,
        "-o", str(out),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out.read_text(encoding="utf-8")


def test_performance_report_prints_the_answers_under_the_printed_questions(
    tree, tmp_path, charts_not_drawn
):
    folder = _with_quarters(tree)
    text = _performance(folder, "Q2 2018/19", tmp_path)
    section = text[text.index("## Domestic abuse") :]
    assert "### Progress report for Q2 2018/19 (13 November 2018)" in section
    assert "Published status: AMBER – slipping." in section
    assert f"#### {QUESTIONS['summary']}\n\nReferrals fell back.\n" in section
    assert f"#### {QUESTIONS['milestones_reached']}\n\nStrategy agreed.\n" in section
    # not printed in the file: plain wording; no answer: said so, nothing made up
    assert "#### Milestones missed\n\nNothing recorded for this quarter.\n" in section
    assert "#### Prospects and risks\n\nFunding ends in March.\n" in section
    report = text[text.index("## Exception report") :]
    assert "### Domestic abuse\n\nStatus: published AMBER – slipping." in report
    assert "Funding ends in March." in report


def test_performance_report_at_q1_uses_the_q1_report_and_lists_no_exception(
    tree, tmp_path, charts_not_drawn
):
    folder = _with_quarters(tree)
    text = _performance(folder, "Q1 2018/19", tmp_path)
    assert "Published status: GREEN – on track." in text
    assert "Referrals rose." in text and "Referrals fell back." not in text
    assert "#### Prospects and risks\n\nNothing recorded for this quarter.\n" in text
    assert "Every theme is on track up to Q1 2018/19" in text


def test_a_plan_without_progress_files_prints_no_progress_sections(
    tree, tmp_path, charts_not_drawn
):
    text = _performance(tree.write(), "Q2 2018/19", tmp_path)
    assert "Progress report" not in text and "Exception report" not in text


def test_import_a_progress_sheet_dry_run_writes_nothing(tree, tmp_path):
    folder = tree.write()
    sheet = tmp_path / "progress.csv"
    sheet.write_text(SHEET_HEADER + "domestic-abuse,Q2 2018/19,Fine,,,,green\n", encoding="utf-8")
    done = run("import", str(sheet), "--partnership", str(folder), "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "Dry run: would record 1 progress report (1 added) in 1 progress file" in done.stdout
    assert not (folder / YEAR / "progress").exists()
