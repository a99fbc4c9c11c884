"""Field-level changes between two versions of one item, shared by every part of the diff.

The named comparisons (titles, targets, leads...) say things in plan words; `other_fields`
then catches every remaining field, so that no edit to a file goes unreported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from pydantic import BaseModel

from cspplan.diff.changes import Area, Change
from cspplan.diff.matching import alike, match, wording_similarity
from cspplan.model.plan import PublishedStatus

NEVER_COMPARED = frozenset({"transcription_notes"})
"""How a file was transcribed, not what the plan says."""

SAME_YEAR_ONLY = frozenset({"lineage", "dropped", "printed", "source"})
"""Fields about the year before or the source document: they differ between any two plan
years, so they are compared only between two versions of the same plan year."""

LONG_TEXT = frozenset(
    {
        "introduction",
        "description",
        "definition",
        "narrative",
        "vision",
        "evaluation",
        "monitoring",
        "aspiration",
        "purpose",
        "values",
        # a progress report's answers (model/progress.ANSWERS)
        "summary",
        "milestones_reached",
        "milestones_missed",
        "prospects_and_risks",
    }
)

FIELD_NAMES = {
    # list fields are named for one entry: "output measure removed: ..."
    "measures": "output measure",
    "notes": "note",
    "tags": "tag",
    "objectives": "objective",
    "achievements": "achievement",
    "targets": "target",
    "key_actions": "key action",
    "linked_themes": "linked theme",
    "areas": "area",
    "indicators": "indicator",
    "other_names": "other name",
    "comparators": "comparator",
    "breaks": "series break",
    "latest": "latest period printed",
    "published": "published status",
    "period_note": "period note",
    "part_of": "part of",
    "rank_of": "rank out of",
    "rate_per": "rate per",
    "reported_in": "printed in",
}


_CODE = re.compile(r"[a-z]+(?:_[a-z]+)+")
"""A value from a fixed list ('focus_area', 'local_authority'), shown with spaces."""


def field_name(key: str) -> str:
    return FIELD_NAMES.get(key, key.replace("_", " "))


def words(value: object) -> str | None:
    """A dumped field in words: lists joined with '; ', mappings as 'key value' pairs."""
    if value is None or value == [] or value == {} or value == "":
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(filter(None, map(words, value))) or None
    if isinstance(value, dict):
        text = words(value.get("text"))
        pairs = [(field_name(k), words(v)) for k, v in value.items() if k != "text"]
        details = ", ".join(f"{k} {v}" for k, v in pairs if v is not None)
        if text is None:
            return details or None
        return f"{text} ({details})" if details else text
    shown = " ".join(str(value).split())
    return shown.replace("_", " ") if _CODE.fullmatch(shown) else shown


def published_words(published: PublishedStatus | None) -> str | None:
    """A printed status and direction in words: 'Close to target, direction down'."""
    if published is None:
        return None
    shown = published.label or (published.status.value if published.status else None)
    if published.direction is not None:
        direction = f"direction {published.direction.value.replace('_', ' ')}"
        return f"{shown}, {direction}" if shown else direction
    return shown


def value_change(
    area: Area, name: str, old: str | None, new: str | None, **ids: str | None
) -> Iterator[Change]:
    if old != new:
        yield Change(area, name, old=old, new=new, **ids)


def text_change(
    area: Area, name: str, old: str | None, new: str | None, **ids: str | None
) -> Iterator[Change]:
    """Long text: report that it was edited, and how much (the texts go to JSON)."""
    if old == new or (old and new and " ".join(old.split()) == " ".join(new.split())):
        return  # unchanged, or only line breaks moved
    note = f"edited, {alike(wording_similarity(old, new))} alike" if old and new else None
    yield Change(area, name, old=old, new=new, note=note, form="text", **ids)


def list_changes(
    area: Area, name: str, old: Iterable[str], new: Iterable[str], **ids: str | None
) -> Iterator[Change]:
    """Items added to, removed from or reworded in a list (focus items, outcomes, notes)."""
    before = {item: item for item in old}
    after = {item: item for item in new}
    matched = match(before, after, set())
    for x, y, how in matched.pairs:
        if x != y:
            note = how.replace("titles", "wording")
            yield Change(area, name, old=x, new=y, note=note, form="item", **ids)
    for item in matched.removed:
        yield Change(area, name, old=item, new=None, form="item", **ids)
    for item in matched.added:
        yield Change(area, name, old=None, new=item, form="item", **ids)


def detail_change(
    area: Area,
    name: str,
    old: tuple[str | None, BaseModel | None],
    new: tuple[str | None, BaseModel | None],
    **ids: str | None,
) -> Iterator[Change]:
    """A field shown in plan words (a target, a lead) as (words, model); where the words
    agree but the model does not (a tolerance, a parsed date), report the details."""
    if old[0] != new[0]:
        yield Change(area, name, old=old[0], new=new[0], **ids)
        return
    dumped = [
        words(item.model_dump(mode="json", exclude_none=True)) if item else None
        for item in (old[1], new[1])
    ]
    yield from value_change(area, f"{name} details", dumped[0], dumped[1], **ids)


def other_fields(
    area: Area,
    old: BaseModel,
    new: BaseModel,
    handled: Iterable[str],
    *,
    same_year: bool,
    prefix: str = "",
    **ids: str | None,
) -> Iterator[Change]:
    """Every field not `handled` by a named comparison, in the model's order."""
    skipped = set(handled) | NEVER_COMPARED | (set() if same_year else SAME_YEAR_ONLY)
    a = old.model_dump(mode="json", exclude=skipped)
    b = new.model_dump(mode="json", exclude=skipped)
    for key in [*a, *(k for k in b if k not in a)]:
        x, y = a.get(key), b.get(key)
        if x == y:
            continue
        name = prefix + field_name(key)
        if key in LONG_TEXT:
            yield from text_change(area, name, words(x), words(y), **ids)
        elif isinstance(x, list) or isinstance(y, list):
            yield from list_changes(
                area,
                name,
                filter(None, map(words, x or [])),
                filter(None, map(words, y or [])),
                **ids,
            )
        else:
            yield from value_change(area, name, words(x), words(y), **ids)
