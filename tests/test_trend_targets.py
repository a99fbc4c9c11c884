"""Trend targets ('downward trend in the number of …'): the latest figure against the one
`periods` figures of the same kind before it, read the way a user reads the status."""

from __future__ import annotations

import pytest
from tests.conftest import run
from tests.test_status import status_of

from cspplan.status.bands import Band

DOWN_4 = {"kind": "trend", "direction": "down", "periods": 4, "text": "Downward trend"}
QUARTERS = ["Q1 2017/18", "Q2 2017/18", "Q3 2017/18", "Q4 2017/18", "Q1 2018/19"]


def _counts(*values: float) -> list[tuple[str, float]]:
    return list(zip(QUARTERS, values, strict=True))


def _status(series, target=DOWN_4, extra=None, **options):
    return status_of(
        series,
        target,
        unit="count",
        polarity="lower_is_better",
        extra={"frequency": "quarterly"} | (extra or {}),
        **options,
    )


def test_a_fall_over_the_window_meets_a_downward_trend():
    status = _status(_counts(512, 530, 490, 470, 467))
    assert status.band is Band.GREEN
    assert status.target == "a downward trend over 4 quarters"
    assert status.reason.startswith("down 45 from 512 (Q1 2017/18) to 467 (Q1 2018/19")
    assert status.reason.endswith("against a target of a downward trend over 4 quarters: met")


def test_a_rise_is_red_and_says_it_moved_the_other_way():
    status = _status(_counts(400, 380, 360, 350, 470))
    assert status.band is Band.RED
    assert "up 70 from 400 (Q1 2017/18) to 470 (Q1 2018/19" in status.reason
    assert status.reason.endswith(": moved the other way")


def test_a_move_inside_the_stable_band_is_amber():
    status = _status(_counts(500, 300, 300, 300, 495))  # down 1%: inside the 2% default
    assert status.band is Band.AMBER
    assert status.reason.startswith("level from 500 (Q1 2017/18) to 495 (Q1 2018/19")
    assert status.reason.endswith("a change of 5 within the stable band of 2%")
    wider = _status(
        _counts(500, 300, 300, 300, 470), rules={"direction": {"stable_relative_percent": 10}}
    )
    assert wider.band is Band.AMBER
    narrower = _status(
        _counts(500, 300, 300, 300, 495), rules={"direction": {"stable_relative_percent": 0.5}}
    )
    assert narrower.band is Band.GREEN


def test_an_upward_trend_on_percentages_uses_the_points_band():
    target = {"kind": "trend", "direction": "up", "periods": 1}
    series = [("2016/17", 40), ("2017/18", 40.5)]
    level = status_of(series, target, extra={"frequency": "annual"})
    assert level.band is Band.AMBER
    assert level.target == "an upward trend over 1 year"
    assert "within the stable band of 1 point" in level.reason
    up = status_of([("2016/17", 40), ("2017/18", 43)], target, extra={"frequency": "annual"})
    assert up.band is Band.GREEN


def test_too_few_figures_cannot_be_assessed_and_says_how_many():
    status = _status(_counts(512, 530, 490, 470, 467)[2:])
    assert status.band is Band.CANNOT_ASSESS
    assert status.reason == (
        "cannot assess: a downward trend over 4 quarters needs 5 figures for periods like "
        "Q1 2018/19; there are 3 figures up to Q1 2018/19"
    )


def test_only_figures_for_the_same_kind_of_period_count():
    series = [("2016/17", 2000), *_counts(512, 530, 490, 470, 467)[1:]]
    status = _status(series)
    assert status.band is Band.CANNOT_ASSESS
    assert "there are 4 figures up to Q1 2018/19" in status.reason


def test_a_series_break_in_the_window_cannot_be_assessed():
    status = _status(
        _counts(512, 530, 490, 470, 467),
        extra={"breaks": [{"period": "Q3 2017/18", "note": "new counting rules"}]},
    )
    assert status.band is Band.CANNOT_ASSESS
    assert "redefined from Q3 2017/18 (new counting rules)" in status.reason


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        (
            {"kind": "trend", "direction": "sideways", "periods": 4},
            "2018-19/themes/domestic-abuse.yaml:25:16: S004 error indicators[0].target.direction: "
            "'sideways' is not allowed here; choose one of: 'down' or 'up'",
        ),
        (
            {"kind": "trend", "direction": "down", "periods": 0},
            "2018-19/themes/domestic-abuse.yaml:27:14: S006 error indicators[0].target.periods: "
            "input should be greater than 0",
        ),
    ],
    ids=["bad-direction", "no-periods"],
)
def test_validate_names_a_bad_trend_at_its_line(tree, target, expected):
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["target"] = target
    result = run("validate", str(tree.write()))
    assert result.returncode == 1
    assert expected in result.stdout


def test_a_trend_needs_no_polarity_on_the_indicator(tree):
    measure = tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]
    measure["target"] = {"kind": "trend", "direction": "down", "periods": 1}
    del tree["indicators/repeat-victims.yaml"]["polarity"]
    result = run("validate", str(tree.write()))
    flagged = [line for line in result.stdout.splitlines() if " C006 " in line]
    assert len(flagged) == 1 and "2017-18/themes/" in flagged[0]  # the range, not the trend
    status = status_of(
        [("Q1 2018/19", 40), ("Q2 2018/19", 30)],
        {"kind": "trend", "direction": "down", "periods": 1},
        polarity=None,
    )
    assert status.band is Band.GREEN
    assert status.travel.words == "↓ improving"
