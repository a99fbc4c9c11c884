"""Set computed statuses beside the ones a plan printed, and count how often they agree."""

from __future__ import annotations

from dataclasses import dataclass, field

from cspplan.model.plan import Direction, PublishedStatus, Rating
from cspplan.status.assess import MeasureStatus, ThemeStatus, YearStatus
from cspplan.status.bands import JUDGED, Band, Movement, rank
from cspplan.status.theme_rollup import RULES

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
    through_theme: PublishedStatus | None = None
    """Where the plan published a status for the measure's theme, not the measure: that
    status, which the measure is compared with (see `within_theme`)."""

    @property
    def published(self) -> PublishedStatus | None:
        """What the measure is compared with: its own printed status, else its theme's."""
        return self.status.measure.published or self.through_theme


@dataclass(frozen=True)
class ThemeReconciled:
    status: ThemeStatus
    published: PublishedStatus
    agrees: bool | None
    """None where the plan printed no status for the theme, or themes are not rolled up."""

    @property
    def explanation(self) -> str:
        """Why the computed status is what it is: the roll-up's reason, which names the
        measures that decided it."""
        return self.status.computed.reason


@dataclass
class Reconciliation:
    year: YearStatus
    items: list[Reconciled]
    themes: list[ThemeReconciled] = field(default_factory=list)
    """Themes with a published status, in plan order."""

    def _rate(self, values: list[bool | None]) -> tuple[int, int]:
        compared = [value for value in values if value is not None]
        return sum(compared), len(compared)

    @property
    def status_agreement(self) -> tuple[int, int]:
        return self._rate([item.status_agrees for item in self.items])

    @property
    def direction_agreement(self) -> tuple[int, int]:
        return self._rate([item.direction_agrees for item in self.items])

    @property
    def theme_agreement(self) -> tuple[int, int]:
        return self._rate([item.agrees for item in self.themes])

    @property
    def theme_disagreements(self) -> list[ThemeReconciled]:
        return [item for item in self.themes if item.agrees is False]


def agrees(band: Band, published: Rating) -> bool:
    """A computed band is the one the plan printed (a printed 'new' or 'n/a' is nothing
    judged yet)."""
    return band in _AGREES_WITH[published]


def reconcile_theme(status: ThemeStatus) -> ThemeReconciled | None:
    """None where the theme published nothing."""
    published = status.published
    if published is None:
        return None
    verdict = None
    if published.status is not None and status.rule is not None:
        verdict = agrees(status.computed.band, published.status)
    return ThemeReconciled(status, published, verdict)


def within_theme(band: Band, theme: ThemeStatus) -> bool | None:
    """A measure of a theme that published its status (and not the measure's) agrees with
    it when the measure is no worse than it, where the partnership's roll-up rule makes a
    theme as bad as its worst measure. None where that cannot be said: the rule says
    nothing of one measure, or the measure or the theme was not judged green, amber or red."""
    rule = RULES.get(theme.rule or "")
    published = theme.published.status if theme.published else None
    if rule is None or not rule.caps_measures or band not in JUDGED or published is None:
        return None
    if published.value not in {judged.value for judged in JUDGED}:
        return None
    return rank(band) <= rank(Band(published.value))


def reconcile(year: YearStatus) -> Reconciliation:
    items = []
    themes_published = {
        id(status.theme): status for status in year.themes if status.published is not None
    }
    for status in year.measures:
        published = status.measure.published
        theme = themes_published.get(id(status.theme))
        if published is None and theme is not None:
            verdict = within_theme(status.computed.band, theme)
            items.append(Reconciled(status, verdict, None, theme.published))
            continue
        if published is None:
            continue
        verdict = None
        if published.status is not None:
            verdict = agrees(status.computed.band, published.status)
        direction = None
        if published.direction is not None:
            expected = _MOVEMENT.get(published.direction)
            direction = status.travel.movement is expected
        items.append(Reconciled(status, verdict, direction))
    themes = [item for item in map(reconcile_theme, year.themes) if item is not None]
    return Reconciliation(year, items, themes)


def percent(agreed: int, compared: int) -> str:
    return f"{agreed / compared:.0%}" if compared else "n/a"
