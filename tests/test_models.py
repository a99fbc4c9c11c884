"""The models on their own: what each accepts, what it refuses and why."""

from __future__ import annotations

import re

import pytest
from pydantic import TypeAdapter, ValidationError

from cspplan.model.indicator import Indicator, Observation
from cspplan.model.plan import Cycle, Lineage, PlanFile, PublishedStatus, Theme, Timescale
from cspplan.model.targets import TARGET_KINDS, Target

TARGET = TypeAdapter(Target)


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "at_least", "value": 1000, "text": "At least 1,000"},
        {"kind": "at_most", "value": 60, "strict": True, "text": "Fewer than 60%"},
        {"kind": "range", "low": 28, "high": 40},
        {"kind": "no_increase", "reference": "2014/15"},
        {
            "kind": "reduction",
            "percent": 20,
            "baseline": "3 year average 07/08-09/10",
            "by": 2020,
            "target_value": 22,
        },
        {"kind": "long_term", "value": 52, "by": 2021, "interim": 46, "baseline": "2017 survey"},
        {"kind": "comparator", "group": "family_group", "relation": "in_line_or_better"},
        {"kind": "rank", "within": 3, "group": "family group"},
        {"kind": "quarterly_profile", "quarters": [1, 2, 3, 4], "annual": 10},
        {"kind": "tbc"},
        {"kind": "unknown"},
        {"kind": "text", "text": "Benchmark against family"},
    ],
)
def test_every_target_kind_is_accepted(data):
    assert TARGET.validate_python(data).kind == data["kind"]


def test_the_kinds_list_is_complete():
    kinds = {
        member.model_fields["kind"].annotation.__args__[0] for member in Target.__origin__.__args__
    }
    assert kinds == set(TARGET_KINDS)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "range", "low": 40, "high": 28}, "low (40) is above high (28)"),
        (
            {"kind": "reduction", "percent": 120, "baseline": "2014/15", "by": 2020},
            "less than or equal to 100",
        ),
        ({"kind": "rank", "within": 0, "group": "x"}, "greater than 0"),
        ({"kind": "quarterly_profile", "quarters": [1, 2, 3]}, "at least 4 items"),
        ({"kind": "text"}, "Field required"),
        ({"kind": "long_term", "value": 52, "by": "soon"}, "not a period"),
        ({"kind": "at_least", "value": 5, "colour": "red"}, "Extra inputs are not permitted"),
    ],
)
def test_targets_refuse_impossible_values(data, message):
    with pytest.raises(ValidationError, match=re.escape(message)):
        TARGET.validate_python(data)


def test_an_observation_needs_exactly_one_of_value_and_status():
    assert Observation(period="2017/18", value=1).value == 1
    assert Observation(period="2017/18", status="tbc", text="TBC").status == "tbc"
    with pytest.raises(ValidationError, match="not both"):
        Observation(period="2017/18", value=1, status="tbc")
    with pytest.raises(ValidationError, match="finite"):
        Observation(period="2017/18", value=float("inf"))


def test_a_rate_needs_its_base():
    with pytest.raises(ValidationError, match="rate_per"):
        Indicator(id="x", name="X", unit="rate")
    assert Indicator(id="x", name="X", unit="rate", rate_per=1000).rate_per == 1000
    with pytest.raises(ValidationError, match="only for unit: rate"):
        Indicator(id="x", name="X", unit="count", rate_per=1000)


def test_lineage_rules():
    assert Lineage.model_validate({"kind": "merged_from", "from": ["a", "b"]}).from_ == ["a", "b"]
    assert Lineage.model_validate({"kind": "same_as", "from": ["2016/17:a"]}).from_ == ["2016/17:a"]
    for data, message in [
        ({"kind": "new", "from": ["a"]}, "a new item has no 'from'"),
        ({"kind": "same_as"}, "needs 'from'"),
        ({"kind": "renamed_from", "from": ["a", "b"]}, "takes one earlier id"),
        ({"kind": "same_as", "from": ["Not An Id"]}, "pattern"),
    ]:
        with pytest.raises(ValidationError, match=message):
            Lineage.model_validate(data)


def test_cycle_rules():
    assert Cycle(name="Plan", start="2016/17", end="2018/19", year=3).year == 3
    with pytest.raises(ValidationError, match="past the end of a 3 year cycle"):
        Cycle(name="Plan", start="2016/17", end="2018/19", year=4)
    with pytest.raises(ValidationError, match=r"ends .* before it starts"):
        Cycle(name="Plan", start="2018/19", end="2016/17", year=1)


def test_timescale_parts_keep_the_printed_text():
    timescale = Timescale.model_validate(
        {
            "text": "Rolling programme of work, refreshed annually / On hold in 2017/18",
            "parts": [
                {"kind": "rolling", "refresh": "annually"},
                {"kind": "on_hold", "period": "2017/18"},
            ],
        }
    )
    assert [part.kind for part in timescale.parts] == ["rolling", "on_hold"]
    with pytest.raises(ValidationError, match=r"ends .* before it starts"):
        Timescale.model_validate(
            {"text": "x", "parts": [{"kind": "range", "start": "2019-03-31", "end": "2018-04-01"}]}
        )
    with pytest.raises(ValidationError, match="year 5 of a 4 year cycle"):
        Timescale.model_validate({"text": "x", "parts": [{"kind": "cycle", "years": 4, "year": 5}]})


def test_published_status_needs_something_printed():
    with pytest.raises(ValidationError, match="printed status, direction, or both"):
        PublishedStatus()


def test_a_plan_year_is_a_financial_year():
    assert str(PlanFile(title="P", period="2018-19", themes=[]).period) == "2018/19"
    with pytest.raises(ValidationError, match="is a calendar year"):
        PlanFile(title="P", period=2018, themes=[])


def test_unknown_fields_are_refused_everywhere():
    with pytest.raises(ValidationError, match="Extra inputs"):
        Theme.model_validate(
            {"id": "t", "title": "T", "actions": [{"id": "a", "title": "A", "leed": {}}]}
        )


def test_models_round_trip_through_their_json_form():
    theme = Theme.model_validate(
        {
            "id": "t",
            "title": "T",
            "actions": [
                {
                    "id": "a",
                    "title": "A",
                    "timescale": {
                        "text": "By 31 March 2019",
                        "parts": [{"kind": "deadline", "by": "2019-03-31"}],
                    },
                    "lineage": {"kind": "same_as", "from": ["a"]},
                }
            ],
            "indicators": [
                {
                    "indicator": "i",
                    "wording": "W",
                    "latest": "Q3 2017/18",
                    "target": {"kind": "range", "low": 1, "high": 2},
                }
            ],
        }
    )
    dumped = theme.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    assert dumped["actions"][0]["timescale"]["parts"][0]["by"] == "2019-03-31"
    assert dumped["actions"][0]["lineage"]["from"] == ["a"]
    assert Theme.model_validate(dumped) == theme
