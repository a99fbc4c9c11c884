"""The status engine: every target kind, both polarities, tolerances, as-of, no data,
cannot-assess reasons, overrides, direction of travel, label schemes and roll-ups."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import SHIPPED

from cspplan.loading.reader import plain_data
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.indicator import Indicator
from cspplan.model.partnership import Partnership
from cspplan.model.periods import parse_period
from cspplan.model.plan import PlanFile, Theme
from cspplan.model.status_words import StatusWords
from cspplan.status.assess import MeasureStatus, assess_measure, assess_year
from cspplan.status.bands import JUDGED, RAG, Band, Movement, Trend, label, rank
from cspplan.status.published import reconcile
from cspplan.status.rollup import ATTENTION, WHOLE_PLAN, rollup

PLAN_YEAR = "2018/19"


def make_plans(
    indicators: dict[str, dict[str, Any]],
    measures: list[dict[str, Any]],
    *,
    rules: dict[str, Any] | None = None,
    period: str = PLAN_YEAR,
) -> tuple[LoadedPartnership, LoadedYear]:
    partnership = Partnership.model_validate(
        {"id": "testshire", "name": "Testshire CSP", "area": "Testshire"}
        | ({"status_rules": rules} if rules else {})
    )
    theme = Theme.model_validate({"id": "harm", "title": "Harm", "indicators": measures})
    plan = PlanFile.model_validate({"title": "Plan", "period": period, "themes": ["harm"]})
    year = LoadedYear(Path("p"), Path("p/plan.yaml"), plan, themes=[theme])
    plans = LoadedPartnership(
        Path("."),
        Path("partnership.yaml"),
        partnership,
        indicators={
            key: Indicator.model_validate({"id": key, "name": key} | value)
            for key, value in indicators.items()
        },
        years=[year],
    )
    return plans, year


def status_of(
    series: list[tuple[str, float | str]] | list[dict[str, Any]],
    target: dict[str, Any] | None,
    *,
    unit: str = "percentage",
    polarity: str | None = "higher_is_better",
    as_of: str | None = None,
    rules: dict[str, Any] | None = None,
    extra: dict[str, Any] | None = None,
    measure: dict[str, Any] | None = None,
) -> MeasureStatus:
    observations = [
        item
        if isinstance(item, dict)
        else (
            {"period": item[0], "value": item[1]}
            if not isinstance(item[1], str)
            else {"period": item[0], "status": item[1]}
        )
        for item in series
    ]
    indicator: dict[str, Any] = {"unit": unit, "series": observations}
    if polarity:
        indicator["polarity"] = polarity
    if unit == "rate":
        indicator["rate_per"] = 1000
    indicator |= extra or {}
    chosen = {"indicator": "x", "wording": "X"} | ({"target": target} if target else {})
    chosen |= measure or {}
    plans, year = make_plans({"x": indicator}, [chosen], rules=rules)
    cutoff = parse_period(as_of) if as_of else year.period
    return assess_measure(plans, year, year.themes[0], year.themes[0].indicators[0], cutoff)


AT_LEAST_46 = {"kind": "at_least", "value": 46}


# -- thresholds and tolerance -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "band"),
    [(47, Band.GREEN), (46, Band.GREEN), (44, Band.AMBER), (43.9, Band.RED), (43, Band.RED)],
)
def test_at_least_percentage_points(value: float, band: Band) -> None:
    status = status_of([("Q2 2018/19", value)], AT_LEAST_46)
    assert status.band is band


def test_reason_reads_like_the_issue_example() -> None:
    status = status_of([("2017 survey", 43)], AT_LEAST_46)
    assert status.reason == (
        "43% (2017 survey, ended 3 months before 2018/19) against a target of at least 46%: "
        "3 points short, tolerance 2 points"
    )
    amber = status_of([("Q1 2018/19", 45)], AT_LEAST_46)
    assert amber.reason.endswith("1 point short, within the tolerance of 2 points")


def test_strict_targets_miss_by_nothing() -> None:
    more_than = status_of([("Q1 2018/19", 46)], AT_LEAST_46 | {"strict": True})
    assert more_than.band is Band.AMBER
    assert "not count as met" in more_than.reason
    fewer = status_of(
        [("Q1 2018/19", 59.9)],
        {"kind": "at_most", "value": 60, "strict": True},
        polarity="lower_is_better",
    )
    assert fewer.band is Band.GREEN


@pytest.mark.parametrize(("value", "band"), [(60, Band.GREEN), (62, Band.AMBER), (62.5, Band.RED)])
def test_at_most_lower_is_better(value: float, band: Band) -> None:
    status = status_of(
        [("Q1 2018/19", value)], {"kind": "at_most", "value": 60}, polarity="lower_is_better"
    )
    assert status.band is band
    if band is not Band.GREEN:
        assert "over" in status.reason


@pytest.mark.parametrize(
    ("value", "band"), [(1000, Band.GREEN), (951, Band.AMBER), (949, Band.RED)]
)
def test_counts_use_relative_tolerance(value: float, band: Band) -> None:
    status = status_of([("2017/18", value)], {"kind": "at_least", "value": 1000}, unit="count")
    assert status.band is band
    if band is Band.RED:
        assert "51 (5.1%) short, tolerance 5%" in status.reason


def test_tolerance_comes_from_the_partnership() -> None:
    loose = {"tolerance": {"percentage_points": 5}}
    assert status_of([("Q1 2018/19", 42)], AT_LEAST_46, rules=loose).band is Band.AMBER
    strict = {"tolerance": {"percentage_points": 0}}
    assert status_of([("Q1 2018/19", 45.9)], AT_LEAST_46, rules=strict).band is Band.RED


@pytest.mark.parametrize(
    ("value", "band", "words"),
    [
        (30, Band.GREEN, "met"),
        (27, Band.AMBER, "1 point below the range"),
        (41, Band.AMBER, "1 point above the range"),
        (45, Band.RED, "5 points above the range"),
    ],
)
def test_range(value: float, band: Band, words: str) -> None:
    status = status_of(
        [("Q2 2018/19", value)], {"kind": "range", "low": 28, "high": 40}, polarity="within_range"
    )
    assert status.band is band
    assert words in status.reason


# -- targets measured from earlier figures ------------------------------------------------------


def test_no_increase_on_a_reference_period() -> None:
    target = {"kind": "no_increase", "reference": "2014/15"}
    series = [("2014/15", 2.0), ("12 months to Dec 2017", 2.2)]
    status = status_of(series, target, unit="rate", polarity="lower_is_better")
    assert status.band is Band.RED
    assert "no increase on 2 per 1,000 (2014/15)" in status.reason
    same = status_of([("2014/15", 2.0), ("Dec 2017", 2.0)], target, unit="rate")
    assert same.band is Band.GREEN


def test_no_increase_without_the_reference_figure_cannot_be_assessed() -> None:
    status = status_of(
        [("2015/16", 2.0), ("2017/18", 2.2)], {"kind": "no_increase", "reference": "2014/15"}
    )
    assert status.band is Band.CANNOT_ASSESS
    assert status.reason == "cannot assess: no figure for the reference period 2014/15"


def test_counts_of_different_lengths_do_not_compare() -> None:
    status = status_of(
        [("2014/15", 400), ("Q3 2017/18", 120)],
        {"kind": "no_increase", "reference": "2014/15"},
        unit="count",
        polarity="lower_is_better",
    )
    assert status.band is Band.CANNOT_ASSESS
    assert "cover different lengths of time" in status.reason


REDUCTION = {"kind": "reduction", "percent": 20, "baseline": "2016/17", "by": "2020/21"}


def test_reduction_is_judged_against_the_straight_line_trajectory() -> None:
    # baseline 100 at Mar 2017, 80 due Mar 2021: at Mar 2019 the line is at 90
    on_track = status_of(
        [("2016/17", 100), ("2018/19", 90)], REDUCTION, unit="count", polarity="lower_is_better"
    )
    assert on_track.band is Band.GREEN
    assert on_track.computed.aimed_at == pytest.approx(90, abs=0.05)
    behind = status_of(
        [("2016/17", 100), ("2018/19", 96)], REDUCTION, unit="count", polarity="lower_is_better"
    )
    assert behind.band is Band.RED
    assert behind.reason.endswith("(6.7%) over, tolerance 5%")
    assert "the point reached by then on a straight line from 100 (2016/17) to 80" in behind.reason
    close = status_of([("2016/17", 100), ("2018/19", 94)], REDUCTION | {"target_value": 90})
    assert close.computed.aimed_at == pytest.approx(95, abs=0.05)  # the printed end value wins
    assert close.band is Band.GREEN


def test_reduction_without_a_baseline_figure_cannot_be_assessed() -> None:
    status = status_of([("2018/19", 90)], REDUCTION, unit="count")
    assert status.band is Band.CANNOT_ASSESS
    assert "baseline period 2016/17" in status.reason


def test_long_term_target_uses_the_years_step_then_the_trajectory() -> None:
    target = {"kind": "long_term", "value": 52, "by": "2021", "baseline": "2017 survey"}
    with_step = status_of([("2017 survey", 40), ("2018 survey", 43)], target | {"interim": 46})
    assert with_step.band is Band.RED
    assert "at least 46% this year (towards 52% by 2021)" in with_step.reason
    # 40% in Dec 2016 rising to 52% by Dec 2021: 44.8% expected by Dec 2018
    on_line = status_of(
        [("2016", 40), ("2018", 45)], target | {"baseline": "2016"}, polarity="higher_is_better"
    )
    assert on_line.band is Band.GREEN
    assert on_line.computed.aimed_at == pytest.approx(44.8, abs=0.05)


def test_long_term_lower_is_better_and_no_way_to_measure_progress() -> None:
    target = {"kind": "long_term", "value": 10, "by": "2025"}
    status = status_of([("2018", 30)], target, unit="count", polarity="lower_is_better")
    assert status.band is Band.CANNOT_ASSESS
    assert "no baseline or interim step" in status.reason
    due = status_of(
        [("2018", 11)], target | {"by": "2018"}, unit="count", polarity="lower_is_better"
    )
    assert due.band is Band.RED  # past the due date: judged against the end value


# -- comparators and ranks ------------------------------------------------------------------------

COMPARATOR = {"kind": "comparator", "group": "national"}


def test_comparator_for_the_same_period() -> None:
    extra = {"comparators": [{"group": "national", "period": "2017/18", "value": 39}]}
    better = status_of([("2017/18", 41)], COMPARATOR, extra=extra)
    assert better.band is Band.GREEN
    worse = status_of([("2017/18", 35)], COMPARATOR, extra=extra)
    assert worse.band is Band.RED
    assert worse.reason == (
        "35% (2017/18, ended just before 2018/19) against the national average of 39% "
        "(2017/18), target in line with or "
        "better than it: 4 points worse, tolerance 2 points"
    )


def test_comparator_lower_is_better_and_covering_year() -> None:
    extra = {"comparators": [{"group": "family_group", "period": "2015/16", "value": 39}]}
    target = {"kind": "comparator", "group": "family_group"}
    status = status_of([("Q4 2015/16", 25)], target, polarity="lower_is_better", extra=extra)
    assert status.band is Band.GREEN
    assert "family group average of 39% (2015/16)" in status.reason


def test_comparator_better_needs_to_beat_it() -> None:
    extra = {"comparators": [{"group": "national", "period": "2017/18", "value": 39}]}
    target = COMPARATOR | {"relation": "better"}
    assert status_of([("2017/18", 39)], target, extra=extra).band is Band.AMBER


def test_comparator_missing_for_the_period_cannot_be_assessed() -> None:
    extra = {"comparators": [{"group": "national", "period": "2016", "value": 29}]}
    status = status_of([("Q2 2017/18", 16)], COMPARATOR, extra=extra)
    assert status.band is Band.CANNOT_ASSESS
    assert status.reason == (
        "cannot assess: no national average figure for Q2 2017/18 (the latest is for 2016)"
    )


def test_undated_comparator_counts_as_current_for_its_plan_year() -> None:
    extra = {"comparators": [{"group": "national", "value": 39, "reported_in": ["2018/19"]}]}
    status = status_of([("Q3 2017/18", 35)], COMPARATOR | {"relation": "in_line"}, extra=extra)
    assert status.band is Band.RED
    assert "period not stated, printed in the 2018/19 plan" in status.reason
    elsewhere = {"comparators": [{"group": "national", "value": 39, "reported_in": ["2016/17"]}]}
    assert status_of([("Q3 2017/18", 35)], COMPARATOR, extra=elsewhere).band is Band.CANNOT_ASSESS


def test_comparator_needs_a_polarity() -> None:
    extra = {"comparators": [{"group": "national", "period": "2017/18", "value": 39}]}
    status = status_of([("2017/18", 41)], COMPARATOR, polarity="no_judgement", extra=extra)
    assert status.band is Band.CANNOT_ASSESS
    assert "polarity is no judgement" in status.reason


RANK = {"kind": "rank", "within": 3, "group": "family group"}


@pytest.mark.parametrize(("position", "band"), [(2, Band.GREEN), (4, Band.AMBER), (5, Band.RED)])
def test_rank_within_a_group(position: int, band: Band) -> None:
    series = [{"period": "12 months to Nov 2017", "value": 50.3, "rank": position, "rank_of": 15}]
    status = status_of(series, RANK, unit="rate", polarity="lower_is_better")
    assert status.band is band
    assert "of 15 (12 months to Nov 2017, ended 4 months before 2018/19)" in status.reason


def test_rank_not_printed_cannot_be_assessed() -> None:
    status = status_of([("2017/18", 50.3)], RANK, unit="rate")
    assert status.band is Band.CANNOT_ASSESS
    assert status.reason == "cannot assess: no rank printed with the 2017/18 figure"


def test_rank_unit_value_is_the_rank() -> None:
    assert status_of([("2017/18", 3)], RANK, unit="rank").band is Band.GREEN


# -- quarterly profiles -------------------------------------------------------------------------

PROFILE = {"kind": "quarterly_profile", "quarters": [100, 100, 150, 150], "annual": 500}


def test_quarterly_profile_adds_quarters_to_date() -> None:
    series = [("Q1 2018/19", 110), ("Q2 2018/19", 95)]
    status = status_of(series, PROFILE, unit="count")
    assert status.band is Band.GREEN
    assert status.reason.startswith("205 in 2018/19 to Q2 against a profile of at least 200")
    short = status_of(
        [("Q1 2018/19", 80), ("Q2 2018/19", 90), ("Q3 2018/19", 140)], PROFILE, unit="count"
    )
    assert short.band is Band.RED  # 310 against 350


def test_quarterly_profile_year_to_date_figure_and_gaps() -> None:
    ytd = status_of([("Q1-Q3 2018/19", 340)], PROFILE, unit="count")
    assert ytd.band is Band.AMBER  # 340 against 350: 2.9% short
    gap = status_of([("Q1 2018/19", 100), ("Q3 2018/19", 150)], PROFILE, unit="count")
    assert gap.band is Band.NO_DATA
    assert "no figure for Q2 2018/19" in gap.reason
    none = status_of([("Q4 2017/18", 100)], PROFILE, unit="count")
    assert none.band is Band.NO_DATA
    assert none.reason == "no figures for 2018/19 yet"


def test_quarterly_profile_of_percentages_is_a_unit_mismatch() -> None:
    status = status_of([("Q1 2018/19", 50)], PROFILE, unit="percentage")
    assert status.band is Band.CANNOT_ASSESS
    assert status.reason.startswith("cannot assess: unit mismatch")


def test_percentage_target_out_of_range_is_a_unit_mismatch() -> None:
    status = status_of([("2017/18", 50)], {"kind": "at_least", "value": 1000})
    assert status.band is Band.CANNOT_ASSESS
    assert "unit mismatch" in status.reason


# -- targets that are not judged, no data, overrides ---------------------------------------------


@pytest.mark.parametrize(
    ("target", "band", "words"),
    [
        (None, Band.MONITORING, "no target set"),
        ({"kind": "tbc", "text": "TBC"}, Band.MONITORING, "to be confirmed"),
        ({"kind": "text", "text": "Benchmark against family"}, Band.MONITORING, "Benchmark"),
        ({"kind": "unknown"}, Band.CANNOT_ASSESS, "number was lost"),
    ],
)
def test_targets_without_a_judgement(target: dict | None, band: Band, words: str) -> None:
    status = status_of([("2017/18", 50)], target)
    assert status.band is band
    assert words in status.reason


def test_no_data_is_never_red() -> None:
    status = status_of([("2017/18", "awaiting_data")], AT_LEAST_46)
    assert status.band is Band.NO_DATA
    assert status.reason == "no figure at or before 2018/19: 2017/18 is 'awaiting data'"
    assert status_of([], AT_LEAST_46).band is Band.NO_DATA


def test_override_wins_and_is_shown_as_an_override() -> None:
    override = {"override": {"status": "amber", "reason": "new counting rules from Q2"}}
    status = status_of([("Q1 2018/19", 30)], AT_LEAST_46, measure=override)
    assert status.computed.band is Band.RED
    assert status.band is Band.AMBER
    assert status.reason.startswith("set by the partnership: new counting rules from Q2 (computed:")


# -- as-of and restatements ---------------------------------------------------------------------

SERIES = [("Q1 2018/19", 40), ("Q2 2018/19", 45), ("Q3 2018/19", 47)]


def test_as_of_uses_only_data_up_to_it() -> None:
    assert status_of(SERIES, AT_LEAST_46).latest.period == parse_period("Q3 2018/19")
    earlier = status_of(SERIES, AT_LEAST_46, as_of="Q2 2018/19")
    assert earlier.latest.value == 45
    assert earlier.band is Band.AMBER
    assert status_of(SERIES, AT_LEAST_46, as_of="Q1 2018/19").band is Band.RED
    assert status_of(SERIES, AT_LEAST_46, as_of="Q4 2017/18").band is Band.NO_DATA


def test_as_of_is_capped_at_the_plan_years_end() -> None:
    plans, year = make_plans(
        {"x": {"unit": "percentage", "series": [{"period": "Q1 2019/20", "value": 99}]}},
        [{"indicator": "x", "wording": "X", "target": AT_LEAST_46}],
    )
    assessed = assess_year(plans, year, parse_period("Q3 2019/20"))
    assert str(assessed.as_of) == "2018/19"
    assert assessed.measures[0].band is Band.NO_DATA


def test_a_restated_figure_prefers_the_plan_years_own_printing() -> None:
    series = [
        {"period": "2017/18", "value": 50, "reported_in": ["2018/19"]},
        {"period": "2017/18", "value": 40, "reported_in": ["2019/20"]},
    ]
    assert status_of(series, AT_LEAST_46).latest.value == 50


# -- direction of travel ----------------------------------------------------------------------------


def test_direction_reports_movement_and_meaning() -> None:
    up = status_of([("2016/17", 30.3), ("Q3 2017/18", 35)], AT_LEAST_46)
    assert (up.travel.movement, up.travel.trend) == (Movement.UP, Trend.IMPROVING)
    assert up.travel.reason == "up 4.7 points from 30.3% (2016/17) to 35% (Q3 2017/18): improving"
    down_good = status_of(
        [("2016/17", 40), ("2017/18", 30)],
        {"kind": "at_most", "value": 20},
        polarity="lower_is_better",
    )
    assert (down_good.travel.movement, down_good.travel.trend) == (Movement.DOWN, Trend.IMPROVING)
    assert down_good.travel.words == "↓ improving"


def test_stable_band_makes_small_moves_level() -> None:
    level = status_of([("2016/17", 50), ("2017/18", 49)], AT_LEAST_46)
    assert level.travel.movement is Movement.LEVEL
    assert level.travel.trend is Trend.NO_CHANGE
    counts = status_of([("2016/17", 1000), ("2017/18", 1019)], None, unit="count")
    assert counts.travel.movement is Movement.LEVEL  # 1.9% is within 2%
    assert (
        status_of([("2016/17", 1000), ("2017/18", 1021)], None, unit="count").travel.movement
        is Movement.UP
    )


def test_seasonal_indicators_compare_with_a_year_earlier() -> None:
    series = [("Q3 2016/17", 100), ("Q2 2017/18", 150), ("Q3 2017/18", 120)]
    seasonal = status_of(series, None, unit="count", extra={"seasonal": True})
    assert seasonal.travel.previous.period == parse_period("Q3 2016/17")
    assert seasonal.travel.movement is Movement.UP
    plain = status_of(series, None, unit="count")
    assert plain.travel.previous.period == parse_period("Q2 2017/18")
    assert plain.travel.movement is Movement.DOWN
    by_rule = status_of(
        series, None, unit="count", rules={"direction": {"compare_with": "year_earlier"}}
    )
    assert by_rule.travel.previous.period == parse_period("Q3 2016/17")
    missing = status_of(series[1:], None, unit="count", extra={"seasonal": True})
    assert missing.travel.trend is Trend.NOT_COMPARABLE
    assert missing.travel.reason == "no figure for Q3 2016/17, a year earlier, to compare with"


def test_direction_skips_figures_that_do_not_compare_and_stops_at_breaks() -> None:
    series = [("2016/17", 500), ("2017/18", 520), ("Q1 2018/19", 130)]
    status = status_of(series, None, unit="count")
    assert status.travel.trend is Trend.NOT_COMPARABLE
    breaks = {"breaks": [{"period": "2017/18", "note": "new crime recording rules"}]}
    redefined = status_of([("2016/17", 40), ("2017/18", 60)], AT_LEAST_46, extra=breaks)
    assert redefined.travel.trend is Trend.NOT_COMPARABLE
    assert "redefined from 2017/18 (new crime recording rules)" in redefined.travel.reason


def test_no_judgement_polarity_reports_raw_movement_only() -> None:
    status = status_of(
        [("2016/17", 1), ("2017/18", 3)], None, unit="count", polarity="no_judgement"
    )
    assert (status.travel.movement, status.travel.trend) == (Movement.UP, Trend.NOT_JUDGED)


def test_polarity_inferred_from_the_target_when_not_set() -> None:
    status = status_of(
        [("2016/17", 60), ("2017/18", 50)], {"kind": "at_most", "value": 40}, polarity=None
    )
    assert status.travel.trend is Trend.IMPROVING


# -- labels, roll-ups, published statuses ------------------------------------------------------------


SAFER_CORNWALL = StatusWords.model_validate(
    plain_data((SHIPPED / "safer-cornwall" / "partnership.yaml").read_text(encoding="utf-8"))[
        "status_rules"
    ]["labels"]
)
"""Safer Cornwall's words, as data in its partnership.yaml (the engine has none of its own)."""
ON_TRACK = StatusWords(green="On track", amber="At risk", red="Off track")
LABEL_SCHEMES = (RAG, SAFER_CORNWALL, ON_TRACK)


def test_label_schemes() -> None:
    assert label(Band.AMBER, RAG) == "Amber"
    assert label(Band.AMBER, SAFER_CORNWALL) == "Close to target"
    assert label(Band.GREEN, SAFER_CORNWALL) == "Successful"
    assert label(Band.RED, SAFER_CORNWALL) == "Needs improving"
    for scheme in LABEL_SCHEMES:
        assert set(scheme.words()) == set(Band)
        assert len(set(scheme.words().values())) == len(Band)  # no two bands share a word


def _year_with(measures: list[tuple[str, float, dict[str, Any] | None, str | None]]):
    indicators = {}
    entries = []
    for name, value, target, published in measures:
        indicators[name] = {
            "unit": "percentage",
            "polarity": "higher_is_better",
            "series": [{"period": "2016/17", "value": 50}, {"period": "2017/18", "value": value}],
        }
        entry: dict[str, Any] = {"indicator": name, "wording": name}
        if target:
            entry["target"] = target
        if published:
            entry["published"] = {"status": published}
        entries.append(entry)
    return make_plans(indicators, entries)


def test_rollup_counts_by_theme_and_lists_what_needs_attention() -> None:
    plans, year = _year_with(
        [
            ("a", 60, AT_LEAST_46, "green"),
            ("b", 45, AT_LEAST_46, "green"),
            ("c", 30, AT_LEAST_46, "red"),
            ("d", 40, None, "monitoring"),
        ]
    )
    assessed = assess_year(plans, year)
    summary = rollup(assessed)
    row = summary.by_theme["Harm"]
    assert (row["green"], row["amber"], row["red"], row["monitoring"]) == (1, 1, 1, 1)
    assert summary.by_theme[WHOLE_PLAN][ATTENTION] == 3  # amber, red, and d worsening
    assert [s.indicator.id for s in summary.attention] == ["b", "c", "d"]
    reconciliation = reconcile(assessed)
    assert reconciliation.status_agreement == (3, 4)
    assert [item.status_agrees for item in reconciliation.items] == [True, False, True, True]


# -- properties ---------------------------------------------------------------------------------------

values = st.floats(min_value=0, max_value=100, allow_nan=False)
counts = st.floats(min_value=0, max_value=10_000, allow_nan=False)
TARGETS_HIGHER = [
    {"kind": "at_least", "value": 46},
    {"kind": "at_least", "value": 46, "strict": True},
    {"kind": "long_term", "value": 60, "by": "2021", "interim": 46},
    {"kind": "long_term", "value": 60, "by": "2021", "baseline": "2016/17"},
    {"kind": "comparator", "group": "national"},
    {"kind": "comparator", "group": "national", "relation": "better"},
]
TARGETS_LOWER = [
    {"kind": "at_most", "value": 46},
    {"kind": "at_most", "value": 46, "strict": True},
    {"kind": "no_increase", "reference": "2016/17"},
    {"kind": "reduction", "percent": 20, "baseline": "2016/17", "by": "2021"},
    {"kind": "comparator", "group": "national"},
]
EXTRA = {"comparators": [{"group": "national", "period": "2017/18", "value": 50}]}


def _band_for(target: dict[str, Any], value: float, polarity: str) -> Band:
    series = [("2016/17", 55), ("2017/18", value)]
    return status_of(series, target, polarity=polarity, extra=EXTRA).band


@given(st.sampled_from(TARGETS_HIGHER), values, values)
def test_a_better_value_never_gets_a_worse_status_higher(target, a: float, b: float) -> None:
    worse, better = sorted((a, b))
    band_worse, band_better = (_band_for(target, v, "higher_is_better") for v in (worse, better))
    assert band_worse in JUDGED and band_better in JUDGED
    assert rank(band_better) <= rank(band_worse)


@given(st.sampled_from(TARGETS_LOWER), values, values)
def test_a_better_value_never_gets_a_worse_status_lower(target, a: float, b: float) -> None:
    better, worse = sorted((a, b))
    band_worse, band_better = (_band_for(target, v, "lower_is_better") for v in (worse, better))
    assert rank(band_better) <= rank(band_worse)


@given(values, values)
def test_range_closer_to_the_range_is_never_worse(a: float, b: float) -> None:
    target = {"kind": "range", "low": 28, "high": 40}
    distance = lambda v: max(28 - v, v - 40, 0)  # noqa: E731
    nearer, further = sorted((a, b), key=distance)
    bands = [_band_for(target, v, "within_range") for v in (nearer, further)]
    assert rank(bands[0]) <= rank(bands[1])


@given(
    st.sampled_from([*TARGETS_HIGHER, None, {"kind": "tbc"}]),
    counts,
    st.sampled_from(LABEL_SCHEMES),
)
def test_label_scheme_never_changes_the_band(target, value: float, scheme: StatusWords) -> None:
    indicator = {
        "unit": "count",
        "polarity": "higher_is_better",
        "series": [{"period": "2016/17", "value": 55}, {"period": "2017/18", "value": value}],
    } | EXTRA
    measure = {"indicator": "x", "wording": "X"} | ({"target": target} if target else {})
    plans, year = make_plans({"x": indicator}, [measure])
    default = assess_year(plans, year)
    relabelled = assess_year(plans, year, words=scheme)
    assert [m.band for m in default.measures] == [m.band for m in relabelled.measures]
    assert [m.reason for m in default.measures] == [m.reason for m in relabelled.measures]
    assert relabelled.label(relabelled.measures[0].band) == scheme.word(default.measures[0].band)
