"""Status bands and the words a partnership uses for them.

The band is what the engine computes; the label is only how it is said. Changing the
label scheme never changes a band (a property test holds us to that).
"""

from __future__ import annotations

from enum import StrEnum

from cspplan.model.partnership import LabelScheme


class Band(StrEnum):
    GREEN = "green"
    """Target met."""
    AMBER = "amber"
    """Short of the target by no more than the tolerance."""
    RED = "red"
    """Short of the target by more than the tolerance."""
    MONITORING = "monitoring"
    """No target to judge against (none set, to be confirmed, or free text)."""
    NO_DATA = "no_data"
    """A target, but no figure at or before the as-of period: never red."""
    CANNOT_ASSESS = "cannot_assess"
    """A target and a figure that cannot be compared (the reason says why)."""


JUDGED = (Band.GREEN, Band.AMBER, Band.RED)
"""Bands that say how well a figure does; better first."""

ORDER = (Band.RED, Band.AMBER, Band.GREEN, Band.CANNOT_ASSESS, Band.NO_DATA, Band.MONITORING)
"""Order for tables and roll-ups: what needs attention first."""

LABELS: dict[LabelScheme, dict[Band, str]] = {
    LabelScheme.RAG: {
        Band.GREEN: "Green",
        Band.AMBER: "Amber",
        Band.RED: "Red",
        Band.MONITORING: "Monitoring",
        Band.NO_DATA: "No data",
        Band.CANNOT_ASSESS: "Cannot assess",
    },
    LabelScheme.SAFER_CORNWALL: {
        Band.GREEN: "Successful",
        Band.AMBER: "Close to target",
        Band.RED: "Needs improving",
        Band.MONITORING: "Monitoring",
        Band.NO_DATA: "No data",
        Band.CANNOT_ASSESS: "Cannot assess",
    },
}

COLOURS = {
    Band.GREEN: "green",
    Band.AMBER: "dark_orange",
    Band.RED: "red",
    Band.MONITORING: "blue",
    Band.NO_DATA: "bright_black",
    Band.CANNOT_ASSESS: "magenta",
}

INKS = {
    Band.GREEN: "00703C",
    Band.AMBER: "F47738",
    Band.RED: "D4351C",
    Band.MONITORING: "1D70B8",
    Band.NO_DATA: "505A5F",
    Band.CANNOT_ASSESS: "912B88",
}
"""Colours for documents and charts (the GOV.UK palette), as hex RGB."""

SHADES = {
    Band.GREEN: "CCE2D8",
    Band.AMBER: "FFDCC4",
    Band.RED: "F6D7D2",
    Band.MONITORING: "D2E2F1",
    Band.NO_DATA: "F3F2F1",
    Band.CANNOT_ASSESS: "EBD9E9",
}
"""Light fills for status cells in Word: black text on them keeps a high contrast."""


def label(band: Band, scheme: LabelScheme) -> str:
    return LABELS[scheme][band]


def rank(band: Band) -> int:
    """0 best: for judged bands only (green 0, amber 1, red 2)."""
    return JUDGED.index(band)


class Movement(StrEnum):
    """The raw direction of travel, whatever the polarity."""

    UP = "up"
    LEVEL = "level"
    DOWN = "down"


ARROWS = {Movement.UP: "↑", Movement.LEVEL: "→", Movement.DOWN: "↓"}


class Trend(StrEnum):
    """What the movement means given the indicator's polarity."""

    IMPROVING = "improving"
    NO_CHANGE = "no_change"
    WORSENING = "worsening"
    NOT_JUDGED = "not_judged"
    """The indicator has no polarity (or none that a movement alone can judge)."""
    NOT_COMPARABLE = "not_comparable"
    """No earlier figure to compare with, or none that compares."""


TREND_WORDS = {
    Trend.IMPROVING: "improving",
    Trend.NO_CHANGE: "no change",
    Trend.WORSENING: "worsening",
    Trend.NOT_JUDGED: "not judged",
    Trend.NOT_COMPARABLE: "not comparable",
}
