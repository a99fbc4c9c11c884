"""`status --by partnership`: each partnership's status, a county's rolled up across the
district partnerships beneath it in the same repository.

A district belongs to a county when its partnership.yaml names the county's folder as its
`parent` (`partnership:`); districts of districts roll up too. Each partnership is judged on
its latest plan year among those assessed, and each measure keeps the partnership it came
from. A partnership with no partnership beneath it is reported alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cspplan.model.collection import LoadedPartnership
from cspplan.status.assess import MeasureStatus, YearStatus
from cspplan.status.bands import ORDER, Band

PARTNERSHIP = "partnership"
"""The `--by` value that asks for this view (any other value is a framework id)."""


@dataclass
class PartnershipStatus:
    """One partnership's block: its own plan year's measures and those of each partnership
    beneath it, in repository order (itself first)."""

    own: YearStatus
    parent: str | None
    """The parent's name as printed (partnership.yaml `parent.name`), if any."""
    members: list[YearStatus] = field(default_factory=list)
    """Itself first, then every partnership beneath it (districts, their districts)."""

    @property
    def csp(self) -> LoadedPartnership:
        return self.own.csp

    @property
    def beneath(self) -> list[YearStatus]:
        return self.members[1:]

    def measures(self) -> list[tuple[YearStatus, MeasureStatus]]:
        """Every measure of the block, each with the plan year (and partnership) it is from."""
        return [(member, status) for member in self.members for status in member.measures]

    def counts(self, member: YearStatus | None = None) -> dict[Band, int]:
        """Measures by status band (ORDER), of one member or of the whole block."""
        counted = dict.fromkeys(ORDER, 0)
        for year, status in self.measures():
            if member is None or year is member:
                counted[status.band] += 1
        return counted

    def needing_attention(self, member: YearStatus | None = None) -> int:
        return sum(
            status.needs_attention
            for year, status in self.measures()
            if member is None or year is member
        )


def latest_years(assessed: list[YearStatus]) -> dict[str, YearStatus]:
    """Each partnership's latest assessed plan year, by partnership id, in the order met."""
    latest: dict[str, YearStatus] = {}
    for year in assessed:
        kept = latest.get(year.csp.id)
        if kept is None or year.year.period.end > kept.year.period.end:
            latest[year.csp.id] = year
    return latest


def by_partnership(assessed: list[YearStatus]) -> list[PartnershipStatus]:
    """One block per partnership assessed (see the module's words)."""
    latest = latest_years(assessed)
    children: dict[str, list[str]] = {}
    for partnership_id, year in latest.items():
        parent = year.csp.partnership.parent
        if (
            parent is not None
            and parent.partnership in latest
            and parent.partnership != partnership_id
        ):
            children.setdefault(parent.partnership, []).append(partnership_id)
    blocks = []
    for partnership_id, year in latest.items():
        members, waiting, seen = [], [partnership_id], set()
        while waiting:  # breadth first; a cycle (C029) is walked once
            current = waiting.pop(0)
            if current in seen:
                continue
            seen.add(current)
            members.append(latest[current])
            waiting.extend(children.get(current, []))
        parent = year.csp.partnership.parent
        blocks.append(
            PartnershipStatus(own=year, parent=parent.name if parent else None, members=members)
        )
    return blocks
