"""JSON Schemas for plan files, generated from the pydantic models.

Editors use them for completion and inline errors (`# yaml-language-server: $schema=...`);
other tools can check plan files with them. They are generated, never edited by hand: a
test fails when `schemas/` no longer matches the models.
"""

from __future__ import annotations

import json

from pydantic import BaseModel

from cspplan.model.indicator import Indicator
from cspplan.model.partnership import Partnership
from cspplan.model.plan import PlanYear, Theme

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
    "plan.schema.json": (PlanYear, "<yyyy-yy>/plan.yaml: a plan year", False),
    "theme.schema.json": (
        Theme,
        "<yyyy-yy>/themes/<id>.yaml: a theme (section) of a plan year",
        True,
    ),
}


def build_schemas() -> dict[str, str]:
    """File name -> schema text (stable: sorted keys, trailing newline)."""
    built = {}
    for name, (model, title, id_from_name) in SCHEMA_FILES.items():
        schema = model.model_json_schema(by_alias=True)
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
