"""Printed year-to-date targets on a quarterly profile: judged against, and checked
against the sum of the quarters (C015)."""

from __future__ import annotations

from tests.conftest import run
from tests.test_status import status_of

from cspplan.status.bands import Band

QUARTERS = [2274, 2329, 2300, 2300]


def _profile(**extra):
    return {"kind": "quarterly_profile", "quarters": QUARTERS} | extra


def _judged(target):
    return status_of([("Q1-Q2 2018/19", 4595)], target, unit="count", polarity="lower_is_better")


def test_without_a_printed_year_to_date_the_quarters_are_added_up():
    status = _judged(_profile())
    assert status.band is Band.GREEN
    assert status.reason == "4,595 in 2018/19 to Q2 against a profile of at most 4,603 by then: met"


def test_a_printed_year_to_date_target_wins_over_the_sum():
    printed = [{"period": "Q2 2018/19", "value": 4585, "text": "4585"}]
    status = _judged(_profile(year_to_date=printed))
    assert status.band is Band.AMBER
    assert status.reason == (
        "4,595 in 2018/19 to Q2 against a printed year-to-date target of at most 4,585 by "
        "then (the profile's quarters add up to 4,603): 10 (0.2%) over, within the tolerance of 5%"
    )


def test_a_printed_year_to_date_for_another_quarter_is_not_used():
    printed = [{"period": "Q1-Q3 2018/19", "value": 6000}]
    status = _judged(_profile(year_to_date=printed))
    assert "against a profile of at most 4,603 by then" in status.reason


def _validate(tree, target):
    measure = tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]
    measure["target"] = target
    indicator = tree["indicators/repeat-victims.yaml"]
    indicator |= {"unit": "count", "polarity": "lower_is_better"}
    return run("validate", str(tree.write()))


def test_c015_warns_where_the_source_printed_the_year_to_date_target(tree):
    printed = [{"period": "Q2 2018/19", "value": 4585, "text": "4585"}]
    result = _validate(tree, _profile(year_to_date=printed))
    assert result.returncode == 0, result.stdout
    assert (
        "2018-19/themes/domestic-abuse.yaml:34:14: C015 warning "
        "indicators[0].target.year_to_date[0].value: the profile's quarters Q1 to Q2 add up "
        "to 4,603, but its printed year-to-date target to Q2 2018/19 is 4,585 (both sides "
        "as the source printed them)"
    ) in result.stdout


def test_c015_is_an_error_where_the_year_to_date_target_was_typed_in(tree):
    printed = [{"period": "Q2 2018/19", "value": 4585}]
    result = _validate(tree, _profile(year_to_date=printed))
    assert result.returncode == 1
    assert "C015 error indicators[0].target.year_to_date[0].value" in result.stdout
    assert "typed, not printed: the year-to-date target to Q2 2018/19" in result.stdout


def test_c015_is_quiet_when_the_printed_target_is_the_sum(tree):
    printed = [{"period": "Q2 2018/19", "value": 4603}]
    result = _validate(tree, _profile(year_to_date=printed))
    assert "C015" not in result.stdout


def test_a_year_to_date_target_must_run_to_a_quarter(tree):
    printed = [{"period": "2018/19", "value": 9203}]
    result = _validate(tree, _profile(year_to_date=printed))
    assert result.returncode == 1
    assert "indicators[0].target.year_to_date[0]" in result.stdout
    assert "a year-to-date target runs to the end of a quarter: 2018/19 is not one" in result.stdout
