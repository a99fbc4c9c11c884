"""One difference between two sides, in a form that inverts exactly."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Area(StrEnum):
    PARTNERSHIP = "partnership"
    PLAN = "plan"
    THEME = "theme"
    ACTION = "action"
    MEASURE = "measure"
    PROGRESS = "progress"
    FUNDING = "funding"
    INDICATOR = "indicator"
    PERSON = "person"
    ORGANISATION = "organisation"
    GOVERNANCE = "governance"
    REVIEW = "review"


AREA_TITLES = {
    Area.PARTNERSHIP: "Partnerships",
    Area.PLAN: "Plan",
    Area.THEME: "Themes",
    Area.ACTION: "Actions",
    Area.MEASURE: "Measures and targets",
    Area.PROGRESS: "Progress reports",
    Area.FUNDING: "Funding",
    Area.INDICATOR: "Indicator definitions and figures",
    Area.PERSON: "Contacts",
    Area.ORGANISATION: "Organisations",
    Area.GOVERNANCE: "Governance",
    Area.REVIEW: "Review trackers",
}

NOT_STATED = "not stated"


@dataclass(frozen=True, order=True)
class Change:
    """An item added or removed (`field` None), or one field of a matched item changed.

    `old`/`new` are the values in words on each side; None on one side of a field change
    means the source did not state it ("not stated"), which is not the same as removing it.
    """

    area: Area
    field: str | None
    old_id: str | None = None
    new_id: str | None = None
    old: str | None = None
    new: str | None = None
    old_label: str | None = None
    new_label: str | None = None
    note: str | None = None
    """How the pair was matched ('recorded lineage: split_from', '82% similar titles')."""
    form: str = "value"
    """'value' (old → new), 'item' (one entry of a list added, removed or reworded) or
    'text' (long text, reported as edited rather than quoted)."""

    @property
    def kind(self) -> str:
        if self.field is not None:
            return "changed"
        return "added" if self.old is None else "removed"

    @property
    def label(self) -> str:
        return self.new_label or self.old_label or self.new_id or self.old_id or ""

    def inverse(self) -> Change:
        return replace(
            self,
            old_id=self.new_id,
            new_id=self.old_id,
            old=self.new,
            new=self.old,
            old_label=self.new_label,
            new_label=self.old_label,
        )


def one_side_only(
    area: Area, key: str, label: str, value: str | None, note: str | None, *, on_old_side: bool
) -> Change:
    """An item present on one side only: added, or (on the old side) removed."""
    change = Change(area, None, None, key, None, value or label, None, label, note)
    return change.inverse() if on_old_side else change


QUOTED_AT_MOST = 5_000
"""Characters of a value a change quotes in words; the JSON's `old` and `new` keep it all."""


def shown(value: str | None) -> str:
    """A value as a change quotes it: a note of megabytes would otherwise fill a terminal,
    a pull-request comment or a job summary twice over."""
    if value is None:
        return NOT_STATED
    if len(value) <= QUOTED_AT_MOST:
        return value
    return f"{value[:QUOTED_AT_MOST]}… ({len(value):,} characters in all)"


def describe(change: Change) -> str:
    """A field change in words, for the terminal, Markdown and JSON alike."""
    name = change.field
    if name is None:
        words = f"{change.kind}: {change.label}"
        return f"{words} ({change.note})" if change.note else words
    if change.form == "item":
        if change.old is not None and change.new is not None:
            return f"{name} reworded: “{shown(change.old)}” → “{shown(change.new)}” ({change.note})"
        if change.old is None:
            return f"{name} added: {shown(change.new)}"
        return f"{name} removed: {shown(change.old)}"
    if change.form == "text":
        if change.old is None:
            return f"{name} now stated"
        if change.new is None:
            return f"{name} no longer stated"
        return f"{name} {change.note}" if change.note else f"{name} edited"
    if name == "title" and change.note and "similar" in change.note:
        return f"probably renamed from “{shown(change.old)}” ({change.note})"
    words = f"{name}: {shown(change.old)} → {shown(change.new)}"
    return f"{words} ({change.note})" if change.note else words
