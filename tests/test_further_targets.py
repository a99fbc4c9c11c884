"""Several targets per measure: `target` is the one the status judges; each of
`further_targets` (a longer horizon, the Police and Crime Plan's, a national one) is
reported with whose it is, when it is for and a status of its own, and is checked by
every check that looks at a target."""

from __future__ import annotations

import json

import pytest

import cspplan
from conftest import codes, expected_position, only, run, run_validate
from cspplan.model.periods import parse_period
from cspplan.model.targets import TargetOwner

AS_OF = "Q2 2017/18"


def _crime(tree, **measure) -> dict:
    """A count indicator (lower is better) and a measure of it in the 2017/18 plan."""
    tree.files["indicators/priority-crime.yaml"] = {
        "name": "Priority crime",
        "unit": "count",
        "polarity": "lower_is_better",
        "frequency": "quarterly",
        "series": [
            {"period": "2016/17", "value": 9000, "text": "9,000"},
            {"period": "Q1 2016/17", "value": 2300},
            {"period": "Q2 2016/17", "value": 2250},
            {"period": "Q1 2017/18", "value": 2100},
            {"period": "Q2 2017/18", "value": 2200},
        ],
    }
    entry = {
        "indicator": "priority-crime",
        "wording": "Maintain priority crime (and reduce by 18% over period 2011/16)",
        "target": {"kind": "at_most", "value": 2250, "text": "Maintain levels"},
        "further_targets": [
            {
                "kind": "at_most",
                "value": 2000,
                "horizon": "2018/19",
                "owner": "police_and_crime_plan",
                "owner_text": "Police & Crime Plan",
                "text": "no more than 2,000 a quarter by 2018/19",
            },
            {"kind": "at_most", "value": 2500, "owner": "national"},
        ],
    } | measure
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"].append(entry)
    return entry


def _status(folder):
    from cspplan.status.assess import assess_year

    plans = cspplan.load(folder).partnerships[0]
    year = next(y for y in plans.years if y.label == "2017/18")
    assessed = assess_year(plans, year, parse_period(AS_OF))
    return next(s for s in assessed.measures if s.indicator.id == "priority-crime")


def test_each_further_target_has_its_own_status_and_never_the_measures(tree):
    _crime(tree)
    status = _status(tree.write())
    # The judged target: 2,200 at most 2,250 → green. The measure stays green although the
    # Police and Crime Plan's further target (at most 2,000) is missed.
    assert status.band.value == "green"
    police, national = status.further
    assert police.band.value == "red"
    assert police.heading == "Police and Crime Plan target (Police & Crime Plan), by 2018/19"
    assert police.reason.startswith("by 2018/19, progress so far: 2,200 (Q2 2017/18) against")
    assert national.band.value == "green"
    assert national.heading == "National target"
    assert "progress so far" not in national.reason


def test_a_horizon_within_the_as_of_period_is_judged_as_any_target(tree):
    entry = _crime(tree)
    entry["further_targets"][0]["horizon"] = "Q2 2017/18"
    status = _status(tree.write())
    assert status.further[0].heading.endswith(", for Q2 2017/18")
    assert status.further[0].reason.startswith("2,200 (Q2 2017/18) against a target")


def test_the_period_parser_reads_the_horizons_plans_print():
    assert str(parse_period("2013/14")) == "2013/14"
    assert str(parse_period("2015/16")) == "2015/16"
    # A span of years is not a reporting period (no figure covers it): only a horizon
    from cspplan.model.periods import PeriodError

    with pytest.raises(PeriodError):
        parse_period("2011/12 to 2015/16")
    assert [owner.value for owner in TargetOwner] == [
        "partnership",
        "police_and_crime_plan",
        "national",
        "other",
    ]


def test_a_horizon_can_be_a_span_of_financial_years(tree):
    """'over period 2011/16': held as the span, due when its last year ends, worded 'over'."""
    entry = _crime(tree)
    entry["further_targets"][0]["horizon"] = "2011/12 to 2018/19"
    folder = tree.write()
    assert run_validate(folder).exit_code() == 0
    further = _status(folder).further[0]
    assert str(further.target.horizon) == "2011/12 to 2018/19"
    assert further.target.horizon.end.isoformat() == "2019-03-31"
    assert further.heading.startswith("Police and Crime Plan target (Police & Crime Plan), over")
    assert further.reason.startswith("over 2011/12 to 2018/19, progress so far:")
    text = (folder / "2017-18/themes/domestic-abuse.yaml").read_text(encoding="utf-8")
    assert "2011/12 to 2018/19" in text


@pytest.mark.parametrize(
    ("horizon", "words"),
    [
        ("2018/19 to 2011/12", "the span of years runs backwards"),
        ("2011/12 to 2018", "runs from one financial year to another"),
    ],
)
def test_a_bad_span_is_a_located_error(tree, horizon, words):
    entry = _crime(tree)
    entry["further_targets"][0]["horizon"] = horizon
    issue = only(run_validate(tree.write()), "S005")
    assert issue.field_path.endswith("further_targets[0].horizon")
    assert words in issue.message


def test_a_bad_horizon_or_owner_is_a_located_error(tree):
    entry = _crime(tree)
    entry["further_targets"][0]["horizon"] = "2011/16"
    entry["further_targets"][1]["owner"] = "county"
    report = run_validate(tree.write())
    assert report.exit_code() != 0
    fields = {issue.field_path for issue in report.issues}
    assert any("further_targets[0].horizon" in field for field in fields), fields
    assert any("further_targets[1].owner" in field for field in fields), fields


def test_status_outputs_show_further_targets_under_the_measure(tree):
    _crime(tree)
    folder = tree.write() / "2017-18"
    text = run("status", str(folder), "--as-of", AS_OF, "--format", "markdown").stdout
    assert (
        "| ↳ Police and Crime Plan target (Police & Crime Plan), by 2018/19 (not the "
        "measure's status) |  | at most 2,000 | Red |  | By 2018/19, progress so far: 2,200"
    ) in text
    data = json.loads(run("status", str(folder), "--as-of", AS_OF, "--format", "json").stdout)
    [row] = [m for m in data["plans"][0]["measures"] if m["indicator"] == "priority-crime"]
    assert row["status"] == "green"
    assert [f["status"] for f in row["further_targets"]] == ["red", "green"]
    assert row["further_targets"][0]["horizon"] == "2018/19"
    assert row["further_targets"][0]["owner"] == "police_and_crime_plan"
    others = [m for m in data["plans"][0]["measures"] if m["indicator"] != "priority-crime"]
    assert all("further_targets" not in m for m in others), "absent where none is set"
    csv = run("status", str(folder), "--as-of", AS_OF, "--format", "csv").stdout
    assert "National target: at most 2,500 — Green: 2,200 (Q2 2017/18)" in csv
    terminal = " ".join(run("status", str(folder), "--as-of", AS_OF).stdout.split())
    assert terminal.count("↳") == 2 and "Red" in terminal


def test_the_performance_report_and_the_plan_show_them(tree, tmp_path, charts_not_drawn):
    _crime(tree)
    folder = tree.write() / "2017-18"
    out = tmp_path / "performance.md"
    result = run(
        "render", str(folder), "--document", "performance", "--as-of", AS_OF, "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    report = out.read_text(encoding="utf-8")
    assert "its target, at most 2,250):" in report
    assert (
        "- Police and Crime Plan target (Police & Crime Plan), by 2018/19: at most 2,000 — "
        "Red: by 2018/19, progress so far: 2,200 (Q2 2017/18)"
    ) in report
    plan = tmp_path / "plan.md"
    assert run("render", str(folder), "-o", str(plan)).returncode == 0
    assert (
        "Maintain levels<br>Police and Crime Plan target (Police & Crime Plan), by 2018/19: "
        "no more than 2,000 a quarter by 2018/19<br>National target: at most 2,500"
    ) in plan.read_text(encoding="utf-8")


def test_checks_on_targets_see_further_targets_with_their_path(tree):
    """C006 (no polarity) and C003 (a percentage off 0-100) check a further target as they
    check the judged one, located at `further_targets[index]`."""
    del tree["indicators/repeat-victims.yaml"]["polarity"]
    measure = tree["2017-18/themes/domestic-abuse.yaml"]["indicators"][0]
    measure["target"] = {"kind": "tbc"}
    measure["further_targets"] = [
        {"kind": "text", "text": "Benchmark against family"},
        {"kind": "at_least", "value": 120},
    ]
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["target"] = {"kind": "tbc"}
    report = run_validate(tree.write())
    polarity = only(report, "C006")
    assert polarity.field_path == "indicators[0].further_targets[1]"
    scale = only(report, "C003")
    assert scale.field_path == "indicators[0].further_targets[1].value"
    assert scale.message == "the target 120% is outside 0–100"
    assert (scale.line, scale.column) == expected_position(scale.file, scale.path)


def test_a_further_profile_is_checked_like_the_judged_one(tree):
    """C004: a profile's quarters against its annual figure, in a further target too."""
    _crime(
        tree,
        further_targets=[
            {"kind": "quarterly_profile", "quarters": [1, 2, 3, 4], "annual": 11},
        ],
    )
    issue = only(run_validate(tree.write()), "C004")
    assert issue.field_path.endswith("further_targets[0].annual")


def test_plans_without_further_targets_are_unchanged(tree):
    report = run_validate(tree.write())
    assert "C006" not in codes(report)
    status = _status_plain(tree)
    assert all(s.further == [] for s in status)


def _status_plain(tree):
    from cspplan.status.assess import assess_year

    plans = cspplan.load(tree.write()).partnerships[0]
    return [s for year in plans.years for s in assess_year(plans, year).measures]
