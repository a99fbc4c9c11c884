"""Input mistakes get a clear word: each mistake an analyst makes typing a figure, saving a
spreadsheet or naming a path is said as what it is, where it is, and nothing is changed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import SHIPPED, run, run_validate
from tests.test_workflow_cli import git, snapshot

from cspplan.editing.spreadsheet import read_sheet
from cspplan.loading.loader import load_indicator
from cspplan.model.indicator import Observation, ValueStatus

MARAC = "plans/safer-cornwall/indicators/marac-repeat-incidents.yaml"
ALCOHOL = "plans/safer-cornwall/indicators/alcohol-related-hospital-admissions.yaml"
CORNWALL = ("--partnership", "plans/safer-cornwall")


@pytest.fixture
def plans_copy(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED, tmp_path / "plans")
    return tmp_path


# -- value: 1,098 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "joined"), [("1,098", "1098"), ("1,098,000", "1098000"), ("12,345.6", "12345.6")]
)
def test_a_comma_in_a_number_inside_braces_is_named_at_the_number(plans_copy, typed, joined):
    path = plans_copy / ALCOHOL
    text = path.read_text(encoding="utf-8")
    line = "  - {period: 2014/15, value: 725, "
    assert line in text
    path.write_text(text.replace(line, f"  - {{period: 2014/15, value: {typed}, "), "utf-8")
    issues = run_validate(path).issues
    assert [(i.code, i.field_path, i.line, i.column) for i in issues] == [
        ("S006", "series[0].value", 9, 30)
    ]
    assert issues[0].message.startswith(f"'{typed}': a number cannot contain a comma")
    assert f"write {joined}, or quote it" in issues[0].message
    assert "keys should be strings" not in issues[0].message


def test_a_comma_in_a_block_number_gets_a_hint(tree):
    tree["indicators/referrals.yaml"]["series"][0]["value"] = "1,098"
    folder = tree.write()
    _, issues, _ = load_indicator(folder / "indicators/referrals.yaml")
    assert [(issue.code, issue.field_path) for issue in issues] == [("S003", "series[0].value")]
    assert issues[0].hint == "write 1098: a number cannot contain a comma"


# -- statuses: one list ------------------------------------------------------------------------


def test_record_and_import_accept_every_status_the_model_and_readme_name(plans_copy):
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    listed = readme.split("value or a status (", 1)[1].split(")", 1)[0]
    words = [word.strip() for word in listed.replace("\n", " ").split(",")]
    assert "n/a" in words
    for word in words:
        status = ValueStatus.from_words(word)
        assert status is not None, word
        Observation(period="2018/19", status=status)  # the model takes what is read
    result = run("record", "marac-repeat-incidents", "Q4 2018/19", "n/a", *CORNWALL, cwd=plans_copy)
    assert result.returncode == 0, result.stderr
    assert "{period: Q4 2018/19, status: not_applicable}" in (plans_copy / MARAC).read_text()
    (plans_copy / "q.csv").write_text("indicator,period,value\nda-crimes-charged,Q4 2018/19,N/A\n")
    imported = run("import", "q.csv", *CORNWALL, cwd=plans_copy)
    assert imported.returncode == 0, imported.stderr
    assert "Recorded 1 figure: 1 added; 1 file changed." in imported.stdout


def test_an_unknown_status_word_lists_the_accepted_ones(plans_copy):
    result = run(
        "record", "marac-repeat-incidents", "Q4 2018/19", "nope", *CORNWALL, cwd=plans_copy
    )
    assert result.returncode == 2
    assert "(or one of: tbc, n/a, not yet known," in result.stderr


# -- a percentage typed as a fraction ------------------------------------------------------------


def test_record_warns_of_a_percentage_typed_as_a_fraction(plans_copy):
    result = run(
        "record", "marac-repeat-incidents", "Q4 2018/19", "0.31", *CORNWALL, cwd=plans_copy
    )
    assert result.returncode == 0, result.stderr
    assert (
        "warning: '0.31' is recorded as 0.31%, since marac-repeat-incidents is a percentage; "
        "if you meant 31%, write 31 or 31%"
    ) in result.stderr
    sure = run("record", "marac-repeat-incidents", "Q4 2018/19", "0.5%", *CORNWALL, cwd=plans_copy)
    assert sure.returncode == 0 and "warning" not in sure.stderr  # the % sign says it is meant


def test_import_warns_of_a_fraction_by_row_and_column(plans_copy):
    (plans_copy / "w.csv").write_text(
        "indicator,Q3 2018/19,Q4 2018/19\nmarac-repeat-incidents,31,0.29\ndomestic-homicides,1,2\n"
    )
    result = run("import", "w.csv", *CORNWALL, cwd=plans_copy)
    assert result.returncode == 0, result.stderr
    assert (
        "w.csv: row 2, column 'Q4 2018/19': warning: '0.29' is recorded as 0.29%" in result.stderr
    )
    assert result.stderr.count("warning") == 1  # 31% and the counts read as meant
    assert "{period: Q4 2018/19, value: 0.29}" in (plans_copy / MARAC).read_text()


# -- provisional: maybe ---------------------------------------------------------------------------


def test_import_refuses_a_provisional_that_is_neither_yes_nor_no(plans_copy):
    (plans_copy / "p.csv").write_text(
        "indicator,period,value,provisional\n"
        "marac-repeat-incidents,Q4 2018/19,30,maybe\n"
        "da-crimes-charged,Q4 2018/19,4,no\n"
    )
    before = snapshot(plans_copy / "plans")
    result = run("import", "p.csv", *CORNWALL, cwd=plans_copy)
    assert result.returncode == 1
    assert (
        "p.csv: row 2, column 'provisional': 'maybe' is not yes or no; write yes or no"
    ) in result.stderr
    assert snapshot(plans_copy / "plans") == before


# -- CSV encodings and title rows -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "name"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-32", "UTF-32"), ("utf-8-sig", "UTF-8")],
)
def test_a_csv_in_any_unicode_form_is_read(tmp_path, codec, name):
    path = tmp_path / "q.csv"
    path.write_bytes("indicator,period,value\nréférence,Q3 2018/19,31%\n".encode(codec))
    sheet = read_sheet(path)
    assert (sheet.headers, sheet.rows, sheet.encoding) == (
        ["indicator", "period", "value"],
        [(2, ["référence", "Q3 2018/19", "31%"])],
        name,
    )


def test_a_utf16_csv_imports(plans_copy):
    (plans_copy / "u.csv").write_bytes(
        "indicator\tperiod\tvalue\nmarac-repeat-incidents\tQ4 2018/19\t30\n".encode("utf-16")
    )
    result = run("import", "u.csv", *CORNWALL, cwd=plans_copy)
    assert result.returncode == 0, result.stderr
    assert "{period: Q4 2018/19, value: 30}" in (plans_copy / MARAC).read_text()


def test_binary_data_saved_as_csv_is_said_to_be_so(plans_copy):
    (plans_copy / "b.csv").write_bytes(b"\x00\x01\x02\xff\xfe\x00garbage")
    result = run("import", "b.csv", *CORNWALL, cwd=plans_copy)
    assert result.returncode == 2
    assert "b.csv: not a text file (it holds NUL bytes); save it from Excel as" in result.stderr
    assert "Traceback" not in result.stderr


def test_title_rows_above_the_header_are_passed_over(plans_copy):
    (plans_copy / "t.csv").write_text(
        "Safer Cornwall quarterly figures,,\n"
        "Prepared by the analyst,,\n"
        "\n"
        "indicator,period,value\n"
        "marac-repeat-incidents,Q4 2018/19,30\n"
        "nope,Q4 2018/19,30\n"
    )
    result = run("import", "t.csv", *CORNWALL, "--skip-rejected", cwd=plans_copy)
    assert result.returncode == 0, result.stderr
    assert "t.csv: row 6: no indicator 'nope'" in result.stderr  # the sheet's own row numbers
    assert "Recorded 1 figure: 1 added; 1 file changed." in result.stdout


def test_an_excel_title_row_is_passed_over_too(plans_copy):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Safer Cornwall: quarter 4"])
    book.active.append(["indicator", "period", "value"])
    book.active.append(["marac-repeat-incidents", "Q4 2018/19", 30])
    book.save(plans_copy / "t.xlsx")
    result = run("import", "t.xlsx", *CORNWALL, cwd=plans_copy)
    assert result.returncode == 0, result.stderr
    assert "{period: Q4 2018/19, value: 30}" in (plans_copy / MARAC).read_text()


def test_a_sheet_without_a_header_says_where_it_looked(plans_copy):
    (plans_copy / "n.csv").write_text("Figures\nsomething,else\n")
    result = run("import", "n.csv", *CORNWALL, cwd=plans_copy)
    assert result.returncode == 2
    assert "no indicator column in the headers on row 1;" in result.stderr
    assert "--header-row N" in result.stderr


def test_header_row_names_the_header(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Figures,,\nid,when,figure\nx,Q1 2018/19,3\n")
    sheet = read_sheet(path, header_row=2)
    assert sheet.headers == ["id", "when", "figure"]
    assert sheet.rows == [(3, ["x", "Q1 2018/19", "3"])]
    from cspplan.exceptions import UsageError

    with pytest.raises(UsageError, match=r"--header-row 9: .* has 3 rows"):
        read_sheet(path, header_row=9)


def test_header_row_option_from_the_command_line(plans_copy):
    (plans_copy / "t.csv").write_text(
        "Measure,Q4 2018/19\nThe board's figures,\nindicator,Q4 2018/19\nmarac-repeat-incidents,30\n"
    )
    result = run("import", "t.csv", "--header-row", "3", *CORNWALL, cwd=plans_copy)
    assert result.returncode == 0, result.stderr
    assert "{period: Q4 2018/19, value: 30}" in (plans_copy / MARAC).read_text()


# -- import's counts ----------------------------------------------------------------------------


def test_import_counts_only_the_figures_it_records(plans_copy):
    (plans_copy / "c.csv").write_text(
        "indicator,period,value\n"
        "marac-repeat-incidents,2015/16,35\n"  # a printed figure: refused when recording
        "marac-repeat-incidents,Q4 2018/19,30\n"
    )
    result = run("import", "c.csv", "--skip-rejected", *CORNWALL, cwd=plans_copy)
    assert result.returncode == 0, result.stderr
    assert "c.csv: row 2: 2015/16 is already recorded" in result.stderr
    assert "Recorded 1 figure: 1 added; 1 file changed." in result.stdout
    dry = run("import", "c.csv", "--dry-run", *CORNWALL, cwd=plans_copy)
    assert "would record 0 figures (1 unchanged) in 0 files" in dry.stdout  # row 3 is in now


# -- fmt --diff -----------------------------------------------------------------------------------


def test_fmt_diff_only_shows(tmp_path):
    path = tmp_path / "messy.yaml"
    path.write_bytes(b"name:   Messy\r\nunit: count\r\n")
    result = run("fmt", "--diff", str(path))
    assert result.returncode == 0, result.stderr
    assert "-name:   Messy" in result.stdout and "+name: Messy" in result.stdout
    assert "1 of 1 file would be reformatted" in result.stderr
    assert path.read_bytes() == b"name:   Messy\r\nunit: count\r\n"


# -- new-year's hint ----------------------------------------------------------------------------


def test_new_year_hint_names_how_new_year_is_told(plans_copy):
    result = run("new-year", cwd=plans_copy)
    assert result.returncode == 2
    assert "several partnerships here" in result.stderr
    assert "--partnership" not in result.stderr
    assert "cspplan new-year FOLDER" in result.stderr


# -- git: a shallow clone's advice, and no temporary paths --------------------------------------


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """A repository of the shipped plans with two commits on main and a second branch."""
    repo = tmp_path / "origin"
    shutil.copytree(SHIPPED, repo / "plans")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "plans")
    (repo / MARAC).write_text((repo / MARAC).read_text().replace("37%", "38%"))
    git(repo, "commit", "-qam", "second")
    git(repo, "branch", "other", "HEAD~1")
    return repo


@pytest.mark.parametrize("revision", ["HEAD~1", "origin/other"])
def test_a_shallow_clone_is_told_a_fetch_that_works(history, tmp_path, revision):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", history.as_uri(), str(clone))
    result = run("diff", "--rev", revision, "--stat", cwd=clone)
    assert result.returncode == 2
    command = result.stderr.split("fetch it first: ", 1)[1].strip()
    assert command.startswith("git fetch ")
    fetched = subprocess.run(command.split(), cwd=clone, capture_output=True, text=True)
    assert fetched.returncode == 0, fetched.stderr
    again = run("diff", "--rev", revision, "--stat", cwd=clone)
    assert again.returncode == 0, again.stderr


def test_diff_rev_names_no_temporary_folder(history):
    # a partnership.yaml that does not load: its problem and the note that the checks
    # could not run both name the revision, not the temporary export
    path = history / "plans" / "safer-cornwall" / "partnership.yaml"
    path.write_text(path.read_text() + "x: [\n")
    git(history, "commit", "-qam", "broken")
    result = run("diff", "--rev", "HEAD~1..HEAD", cwd=history)
    assert result.returncode == 2
    assert "cspplan-diff-" not in result.stderr
    assert "skipped for HEAD:plans/safer-cornwall until" in result.stderr


# -- -o into a missing folder ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "arguments",
    [
        ("status", "plans/safer-cornwall"),
        ("diff", "plans/safer-cornwall"),
        ("render", "plans/safer-cornwall"),
    ],
)
def test_output_into_a_missing_folder_names_it(plans_copy, arguments):
    result = run(*arguments, "-o", "reports/out.txt", cwd=plans_copy)
    assert result.returncode == 2
    assert "cannot write reports/out.txt: the folder reports does not exist" in result.stderr
    assert not (plans_copy / "reports").exists()
