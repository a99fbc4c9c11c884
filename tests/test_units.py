"""What a unit allows is said once (`model.units.UnitFacts`): `record` refuses what
`validate` reports, and negative money is caught by both."""

from __future__ import annotations

import pytest

from conftest import codes, expected_position, only, run_validate
from cspplan.editing.observations import EntryError, read_value
from cspplan.issues import Severity
from cspplan.model.indicator import Indicator, Unit
from cspplan.model.units import UNIT_FACTS, first_missing_quarter, year_to_date_total


def _money(tree, value: float) -> None:
    tree.files["indicators/victim-fund.yaml"] = {
        "name": "Victim support fund",
        "unit": "money",
        "polarity": "higher_is_better",
        "series": [{"period": "2017/18", "value": value}],
    }


def test_every_unit_has_its_facts():
    assert set(UNIT_FACTS) == set(Unit)
    for unit in Unit:
        assert unit.facts is UNIT_FACTS[unit]
        assert unit.facts.words and unit.facts.plural


def test_validate_reports_negative_money_with_file_field_and_code(tree):
    _money(tree, -250)
    report = run_validate(tree.write())
    issue = only(report, "C012")
    assert issue.severity is Severity.ERROR
    assert report.exit_code() != 0
    assert issue.file.as_posix().endswith("indicators/victim-fund.yaml")
    assert issue.field_path == "series[0].value"
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)
    assert issue.message == (
        "the 2017/18 value -250 is negative, which an amount of money cannot be"
    )


def test_money_of_zero_or_more_is_clean(tree):
    _money(tree, 0)
    assert "C012" not in codes(run_validate(tree.write()))


def test_a_negative_count_reads_as_before(tree):
    tree["indicators/referrals.yaml"]["series"][0]["value"] = -3
    issue = only(run_validate(tree.write()), "C012")
    assert issue.message == "the Q1 2017/18 value -3 is negative, which a count cannot be"


def test_money_quarters_must_add_up_to_the_year_to_date(tree):
    """Money adds up over quarters (the status engine adds a profile's quarters the same way)."""
    tree.files["indicators/victim-fund.yaml"] = {
        "name": "Victim support fund",
        "unit": "money",
        "series": [
            {"period": "Q1 2017/18", "value": 100},
            {"period": "Q2 2017/18", "value": 150},
            {"period": "Q1-Q2 2017/18", "value": 300},
        ],
    }
    issue = only(run_validate(tree.write()), "C004")
    assert issue.field_path == "series[2].value"
    assert "add up to 250" in issue.message


def _indicator(unit: Unit) -> Indicator:
    return Indicator.model_validate(
        {"id": "x", "name": "X", "unit": unit.value}
        | ({"rate_per": 1000} if unit is Unit.RATE else {})
    )


@pytest.mark.parametrize(
    ("unit", "value"),
    [
        (unit, value)
        for unit in Unit
        if unit.facts.low == 0
        for value in (-5, -0.5, 0, 3, 99, 100, 101, 250)
        if not unit.facts.whole or float(value).is_integer()  # else refused as not whole
    ],
    ids=str,
)
def test_record_refuses_exactly_what_validate_reports(tree, unit, value):
    """For every unit floored at zero, a value `record` refuses for its bounds is one
    `validate` reports (C003 for a percentage, C012 otherwise), and the other way round."""
    try:
        read_value(str(value), _indicator(unit))
        refused = False
    except EntryError:
        refused = True
    tree.files["indicators/x.yaml"] = {
        "name": "X",
        "unit": unit.value,
        "series": [{"period": "2017/18", "value": value}],
    } | ({"rate_per": 1000} if unit is Unit.RATE else {})
    reported = {"C003", "C012"} & set(codes(run_validate(tree.write())))
    assert bool(reported) == refused
    assert refused == (not unit.facts.allows(value))


def test_the_year_to_date_is_its_quarters_added_up():
    assert year_to_date_total({1: 10, 2: 12, 3: 5}, 2) == 22
    assert year_to_date_total({1: 10, 3: 5}, 3) is None
    assert first_missing_quarter({1, 3}, 3) == 2
    assert first_missing_quarter({1, 2}, 2) is None


# -- a unit not printed ---------------------------------------------------------------------


def _unknown(tree, series: list[dict], target: dict | None = None) -> None:
    tree.files["indicators/contacts.yaml"] = {
        "name": "Contacts",
        "unit": "unknown",
        "polarity": "higher_is_better",
        "series": series,
    }
    if target is not None:
        tree["2017-18/themes/domestic-abuse.yaml"]["indicators"].append(
            {"indicator": "contacts", "wording": "Contacts", "target": target}
        )


def _judged(tree):
    import cspplan
    from cspplan.status.assess import assess_year

    plans = cspplan.load(tree.write()).partnerships[0]
    year = next(y for y in plans.years if y.label == "2017/18")
    return next(s for s in assess_year(plans, year).measures if s.indicator.id == "contacts")


def test_the_unknown_unit_has_no_bounds_and_does_not_say_whether_it_adds_up():
    facts = Unit.UNKNOWN.facts
    assert Unit("unknown") is Unit.UNKNOWN
    assert Unit.UNKNOWN.description == "No unit printed: the figures are kept as printed."
    assert (facts.low, facts.high, facts.scale, facts.whole) == (None, None, None, False)
    assert facts.adds_up is None
    assert facts.allows(-3) and facts.allows(1e9)


def test_a_figure_without_a_unit_is_worded_as_the_number():
    from cspplan import wording

    assert wording.value(1566, Unit.UNKNOWN) == "1,566"
    assert wording.value(0.45, Unit.UNKNOWN) == "0.45"
    assert wording.difference(-12, Unit.UNKNOWN) == "12"


def test_periods_of_different_lengths_are_not_compared_for_an_unknown_unit(tree):
    _unknown(
        tree,
        [{"period": "2016/17", "value": 400}, {"period": "Q2 2017/18", "value": 120}],
        {"kind": "no_increase", "reference": "2016/17"},
    )
    status = _judged(tree)
    assert status.computed.band.value == "cannot_assess"
    assert "the unit is not known" in status.computed.reason
    assert "a quarter and a year" in status.computed.reason
    assert "the unit is not known" in status.travel.reason


def test_same_length_periods_and_direction_work_for_an_unknown_unit(tree):
    _unknown(
        tree,
        [{"period": "Q1 2017/18", "value": 100}, {"period": "Q2 2017/18", "value": 120}],
        {"kind": "no_increase", "reference": "Q1 2017/18"},
    )
    status = _judged(tree)
    assert status.computed.band.value == "red"
    assert status.computed.reason.startswith("120 (Q2 2017/18) against no increase on 100")
    assert status.travel.movement.value == "up"
    assert status.travel.trend.value == "improving"


def test_validate_checks_no_sums_or_signs_for_an_unknown_unit(tree):
    _unknown(
        tree,
        [
            {"period": "Q1 2017/18", "value": -1},
            {"period": "Q2 2017/18", "value": 5},
            {"period": "Q1-Q2 2017/18", "value": 50},
        ],
    )
    report = run_validate(tree.write())
    assert not {"C003", "C004", "C012"} & set(codes(report))


def test_a_profile_on_an_unknown_unit_cannot_be_added_up(tree):
    _unknown(
        tree,
        [{"period": "Q1 2017/18", "value": 10}],
        {"kind": "quarterly_profile", "quarters": [5, 5, 5, 5]},
    )
    reason = _judged(tree).computed.reason
    assert reason == (
        "cannot assess: a quarterly profile adds quarters together, and the unit is not "
        "known, so the figures cannot be added up"
    )


def test_record_takes_any_number_for_an_unknown_unit():
    indicator = _indicator(Unit.UNKNOWN)
    assert read_value("-2.5", indicator).value == -2.5
    assert read_value("1,566", indicator).value == 1566
    with pytest.raises(EntryError):
        read_value("45%", indicator)


def test_every_unit_has_a_chart_axis_label():
    from cspplan.rendering.charts import unit_label

    for unit in Unit:
        assert unit_label(_indicator(unit)).strip()
    assert unit_label(_indicator(Unit.UNKNOWN)) == "Figure (no unit printed)"
