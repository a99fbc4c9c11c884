"""Periods: every printed form in the sources reads, prints canonically, and sorts in time order."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from tests.strategies import PERIODS

from cspplan.model.periods import PeriodError, coerce_period, parse_period

# Forms printed in the source documents, and their canonical text.
SOURCE_FORMS = [
    ("2017/18", "2017/18"),
    ("2018-19", "2018/19"),
    ("Q3 2017/18", "Q3 2017/18"),
    ("Q1-3 2017/18", "Q1-Q3 2017/18"),
    ("12 months to Nov 2017", "12 months to Nov 2017"),
    ("12 months to Jun-17", "12 months to Jun 2017"),
    ("3 year average 07/08-09/10", "3 year average 2007/08-2009/10"),
    ("2017 Survey", "2017 survey"),
    ("2016", "2016"),
    ("By-less 31 March 2019".removeprefix("By-less "), "2019-03-31"),
    ("March 2019", "Mar 2019"),
    ("Nov-17", "Nov 2017"),
    ("2019-03", "Mar 2019"),
    ("2011-12", "2011/12"),
]


@pytest.mark.parametrize(("printed", "canonical"), SOURCE_FORMS)
def test_printed_forms_read_to_canonical_text(printed, canonical):
    assert str(parse_period(printed)) == canonical
    assert parse_period(canonical) == parse_period(printed)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2017/18", date(2017, 4, 1), date(2018, 3, 31)),
        ("Q1 2017/18", date(2017, 4, 1), date(2017, 6, 30)),
        ("Q4 2017/18", date(2018, 1, 1), date(2018, 3, 31)),
        ("Q1-Q3 2017/18", date(2017, 4, 1), date(2017, 12, 31)),
        ("12 months to Nov 2017", date(2016, 12, 1), date(2017, 11, 30)),
        ("Feb 2016", date(2016, 2, 1), date(2016, 2, 29)),
        ("3 year average 2007/08-2009/10", date(2007, 4, 1), date(2010, 3, 31)),
        ("3 year average 2014-2016", date(2014, 1, 1), date(2016, 12, 31)),
        ("2017 survey", date(2017, 1, 1), date(2017, 12, 31)),
    ],
)
def test_calendar_extent(text, start, end):
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Q5 2017/18", "there is no quarter 5"),
        ("2018/17", "the second year must be the one after the first"),
        ("2017/2019", "the second year must be the one after the first"),
        ("30 Feb 2019", "has no day 30"),
        ("2019-13", "neither a financial year .* nor a month"),
        ("3 year average 2014-2015", "covers 2 years, not 3"),
        ("12 months to 2017", "must end in a month"),
        ("Smarch 2017", "not a month name"),
        ("soon", "is not a period"),
        ("", "cannot be empty"),
    ],
)
def test_impossible_periods_are_refused_with_a_reason(text, reason):
    with pytest.raises(PeriodError, match=reason):
        parse_period(text)


def test_yaml_values_are_coerced():
    assert coerce_period(2016) == parse_period("2016")
    assert coerce_period(date(2019, 3, 31)) == parse_period("2019-03-31")
    for bad in (True, 12, 3.5, None, [2017]):
        with pytest.raises(PeriodError):
            coerce_period(bad)


def test_financial_year_of_a_period():
    assert parse_period("Q4 2017/18").financial_year == parse_period("2017/18")
    assert parse_period("Nov 2017").financial_year == parse_period("2017/18")
    assert parse_period("Feb 2018").financial_year == parse_period("2017/18")


def test_year_earlier():
    assert parse_period("Q3 2017/18").year_earlier() == parse_period("Q3 2016/17")
    assert parse_period("12 months to Nov 2017").year_earlier() == parse_period(
        "12 months to Nov 2016"
    )
    assert parse_period("2016-02-29").year_earlier() == parse_period("2015-02-28")


def test_order_follows_time():
    texts = [
        "2014/15",
        "Q1 2017/18",
        "Q1-Q2 2017/18",
        "Q2 2017/18",
        "12 months to Nov 2017",
        "Q3 2017/18",
        "2017/18",
    ]
    periods = [parse_period(text) for text in texts]
    assert sorted(reversed(periods)) == periods


# -- properties ----------------------------------------------------------------------------------


@given(PERIODS)
def test_format_then_parse_is_the_identity(period):
    assert parse_period(str(period)) == period


@given(PERIODS)
def test_canonical_text_is_stable(period):
    assert str(parse_period(str(period))) == str(period)


@given(PERIODS, PERIODS)
def test_order_is_total_and_agrees_with_equality(a, b):
    assert (a < b) + (a == b) + (a > b) == 1
    assert (a == b) == (a.sort_key() == b.sort_key())


@given(PERIODS, PERIODS, PERIODS)
def test_order_is_transitive(a, b, c):
    if a <= b and b <= c:
        assert a <= c


@given(PERIODS)
def test_period_lies_within_its_extent(period):
    assert period.start <= period.end
