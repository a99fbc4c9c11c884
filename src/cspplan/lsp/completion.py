"""Completion of what JSON Schema cannot know: the ids a partnership defines, last year's
ids in `lineage`, and the periods the partnership's plans and figures use."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.periods import Period, parse_period

_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?=\s|$)")

INDICATOR_KEYS = {"indicator", "indicators", "replaces", "part_of"}
PERSON_KEYS = {"person", "people"}
ORGANISATION_KEYS = {"organisation", "organisations", "supporting", "commissioned_by"}
BODY_KEYS = {"groups", "governance", "reports_to", "implementation_group"}
PERIOD_KEYS = {"period", "reported_in", "reported_for", "as_of", "baseline", "due", "from_period"}
LINEAGE_KEYS = {"from"}


@dataclass(frozen=True)
class Choice:
    """One completion: the text to insert, what it is, and its name."""

    label: str
    kind: str
    detail: str = ""


def key_at(lines: list[str], line: int, character: int) -> str | None:
    """The key whose value the cursor is in: the last `key:` before the cursor on its line
    (block or flow style), or, in a block list item ('  - …'), the key above that opens it."""
    if line >= len(lines):
        return None
    before = lines[line][:character]
    found = _KEY.findall(before)
    if found:
        return found[-1]
    stripped = before.lstrip()
    if not stripped.startswith("-") and stripped:
        return None
    indent = len(before) - len(stripped)
    for above in reversed(lines[:line]):
        text = above.split(" #")[0].rstrip()
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        if len(text) - len(text.lstrip()) < indent or (
            len(text) - len(text.lstrip()) == indent and not text.lstrip().startswith("-")
        ):
            match = re.search(r"([A-Za-z_][A-Za-z0-9_]*):$", text)
            return match.group(1) if match else None
    return None


def year_of(csp: LoadedPartnership, path: Path) -> LoadedYear | None:
    """The plan year whose folder holds `path`."""
    wanted = path.resolve()
    return next((y for y in csp.years if wanted.is_relative_to(y.folder.resolve())), None)


def choices(csp: LoadedPartnership, path: Path, key: str | None) -> list[Choice]:
    """What may be written as the value of `key` in `path`, from the loaded partnership."""
    if key is None:
        return []
    partnership = csp.partnership
    if key in INDICATOR_KEYS:
        return [Choice(i, "indicator", csp.indicators[i].name) for i in sorted(csp.indicators)]
    if key in PERSON_KEYS:
        return [Choice(p.id, "person", p.name) for p in partnership.people]
    if key in ORGANISATION_KEYS:
        return [Choice(o.id, "organisation", o.name) for o in partnership.organisations]
    if key in BODY_KEYS:
        return [Choice(b.id, "governance body", b.name) for b in partnership.governance]
    if key in LINEAGE_KEYS:
        return _lineage(csp, path)
    if key in PERIOD_KEYS:
        return [Choice(text, "period") for text in periods(csp)]
    return []


def _lineage(csp: LoadedPartnership, path: Path) -> list[Choice]:
    """Last year's theme and action ids (what `lineage.from` names without a year)."""
    year = year_of(csp, path)
    earlier = csp.previous(year) if year is not None else None
    if earlier is None:
        return []
    found = []
    for theme in earlier.themes:
        found.append(Choice(theme.id, f"{earlier.period} theme", theme.title))
        found += [
            Choice(action.id, f"{earlier.period} action", action.title) for action in theme.actions
        ]
    return found


def periods(csp: LoadedPartnership) -> list[str]:
    """The plan years and their quarters, and every period the indicators' figures are for,
    latest first."""
    seen: dict[str, Period] = {}
    for year in csp.years:
        seen[str(year.period)] = year.period
        for quarter in range(1, 5):
            text = f"Q{quarter} {year.period}"
            seen.setdefault(text, parse_period(text))
    for indicator in csp.indicators.values():
        for observation in indicator.series:
            seen.setdefault(str(observation.period), observation.period)
    return sorted(seen, key=lambda text: seen[text].sort_key(), reverse=True)
