"""Data period and reporting period: a figure for a window of data ("Oct 10 to Sep 11")
printed in another period's column (Q1 2013/14). Both are kept, status uses the data
window, and documents and status outputs show both; a percentage keeps the attempts it is
out of ("0% (4 attempts)")."""

from __future__ import annotations

import json

import pytest
from tests.conftest import run, run_validate
from tests.test_status import status_of

from cspplan.model.indicator import Observation
from cspplan.model.periods import PeriodError, PeriodKind, parse_period

# -- the parser reads a window of twelve months ---------------------------------------------


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("Oct 10 to Sep 11", "12 months to Sep 2011"),
        ("Apr 11 to Mar 12", "12 months to Mar 2012"),
        ("Jul11 to Jun12", "12 months to Jun 2012"),  # no space, as Norfolk prints it
        ("Oct 2010 to Sep 2011", "12 months to Sep 2011"),
        ("Oct-10 to Sep-11", "12 months to Sep 2011"),
        ("Jan 2013 to Dec 2013", "12 months to Dec 2013"),
    ],
)
def test_a_window_of_twelve_months_is_the_rolling_year_it_covers(printed, canonical):
    period = parse_period(printed)
    assert period.kind is PeriodKind.ROLLING_12_MONTHS
    assert str(period) == canonical
    assert parse_period(canonical) == period


@pytest.mark.parametrize(
    ("printed", "canonical"),
    [
        ("2017/18", "2017/18"),
        ("Q3 2017/18", "Q3 2017/18"),
        ("Q1-3 2017/18", "Q1-Q3 2017/18"),
        ("Nov-17", "Nov 2017"),
        ("12 months to Jun-17", "12 months to Jun 2017"),
        ("3 year average 07/08-09/10", "3 year average 2007/08-2009/10"),
        ("31 March 2019", "2019-03-31"),
        ("2017 Survey", "2017 survey"),
    ],
)
def test_every_form_read_before_reads_as_before(printed, canonical):
    assert str(parse_period(printed)) == canonical


def test_a_window_that_is_not_twelve_months_is_refused_with_the_reason():
    with pytest.raises(PeriodError) as refused:
        parse_period("Oct 10 to Oct 11")
    assert str(refused.value).startswith(
        "'Oct 10 to Oct 11' runs from Oct 2010 to Oct 2011, 13 months; a window of months "
        "must cover 12"
    )


def test_an_indicator_file_with_a_window_of_the_wrong_length_is_located(tree):
    tree["indicators/referrals.yaml"]["series"][0]["period"] = "Oct 16 to Sep 18"
    report = run_validate(tree.write())
    assert report.exit_code() == 1
    (issue,) = report.issues
    assert issue.field_path == "series[0].period" and "24 months" in issue.message


# -- kept, and status uses the data window -----------------------------------------------------


WINDOW = {"period": "Oct 16 to Sep 17", "value": 34.4, "count": 412, "reported_for": "Q1 2018/19"}


def test_the_reporting_column_is_kept_beside_the_data_window():
    observation = Observation.model_validate(WINDOW)
    assert str(observation.period) == "12 months to Sep 2017"
    assert str(observation.reported_for) == "Q1 2018/19"
    assert observation.model_dump(mode="json")["reported_for"] == "Q1 2018/19"


def test_status_uses_the_data_window_and_says_both():
    status = status_of([WINDOW], {"kind": "at_most", "value": 30}, polarity="lower_is_better")
    assert str(status.latest.period) == "12 months to Sep 2017"
    assert status.latest_words() == "34.4% (Q1 2018/19 column: figure for Oct 2016 to Sep 2017)"


def test_a_window_printed_in_a_later_column_is_as_old_as_its_data():
    """Judged at Q4 2018/19, a figure for the year to Sep 2017 is more than a year old,
    whatever column it was printed in."""
    status = status_of(
        [WINDOW], {"kind": "at_most", "value": 30}, polarity="lower_is_better", as_of="Q4 2018/19"
    )
    assert status.stale


def test_the_attempts_a_percentage_is_out_of_are_shown_with_it():
    status = status_of(
        [{"period": "Q2 2018/19", "value": 0, "attempts": 4}], {"kind": "at_most", "value": 10}
    )
    assert status.latest_words() == "0% (4 attempts) (Q2 2018/19)"
    one = status_of([{"period": "Q2 2018/19", "value": 0, "attempts": 1}], None)
    assert one.latest_words() == "0% (1 attempt) (Q2 2018/19)"


# -- documents and status outputs show both ------------------------------------------------------


def _in_column(tree) -> None:
    """The 2018/19 plan's Q3 2017/18 figure is for the calendar year 2017."""
    series = tree["indicators/repeat-victims.yaml"]["series"]
    series[2] = {
        "period": "Jan 17 to Dec 17",
        "value": 27,
        "reported_for": "Q3 2017/18",
        "reported_in": ["2018/19"],
    }


def test_the_performance_report_shows_the_column_and_the_window(tree, tmp_path):
    _in_column(tree)
    folder = tree.write()
    assert run_validate(folder).issues == []  # latest: Q3 2017/18 is the column's figure
    output = tmp_path / "performance.md"
    result = run(
        "render", str(folder / "2018-19"), "--document", "performance", "-o", str(output), "-q"
    )
    assert result.returncode == 0, result.stderr
    document = output.read_text()
    assert "| Q3 2017/18 column: figure for Jan 2017 to Dec 2017 | 27% |" in document
    assert "27% (Q3 2017/18 column: figure for Jan 2017 to Dec 2017)" in document


def test_status_text_and_json_show_the_column(tree):
    _in_column(tree)
    folder = tree.write()
    text = run("status", str(folder / "2018-19"), "--format", "markdown").stdout
    assert "27% (Q3 2017/18 column: figure for Jan 2017 to Dec 2017)" in text
    plans = json.loads(run("status", str(folder / "2018-19"), "--format", "json").stdout)
    (measure,) = plans["plans"][0]["measures"]
    assert measure["latest_period"] == "12 months to Dec 2017"
    assert measure["latest_reported_for"] == "Q3 2017/18"
    assert measure["latest_attempts"] is None and measure["area"] is None


def test_status_json_has_no_new_fields_for_plans_that_use_none(tree):
    folder = tree.write()
    plans = json.loads(run("status", str(folder / "2018-19"), "--format", "json").stdout)
    (measure,) = plans["plans"][0]["measures"]
    assert "latest_reported_for" not in measure and "area" not in measure
