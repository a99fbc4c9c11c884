"""Naming a plan year or a file narrows what is reported to it and what it depends on: a
broken shared file must never pass, and no command may drop an item because a file it
needs failed to load."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import SHIPPED, run_validate

from cspplan.cli import cli

BROKEN_YAML = "x: [\n"

# Every kind of shared file a plan year reads, broken two ways where the kind allows: a
# syntax error (the file does not parse) and a schema error (it parses but is not valid).
SHARED = {
    "partnership syntax": ("partnership.yaml", "append", BROKEN_YAML, "F004"),
    "partnership schema": ("partnership.yaml", "set", ("name", ["not", "text"]), "S003"),
    "indicator syntax": ("indicators/repeat-victims.yaml", "append", BROKEN_YAML, "F004"),
    "indicator unit": ("indicators/repeat-victims.yaml", "set", ("unit", "furlongs"), "S004"),
    "earlier year's plan": ("2017-18/plan.yaml", "append", BROKEN_YAML, "F004"),
    "earlier year's theme": ("2017-18/themes/domestic-abuse.yaml", "append", BROKEN_YAML, "F004"),
}


def _break(tree, name: str, how: str, change) -> Path:
    if how == "set":
        key, value = change
        tree[name][key] = value
        return tree.write()
    folder = tree.write()
    with (folder / name).open("a", encoding="utf-8") as handle:
        handle.write(change)
    return folder


def _invoke(*args: str):
    return CliRunner().invoke(cli, ["--quiet", *map(str, args)], env={"NO_COLOR": "1"})


@pytest.mark.parametrize("kind", SHARED)
def test_a_broken_shared_file_is_reported_when_a_year_is_named(tree, kind):
    name, how, change, code = SHARED[kind]
    folder = _break(tree, name, how, change)
    report = run_validate(folder / "2018-19")
    found = [issue for issue in report.issues if issue.code == code]
    assert len(found) == 1, [(i.code, i.file, i.message) for i in report.issues]
    issue = found[0]
    assert issue.file == folder / name
    assert issue.line is not None and issue.column is not None
    assert issue.needed_by is not None and (folder / "2018-19") in issue.needed_by.parents
    assert report.exit_code() == 1


@pytest.mark.parametrize("kind", SHARED)
def test_the_note_names_the_file_that_needs_it(tree, kind, monkeypatch):
    name, how, change, code = SHARED[kind]
    folder = _break(tree, name, how, change)
    monkeypatch.chdir(folder.parent)
    result = _invoke("validate", "testshire/2018-19", "--format", "json")
    assert result.exit_code == 1
    issue = next(i for i in json.loads(result.output)["issues"] if i["code"] == code)
    assert issue["file"] == f"testshire/{name}"
    assert issue["needed_by"].startswith("testshire/2018-19/")
    text = _invoke("validate", "testshire/2018-19")
    assert f"testshire/{name}:" in text.output
    assert "depends on this file" in text.output


@pytest.mark.parametrize("kind", SHARED)
@pytest.mark.parametrize(
    "command",
    [
        ("status", "{year}"),
        ("status", "{year}", "--format", "csv", "-o", "{out}"),
        ("render", "{year}", "-o", "{out}"),
        ("render", "{year}", "--document", "performance", "-o", "{out}"),
        ("diff", "{earlier}", "{year}"),
    ],
    ids=["status", "status-csv", "render-plan", "render-performance", "diff"],
)
def test_no_command_leaves_out_what_a_broken_file_holds(tree, tmp_path, kind, command):
    name, how, change, code = SHARED[kind]
    folder = _break(tree, name, how, change)
    out = tmp_path / "out" / "result.md"
    out.parent.mkdir()
    arguments = [
        part.format(year=folder / "2018-19", earlier=folder / "2017-18", out=out)
        for part in command
    ]
    result = _invoke(*arguments)
    refused = 2 if command[0] == "diff" else 1  # diff's 1 means "differences found"
    assert result.exit_code == refused, result.output
    assert code in result.output
    assert not out.exists()


def test_a_dependency_is_reported_in_a_named_theme_file_too(tree):
    folder = _break(tree, "indicators/repeat-victims.yaml", "append", BROKEN_YAML)
    report = run_validate(folder / "2018-19" / "themes" / "domestic-abuse.yaml")
    issue = next(issue for issue in report.issues if issue.code == "F004")
    assert issue.needed_by == folder / "2018-19" / "themes" / "domestic-abuse.yaml"


def test_an_indicator_needs_the_indicator_it_replaces(tree):
    tree["indicators/referrals.yaml"]["replaces"] = "repeat-victims"
    folder = _break(tree, "indicators/repeat-victims.yaml", "set", ("unit", "furlongs"))
    report = run_validate(folder / "indicators" / "referrals.yaml")
    issue = next(issue for issue in report.issues if issue.code == "S004")
    assert issue.needed_by == folder / "indicators" / "referrals.yaml"


def test_a_file_nothing_named_needs_is_still_left_out(tree):
    """The report stays narrow: an indicator the named year never reads is not reported."""
    folder = _break(tree, "indicators/referrals.yaml", "append", BROKEN_YAML)
    report = run_validate(folder / "2018-19")
    assert "F004" not in [issue.code for issue in report.issues]
    assert report.exit_code() == 0


def test_only_loading_problems_of_an_earlier_year_are_reported(tree):
    """A named year needs the items its lineage points at to load, not the earlier year's
    own content to be right: a 2017/18 warning stays out of a 2018/19 report."""
    tree["2017-18/themes/domestic-abuse.yaml"]["actions"][1]["timescale"]["parts"][0]["by"] = (
        "Mar 2019"
    )
    folder = tree.write()
    assert "C001" in [issue.code for issue in run_validate(folder).issues]
    assert "C001" not in [issue.code for issue in run_validate(folder / "2018-19").issues]


def test_checks_still_run_on_the_named_year_when_another_file_is_broken(tree):
    """A broken file elsewhere used to switch off every reference check of the partnership,
    so an unknown indicator in the named year passed."""
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["indicator"] = "no-such"
    folder = _break(tree, "indicators/referrals.yaml", "append", BROKEN_YAML)
    report = run_validate(folder / "2018-19")
    assert "R003" in [issue.code for issue in report.issues]
    assert report.exit_code() == 1


def test_a_broken_file_causes_no_knock_on_reference_errors(tree):
    """Checks run on what loaded, and stay quiet about references into what did not: the
    broken indicator and the broken earlier theme are each reported once, at their place."""
    folder = tree.write()
    for name in ("indicators/repeat-victims.yaml", "2017-18/themes/domestic-abuse.yaml"):
        with (folder / name).open("a", encoding="utf-8") as handle:
            handle.write(BROKEN_YAML)
    report = run_validate(folder)
    assert sorted(issue.code for issue in report.issues if issue.severity == "error") == [
        "F004",
        "F004",
    ], [(i.code, i.message) for i in report.issues]


def test_shipped_measure_count_is_kept_or_refused(tmp_path):
    """The case the issue saw: a broken domestic-homicides indicator made validate of
    2018-19 pass and status drop the measure (38 of 39)."""
    plans = tmp_path / "plans"
    shutil.copytree(SHIPPED, plans)
    indicator = plans / "safer-cornwall" / "indicators" / "domestic-homicides.yaml"
    indicator.write_text(indicator.read_text(encoding="utf-8") + BROKEN_YAML, encoding="utf-8")
    year = plans / "safer-cornwall" / "2018-19"
    validate = _invoke("validate", year)
    assert validate.exit_code == 1 and "domestic-homicides.yaml" in validate.output
    status = _invoke("status", year, "--format", "csv")
    assert status.exit_code == 1
