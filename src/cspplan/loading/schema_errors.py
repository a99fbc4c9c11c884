"""Turn pydantic validation errors into cspplan issues with plain-English messages."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from cspplan.issues import Issue
from cspplan.loading import errors
from cspplan.loading.reader import describe_value

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
    issues = []
    for item in error.errors(include_url=False):
        path = _yaml_path(item["loc"], data)
        issues.append(_issue(item, path, file, model))
    return issues


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


def _issue(item: Any, path: tuple[str | int, ...], file: Path, model: type[BaseModel]) -> Issue:
    kind = item["type"]
    value = item.get("input")
    context = item.get("ctx") or {}
    name = str(path[-1]) if path else ""
    if kind == "extra_forbidden":
        allowed = _fields_at(model, path[:-1])
        hint = None
        if allowed:
            close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "allowed here: " + ", ".join(allowed)
        issue = errors.UNKNOWN_FIELD.issue(file, path, field=name, hint=hint)
        issue.point_at_key = True
        return issue
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
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(context.get("pattern", "")):
        if ":" in str(context.get("pattern", "")):
            return errors.INVALID_VALUE.issue(
                file,
                path,
                reason=f"'{value}' is not an id, or a plan year and an id like '2017/18:some-id'",
            )
        return errors.INVALID_ID.issue(file, path, value=value)
    if kind in _EXPECTED or kind.endswith("_type"):
        expected = _EXPECTED.get(kind, kind.removesuffix("_type").replace("_", " "))
        return errors.WRONG_TYPE.issue(file, path, expected=expected, got=describe_value(value))
    if kind == "finite_number":
        return errors.INVALID_VALUE.issue(file, path, reason=f"{value} is not a finite number")
    message = str(item["msg"]).removeprefix("Value error, ")
    message = message[0].lower() + message[1:] if message else "invalid value"
    return errors.INVALID_VALUE.issue(file, path, reason=message)


def _fields_at(model: type[BaseModel], path: tuple[str | int, ...]) -> list[str]:
    """Field names of the model at a YAML path (for 'did you mean' hints)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = _field(current, part)
        if info is None:
            return []
        current = _inner_model(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return sorted(info.alias or name for name, info in current.model_fields.items())
    return []


def _field(model: type[BaseModel], name: str):
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return info
    return None


def _inner_model(annotation: Any) -> Any:
    """The model inside list[X] / X | None, if there is exactly one."""
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    models = [
        arg
        for arg in _flatten(get_args(annotation))
        if isinstance(arg, type) and issubclass(arg, BaseModel)
    ]
    return models[0] if len(models) == 1 else None


def _flatten(args: tuple[Any, ...]) -> list[Any]:
    from typing import get_args

    flat: list[Any] = []
    for arg in args:
        inner = get_args(arg)
        flat.extend(_flatten(inner) if inner else [arg])
    return flat
