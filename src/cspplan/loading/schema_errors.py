"""Turn pydantic validation errors into cspplan issues with plain-English messages."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from cspplan.issues import Issue
from cspplan.loading import errors
from cspplan.loading.reader import describe_value
from cspplan.model.base import ID_PATTERN
from cspplan.model.plan import ACTION_REF_PATTERN

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "a mapping of fields",
    "model_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
    "none_required": "nothing",
}


def schema_issues(
    error: ValidationError, file: Path, data: Any, model: type[BaseModel]
) -> list[Issue]:
    """One issue per pydantic error, with the field path as it appears in the YAML."""
    return [
        _issue(item, _yaml_path(item["loc"], data), file, model, data)
        for item in error.errors(include_url=False)
    ]


def _yaml_path(loc: tuple[str | int, ...], data: Any) -> tuple[str | int, ...]:
    """Pydantic's error location without the tags of discriminated unions, which are not in
    the YAML: ('target', 'range', 'low') is `target.low` in the file."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part not in node and node.get("kind") == part:
            continue
        path.append(part)
        inside = (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        )
        node = node[part] if inside else None
    return tuple(path)


def _issue(
    item: Any, path: tuple[str | int, ...], file: Path, model: type[BaseModel], data: Any
) -> Issue:
    kind = item["type"]
    value = item.get("input")
    context = item.get("ctx") or {}
    name = str(path[-1]) if path else ""
    if kind == "extra_forbidden":
        allowed = _fields_at(model, path[:-1], data)
        hint = None
        if allowed:
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed here: " + ", ".join(allowed)
        return errors.UNKNOWN_FIELD.issue(file, path, field=name, hint=hint, at_key=True)
    if kind == "missing":
        return errors.MISSING_FIELD.issue(file, path[:-1], field=name)
    if kind == "union_tag_not_found":
        return errors.MISSING_FIELD.issue(
            file, path, field=context.get("discriminator", "kind").strip("'")
        )
    if kind == "union_tag_invalid":
        choices = context.get("expected_tags", "")
        tag = context.get("tag", value)
        return errors.INVALID_CHOICE.issue(file, (*path, "kind"), value=tag, choices=choices)
    if kind in ("literal_error", "enum"):
        choices = context.get("expected", "")
        return errors.INVALID_CHOICE.issue(file, path, value=value, choices=choices)
    if kind == "period":
        return errors.INVALID_PERIOD.issue(file, path, reason=context.get("reason", item["msg"]))
    if kind == "string_pattern_mismatch" and context.get("pattern") == ID_PATTERN:
        return errors.INVALID_ID.issue(file, path, value=value)
    if kind == "string_pattern_mismatch" and context.get("pattern") == ACTION_REF_PATTERN:
        return errors.INVALID_VALUE.issue(
            file,
            path,
            reason=f"'{value}' is not an id, or a plan year and an id like '2017/18:some-id'",
        )
    if kind in _EXPECTED or kind.endswith("_type"):
        expected = _EXPECTED.get(kind, kind.removesuffix("_type").replace("_", " "))
        return errors.WRONG_TYPE.issue(file, path, expected=expected, got=describe_value(value))
    if kind == "finite_number":
        return errors.INVALID_VALUE.issue(file, path, reason=f"{value} is not a finite number")
    message = str(item["msg"]).removeprefix("Value error, ")
    message = message[0].lower() + message[1:] if message else "invalid value"
    return errors.INVALID_VALUE.issue(file, path, reason=message)


def _fields_at(model: type[BaseModel], path: tuple[str | int, ...], data: Any) -> list[str]:
    """Field names of the model that holds the value at `path` (for 'did you mean' hints).

    Walks the model classes alongside the data; where a field holds a union (a target, a
    timescale part), the member is chosen by the `kind` of the mapping actually there."""
    candidates: list[type[BaseModel]] = [model]
    node = data
    for part in path:
        if isinstance(part, str):
            current = _choose(candidates, node)
            info = _field(current, part) if current is not None else None
            if info is None:
                return []
            candidates = _models_in(info.annotation)
        node = node[part] if isinstance(node, dict | list) and _has(node, part) else None
    current = _choose(candidates, node)
    return sorted(i.alias or name for name, i in current.model_fields.items()) if current else []


def _has(node: dict | list, part: str | int) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(part, int) and 0 <= part < len(node)


def _field(model: type[BaseModel], name: str) -> Any:
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return info
    return None


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The models inside list[X], X | None or a union."""
    return [
        arg for arg in _flatten(annotation) if isinstance(arg, type) and issubclass(arg, BaseModel)
    ]


def _choose(models: list[type[BaseModel]], node: Any) -> type[BaseModel] | None:
    """One model for the mapping `node`: the only candidate, or the union member its `kind` names."""
    if len(models) > 1 and isinstance(node, dict):
        models = [model for model in models if _tag(model) == node.get("kind")]
    return models[0] if len(models) == 1 else None


def _tag(model: type[BaseModel]) -> object:
    """The value of a union member's `kind` (its Literal), or None."""
    field = model.model_fields.get("kind")
    return (
        get_args(field.annotation)[0] if field is not None and get_args(field.annotation) else None
    )


def _flatten(annotation: Any) -> list[Any]:
    inner = get_args(annotation)
    if not inner:
        return [annotation]
    return [leaf for arg in inner for leaf in _flatten(arg)]
