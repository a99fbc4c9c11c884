"""Set computed statuses beside the ones a plan printed, and count how often they agree."""

from __future__ import annotations

from dataclasses import dataclass

from cspplan.model.plan import Direction, Rating
from cspplan.status.assess import MeasureStatus, YearStatus
from cspplan.status.bands import Band, Movement

_AGREES_WITH: dict[Rating, tuple[Band, ...]] = {
    Rating.GREEN: (Band.GREEN,),
    Rating.AMBER: (Band.AMBER,),
    Rating.RED: (Band.RED,),
    Rating.MONITORING: (Band.MONITORING,),
    # 'New' and 'n/a' in a published table mean nothing was judged yet
    Rating.NEW: (Band.MONITORING, Band.NO_DATA),
    Rating.NO_DATA: (Band.NO_DATA,),
    Rating.NOT_APPLICABLE: (Band.MONITORING, Band.NO_DATA),
}

_MOVEMENT = {
    Direction.UP: Movement.UP,
    Direction.LEVEL: Movement.LEVEL,
    Direction.DOWN: Movement.DOWN,
}


@dataclass(frozen=True)
class Reconciled:
    status: MeasureStatus
    status_agrees: bool | None
    """None where the plan printed no status (a direction only)."""
    direction_agrees: bool | None
    """None where the plan printed no direction."""


@dataclass
class Reconciliation:
    year: YearStatus
    items: list[Reconciled]

    def _rate(self, values: list[bool | None]) -> tuple[int, int]:
        compared = [value for value in values if value is not None]
        return sum(compared), len(compared)

    @property
    def status_agreement(self) -> tuple[int, int]:
        return self._rate([item.status_agrees for item in self.items])

    @property
    def direction_agreement(self) -> tuple[int, int]:
        return self._rate([item.direction_agrees for item in self.items])


def reconcile(year: YearStatus) -> Reconciliation:
    items = []
    for status in year.measures:
        published = status.measure.published
        if published is None:
            continue
        agrees = None
        if published.status is not None:
            agrees = status.computed.band in _AGREES_WITH[published.status]
        direction = None
        if published.direction is not None:
            expected = _MOVEMENT.get(published.direction)
            direction = status.travel.movement is expected
        items.append(Reconciled(status, agrees, direction))
    return Reconciliation(year, items)


def percent(agreed: int, compared: int) -> str:
    return f"{agreed / compared:.0%}" if compared else "n/a"
