"""Ways through a loaded partnership that several checks share, each item with its location."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.plan import Action, Contact, Lead, Measure, Step, Theme
from cspplan.model.targets import Target

Path_ = tuple[str | int, ...]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Located(Generic[T]):
    item: T
    file: Path
    path: Path_
    year: LoadedYear | None = None


def themes(csp: LoadedPartnership) -> Iterator[Located[Theme]]:
    for year in csp.years:
        for theme in year.themes:
            yield Located(theme, year.theme_files[theme.id], (), year)


def actions(csp: LoadedPartnership) -> Iterator[Located[Action]]:
    for theme in themes(csp):
        for index, action in enumerate(theme.item.actions):
            yield Located(action, theme.file, ("actions", index), theme.year)


def leads(csp: LoadedPartnership) -> Iterator[Located[Lead]]:
    """Every lead: each theme's (sponsor and lead officer), then each action's, so that one
    reference check serves both."""
    for theme in themes(csp):
        if theme.item.lead is not None:
            yield Located(theme.item.lead, theme.file, ("lead",), theme.year)
    for action in actions(csp):
        if action.item.lead is not None:
            yield Located(action.item.lead, action.file, (*action.path, "lead"), action.year)


@dataclass(frozen=True, slots=True)
class LocatedStep:
    """A key action (at any depth) with the action it belongs to."""

    step: Step
    action: Located[Action]
    path: Path_


def steps(csp: LoadedPartnership) -> Iterator[LocatedStep]:
    """Every key action of every action, nested ones after the one they sit under."""

    def below(items: list[Step], action: Located[Action], path: Path_) -> Iterator[LocatedStep]:
        for index, step in enumerate(items):
            here = (*path, index)
            yield LocatedStep(step, action, here)
            yield from below(step.steps, action, (*here, "steps"))

    for action in actions(csp):
        yield from below(action.item.key_actions, action, (*action.path, "key_actions"))


def measures(csp: LoadedPartnership) -> Iterator[Located[Measure]]:
    """Every indicator as reported: headline indicators first, then each theme's."""
    for year in csp.years:
        if year.plan.headline is not None:
            for index, measure in enumerate(year.plan.headline.indicators):
                yield Located(measure, year.file, ("headline", "indicators", index), year)
        for theme in year.themes:
            file = year.theme_files[theme.id]
            for index, measure in enumerate(theme.indicators):
                yield Located(measure, file, ("indicators", index), year)


@dataclass(frozen=True, slots=True)
class MeasureTarget:
    """One target of a measure, where it sits: the judged `target` or one of its
    `further_targets` (every check on a target checks both the same way)."""

    target: Target
    measure: Measure
    file: Path
    path: Path_
    """To the target itself: (..., "target") or (..., "further_targets", index)."""
    year: LoadedYear | None = None


def targets(csp: LoadedPartnership) -> Iterator[MeasureTarget]:
    """Every target of every measure: its own, then its further targets, in file order."""
    for located in measures(csp):
        measure = located.item
        entries = [((*located.path, "target"), measure.target)]
        entries += [
            ((*located.path, "further_targets", index), target)
            for index, target in enumerate(measure.further_targets)
        ]
        for path, target in entries:
            if target is not None:
                yield MeasureTarget(target, measure, located.file, path, located.year)


def contacts(csp: LoadedPartnership) -> Iterator[Located[Contact]]:
    for theme in themes(csp):
        for index, contact in enumerate(theme.item.contacts):
            yield Located(contact, theme.file, ("contacts", index), theme.year)


@dataclass(frozen=True, slots=True)
class LineageLink:
    """One 'came from' reference: a theme or action of `year` naming `ref` as its origin."""

    kind: str  # "theme" or "action"
    item_id: str
    ref: str
    year: LoadedYear
    file: Path
    path: Path_


def lineage_links(csp: LoadedPartnership) -> Iterator[LineageLink]:
    for year in csp.years:
        for theme in year.themes:
            file = year.theme_files[theme.id]
            entries = [("theme", theme.id, theme.lineage, ("lineage",))]
            entries += [
                ("action", action.id, action.lineage, ("actions", index, "lineage"))
                for index, action in enumerate(theme.actions)
            ]
            for kind, item_id, lineage, path in entries:
                for position, ref in enumerate(lineage.from_ if lineage is not None else []):
                    yield LineageLink(kind, item_id, ref, year, file, (*path, "from", position))
