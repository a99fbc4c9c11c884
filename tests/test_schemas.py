"""The JSON Schemas: every validator and editor reads them alike, they agree with the parser
on periods, every field and value says what it means, and dates are written so that YAML 1.1
readers (PyYAML, many editors) see text, not date objects."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml as pyyaml
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import REPO, SHIPPED, examples, run

from cspplan.loading.reader import plain_data
from cspplan.model.periods import PeriodError, PeriodKind, parse_period
from cspplan.model.schemas import build_schemas

SCHEMAS = {name: json.loads(text) for name, text in build_schemas().items()}

# One list for the parser and the schema: (text, whether cspplan reads it). Both must agree.
PERIOD_CASES = [
    ("Q5 2018/19", False),  # there is no quarter 5
    ("Q0 2018/19", False),
    ("Q1-Q5 2018/19", False),
    ("18/19", True),
    ("FY 2018/19", True),
    ("FY2018-19", True),
    ("2018/2019", True),
    ("2018/17", False),  # the second year must follow the first
    ("2018/2020", False),
    ("2018/19/20", False),
    ("1999/2000", True),
    ("1999/00", True),
    ("99/2000", True),
    ("18/2019", True),
    ("18/1919", False),
    ("70/1971", True),
    ("2099/2100", True),
    ("2018 - 19", True),
    ("2018\u201319", True),  # en dash
    (" 2018/19 ", True),
    ("Q1 2018/19", True),
    ("q4 2018 / 2019", True),
    ("2017/18 Q2", True),
    ("Q1-Q2 2013/14", True),
    ("Q1-3 2017/18", True),
    ("YTD Q3 2017/18", True),
    ("year to date to Q2 2018/19", True),
    ("Q3 2017/18 YTD", True),
    ("Nov 2017", True),
    ("Nov-17", True),
    ("March 2019", True),
    ("Mar. 2019", True),
    ("Sept 2019", True),
    ("Foo 2017", False),
    ("2019-03", True),
    ("2019-3", True),
    ("2019-13", False),
    ("2011-12", True),  # a financial year, not December
    ("12 months to Jun-17", True),
    ("rolling 12 months to Nov 2017", True),
    ("12 months to 2019-03", True),
    ("12 months to 2011-12", False),  # 2011-12 is a year; a rolling year ends in a month
    ("12 months to 2019", False),
    ("12 months to 12 months to Mar 2019", False),
    ("Oct 10 to Sep 11", True),  # a window of 12 months, as Norfolk prints it
    ("Jul11 to Jun12", True),
    ("Apr 2011 to Mar 12", True),
    ("Jan 2019 to Dec 19", True),
    ("Dec 69 to Nov 70", True),  # 2069 to 2070, as the financial year 69/70 reads
    ("Oct 10 to Oct 11", False),  # 13 months
    ("Jan 19 to Dec 20", False),
    ("Oct 10 to Sep 10", False),
    ("3 year average 07/08-09/10", True),
    ("3 year average 2014-2016", True),
    ("1 year average 2014-2014", False),
    ("2017 Survey", True),
    ("survey 18", True),
    ("2016", True),
    ("2019-03-31", True),
    ("2019-3-5", True),
    ("2019-02-29", False),
    ("2020-02-29", True),
    ("2000-02-29", True),
    ("1900-02-29", False),
    ("2019-04-31", False),
    ("31 March 2019", True),
    ("1st Sept 2019", True),
    ("31 April 2019", False),
    ("29 Feb 2020", True),
    ("", False),
]

# Arithmetic across a range is beyond a pattern: these pass the schema; cspplan refuses them.
PATTERN_LOOSER = ["3 year average 2014-2017", "2 year average 2016/17-2018/19"]

KIND_CASES = [
    # (definition, text, accepted)
    ("FinancialYear", "18/19", True),
    ("FinancialYear", "FY 2018/19", True),
    ("FinancialYear", "2018/2019", True),
    ("FinancialYear", "2018-19", True),
    ("FinancialYear", "2018/17", False),
    ("FinancialYear", "Q1 2018/19", False),
    ("FinancialYear", "2019-03", False),
    ("FinancialYear", "2019", False),
    ("Due", "2019-03-31", True),
    ("Due", "Mar 2019", True),
    ("Due", "Q2 2018/19", True),
    ("Due", "2018/19", True),
    ("Due", "2021", True),
    ("Due", "2017 survey", False),
    ("Due", "Q1-Q2 2018/19", False),
    ("Due", "12 months to Mar 2019", False),
]


@functools.cache
def _pattern(definition: str = "Period") -> str:
    """The pattern of a period definition, as written in the schemas (worked out once: the
    property test below asks for it thousands of times)."""
    (found,) = {
        json.dumps(schema["$defs"][definition])
        for schema in SCHEMAS.values()
        if definition in schema.get("$defs", {})
    }
    (string,) = [choice for choice in json.loads(found)["anyOf"] if choice["type"] == "string"]
    return string["pattern"]


def _reads(text: str, kinds=tuple(PeriodKind)) -> bool:
    try:
        return parse_period(text).kind in kinds
    except PeriodError:
        return False


@pytest.mark.parametrize(("text", "readable"), PERIOD_CASES)
def test_parser_and_schema_pattern_agree_on_periods(text, readable):
    assert _reads(text) is readable
    assert bool(re.search(_pattern(), text)) is readable


@pytest.mark.parametrize(("definition", "text", "accepted"), KIND_CASES)
def test_financial_year_and_due_patterns_take_only_their_kinds(definition, text, accepted):
    assert bool(re.search(_pattern(definition), text)) is accepted


def test_the_pattern_is_looser_than_the_parser_only_on_average_arithmetic():
    for text in PATTERN_LOOSER:
        assert not _reads(text) and re.search(_pattern(), text), text


_PIECES = ["Q", "q", "1", "2", "4", "5", "0", "9", "19", "18", "2018", "2019", "1999", "2000"]
_PIECES += ["/", "-", "\u2013", " ", "FY", "YTD", "year to date", "to", "12 months to "]
_PIECES += ["rolling ", "survey", "Mar", "March", "Sept", "Feb", "29", "31", "st", "."]
_PIECES += [" to ", "Apr", "Jan", "Dec", "Oct 10", "Sep 11"]  # windows of months


@settings(max_examples=examples(2000))
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6).map("".join))
def test_parser_and_pattern_agree_on_any_text_made_of_period_words(text):
    assert bool(re.search(_pattern(), text)) is _reads(text), text


# -- the schemas as documents -----------------------------------------------------------------


def _nodes(node, path=""):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, f"{path}/{index}")


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_field_and_every_value_says_what_it_means(name):
    undescribed = [
        f"{path}/{field}"
        for path, node in _nodes(SCHEMAS[name])
        if isinstance(node.get("properties"), dict)
        for field, schema in node["properties"].items()
        if not schema.get("description")
    ]
    unexplained = [
        f"{path}: {choice['const']}"
        for path, node in _nodes(SCHEMAS[name])
        for choice in node.get("oneOf", [])
        if "const" in choice and not choice.get("description")
    ]
    bare_enums = [path for path, node in _nodes(SCHEMAS[name]) if "enum" in node]
    assert (undescribed, unexplained, bare_enums) == ([], [], [])


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_no_keywords_that_validators_or_editors_read_differently(name):
    found = []
    for path, node in _nodes(SCHEMAS[name]):
        if "discriminator" in node:
            found.append(f"{path}: discriminator")
        if "default" in node and node["default"] is None:
            found.append(f"{path}: default null")
        for field, schema in (node.get("properties") or {}).items():
            if isinstance(schema, dict) and "title" in schema:
                found.append(f"{path}/{field}: title {schema['title']!r}")
        choices = node.get("anyOf", [])
        if {"type": "null"} in choices and any(
            isinstance(choice.get("type"), str) and choice["type"] != "null" and len(choice) == 1
            for choice in choices
        ):
            found.append(f"{path}: nullable simple type as anyOf")
    assert found == []


def test_a_nullable_text_field_is_a_type_list():
    description = SCHEMAS["theme.schema.json"]["$defs"]["Action"]["properties"]["description"]
    assert description["type"] == ["string", "null"]


def test_a_union_member_is_told_apart_by_its_kind_constant():
    target = SCHEMAS["theme.schema.json"]["$defs"]["Measure"]["properties"]["target"]
    definitions = SCHEMAS["theme.schema.json"]["$defs"]
    kinds = [
        definitions[choice["$ref"].rsplit("/", 1)[1]]["properties"]["kind"]["const"]
        for choice in target["oneOf"]
        if "$ref" in choice
    ]
    assert len(kinds) == len(set(kinds)) == 13 and {"type": "null"} in target["oneOf"]


# -- real validators: ajv (strict) and check-jsonschema ------------------------------------------


def _shipped() -> dict[str, list[tuple[str, object]]]:
    """Schema file name -> (path, data as JSON) for every shipped plan file."""
    by_schema: dict[str, list[tuple[str, object]]] = {}
    for path in sorted(SHIPPED.rglob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        schema = text.splitlines()[0].split("$schema=", 1)[1].rsplit("/", 1)[1]
        by_schema.setdefault(schema, []).append((str(path), plain_data(text)))
    return by_schema


def _ajv_folder() -> Path | None:
    """Where `make test` installs ajv (or CSPPLAN_AJV: a folder holding node_modules/ajv)."""
    for folder in (os.environ.get("CSPPLAN_AJV"), REPO / "build" / "node"):
        if folder and (Path(folder) / "node_modules" / "ajv").is_dir() and shutil.which("node"):
            return Path(folder)
    return None


_AJV_SCRIPT = """
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");
const job = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = {};
for (const [name, schema] of Object.entries(job.schemas)) {
  const ajv = new Ajv2020({strict: true, allErrors: true});
  addFormats(ajv);
  const validate = ajv.compile(schema);  // throws on anything strict mode refuses
  out[name] = (job.data[name] || []).map(([path, data]) => [path, validate(data), validate.errors]);
}
out.periods = job.periods.map((text) => new RegExp(job.pattern, "u").test(text));
console.log(JSON.stringify(out));
"""


def _ajv(schemas: dict, data: dict, periods: list[str]) -> dict:
    folder = _ajv_folder()
    if folder is None:
        pytest.skip("ajv is not installed: `make test` installs it into build/node with npm")
    job = {"schemas": schemas, "data": data, "periods": periods}
    if periods:
        job["pattern"] = _pattern()
    result = subprocess.run(
        ["node", "-e", _AJV_SCRIPT],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        cwd=folder,
        env={**os.environ, "NODE_PATH": str(folder / "node_modules")},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_ajv_strict_compiles_every_schema_and_accepts_every_shipped_file():
    result = _ajv(SCHEMAS, _shipped(), [])
    assert set(SCHEMAS) <= set(result)
    refused = [(path, errors) for name in SCHEMAS for path, ok, errors in result[name] if not ok]
    assert refused == []
    assert sum(len(result[name]) for name in SCHEMAS) == len(list(SHIPPED.rglob("*.yaml")))


def test_ajv_reads_the_period_pattern_as_python_does():
    texts = [text for text, _ in PERIOD_CASES] + [text for _, text, _ in KIND_CASES]
    result = _ajv({}, {}, texts)
    assert result["periods"] == [bool(re.search(_pattern(), text)) for text in texts]


def test_ajv_refuses_a_theme_with_an_impossible_quarter():
    theme = {
        "title": "Theme",
        "indicators": [{"indicator": "x", "wording": "X", "baseline": "Q5 2018/19"}],
    }
    good = {**theme, "indicators": [{**theme["indicators"][0], "baseline": "18/19"}]}
    result = _ajv(
        {"theme.schema.json": SCHEMAS["theme.schema.json"]},
        {"theme.schema.json": [["bad", theme], ["good", good]]},
        [],
    )
    assert [ok for _, ok, _ in result["theme.schema.json"]] == [False, True]


def _check_jsonschema(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "check-jsonschema"), "--schemafile", str(schema)]
        + [str(file) for file in files],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_check_jsonschema_accepts_every_shipped_file(tmp_path):
    for name, files in _shipped().items():
        result = _check_jsonschema(REPO / "schemas" / name, *(Path(path) for path, _ in files))
        assert result.returncode == 0, (name, result.stdout[-2000:])


def test_check_jsonschema_refuses_periods_cspplan_refuses(tmp_path):
    theme = tmp_path / "theme.yaml"
    for baseline, accepted in [("Q5 2018/19", False), ("2018/17", False), ("18/19", True)]:
        theme.write_text(
            f"title: Theme\nindicators:\n  - {{indicator: x, wording: X, baseline: '{baseline}'}}\n",
            encoding="utf-8",
        )
        result = _check_jsonschema(REPO / "schemas" / "theme.schema.json", theme)
        assert (result.returncode == 0) is accepted, (baseline, result.stdout)


# -- dates written as text -----------------------------------------------------------------------

_UNQUOTED_DATE = re.compile(r"(?:^|[\s{,\[])[\w-]+:\s+\d{4}-\d{2}-\d{2}\s*(?:$|[,}\]])", re.M)


def _yaml11_dates(text: str) -> list:
    """Values a YAML 1.1 loader (PyYAML) reads as dates."""
    return [value for _, value in _nodes_values(pyyaml.safe_load(text)) if isinstance(value, date)]


def _nodes_values(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _nodes_values(value)
    elif isinstance(node, list):
        for value in node:
            yield None, value
            yield from _nodes_values(value)


def test_fmt_writes_dates_quoted_and_the_file_still_means_the_same(tree):
    theme = tree["2018-19/themes/domestic-abuse.yaml"]
    theme["actions"][0]["timescale"] = {
        "text": "1 April 2018 to 31 March 2019",
        "parts": [{"kind": "range", "start": date(2018, 4, 1), "end": date(2019, 3, 31)}],
    }
    folder = tree.write()
    path = folder / "2018-19/themes/domestic-abuse.yaml"
    assert _yaml11_dates(path.read_text(encoding="utf-8"))  # as written: date objects
    result = run("fmt", str(folder))
    assert result.returncode == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "start: '2018-04-01'" in text and "end: '2019-03-31'" in text
    assert _yaml11_dates(text) == []
    assert run("fmt", "--check", str(folder)).returncode == 0
    validated = run("validate", str(folder))
    assert validated.returncode == 0, validated.stdout


def test_init_writes_its_dates_quoted(tmp_path):
    result = run(
        "init", "testshire", "--partnership", "Safer Testshire", "--year", "2018-19", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    files = list((tmp_path / "testshire" / "plans").rglob("*.yaml"))
    assert any(re.search(r"'\d{4}-\d{2}-\d{2}'", file.read_text()) for file in files)
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert not _UNQUOTED_DATE.search(text) and _yaml11_dates(text) == [], file


def test_shipped_plans_quote_their_dates():
    found = [
        str(path)
        for path in SHIPPED.rglob("*.yaml")
        if _UNQUOTED_DATE.search(path.read_text(encoding="utf-8"))
        or _yaml11_dates(path.read_text(encoding="utf-8"))
    ]
    assert found == []
