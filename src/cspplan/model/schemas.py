"""JSON Schemas for plan files, generated from the pydantic models.

Editors use them for completion and inline errors (`# yaml-language-server: $schema=...`);
other tools can check plan files with them. They are generated, never edited by hand: a
test fails when `schemas/` no longer matches the models.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema

from cspplan.model.base import PERIOD_DEFINITIONS, PERIOD_MARK
from cspplan.model.framework import Framework
from cspplan.model.funding import FundingFile
from cspplan.model.indicator import Indicator
from cspplan.model.partnership import Partnership
from cspplan.model.period_pattern import period_pattern
from cspplan.model.plan import PlanFile, Theme
from cspplan.model.progress import ProgressFile
from cspplan.model.review import Review
from cspplan.model.status_words import StatusWords, examples

SCHEMA_FILES: dict[str, tuple[type[BaseModel], str, bool]] = {
    # file name: (model, what the file is, id comes from the file or folder name)
    "partnership.schema.json": (
        Partnership,
        "partnership.yaml: a Community Safety Partnership",
        True,
    ),
    "indicator.schema.json": (
        Indicator,
        "indicators/<id>.yaml: a performance indicator and its series",
        True,
    ),
    "plan.schema.json": (PlanFile, "<yyyy-yy>/plan.yaml: a plan year", False),
    "theme.schema.json": (
        Theme,
        "<yyyy-yy>/themes/<id>.yaml: a theme (section) of a plan year",
        True,
    ),
    "progress.schema.json": (
        ProgressFile,
        "<yyyy-yy>/progress/<yyyy-yy>-q<N>.yaml: a quarter's progress reports on the themes",
        False,
    ),
    "review.schema.json": (
        Review,
        "reviews/<id>.yaml: a statutory review or inspection and its recommendations tracker",
        True,
    ),
    "framework.schema.json": (
        Framework,
        "frameworks/<id>.yaml: a framework (another body's plan, pathways, indicator set) "
        "that partnerships link to",
        True,
    ),
    "funding.schema.json": (
        FundingFile,
        "<yyyy-yy>/funding.yaml: a plan year's funding schedules and evaluation boxes",
        False,
    ),
}


def build_schemas() -> dict[str, str]:
    """File name -> schema text (stable: sorted keys, trailing newline)."""
    built = {}
    for name, (model, title, id_from_name) in SCHEMA_FILES.items():
        schema = model.model_json_schema(by_alias=True, schema_generator=PlainSchema)
        _with_examples(schema)
        if id_from_name:
            required = [field for field in schema.get("required", []) if field != "id"]
            if required:
                schema["required"] = required
            else:
                schema.pop("required", None)
            schema["properties"]["id"]["description"] = (
                "Optional: taken from the file (or folder) name; if given it must match."
            )
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": name,
            "title": title,
            **{key: value for key, value in schema.items() if key != "title"},
        }
        built[name] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return built


def _with_examples(schema: dict[str, Any]) -> None:
    """Sets of status words to copy (`templates/status-words/`), where the schema has them:
    editors offer `examples` on completion."""
    words = schema.get("$defs", {}).get(StatusWords.__name__)
    if words is not None:
        words["examples"] = examples()


class PlainSchema(GenerateJsonSchema):
    """Pydantic's schema in the keywords every validator and editor reads alike.

    ajv (strict) refuses OpenAPI's `discriminator`; each union member's `kind` is a
    `const`, so a plain `oneOf` stays exclusive. A field that may be left out is
    `type: [X, "null"]` (or X or null as a `oneOf`/`anyOf`), with no `default: null`,
    which editors would otherwise insert on completion, and no title made up from the
    field name, which editors show in place of (or next to) the description.
    """

    def generate(self, schema, mode="validation"):
        tidied = _tidy(super().generate(schema, mode))
        used = {name for name in PERIOD_DEFINITIONS if f'"#/$defs/{name}"' in json.dumps(tidied)}
        definitions = tidied.setdefault("$defs", {})
        for name in used:
            kinds, description = PERIOD_DEFINITIONS[name]
            definitions[name] = {
                "description": description,
                "anyOf": [
                    {"type": "string", "pattern": period_pattern(kinds)},
                    *_calendar_year(kinds),
                ],
            }
        if not definitions:
            tidied.pop("$defs")
        return tidied


def _calendar_year(kinds) -> list[dict[str, Any]]:
    """A bare number is a calendar year: YAML reads `2021` as one."""
    from cspplan.model.periods import PeriodKind

    if PeriodKind.CALENDAR_YEAR not in kinds:
        return []
    return [{"type": "integer", "minimum": 1000, "maximum": 9999}]


_NULL = {"type": "null"}
_COMPOSITE = ("$ref", "oneOf", "anyOf", "allOf", "enum", "const")


def _tidy(node: Any) -> Any:
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _tidy(value) for key, value in node.items() if key != "discriminator"}
    if PERIOD_MARK in node:
        node["$ref"] = f"#/$defs/{node.pop(PERIOD_MARK)}"
    if "default" in node and node["default"] is None:
        del node["default"]
    if isinstance(node.get("properties"), dict):
        for value in node["properties"].values():
            value.pop("title", None)
    members = node.get("anyOf")
    if isinstance(members, list) and _NULL in members and len(members) == 2:
        (other,) = [member for member in members if member != _NULL]
        del node["anyOf"]
        if isinstance(other.get("type"), str) and not any(key in other for key in _COMPOSITE):
            node.update(other, type=[other["type"], "null"])
        elif "oneOf" in other and set(other) <= {"oneOf", "title", "description"}:
            node["oneOf"] = [*other["oneOf"], _NULL]
        else:
            node["anyOf"] = [other, _NULL]
    return node
