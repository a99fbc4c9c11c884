"""Links to frameworks: every link names a framework and an item that exist, a theme's
link names one of the theme's measures, and a framework's items are well formed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cspplan.checks.references import _suggest
from cspplan.checks.registry import Finding, check, found
from cspplan.model.collection import LoadedFramework, LoadedPartnership, LoadedYear
from cspplan.model.links import FrameworkLink
from cspplan.model.plan import Action, Measure, Theme


@dataclass(frozen=True, slots=True)
class LocatedLink:
    """One link, where it sits, and what it is on."""

    link: FrameworkLink
    file: Path
    path: tuple[str | int, ...]
    """To the link itself: (..., "links", index)."""
    on: str
    """"plan", "theme", "action", "measure" or "indicator"."""
    measures: frozenset[str]
    """The indicator ids a `measure:` on this link may name."""
    year: LoadedYear | None = None
    theme: Theme | None = None
    action: Action | None = None
    measure: Measure | None = None
    indicator_id: str | None = None


def links(csp: LoadedPartnership) -> Iterator[LocatedLink]:
    """Every link in the partnership: each plan year's own, its headline measures', each
    theme's, its actions', its measures'; then each indicator file's."""

    def each(
        items: list[FrameworkLink], file: Path, at: tuple[str | int, ...], **where: object
    ) -> Iterator[LocatedLink]:
        for index, link in enumerate(items):
            yield LocatedLink(link, file, (*at, "links", index), **where)

    for year in csp.years:
        yield from each(year.plan.links, year.file, (), on="plan", measures=frozenset(), year=year)
        if year.plan.headline is not None:
            for index, measure in enumerate(year.plan.headline.indicators):
                mine = frozenset({measure.indicator})
                at = ("headline", "indicators", index)
                yield from each(
                    measure.links,
                    year.file,
                    at,
                    on="measure",
                    measures=mine,
                    year=year,
                    measure=measure,
                )
        for theme in year.themes:
            file = year.theme_files[theme.id]
            own = frozenset(m.indicator for m in theme.indicators)
            yield from each(theme.links, file, (), on="theme", measures=own, year=year, theme=theme)
            for index, action in enumerate(theme.actions):
                allowed = own | frozenset(action.indicators)
                yield from each(
                    action.links,
                    file,
                    ("actions", index),
                    on="action",
                    measures=allowed,
                    year=year,
                    theme=theme,
                    action=action,
                )
            for index, measure in enumerate(theme.indicators):
                yield from each(
                    measure.links,
                    file,
                    ("indicators", index),
                    on="measure",
                    measures=frozenset({measure.indicator}),
                    year=year,
                    theme=theme,
                    measure=measure,
                )
    for indicator_id, indicator in csp.indicators.items():
        yield from each(
            indicator.links,
            csp.indicator_files[indicator_id],
            (),
            on="indicator",
            measures=frozenset({indicator_id}),
            indicator_id=indicator_id,
        )


def frameworks_needed(csp: LoadedPartnership, named: Callable[[Path], bool]) -> dict[str, Path]:
    """Framework id -> the first named file that links to it (a problem in the framework
    file is then reported with that file, as a file's indicator's are)."""
    needed: dict[str, Path] = {}
    for located in links(csp):
        if named(located.file):
            needed.setdefault(located.link.framework, located.file)
    return needed


@check(
    "R018",
    "unknown-framework",
    title="Unknown framework",
    template="no framework '{ref}' (expected frameworks/{ref}.yaml beside the partnership folders)",
)
def unknown_framework(csp: LoadedPartnership) -> Iterator[Finding]:
    """A link on a theme, action, measure or indicator names a framework that has no file
    `frameworks/<id>.yaml` in the repository (the folder beside the partnership folders)."""
    known = set(csp.frameworks)
    for located in links(csp):
        ref = located.link.framework
        if ref not in known and ref not in csp.unloaded_frameworks:
            path = (*located.path, "framework")
            yield found(located.file, path, ref=ref, hint=_suggest(ref, known))


@check(
    "R019",
    "unknown-framework-item",
    title="Unknown framework item",
    template="the framework '{framework}' has no item '{ref}'",
)
def unknown_framework_item(csp: LoadedPartnership) -> Iterator[Finding]:
    """A link names an item that is not among the `items` of its framework (the framework
    itself exists). Leave `item` out to link to the framework as a whole."""
    for located in links(csp):
        loaded = csp.frameworks.get(located.link.framework)
        ref = located.link.item
        if loaded is None or ref is None:
            continue
        known = {item.id for item in loaded.framework.items}
        if ref not in known:
            hint = _suggest(ref, known)
            yield found(
                located.file,
                (*located.path, "item"),
                framework=loaded.id,
                ref=ref,
                hint=hint,
            )


_WHERE = {
    "theme": "the theme's measures",
    "action": "the measures of the action or its theme",
    "measure": "this measure",
    "indicator": "this indicator",
    "plan": "one a plan's own link can name (it names no measure)",
}


@check(
    "C025",
    "link-measure-elsewhere",
    title="Link names a measure it does not sit with",
    template="the link's measure '{ref}' is not {where}",
)
def link_measure_elsewhere(csp: LoadedPartnership) -> Iterator[Finding]:
    """A link's `measure` says which measure of a theme the link is about: it must be one
    of the theme's `indicators` (on an action's link, also one of the action's
    `indicators`). On a measure's or an indicator's own link it can only name that one
    (or be left out)."""
    for located in links(csp):
        ref = located.link.measure
        if ref is not None and ref not in located.measures:
            yield found(
                located.file,
                (*located.path, "measure"),
                ref=ref,
                where=_WHERE[located.on],
                hint=_suggest(ref, set(located.measures)),
            )


@check(
    "R020",
    "duplicate-framework-item",
    title="Framework item id used twice",
    template="the item id '{ref}' is used more than once in the framework '{framework}'",
    on_frameworks=True,
)
def duplicate_framework_item(frameworks: dict[str, LoadedFramework]) -> Iterator[Finding]:
    """Item ids must be unique within a framework file: links name items by id. The
    second (and any later) use is reported."""
    for loaded in frameworks.values():
        seen: set[str] = set()
        for index, item in enumerate(loaded.framework.items):
            if item.id in seen:
                yield found(loaded.file, ("items", index, "id"), ref=item.id, framework=loaded.id)
            seen.add(item.id)


@check(
    "C026",
    "framework-item-parent",
    title="Framework item under an unknown or circular parent",
    template="the item '{item}' sits under '{ref}', {reason}",
    on_frameworks=True,
)
def framework_item_parent(frameworks: dict[str, LoadedFramework]) -> Iterator[Finding]:
    """An item's `parent` must be another item of the same framework, and following the
    parents must never come back to the item."""
    for loaded in frameworks.values():
        parents = {item.id: item.parent for item in loaded.framework.items}
        for index, item in enumerate(loaded.framework.items):
            ref = item.parent
            if ref is None:
                continue
            where = (loaded.file, ("items", index, "parent"))
            if ref not in parents:
                hint = _suggest(ref, set(parents) - {item.id})
                reason = "which is not an item of this framework"
                yield found(*where, item=item.id, ref=ref, reason=reason, hint=hint)
                continue
            seen = {item.id}
            step: str | None = ref
            while step is not None and step not in seen:
                seen.add(step)
                step = parents.get(step)
            if step == item.id:
                reason = "and following the parents leads back to it"
                yield found(*where, item=item.id, ref=ref, reason=reason)
