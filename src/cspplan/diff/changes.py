"""One difference between two sides, in a form that inverts exactly."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum


class Area(StrEnum):
    PLAN = "plan"
    THEME = "theme"
    ACTION = "action"
    MEASURE = "measure"
    INDICATOR = "indicator"
    PERSON = "person"
    ORGANISATION = "organisation"
    GOVERNANCE = "governance"


AREA_TITLES = {
    Area.PLAN: "Plan",
    Area.THEME: "Themes",
    Area.ACTION: "Actions",
    Area.MEASURE: "Measures and targets",
    Area.INDICATOR: "Indicator definitions and figures",
    Area.PERSON: "Contacts",
    Area.ORGANISATION: "Organisations",
    Area.GOVERNANCE: "Governance",
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


def shown(value: str | None) -> str:
    return NOT_STATED if value is None else value
