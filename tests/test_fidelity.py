"""Nothing lost on the way through: load → dump → load is the identity on every shipped
file and on generated plans, an edit keeps any text a user types exactly, and every field
kind given the wrong type is a located schema problem."""

from __future__ import annotations

import io
import math
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel
from ruamel.yaml import YAML
from tests.conftest import SHIPPED, examples
from tests.strategies import (
    ANY_TEXT,
    INDICATOR,
    PARTNERSHIP,
    PLAN_YEAR,
    TARGETED_PLAN_YEAR,
    THEME,
    TIMESCALED_THEME,
)

from cspplan.editing.observations import Entry, Reading, record_in_file
from cspplan.editing.yaml_file import WIDTH
from cspplan.loading.loader import load_indicator, problems_in_text
from cspplan.loading.reader import parse_bytes
from cspplan.model.framework import Framework
from cspplan.model.funding import FundingFile
from cspplan.model.indicator import Indicator
from cspplan.model.partnership import Partnership
from cspplan.model.periods import parse_period
from cspplan.model.plan import PlanFile, Theme
from cspplan.model.progress import ProgressFile
from cspplan.model.review import Review


def _model_for(path: Path) -> tuple[type[BaseModel], tuple[str, str] | None]:
    if path.name == "partnership.yaml":
        return Partnership, (path.parent.name, "folder")
    if path.parent.name == "indicators":
        return Indicator, (path.stem, "file")
    if path.name == "plan.yaml":
        return PlanFile, None
    if path.parent.name == "progress":
        return ProgressFile, None
    if path.parent.name == "reviews":
        return Review, (path.stem, "file")
    if path.parent.name == "frameworks":
        return Framework, (path.stem, "file")
    if path.name == "funding.yaml":
        return FundingFile, None
    return Theme, (path.stem, "file")


def _load(path: Path, text: str) -> BaseModel:
    source, problems = parse_bytes(path, text.encode("utf-8"))
    assert not problems and source is not None, problems
    model, identity = _model_for(path)
    data = source.data
    if identity is not None and "id" not in data:
        data = {"id": identity[0], **data}
    return model.model_validate(data)


def _dump(model: BaseModel) -> str:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    # never wrap, as cspplan's writer (editing.yaml_file.WIDTH): ruamel folding a quoted
    # line next to an escaped tab drops the tab (Norfolk's printed rows hold tabs)
    yaml.width = WIDTH
    stream = io.StringIO()
    yaml.dump(model.model_dump(mode="json", by_alias=True, exclude_unset=True), stream)
    return stream.getvalue()


SHIPPED_FILES = sorted(SHIPPED.rglob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.relative_to(SHIPPED).as_posix())
def test_load_dump_load_is_the_identity_on_every_shipped_file(path):
    first = _load(path, path.read_text(encoding="utf-8"))
    dumped = _dump(first)
    again = _load(path, dumped)
    assert again == first
    assert _dump(again) == dumped  # and the dump is stable


# -- generated plans ------------------------------------------------------------------------------


GENERATED = [
    (Indicator, INDICATOR, "indicators/generated.yaml"),
    (Theme, THEME, "2018-19/themes/generated.yaml"),
    (PlanFile, PLAN_YEAR, "2018-19/plan.yaml"),
    (Partnership, PARTNERSHIP, "generated/partnership.yaml"),
    (Theme, TIMESCALED_THEME, "2018-19/themes/generated.yaml"),
    (PlanFile, TARGETED_PLAN_YEAR, "2018-19/plan.yaml"),
]


@pytest.mark.parametrize(
    ("model", "strategy", "path"),
    GENERATED,
    ids=["indicator", "theme", "plan-year", "partnership", "timescales", "targets"],
)
@settings(max_examples=examples(120), deadline=None)
@given(data=st.data())
def test_generated_files_survive_a_dump_and_a_load(model, strategy, path, data):
    first = model.model_validate(data.draw(strategy))
    again = _load(Path(path), _dump(first))
    assert again == first


@settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(note=ANY_TEXT, value=st.floats(0, 100, allow_nan=False))
@example(note="?0", value=0.0)  # found by this test: ruamel wrote it plain and could not read it
@example(note="see:ref", value=31.0)
def test_record_keeps_any_typed_note_exactly(tmp_path, note, value):
    original = SHIPPED / "safer-cornwall/indicators/marac-repeat-incidents.yaml"
    path = tmp_path / original.name
    shutil.copyfile(original, path)
    indicator, _, _ = load_indicator(path)
    change = record_in_file(
        path, indicator, [Entry(parse_period("Q4 2025/26"), Reading(value=value), note=note)]
    )
    assert not change.refused
    assert not problems_in_text(path, change.after, Indicator, (path.stem, "file"))
    path.write_text(change.after, encoding="utf-8")
    again, issues, _ = load_indicator(path)
    assert again is not None and not issues
    recorded = again.series[-1]
    assert recorded.note == note
    assert math.isclose(recorded.value, value) or recorded.value == value
    assert change.after.startswith(change.before.rstrip("\n").rsplit("\n", 1)[0])


# -- wrong types, field kind by field kind -----------------------------------------------------


WRONG = [
    # (file, text to find, replacement, code, field path in the message)
    (
        "indicators/marac-repeat-incidents.yaml",
        "unit: percentage",
        "unit: [percentage]",
        "S004",
        "unit",
    ),
    (
        "indicators/marac-repeat-incidents.yaml",
        "value: 30,",
        "value: thirty,",
        "S003",
        "series[0].value",
    ),
    (
        "indicators/marac-repeat-incidents.yaml",
        "period: 2014/15,",
        "period: 2014/13,",
        "S005",
        "series[0].period",
    ),
    (
        "indicators/marac-repeat-incidents.yaml",
        "reported_in: [2017/18, 2018/19]",
        "reported_in: 7",
        "S003",
        "series[0].reported_in",
    ),
    (
        "indicators/marac-repeat-incidents.yaml",
        "polarity: within_range",
        "polarity: upwards",
        "S004",
        "polarity",
    ),
    ("2018-19/plan.yaml", "  year: 3\n", "  year: three\n", "S003", "cycle.year"),
    ("2018-19/plan.yaml", "  year: 3\n", "  year: -3\n", "S006", "cycle.year"),
    ("2018-19/plan.yaml", "  year: 3\n", "  year: true\n", "S003", "cycle.year"),
    ("2018-19/themes/alcohol-related-harm.yaml", "by: '2019-03-31'", "by: {day: 31}", "S005", "by"),
    (
        "2018-19/themes/alcohol-related-harm.yaml",
        "outcomes: [reduce-alcohol-related-harm]",
        "outcomes: reduce",
        "S003",
        "outcomes",
    ),
    (
        "2018-19/themes/alcohol-related-harm.yaml",
        "title: Alcohol-related harm",
        "title: 12",
        "S003",
        "title",
    ),
    (
        "2018-19/themes/alcohol-related-harm.yaml",
        "title: Alcohol-related harm",
        "title: ~",
        "S003",
        "title",
    ),
    (
        "2018-19/themes/alcohol-related-harm.yaml",
        "title: Alcohol-related harm",
        "colour: red",
        "S001",
        "colour",
    ),
]


@pytest.mark.parametrize(
    ("file", "find", "replace", "code", "field"),
    WRONG,
    ids=[f"{w[3]}-{w[4]}-{w[2][:12]}" for w in WRONG],
)
def test_a_wrong_type_in_each_field_kind_is_located(tmp_path, file, find, replace, code, field):
    from cspplan.workspace import check as validate

    folder = tmp_path / "safer-cornwall"
    shutil.copytree(SHIPPED / "safer-cornwall", folder)
    target = folder / file
    text = target.read_text(encoding="utf-8")
    assert find in text
    target.write_text(text.replace(find, replace, 1), encoding="utf-8")
    report = validate([folder], jobs=1)
    found = [i for i in report.issues if i.code == code and i.file == target]
    assert found, [(i.code, i.message) for i in report.issues]
    issue = found[0]
    assert issue.line is not None and issue.column is not None
    assert field in issue.field_path or field in issue.message
    line = target.read_text(encoding="utf-8").splitlines()[issue.line - 1]
    assert (
        replace.strip().split(":")[0].split("\n")[0].strip() in line or field.split(".")[-1] in line
    )
