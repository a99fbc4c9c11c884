"""Measures rolled up by framework item: "which of our measures serve pathway 2, and how
are they doing?", across every partnership loaded.

A measure serves an item when the measure itself, its indicator, its action (an action
listing the measure's indicator) or its theme links to the item. A theme's link that names
one of its measures (`measure:`) is about that measure only; a theme's link with none is
about all the theme's measures. Links to the framework as a whole (no `item`) are listed
apart from the items.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from cspplan.model.collection import LoadedFramework
from cspplan.model.framework import FrameworkItem
from cspplan.model.links import FrameworkLink
from cspplan.status.assess import MeasureStatus, YearStatus
from cspplan.status.bands import ORDER, Band


@dataclass
class Serving:
    """One measure (of one partnership's plan year) serving an item, and why."""

    year: YearStatus
    status: MeasureStatus
    via: list[str]
    """What links it: 'measure', 'indicator', 'action <id>', 'theme', 'theme (this measure)'."""
    comments: list[str] = field(default_factory=list)
    """The comments printed with those links."""

    @property
    def band(self) -> Band:
        return self.status.band

    @property
    def label(self) -> str:
        return self.year.label(self.status.band)


@dataclass(frozen=True)
class Remark:
    """What a plan year says about an item without any theme of its own serving it (a
    plan's own link, as an alignment row with no priority prints it)."""

    partnership: str
    plan_year: str
    comment: str | None

    def words(self) -> str:
        said = f": {self.comment}" if self.comment else ""
        return f"{self.partnership} {self.plan_year} names it under none of its themes{said}"


@dataclass
class ItemRollup:
    item: FrameworkItem | None
    """None: the framework as a whole (links that name no item)."""
    serving: list[Serving] = field(default_factory=list)
    remarks: list[Remark] = field(default_factory=list)

    @property
    def counts(self) -> list[tuple[Band, int]]:
        """How many measures are in each band, in the order tables use; bands with none
        left out."""
        counted = Counter(serving.band for serving in self.serving)
        return [(band, counted[band]) for band in ORDER if counted[band]]


@dataclass
class FrameworkRollup:
    framework: LoadedFramework
    years: list[YearStatus]
    items: list[ItemRollup]
    whole: ItemRollup
    """Measures linked to the framework as a whole."""

    @property
    def unserved(self) -> list[FrameworkItem]:
        return [rollup.item for rollup in self.items if rollup.item and not rollup.serving]


def _links_of(year: YearStatus, status: MeasureStatus) -> list[tuple[str, FrameworkLink]]:
    """Every link that makes this measure serve something, with what carries it."""
    measure, theme = status.measure, status.theme
    found = [("measure", link) for link in measure.links]
    found += [("indicator", link) for link in status.indicator.links]
    if theme is not None:
        for action in theme.actions:
            if measure.indicator in action.indicators:
                found += [(f"action {action.id}", link) for link in action.links]
        for link in theme.links:
            if link.measure is None:
                found.append(("theme", link))
            elif link.measure == measure.indicator:
                found.append(("theme (this measure)", link))
    return found


def by_framework(framework: LoadedFramework, years: list[YearStatus]) -> FrameworkRollup:
    """Each item of `framework` with the measures of `years` that serve it."""
    items = {item.id: ItemRollup(item) for item in framework.framework.items}
    whole = ItemRollup(None)
    for year in years:
        for link in year.year.plan.links:
            if link.framework == framework.id and (link.item is None or link.item in items):
                comment = " ".join(link.comment.split()) if link.comment else None
                remark = Remark(year.csp.partnership.name, year.year.label, comment)
                (whole if link.item is None else items[link.item]).remarks.append(remark)
        for status in year.measures:
            per_target: dict[str | None, Serving] = {}
            for via, link in _links_of(year, status):
                if link.framework != framework.id:
                    continue
                if link.item is not None and link.item not in items:
                    continue  # validate reports it (R019)
                serving = per_target.setdefault(link.item, Serving(year, status, []))
                if via not in serving.via:
                    serving.via.append(via)
                if link.comment and link.comment not in serving.comments:
                    serving.comments.append(" ".join(link.comment.split()))
            for item_id, serving in per_target.items():
                (whole if item_id is None else items[item_id]).serving.append(serving)
    return FrameworkRollup(framework, years, list(items.values()), whole)
