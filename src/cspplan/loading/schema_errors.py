"""Turn pydantic validation errors into cspplan issues with plain-English messages."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from cspplan.issues import Issue
from cspplan.loading import errors
from cspplan.loading.reader import SourceFile, describe_value
from cspplan.model.base import ID_PATTERN
from cspplan.model.plan import ACTION_REF_PATTERN
from cspplan.paths import odd_character, shown
from cspplan.wording import ungrouped

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
    error: ValidationError,
    file: Path,
    data: Any,
    model: type[BaseModel],
    source: SourceFile | None = None,
) -> list[Issue]:
    """One issue per pydantic error, with the field path as it appears in the YAML; the
    source, when given, lets a message quote what was typed."""
    issues: dict[tuple[tuple[str | int, ...], str], Issue] = {}
    for item in error.errors(include_url=False):
        path = _yaml_path(item["loc"], data)
        issue = _comma_in_flow(item, path, file, data, source) or _issue(
            item, path, file, model, data
        )
        issues.setdefault((issue.path, issue.message), issue)  # 1,098,000: one issue, not two
    return list(issues.values())


def _comma_in_flow(
    item: Any, path: tuple[str | int, ...], file: Path, data: Any, source: SourceFile | None
) -> Issue | None:
    """`{value: 1,098}`: inside braces a comma ends a field, so YAML reads `value: 1` and a
    stray field `098` (a number as a key, which pydantic calls 'keys should be strings').
    Said as what it is, at the number."""
    if item["type"] != "invalid_key" or len(path) < 1:
        return None
    mapping = _node(data, path[:-1])
    if not isinstance(mapping, dict):
        return None
    keys = list(mapping)
    if not keys:
        return None
    at = next((i for i, name in enumerate(keys) if str(name) == str(path[-1])), 0)
    while at > 0 and _stray_number(keys[at], mapping):  # 1,098,000: back past 098 and 000
        at -= 1
    field = keys[at]
    number = mapping[field]
    if (
        not isinstance(field, str)
        or isinstance(number, bool)
        or not isinstance(number, int | float)
    ):
        return None
    typed = _typed_number(source, (*path[:-1], field))
    said = f"'{typed}': " if typed else ""
    fix = (
        f'write {typed.replace(",", "")}, or quote it ("{typed}")'
        if typed
        else ("write it without commas, or quote it")
    )
    return errors.INVALID_VALUE.issue(
        file,
        (*path[:-1], field),
        reason=f"{said}a number cannot contain a comma (inside {{ }} a comma separates "
        f"fields); {fix} if it is text",
    )


def _stray_number(key: Any, mapping: dict[Any, Any]) -> bool:
    """A number read as a key with no value: what follows a comma inside braces."""
    return isinstance(key, int | float) and not isinstance(key, bool) and mapping[key] is None


def _node(data: Any, path: tuple[str | int, ...]) -> Any:
    node = data
    for part in path:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        ):
            node = node[part]
        else:
            return None
    return node


_TYPED_NUMBER = re.compile(r"[+-]?\d[\d,]*(\.\d+)?")


def _typed_number(source: SourceFile | None, path: tuple[str | int, ...]) -> str | None:
    """The number as typed at `path`, commas and all, from the file's text."""
    position = source.locate(path) if source is not None else None
    if position is None:
        return None
    lines = source.text.splitlines()
    line, column = position
    found = _TYPED_NUMBER.match(lines[line - 1], column - 1) if line <= len(lines) else None
    return found.group(0).rstrip(",") if found and "," in found.group(0) else None


def _yaml_path(loc: tuple[str | int, ...], data: Any) -> tuple[str | int, ...]:
    """Pydantic's error location without the tags of discriminated unions, which are not in
    the YAML: ('target', 'range', 'low') is `target.low` in the file."""
    path: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        tagged = isinstance(node, dict) and node.get("kind") == part
        # a tag that is also a field name (a target of kind `text` has a `text`) is still the
        # tag when more of the location follows it: pydantic always puts the tag first
        if tagged and (part not in node or index < len(loc) - 1):
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
        return errors.INVALID_ID.issue(
            file, path, value=shown(value), hint=odd_character(value) or errors.INVALID_ID.hint
        )
    if kind == "string_pattern_mismatch" and context.get("pattern") == ACTION_REF_PATTERN:
        return errors.INVALID_VALUE.issue(
            file,
            path,
            reason=f"'{value}' is not an id, or a plan year and an id like '2017/18:some-id'",
        )
    if kind in _EXPECTED or kind.endswith("_type"):
        expected = _EXPECTED.get(kind, kind.removesuffix("_type").replace("_", " "))
        joined = ungrouped(value) if isinstance(value, str) and "number" in expected else None
        hint = f"write {joined}: a number cannot contain a comma" if joined else None
        return errors.WRONG_TYPE.issue(
            file, path, expected=expected, got=describe_value(value), hint=hint
        )
    if kind == "finite_number":
        return errors.INVALID_VALUE.issue(file, path, reason=f"{value} is not a finite number")
    message = str(item["msg"]).removeprefix("Value error, ")
    message = message[0].lower() + message[1:] if message else "invalid value"
    return errors.INVALID_VALUE.issue(file, path, reason=message)


def _fields_at(model: type[BaseModel], path: tuple[str | int, ...], data: Any) -> list[str]:
    """Field names of the model that holds the value at `path` (for 'did you mean' hints)."""
    current = _holder(model, path, data)
    return sorted(i.alias or name for name, i in current.model_fields.items()) if current else []


def field_at(model: type[BaseModel], path: tuple[str | int, ...], data: Any) -> Any:
    """The pydantic FieldInfo of the field at `path` (its last string part), walked as
    `_fields_at` does; None when the path leaves the models (the language server's hover)."""
    names = [index for index, part in enumerate(path) if isinstance(part, str)]
    if not names:
        return None
    holder = _holder(model, path[: names[-1]], data)
    return _field(holder, str(path[names[-1]])) if holder is not None else None


def _holder(model: type[BaseModel], path: tuple[str | int, ...], data: Any) -> Any:
    """The model class that holds the value at `path`. Walks the model classes alongside
    the data; where a field holds a union (a target, a timescale part), the member is
    chosen by the `kind` of the mapping actually there."""
    candidates: list[type[BaseModel]] = [model]
    node = data
    for part in path:
        if isinstance(part, str):
            current = _choose(candidates, node)
            info = _field(current, part) if current is not None else None
            if info is None:
                return None
            candidates = _models_in(info.annotation)
        node = node[part] if isinstance(node, dict | list) and _has(node, part) else None
    return _choose(candidates, node)


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
