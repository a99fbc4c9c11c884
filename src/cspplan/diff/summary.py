"""Changes arranged for reading: counts per area, then what was added, removed and changed
item by item. Every output format (terminal, Markdown, JSON) arranges them this way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cspplan.diff.changes import AREA_TITLES, Area, Change

if TYPE_CHECKING:
    from cspplan.diff.compare import Comparison

KINDS = ("added", "removed", "changed")


@dataclass
class ItemChanges:
    """The field changes of one matched item (a theme, action, measure, person...)."""

    label: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class AreaChanges:
    area: Area
    added: list[Change] = field(default_factory=list)
    removed: list[Change] = field(default_factory=list)
    changed: list[ItemChanges] = field(default_factory=list)

    @property
    def title(self) -> str:
        return AREA_TITLES[self.area]

    def counts(self) -> dict[str, int]:
        """Items added, removed and changed (an item with five field changes counts once)."""
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed),
        }

    def counts_in_words(self) -> str:
        return ", ".join(f"{n} {kind}" for kind, n in self.counts().items() if n)


def arrange(changes: list[Change]) -> list[AreaChanges]:
    """Areas in a fixed order; items in the order the comparison found them."""
    areas: dict[Area, AreaChanges] = {}
    items: dict[tuple[Area, str | None, str | None], ItemChanges] = {}
    for change in changes:
        group = areas.setdefault(change.area, AreaChanges(change.area))
        if change.kind == "added":
            group.added.append(change)
        elif change.kind == "removed":
            group.removed.append(change)
        else:
            key = (change.area, change.old_id, change.new_id)
            if key not in items:
                items[key] = ItemChanges(change.label)
                group.changed.append(items[key])
            items[key].changes.append(change)
    return [areas[area] for area in Area if area in areas]


def headline(changes: list[Change]) -> str:
    """'Themes: 1 added, 6 changed; Actions: ...' — what a reader wants to see first."""
    return "; ".join(f"{area.title}: {area.counts_in_words()}" for area in arrange(changes))


def count_items(changes: list[Change]) -> int:
    return sum(sum(area.counts().values()) for area in arrange(changes))


def no_differences(comparison: Comparison) -> str:
    return f"No differences between {comparison.old_name} and {comparison.new_name}."


def overview(comparison: Comparison) -> str:
    items = count_items(comparison.changes)
    parts = len(comparison.parts)
    where = f" in {parts} plan parts" if parts > 1 else ""
    return (
        f"{items} items changed{where} between {comparison.old_name} and "
        f"{comparison.new_name} ({len(comparison.changes)} changes in all)."
    )
