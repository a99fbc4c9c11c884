"""Every target kind, wired up everywhere a kind must be.

The kinds are read from the `Target` union itself (typing.get_args), so a class added to
the union and forgotten anywhere fails here by name: it needs an example below, an
evaluator, words, numbers that read its own fields, a place in the chart's shape mapping
and a definition in the generated JSON schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, get_args

import pytest
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter

from cspplan import wording
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.indicator import Indicator
from cspplan.model.partnership import Partnership
from cspplan.model.plan import PlanFile, Theme
from cspplan.model.schemas import build_schemas
from cspplan.model.targets import TARGET_CLASSES, TARGET_KINDS, BaseTarget, Target
from cspplan.status import evaluators
from cspplan.status.assess import MeasureStatus, assess_year
from cspplan.status.bands import Band
from cspplan.status.evaluators import EVALUATORS, Judgement, missing_evaluators
from cspplan.status.target_geometry import SHAPES, Shape, target_shape

UNION = get_args(get_args(Target)[0])

# One example of each kind, as a plan file would give it: every optional number set, so
# that words and numbers have something to say.
EXAMPLES: dict[str, dict[str, Any]] = {
    "at_least": {"kind": "at_least", "value": 46, "text": "At least 46%"},
    "at_most": {"kind": "at_most", "value": 60, "strict": True, "text": "Fewer than 60%"},
    "range": {"kind": "range", "low": 28, "high": 40},
    "no_increase": {"kind": "no_increase", "reference": "2016/17"},
    "reduction": {
        "kind": "reduction",
        "percent": 20,
        "baseline": "2016/17",
        "by": "2020/21",
        "target_value": 24,
    },
    "long_term": {
        "kind": "long_term",
        "value": 52,
        "by": "2020/21",
        "baseline": "2016/17",
        "interim": 46,
    },
    "comparator": {"kind": "comparator", "group": "family_group", "relation": "better"},
    "rank": {"kind": "rank", "within": 3, "group": "family group", "of": 15},
    "quarterly_profile": {
        "kind": "quarterly_profile",
        "quarters": [5, 10, 15, 20],
        "annual": 50,
        "year_to_date": [{"period": "Q2 2018/19", "value": 15, "text": "15"}],
    },
    "trend": {"kind": "trend", "direction": "up", "periods": 2, "text": "Upward trend"},
    "tbc": {"kind": "tbc", "text": "TBC"},
    "unknown": {"kind": "unknown", "text": "see note"},
    "text": {"kind": "text", "text": "Benchmark against family"},
}

INDICATOR = {
    "name": "Repeat victims",
    "unit": "percentage",
    "polarity": "higher_is_better",
    "series": [
        {"period": "2016/17", "value": 30},
        {"period": "2017/18", "value": 33},
        {"period": "Q1 2018/19", "value": 35},
        {"period": "Q2 2018/19", "value": 36},
    ],
    "comparators": [{"group": "family_group", "period": "Q2 2018/19", "value": 34}],
}


def _kind(cls: type[BaseTarget]) -> str:
    return get_args(cls.model_fields["kind"].annotation)[0]


def example(cls: type[BaseTarget]) -> BaseTarget:
    data = EXAMPLES.get(_kind(cls))
    assert data is not None, f"add an example of {cls.__name__} to EXAMPLES"
    made = TypeAdapter(Target).validate_python(data)
    assert type(made) is cls
    return made


def indicator() -> Indicator:
    return Indicator.model_validate({"id": "repeat-victims"} | INDICATOR)


def assessed(target: BaseTarget) -> tuple[MeasureStatus, LoadedYear]:
    """The example judged by the status engine in a one-measure plan year, as `status` does."""
    measure = {
        "indicator": "repeat-victims",
        "wording": "Repeat victims",
        "baseline": "2016/17",
        "target": target.model_dump(mode="json", by_alias=True, exclude_none=True),
    }
    theme = Theme.model_validate({"id": "harm", "title": "Harm", "indicators": [measure]})
    plan = PlanFile.model_validate({"title": "Plan", "period": "2018/19", "themes": ["harm"]})
    year = LoadedYear(Path("p"), Path("p/plan.yaml"), plan, themes=[theme])
    partnership = Partnership.model_validate(
        {"id": "testshire", "name": "Testshire CSP", "area": "Testshire"}
    )
    plans = LoadedPartnership(
        Path("."),
        Path("partnership.yaml"),
        partnership,
        indicators={"repeat-victims": indicator()},
        years=[year],
    )
    [status] = assess_year(plans, year).measures
    return status, year


every_kind = pytest.mark.parametrize("cls", UNION, ids=lambda cls: cls.__name__)


def test_the_union_is_the_list_of_kinds():
    assert UNION == TARGET_CLASSES
    assert [_kind(cls) for cls in UNION] == list(TARGET_KINDS)
    assert len(set(TARGET_KINDS)) == len(TARGET_KINDS)
    assert set(EXAMPLES) == set(TARGET_KINDS), "EXAMPLES has a kind the union does not"


@every_kind
def test_it_has_an_evaluator_that_judges_it(cls):
    assert cls in EVALUATORS, f"no @evaluates({cls.__name__}) in status/evaluators.py"
    status, _ = assessed(example(cls))
    assert isinstance(status.computed, Judgement)
    assert isinstance(status.computed.band, Band)
    assert status.computed.reason.strip()
    if not cls.judged:
        assert status.computed.band in (Band.MONITORING, Band.CANNOT_ASSESS)
        assert not EVALUATORS[cls].needs_figure, "an unjudged kind must not wait for a figure"


def test_no_kind_is_missing_an_evaluator():
    assert missing_evaluators() == []


def test_a_kind_without_an_evaluator_is_named(monkeypatch):
    class Unwired(BaseTarget):
        pass

    monkeypatch.setattr(evaluators, "TARGET_CLASSES", (*TARGET_CLASSES, Unwired))
    assert missing_evaluators() == [Unwired]


@every_kind
def test_its_words_are_its_own(cls):
    target = example(cls)
    words = target.describe(indicator())
    assert words.strip() and words == words.strip()
    assert "None" not in words and "{" not in words
    assert wording.target(target, indicator()) == words
    status, _ = assessed(target)
    assert status.target == words


@every_kind
def test_its_numbers_are_its_fields(cls):
    target = example(cls)
    numbers = target.numbers()
    for field, value in numbers.items():
        assert field in cls.model_fields, f"{cls.__name__}.numbers() names no field {field!r}"
        assert getattr(target, field) == value
        moved = target.model_copy(update={field: value + 7})
        assert moved.numbers()[field] == value + 7, f"{field} is not read from the field"
    for field, value in target.model_dump().items():
        if field not in numbers and field in ("value", "low", "high", "interim"):
            pytest.fail(f"{cls.__name__}.{field} = {value} is a level but not in numbers()")


@every_kind
def test_the_chart_knows_how_to_draw_it(cls):
    assert cls in SHAPES, f"add {cls.__name__} to target_geometry.SHAPES (a function or None)"
    status, year = assessed(example(cls))
    drawn = target_shape(status, year.period)
    if SHAPES[cls] is None:
        assert drawn is None
    else:
        assert drawn is None or isinstance(drawn, Shape)


@every_kind
def test_the_json_schema_has_it(cls):
    schema = json.loads(build_schemas()["theme.schema.json"])
    definitions = schema["$defs"]
    assert cls.__name__ in definitions, f"{cls.__name__} is not in the theme schema"
    assert definitions[cls.__name__]["properties"]["kind"]["const"] == _kind(cls)
    targets = definitions["Measure"]["properties"]["target"]["oneOf"]
    assert {"$ref": f"#/$defs/{cls.__name__}"} in targets
    checker = Draft202012Validator({"$ref": f"#/$defs/{cls.__name__}", "$defs": definitions})
    dumped = example(cls).model_dump(mode="json", by_alias=True, exclude_none=True)
    assert list(checker.iter_errors(dumped)) == []
    assert list(checker.iter_errors(dumped | {"kind": "no-such-kind"})) != []


@every_kind
def test_it_takes_a_horizon_and_an_owner(cls):
    """Every kind can say when it is for and whose it is (a measure's further targets are
    often a longer horizon's or another body's), in the model and in the schema."""
    data = EXAMPLES[_kind(cls)] | {
        "horizon": "2015/16",
        "owner": "police_and_crime_plan",
        "owner_text": "Police & Crime Plan",
    }
    made = TypeAdapter(Target).validate_python(data)
    assert str(made.horizon) == "2015/16"
    assert made.owner.value == "police_and_crime_plan"
    assert made.owner_text == "Police & Crime Plan"
    definitions = json.loads(build_schemas()["theme.schema.json"])["$defs"]
    checker = Draft202012Validator({"$ref": f"#/$defs/{cls.__name__}", "$defs": definitions})
    dumped = made.model_dump(mode="json", by_alias=True, exclude_none=True)
    assert list(checker.iter_errors(dumped)) == []
    assert list(checker.iter_errors(dumped | {"owner": "county"})) != []
    further = definitions["Measure"]["properties"]["further_targets"]["items"]["oneOf"]
    assert {"$ref": f"#/$defs/{cls.__name__}"} in further
