"""Status bands, their colours, and which of a partnership's words a report uses.

The band is what the engine computes; the label is only how it is said, and the words are
data (`status_rules.labels` in partnership.yaml, `model.status_words.StatusWords`). Changing
the words never changes a band (a property test holds us to that).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from cspplan.model.partnership import Partnership
from cspplan.model.status_words import RAG_NAME, StatusWords


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


def label(band: Band, words: StatusWords) -> str:
    return words.word(band.value)


RAG = StatusWords()
"""Green, Amber, Red: the words of a partnership that names none."""

OWN_WORDS = "partnership"
"""`--labels partnership`: each partnership's own words (what happens without --labels)."""


class UnknownWords(ValueError):
    """`--labels NAME` where no partnership in the run has words of that name."""


def chosen_words(choice: str | None, partnerships: Sequence[Partnership]) -> list[StatusWords]:
    """The words each partnership's report uses, in order: its own (no choice, or
    'partnership'), the default Green / Amber / Red ('rag'), or for all of them the set one
    of them names `choice` (as `--labels NAME` forced one set on every partnership before
    words were data)."""
    own = [partnership.status_rules.labels for partnership in partnerships]
    if choice in (None, OWN_WORDS):
        return own
    if choice == RAG_NAME:
        return [RAG for _ in own]
    named = {words for words in own if words.called == choice}
    if len(named) == 1:
        return [next(iter(named)) for _ in own]
    names = dict.fromkeys((RAG_NAME, OWN_WORDS, *(words.called for words in own)))
    problem = "differ between partnerships" if named else "are not named in any partnership.yaml"
    raise UnknownWords(f"status words called '{choice}' {problem}; choose from {', '.join(names)}")


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
