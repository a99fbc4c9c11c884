"""One object opens plans for the command line and the Python API (issue 17)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import cspplan
from conftest import SHIPPED
from cspplan.cli import cli
from cspplan.exceptions import PlanError


def _validate_json(path) -> dict:
    result = CliRunner().invoke(cli, ["validate", str(path), "--format", "json"])
    return json.loads(result.output), result.exit_code


def test_the_python_api_returns_one_object_whose_plans_and_issues_match_the_cli() -> None:
    opened = cspplan.load(SHIPPED)
    report, exit_code = _validate_json(SHIPPED)
    assert [plans.id for plans in opened.partnerships] == report["summary"]["partnerships"]
    assert (
        opened.partnership("safer-cornwall")
        is opened.partnerships[[p.id for p in opened.partnerships].index("safer-cornwall")]
    )
    assert (opened.errors, opened.warnings) == (
        report["summary"]["errors"],
        report["summary"]["warnings"],
    )
    assert opened.exit_code() == exit_code == 0
    assert {(p, str(year)) for p, year in opened.chosen} >= {("safer-cornwall", "2018/19")}


def test_validate_gives_the_same_object_with_the_errors_and_load_refuses(tree) -> None:
    tree["partnership.yaml"]["name"] = ""
    folder = tree.write()
    checked = cspplan.validate(folder)
    report, exit_code = _validate_json(folder)
    assert checked.errors == report["summary"]["errors"] > 0
    assert checked.exit_code() == exit_code == 1
    assert [issue.code for issue in checked.issues] == [i["code"] for i in report["issues"]]
    with pytest.raises(PlanError):
        cspplan.load(folder)
