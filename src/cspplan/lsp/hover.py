"""Hover: an issue code's documentation, an id's name (an indicator's with its latest figure
and status), or the description of the field under the cursor from the pydantic models."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cspplan.catalogue import lookup
from cspplan.loading.reader import SourceFile
from cspplan.loading.schema_errors import field_at
from cspplan.model.collection import LoadedPartnership

_WORD = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_\-/]*")
_CODE = re.compile(r"[FSRC]\d{3}")


def word_at(line: str, character: int) -> tuple[str, int, int] | None:
    """The id-like word under the cursor, with its start and end."""
    for match in _WORD.finditer(line):
        if match.start() <= character <= match.end():
            return match.group(0), match.start(), match.end()
    return None


def code_text(code: str) -> str | None:
    """`cspplan rules CODE` in Markdown, for a code (or a check's name)."""
    issue_type = lookup(code)
    if issue_type is None:
        return None
    parts = [
        f"**{issue_type.code}** `{issue_type.name}` ({issue_type.severity}): {issue_type.title}"
    ]
    if issue_type.description:
        parts.append(issue_type.description)
    if issue_type.hint:
        parts.append(f"Hint: {issue_type.hint}")
    return "\n\n".join(parts)


def indicator_text(csp: LoadedPartnership, indicator_id: str) -> str | None:
    """The indicator's name, unit, latest figure, and its status in the latest plan year
    that measures it (the same judgement `cspplan status` prints)."""
    from cspplan.status.assess import assess_year, figure_words
    from cspplan.status.bands import label

    indicator = csp.indicators.get(indicator_id)
    if indicator is None:
        return None
    parts = [f"**{indicator.name}** (indicator `{indicator.id}`, {indicator.unit})"]
    figures = [o for o in indicator.series if o.value is not None]
    if figures:
        latest = max(figures, key=lambda o: o.period.sort_key())
        parts.append(f"Latest figure: {figure_words(latest, indicator)}")
    for year in reversed(csp.years):
        if not any(m.indicator == indicator_id for _, m in year.measures()):
            continue
        assessed = assess_year(csp, year)
        for status in assessed.measures:
            if status.indicator.id == indicator_id:
                parts.append(
                    f"Status {year.period} (as of {assessed.as_of}): "
                    f"**{label(status.band, assessed.words)}**: {status.reason}"
                )
                break
        break
    return "\n\n".join(parts)


def id_text(csp: LoadedPartnership, word: str) -> str | None:
    """An indicator, person, organisation or governance body the partnership names `word`."""
    found = indicator_text(csp, word)
    if found is not None:
        return found
    partnership = csp.partnership
    for kind, things in (
        ("person", partnership.people),
        ("organisation", partnership.organisations),
        ("governance body", partnership.governance),
    ):
        for thing in things:
            if thing.id == word:
                return f"**{thing.name}** ({kind} `{thing.id}`)"
    return None


def model_for(path: Path) -> type[BaseModel] | None:
    """The model of a plan file, by where it sits (the layout `loading.discovery` reads)."""
    from cspplan.model.framework import Framework
    from cspplan.model.funding import FundingFile
    from cspplan.model.indicator import Indicator
    from cspplan.model.partnership import Partnership
    from cspplan.model.plan import PlanFile, Theme
    from cspplan.model.progress import ProgressFile
    from cspplan.model.review import Review

    if path.name == "partnership.yaml":
        return Partnership
    if path.name == "plan.yaml":
        return PlanFile
    if path.name == "funding.yaml":
        return FundingFile
    by_folder = {
        "indicators": Indicator,
        "themes": Theme,
        "progress": ProgressFile,
        "reviews": Review,
        "frameworks": Framework,
    }
    return by_folder.get(path.parent.name)


def yaml_path_at(text: str, line: int, character: int) -> tuple[str | int, ...] | None:
    """The field path of the key or value under the cursor (0-based line and column)."""
    root = SourceFile(Path("-"), text).nodes()
    if root is None:
        return None
    path: list[str | int] = []
    node: Any = root
    while True:
        if node.id == "mapping":
            for key_node, value_node in node.value:
                if _contains(key_node, line, character) or _contains(value_node, line, character):
                    path.append(key_node.value)
                    if _contains(key_node, line, character):
                        return tuple(path)
                    node = value_node
                    break
            else:
                return tuple(path)
        elif node.id == "sequence":
            for index, item in enumerate(node.value):
                if _contains(item, line, character):
                    path.append(index)
                    node = item
                    break
            else:
                return tuple(path)
        else:
            return tuple(path)


def _contains(node: Any, line: int, character: int) -> bool:
    start, end = node.start_mark, node.end_mark
    return (start.line, start.column) <= (line, character) <= (end.line, end.column)


def field_text(path: Path, text: str, line: int, character: int) -> str | None:
    """The description of the field under the cursor, from the file's pydantic model."""
    model = model_for(path)
    where = yaml_path_at(text, line, character)
    if model is None or not where:
        return None
    from cspplan.loading.reader import plain_data

    try:
        data = plain_data(text)
    except Exception:  # a half-typed file: walk the models without the data
        data = None
    info = field_at(model, where, data)
    if info is None or not info.description:
        return None
    name = next(part for part in reversed(where) if isinstance(part, str))
    return f"`{name}`: {info.description}"


def hover_text(
    csp: LoadedPartnership | None, path: Path, text: str, line: int, character: int
) -> str | None:
    """What to show at the cursor: a code's documentation, an id's name and figures, or the
    field's description."""
    lines = text.splitlines()
    if line >= len(lines):
        return None
    found = word_at(lines[line], character)
    if found is not None:
        word = found[0]
        if _CODE.fullmatch(word):
            documented = code_text(word)
            if documented is not None:
                return documented
        if csp is not None:
            named = id_text(csp, word)
            if named is not None:
                return named
    return field_text(path, text, line, character)
