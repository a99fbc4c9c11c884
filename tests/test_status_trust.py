"""Status that cannot fool itself: no judging a target on its own baseline, no as-of period
before the plan year, the age of every figure said and stale ones flagged, and C004 graded
like C009 so a faithful transcription of a source's own sums still gets a status."""

from __future__ import annotations

import json

import pytest
from tests.conftest import codes, only, run, run_validate
from tests.test_status import make_plans

from cspplan.issues import Severity
from cspplan.model.periods import parse_period
from cspplan.status.assess import AsOfBeforePlan, assess_year
from cspplan.status.bands import Band


def statuses(folder, *options: str) -> dict[tuple[str, str], dict]:
    """(plan year, indicator) -> the measure's JSON record from `cspplan status`."""
    result = run("status", str(folder), "--format", "json", *options)
    assert result.returncode == 0, result.stderr
    return {
        (plan["plan_year"], m["indicator"]): m | {"attention": plan["summary"]["needs_attention"]}
        for plan in json.loads(result.stdout)["plans"]
        for m in plan["measures"]
    }


# -- a target is judged only on a figure after its baseline -------------------------------------


def _fewer_than_the_baseline(tree, series: list[dict]) -> None:
    """The issue's case: 'fewer than 30%' set on a 30% baseline for 2016/17."""
    tree["indicators/repeat-victims.yaml"]["polarity"] = "lower_is_better"
    tree["indicators/repeat-victims.yaml"]["series"] = series
    measure = tree["2017-18/themes/domestic-abuse.yaml"]["indicators"][0]
    measure["target"] = {"kind": "at_most", "value": 30, "strict": True, "text": "fewer than 30%"}
    for year in ("2017-18", "2018-19"):
        tree[f"{year}/themes/domestic-abuse.yaml"]["indicators"][0]["latest"] = series[-1]["period"]


BASELINE = {"period": "2016/17", "value": 30, "text": "30%", "reported_in": ["2017/18"]}


def test_a_target_is_not_judged_on_its_own_baseline(tree):
    _fewer_than_the_baseline(tree, [BASELINE])
    measure = statuses(tree.write())[("2017/18", "repeat-victims")]
    # was amber: "30% (2016/17) against a target of fewer than 30%: level with it"
    assert measure["status"] == "no_data"
    assert measure["reason"] == (
        "no figure after the 2016/17 baseline at or before 2017/18: the latest, 30% (2016/17), "
        "is the baseline itself"
    )
    assert "repeat-victims" not in measure["attention"]


def test_a_figure_after_the_baseline_is_judged(tree):
    later = {"period": "Q2 2017/18", "value": 27, "text": "27%", "reported_in": ["2017/18"]}
    _fewer_than_the_baseline(tree, [BASELINE, later])
    measure = statuses(tree.write())[("2017/18", "repeat-victims")]
    assert measure["status"] == "green"
    assert measure["reason"].startswith("27% (Q2 2017/18) against a target of fewer than 30%")


@pytest.mark.parametrize(
    "target",
    [
        {"kind": "no_increase", "reference": "2016/17"},
        {"kind": "reduction", "percent": 10, "baseline": "2016/17", "by": "2019/20"},
        {"kind": "long_term", "value": 20, "by": "2021", "baseline": "2016/17", "interim": 35},
    ],
    ids=["no_increase reference", "reduction baseline", "long_term baseline"],
)
def test_the_targets_own_baseline_counts_too(target):
    """No `baseline` on the measure: the target's own baseline or reference period is one."""
    indicator = {
        "unit": "percentage",
        "polarity": "lower_is_better",
        "series": [{"period": "2016/17", "value": 30}],
    }
    plans, year = make_plans(
        {"x": indicator}, [{"indicator": "x", "wording": "X", "target": target}]
    )
    (status,) = assess_year(plans, year).measures
    assert status.band is Band.NO_DATA
    assert status.reason.startswith("no figure after the 2016/17 baseline at or before 2018/19")


def test_a_figure_from_before_the_baseline_is_not_judged_either():
    indicator = {"unit": "percentage", "polarity": "higher_is_better"}
    indicator["series"] = [
        {"period": "2016/17", "value": 50},
        {"period": "Q1 2018/19", "status": "awaiting_data"},
    ]
    measure = {
        "indicator": "x",
        "wording": "X",
        "baseline": "Q4 2017/18",
        "target": {"kind": "at_least", "value": 40},
    }
    plans, year = make_plans({"x": indicator}, [measure])
    (status,) = assess_year(plans, year).measures
    assert status.band is Band.NO_DATA
    assert status.reason == (
        "no figure after the Q4 2017/18 baseline at or before 2018/19: the latest, 50% "
        "(2016/17), is not for a later period; Q1 2018/19 is 'awaiting data'"
    )


# -- an as-of period before the plan year is refused ---------------------------------------------


def test_as_of_before_the_plan_year_is_refused_with_the_reason(tree):
    folder = tree.write()
    result = run("status", str(folder / "2018-19"), "--as-of", "Q4 2017/18")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Invalid value for '--as-of'" in result.stderr
    assert (
        "Q4 2017/18 ends before the Testshire Community Safety Partnership 2018/19 plan year "
        "begins (1 April 2018)" in result.stderr
    )
    assert "Traceback" not in result.stderr
    named = run("status", str(folder / "2017-18"), str(folder / "2018-19"), "--as-of", "Q4 2017/18")
    assert named.returncode == 2
    assert "Name only the plan years that had begun by then" in named.stderr
    assert run("status", str(folder / "2018-19"), "--as-of", "Q1 2018/19").returncode == 0


def test_a_folder_as_of_an_earlier_period_assesses_the_years_that_had_begun(tree):
    """A partnership or repository as at Q4 2017/18 is its 2017/18 plans: the later year,
    found inside the folder rather than named, is left out with a note."""
    folder = tree.write()
    result = run("status", str(folder), "--as-of", "Q4 2017/18", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert [plan["plan_year"] for plan in json.loads(result.stdout)["plans"]] == ["2017/18"]
    assert "left out, as they begin after Q4 2017/18: Testshire" in result.stderr
    assert "2018/19" in result.stderr
    assert run("status", str(folder / "2018-19"), "--as-of", "Q1 2018/19").returncode == 0


def test_render_refuses_it_too_and_writes_nothing(tree, tmp_path):
    output = tmp_path / "out" / "performance.md"
    output.parent.mkdir()
    folder = tree.write()
    result = run(
        "render",
        str(folder / "2018-19"),
        "--document",
        "performance",
        "--as-of",
        "2016/17",
        "-o",
        str(output),
    )
    assert result.returncode == 2
    assert "ends before the Testshire Community Safety Partnership 2018/19 plan" in result.stderr
    assert list(output.parent.iterdir()) == []


def test_assess_year_refuses_it_from_python(tree):
    plans = run_validate(tree.write()).partnerships[0]
    later = plans.years[-1]
    with pytest.raises(AsOfBeforePlan, match=r"ends before the .* 2018/19 plan year begins"):
        assess_year(plans, later, parse_period("Q4 2017/18"))
    assert str(assess_year(plans, later, parse_period("Q1 2018/19")).as_of) == "Q1 2018/19"


# -- the age of a figure, and stale figures ------------------------------------------------------


def _old_green_figure(tree, stale_after=None) -> None:
    """2018/19 judged on a 2016/17 figure that meets the target (no measure baseline)."""
    del tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["baseline"]
    for year in ("2017-18", "2018-19"):
        tree[f"{year}/themes/domestic-abuse.yaml"]["indicators"][0]["latest"] = "2016/17"
    series = tree["indicators/repeat-victims.yaml"]["series"]
    del series[1:]  # only the 2016/17 figure (30%, inside the 28-40% range)
    if stale_after is not None:
        tree["partnership.yaml"]["status_rules"] = {"stale_after": stale_after}


def test_the_reason_says_how_old_the_figure_is(tree):
    _old_green_figure(tree)
    measure = statuses(tree.write())[("2018/19", "repeat-victims")]
    assert measure["status"] == "green"
    assert measure["reason"] == (
        "30% (2016/17, ended 1 year before 2018/19) against a target range of 28% to 40%: met"
    )
    assert not measure["stale"] and "repeat-victims" not in measure["attention"]


def test_a_figure_for_the_as_of_period_has_no_age(tree):
    folder = tree.write() / "2017-18"
    measure = statuses(folder, "--as-of", "Q2 2017/18")[("2017/18", "repeat-victims")]
    assert measure["reason"].startswith("28% (Q2 2017/18) against")


def test_an_old_figure_is_flagged_stale_in_the_reason_and_the_attention_list(tree):
    _old_green_figure(tree)
    folder = tree.write()
    measure = statuses(folder / "2018-19", "--as-of", "Q4 2018/19")[("2018/19", "repeat-victims")]
    assert measure["status"] == "green"  # still met: stale is a warning, not a band
    assert measure["stale"] and measure["needs_attention"]
    assert measure["attention"] == ["repeat-victims"]
    assert measure["reason"] == (
        "30% (2016/17, ended 21 months before Q4 2018/19) against a target range of 28% to 40%: "
        "met; the figure is stale (more than 1 year old)"
    )
    text = run("status", str(folder / "2018-19"), "--as-of", "Q4 2018/19").stdout
    attention = text[text.index("Needs attention") :]
    assert "Repeat victims of domestic abuse" in attention and "stale" in attention
    markdown = run(
        "status", str(folder / "2018-19"), "--as-of", "Q4 2018/19", "--format", "markdown"
    )
    listed = markdown.stdout.split("### Needs attention")[1].split("###")[0]
    assert "**Repeat victims of domestic abuse**: Green" in listed and "is stale" in listed


def test_a_figure_years_old_in_a_later_plan_is_stale():
    """The issue's case: a 2018/19 figure that meets a 2026/27 plan's target."""
    indicator = {"unit": "percentage", "polarity": "higher_is_better"}
    indicator["series"] = [{"period": "2018/19", "value": 90}]
    target = {"kind": "at_least", "value": 80}
    plans, year = make_plans(
        {"x": indicator}, [{"indicator": "x", "wording": "X", "target": target}], period="2026/27"
    )
    (status,) = assess_year(plans, year).measures
    assert status.band is Band.GREEN
    assert status.stale and status.needs_attention
    assert status.reason == (
        "90% (2018/19, ended 7 years before 2026/27) against a target of at least 80%: met; "
        "the figure is stale (more than 1 year old)"
    )


@pytest.mark.parametrize(
    ("stale_after", "stale"),
    [
        (None, False),
        ("6 months", True),
        (6, True),
        ("18 months", False),
        ("1 year 6 months", False),
    ],
)
def test_the_partnership_sets_how_old_is_stale(stale_after, stale):
    indicator = {"unit": "percentage", "polarity": "higher_is_better"}
    indicator["series"] = [{"period": "2016/17", "value": 90}]  # ended 12 months before
    measure = {"indicator": "x", "wording": "X", "target": {"kind": "at_least", "value": 80}}
    rules = {"stale_after": stale_after} if stale_after is not None else None
    plans, year = make_plans({"x": indicator}, [measure], rules=rules)
    (status,) = assess_year(plans, year).measures
    assert status.stale is stale and status.needs_attention is stale
    assert ("the figure is stale (more than" in status.reason) is stale


def test_a_stale_after_that_is_not_a_length_of_time_is_located(tree):
    tree["partnership.yaml"]["status_rules"] = {"stale_after": "soon"}
    result = run("status", str(tree.write()))
    assert result.returncode == 1
    assert "partnership.yaml:" in result.stderr and "status_rules.stale_after" in result.stderr
    assert "'soon' is not a length of time such as '1 year', '18 months'" in result.stderr
    assert "Traceback" not in result.stderr


# -- C004: both sides named, graded like C009 ----------------------------------------------------

PRINTED_QUARTERS = [
    {"period": "Q1 2013/14", "value": 8000, "text": "8,000"},
    {"period": "Q2 2013/14", "value": 8518, "text": "8,518"},
    {"period": "Q1-Q2 2013/14", "value": 16498, "text": "16,498"},
]


def test_a_sum_the_source_printed_is_a_warning_and_status_still_runs(tree):
    tree["indicators/referrals.yaml"]["series"] = PRINTED_QUARTERS
    folder = tree.write()
    issue = only(run_validate(folder), "C004")
    assert issue.severity is Severity.WARNING
    assert issue.message == (
        "the quarterly figures for Q1 to Q2 2013/14 add up to 16,518, but the year-to-date "
        "figure for Q1-Q2 2013/14 is 16,498 (both sides as the source printed them)"
    )
    assert issue.field_path == "series[2].value"
    assert run("status", str(folder)).returncode == 0


def test_a_sum_with_a_typed_figure_is_an_error_naming_it(tree):
    series = [dict(item) for item in PRINTED_QUARTERS]
    del series[1]["text"]  # Q2 typed in: neither text nor reported_in
    tree["indicators/referrals.yaml"]["series"] = series
    folder = tree.write()
    issue = only(run_validate(folder), "C004")
    assert issue.severity is Severity.ERROR
    assert issue.message.endswith("is 16,498 (typed, not printed: Q2 2013/14)")
    assert run("status", str(folder)).returncode == 1


def test_a_full_year_figure_is_named_as_such(tree):
    series = [
        {"period": f"Q{n} 2017/18", "value": 10, "reported_in": ["2018/19"]} for n in range(1, 5)
    ]
    series.append({"period": "2017/18", "value": 41, "reported_in": ["2018/19"]})
    tree["indicators/referrals.yaml"]["series"] = series
    issue = only(run_validate(tree.write()), "C004")
    assert issue.severity is Severity.WARNING
    assert issue.message.startswith(
        "the quarterly figures for Q1 to Q4 2017/18 add up to 40, but the figure for the whole "
        "of 2017/18 is 41"
    )


@pytest.mark.parametrize(
    ("text", "severity"), [("10/10/10/10, 50 a year", "warning"), (None, "error")]
)
def test_a_quarterly_profile_is_graded_by_whether_it_was_printed(tree, text, severity):
    target = {"kind": "quarterly_profile", "quarters": [10, 10, 10, 10], "annual": 50}
    if text:
        target["text"] = text
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"].append(
        {"indicator": "referrals", "wording": "Referrals", "target": target}
    )
    tree["indicators/referrals.yaml"]["polarity"] = "higher_is_better"
    report = run_validate(tree.write())
    issue = only(report, "C004")
    assert issue.severity.value == severity
    assert issue.message.startswith(
        "the profile's four quarters add up to 40, but the annual target is 50"
    )
    assert "C004" in codes(report)
