"""What changed between two plan years: the plan, its themes, actions and measures."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cspplan import wording
from cspplan.diff.changes import Area, Change, one_side_only
from cspplan.diff.fields import (
    detail_change,
    list_changes,
    other_fields,
    published_words,
    text_change,
    value_change,
)
from cspplan.diff.files import compare_partnerships
from cspplan.diff.funding import compare_funding
from cspplan.diff.matching import match
from cspplan.diff.progress import compare_files, compare_progress
from cspplan.model.collection import LoadedPartnership, LoadedProgress, LoadedYear
from cspplan.model.plan import Action, Lineage, Measure, Theme


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a partnership's plans and one of its plan years."""

    csp: LoadedPartnership
    year: LoadedYear
    name: str
    """How the side is called in output: a plan year, a folder, or 'origin/main'."""
    progress: LoadedProgress | None = None
    """One progress file of the year: only it is compared (`diff Q1.yaml Q2.yaml`)."""


@dataclass
class PlanDiff:
    """The changes in one part of a comparison: a pair of plan years, a plan year on one side
    only, or a partnership's own files (people, bodies, indicator definitions and figures)."""

    title: str
    changes: list[Change] = field(default_factory=list)


@dataclass
class Comparison:
    """Everything one `cspplan diff` found: its parts, in order, with what each side was."""

    old_name: str
    new_name: str
    parts: list[PlanDiff] = field(default_factory=list)

    @property
    def changes(self) -> list[Change]:
        return [change for part in self.parts for change in part.changes]


def _ids(old_id: str, new_id: str, old_label: str, new_label: str) -> dict[str, str]:
    return {"old_id": old_id, "new_id": new_id, "old_label": old_label, "new_label": new_label}


# -- lineage links ----------------------------------------------------------------------------


def _refs(
    side: Side, other: Side, items: Iterable[tuple[str, Lineage | None]]
) -> Iterator[tuple[str, str, str]]:
    """(id on `other`, id on `side`, why) for lineage in `side` that points at `other`'s year."""
    for item_id, lineage in items:
        if lineage is None or not lineage.from_:
            continue
        for ref in lineage.from_:
            points_at, target = side.csp.lineage_target(side.year, ref)
            if points_at == other.year.period and points_at != side.year.period:
                yield target, item_id, f"recorded lineage: {lineage.kind.value.replace('_', ' ')}"


def _links(
    old: Side,
    new: Side,
    old_items: Iterable[tuple[str, Lineage | None]],
    new_items: Iterable[tuple[str, Lineage | None]],
) -> set[tuple[str, str, str]]:
    forward = set(_refs(new, old, new_items))
    backward = {(b, a, why) for a, b, why in _refs(old, new, old_items)}
    return forward | backward


# -- the comparison ---------------------------------------------------------------------------


def compare(old: Side, new: Side) -> PlanDiff:
    """Two plan years, with the partnership's own files too when the sides hold different
    copies of them (two folders or two revisions); or, when the sides name a progress file
    each, those two files alone."""
    if old.progress is not None and new.progress is not None:
        same_year = old.year.period == new.year.period
        changes = list(
            compare_files(old.progress, old.year, new.progress, new.year, same_year=same_year)
        )
        return PlanDiff(f"{new.csp.partnership.name}: {old.name} → {new.name}", changes)
    changes = compare_years(old, new)
    if old.csp is not new.csp:
        changes += compare_partnerships(old.csp, new.csp)
    title = f"{new.csp.partnership.name}: {old.name} → {new.name}"
    return PlanDiff(title, changes)


def compare_years(old: Side, new: Side) -> list[Change]:
    same_year = old.year.period == new.year.period
    changes = list(_plan_changes(old, new, same_year))
    theme_pairs = _theme_changes(old, new, changes, same_year)
    _action_changes(old, new, theme_pairs, changes, same_year)
    _measure_changes(old, new, changes, same_year)
    changes += compare_progress(old.year, new.year)
    changes += compare_funding(old.year, new.year)
    return changes


def _cycle(year: LoadedYear) -> str | None:
    cycle = year.plan.cycle
    if cycle is None:
        return None
    return f"year {cycle.year} of {cycle.name} ({cycle.start} to {cycle.end})"


def _plan_changes(old: Side, new: Side, same_year: bool) -> Iterator[Change]:
    a, b = old.year.plan, new.year.plan
    yield from value_change(Area.PLAN, "title", a.title, b.title)
    yield from value_change(Area.PLAN, "period", str(a.period), str(b.period))
    yield from value_change(Area.PLAN, "cycle", _cycle(old.year), _cycle(new.year))
    yield from text_change(Area.PLAN, "introduction", a.introduction, b.introduction)
    yield from list_changes(
        Area.PLAN, "outcome", [o.text for o in a.outcomes], [o.text for o in b.outcomes]
    )
    handled = {"title", "period", "cycle", "introduction", "outcomes", "themes", "headline"}
    yield from other_fields(Area.PLAN, a, b, handled, same_year=same_year)
    if a.headline is not None and b.headline is not None:
        yield from other_fields(
            Area.PLAN,
            a.headline,
            b.headline,
            {"indicators"},
            same_year=same_year,
            prefix="headline ",
        )


def _renamed(
    area: Area, old: str, new: str, how: str | None, ids: dict[str, str]
) -> Iterator[Change]:
    """A new title, or the same title under a new id (which links and lineage point at)."""
    if old != new:
        yield Change(area, "title", old=old, new=new, note=how, **ids)
    elif ids["old_id"] != ids["new_id"]:
        yield Change(area, "id", old=ids["old_id"], new=ids["new_id"], note=how, **ids)


def _theme_changes(
    old: Side, new: Side, changes: list[Change], same_year: bool
) -> set[tuple[str, str]]:
    """Theme changes; returns the matched (old id, new id) pairs."""
    a = {theme.id: theme for theme in old.year.themes}
    b = {theme.id: theme for theme in new.year.themes}
    links = _links(
        old, new, [(t.id, t.lineage) for t in a.values()], [(t.id, t.lineage) for t in b.values()]
    )
    matched = match({k: t.title for k, t in a.items()}, {k: t.title for k, t in b.items()}, links)
    for item in matched.removed:
        changes.append(one_side_only(Area.THEME, item, a[item].title, None, None, on_old_side=True))
    for item in matched.added:
        changes.append(
            one_side_only(Area.THEME, item, b[item].title, None, None, on_old_side=False)
        )
    pairs = {(old_id, new_id) for old_id, new_id, _ in matched.pairs}

    def outcome_text(side: Side, ids: list[str]) -> list[str]:
        return [next((o.text for o in side.year.plan.outcomes if o.id == i), i) for i in ids]

    for old_id, new_id, how in matched.pairs:
        x, y = a[old_id], b[new_id]
        ids = _ids(old_id, new_id, x.title, y.title)
        changes += _renamed(Area.THEME, x.title, y.title, how, ids)
        changes += list_changes(
            Area.THEME,
            "key outcome",
            outcome_text(old, x.outcomes),
            outcome_text(new, y.outcomes),
            **ids,
        )
        changes += detail_change(
            Area.THEME,
            "lead",
            (wording.lead(x.lead), x.lead),
            (wording.lead(y.lead), y.lead),
            **ids,
        )
        contacts = (_contacts(old.csp, x), _contacts(new.csp, y))
        changes += _contact_changes(*contacts, ids)
        handled = {"id", "title", "outcomes", "actions", "indicators", "lead"}
        if contacts[0] != contacts[1]:
            handled.add("contacts")
        changes += other_fields(Area.THEME, x, y, handled, same_year=same_year, **ids)
    changes += _theme_order(a, b, pairs)
    return pairs


def _theme_order(a: dict[str, Theme], b: dict[str, Theme], pairs: set[tuple[str, str]]):
    """Order among one-to-one pairs only (a split or merge has no single place)."""
    olds = Counter(x for x, _ in pairs)
    news = Counter(y for _, y in pairs)
    single = {x: y for x, y in pairs if olds[x] == 1 and news[y] == 1}
    order_old = [old_id for old_id in a if old_id in single]
    order_new_of_old = sorted(order_old, key=lambda i: list(b).index(single[i]))
    if order_old != order_new_of_old:
        yield Change(
            Area.THEME,
            "order",
            old=", ".join(a[i].title for i in order_old),
            new=", ".join(b[single[i]].title for i in order_new_of_old),
        )


def _contacts(csp: LoadedPartnership, theme: Theme) -> dict[str, str]:
    """Person id -> the contact as the theme prints it: name, and the role printed with it
    (the theme's own, else the person's)."""
    people = {person.id: person for person in csp.partnership.people}
    named = {}
    for contact in theme.contacts:
        person = people.get(contact.person)
        name = person.name if person else contact.person
        role = contact.role or (person.role if person else None)
        named[contact.person] = f"{name}, {role}" if role else name
    return named


def _contact_changes(
    old: dict[str, str], new: dict[str, str], ids: dict[str, str]
) -> Iterator[Change]:
    """One change per person: named, no longer named, or named differently."""
    for person in [*old, *(p for p in new if p not in old)]:
        before, after = old.get(person), new.get(person)
        if before == after:
            continue
        form = "value" if before and after else "item"
        yield Change(Area.THEME, "contact", old=before, new=after, form=form, **ids)


def _dropped_note(side: Side, other: Side, item: str) -> str | None:
    """What `side`'s plan.yaml says about an item it lists as dropped from the other side."""
    for dropped in side.year.plan.dropped:
        if side.csp.lineage_target(side.year, dropped.id) == (other.year.period, item):
            return f"listed as dropped: {dropped.note}" if dropped.note else "listed as dropped"
    return None


def _action_changes(
    old: Side,
    new: Side,
    theme_pairs: set[tuple[str, str]],
    changes: list[Change],
    same_year: bool,
) -> None:
    a = {action.id: (theme, action) for theme, action in old.year.actions()}
    b = {action.id: (theme, action) for theme, action in new.year.actions()}
    links = _links(
        old,
        new,
        [(k, v[1].lineage) for k, v in a.items()],
        [(k, v[1].lineage) for k, v in b.items()],
    )
    matched = match(
        {k: v[1].title for k, v in a.items()}, {k: v[1].title for k, v in b.items()}, links
    )
    for item in matched.removed:
        title, note = a[item][1].title, _dropped_note(new, old, item)
        changes.append(one_side_only(Area.ACTION, item, title, None, note, on_old_side=True))
    for item in matched.added:
        title, note = b[item][1].title, _dropped_note(old, new, item)
        changes.append(one_side_only(Area.ACTION, item, title, None, note, on_old_side=False))
    for old_id, new_id, how in matched.pairs:
        (theme_x, x), (theme_y, y) = a[old_id], b[new_id]
        ids = _ids(old_id, new_id, x.title, y.title)
        changes += _renamed(Area.ACTION, x.title, y.title, how, ids)
        if (theme_x.id, theme_y.id) not in theme_pairs:
            changes.append(
                Change(Area.ACTION, "theme", old=theme_x.title, new=theme_y.title, **ids)
            )
        timescale = lambda act: act.timescale.text if act.timescale else None  # noqa: E731
        changes += detail_change(
            Area.ACTION,
            "timescale",
            (timescale(x), x.timescale),
            (timescale(y), y.timescale),
            **ids,
        )
        changes += detail_change(
            Area.ACTION,
            "lead",
            (wording.lead(x.lead), x.lead),
            (wording.lead(y.lead), y.lead),
            **ids,
        )
        changes += list_changes(Area.ACTION, "focus", x.focus, y.focus, **ids)
        changes += text_change(Area.ACTION, "description", x.description, y.description, **ids)
        changes += _key_action_changes(x, y, ids)
        handled = {"id", "title", "timescale", "lead", "focus", "description", "key_actions"}
        changes += other_fields(Area.ACTION, x, y, handled, same_year=same_year, **ids)


def _key_action_changes(x: Action, y: Action, ids: dict[str, str]) -> Iterator[Change]:
    """Key actions (nested ones too) paired by their text: a changed due date or status is
    reported as such; the others as added, removed or reworded, in the document's words."""
    old = {" ".join(s.text.split()): (s, w) for _, s, w in wording.key_actions(x.key_actions)}
    new = {" ".join(s.text.split()): (s, w) for _, s, w in wording.key_actions(y.key_actions)}
    for text in [key for key in old if key in new]:
        (a, _), (b, _) = old[text], new[text]
        name = f"key action “{text}”"
        due = lambda step: step.due.text if step.due else None  # noqa: E731
        yield from detail_change(
            Area.ACTION, f"{name} due", (due(a), a.due), (due(b), b.due), **ids
        )
        status = lambda step: step.status.value.replace("_", " ") if step.status else None  # noqa: E731
        yield from value_change(Area.ACTION, f"{name} status", status(a), status(b), **ids)
    yield from list_changes(
        Area.ACTION,
        "key action",
        [words for text, (_, words) in old.items() if text not in new],
        [words for text, (_, words) in new.items() if text not in old],
        **ids,
    )


# -- measures ---------------------------------------------------------------------------------


def _measures(side: Side) -> dict[str, Measure]:
    """Measures by indicator id (a second use of one indicator is keyed by its section too)."""
    found: dict[str, Measure] = {}
    for theme, measure in side.year.measures():
        key = measure.indicator
        section = theme.id if theme else "headline"
        found[key if key not in found else f"{key} ({section})"] = measure
    return found


def _statuses(side: Side) -> dict[str, tuple[str, str]]:
    """indicator id -> (latest figure with its period, status in words), as `status` says."""
    from cspplan.status.assess import assess_year

    assessed = assess_year(side.csp, side.year)
    return {s.indicator.id: (s.latest_words(), assessed.label(s.band)) for s in assessed.measures}


def _indicator_name(side: Side, key: str) -> str:
    indicator = side.csp.indicators.get(key.split(" ")[0])
    return indicator.name if indicator else key


def _target(side: Side, measure: Measure) -> str | None:
    indicator = side.csp.indicators.get(measure.indicator)
    if measure.target is None or indicator is None:
        return None
    return wording.target(measure.target, indicator)


def _measure_changes(old: Side, new: Side, changes: list[Change], same_year: bool) -> None:
    a, b = _measures(old), _measures(new)
    name = _indicator_name
    links = {
        (ind.replaces, key, f"redefined: {key} replaces {ind.replaces}")
        for key in b
        if (ind := new.csp.indicators.get(key)) is not None and ind.replaces in a
    } | {
        (key, ind.replaces, f"redefined: {key} replaces {ind.replaces}")
        for key in a
        if (ind := old.csp.indicators.get(key)) is not None and ind.replaces in b
    }
    matched = match(
        {k: name(old, k) for k in a}, {k: name(new, k) for k in b}, links, threshold=1.1
    )
    for item in matched.removed:
        changes.append(
            one_side_only(
                Area.MEASURE, item, name(old, item), a[item].wording, None, on_old_side=True
            )
        )
    for item in matched.added:
        changes.append(
            one_side_only(
                Area.MEASURE, item, name(new, item), b[item].wording, None, on_old_side=False
            )
        )
    status_old, status_new = _statuses(old), _statuses(new)
    for old_id, new_id, how in matched.pairs:
        x, y = a[old_id], b[new_id]
        ids = _ids(old_id, new_id, name(old, old_id), name(new, new_id))
        if how:
            changes.append(
                Change(
                    Area.MEASURE,
                    "indicator",
                    old=ids["old_label"],
                    new=ids["new_label"],
                    note=how,
                    **ids,
                )
            )
        changes += detail_change(
            Area.MEASURE,
            "target",
            (_target(old, x), x.target),
            (_target(new, y), y.target),
            **ids,
        )
        changes += value_change(
            Area.MEASURE,
            "wording",
            " ".join(x.wording.split()),
            " ".join(y.wording.split()),
            **ids,
        )
        period = lambda p: str(p) if p else None  # noqa: E731
        changes += value_change(
            Area.MEASURE, "baseline period", period(x.baseline), period(y.baseline), **ids
        )
        changes += detail_change(
            Area.MEASURE,
            "published status",
            (published_words(x.published), x.published),
            (published_words(y.published), y.published),
            **ids,
        )
        handled = {"indicator", "target", "wording", "baseline", "published"}
        changes += other_fields(Area.MEASURE, x, y, handled, same_year=same_year, **ids)
        before, after = status_old.get(x.indicator), status_new.get(y.indicator)
        for position, field_name in enumerate(("latest figure", "status")):
            changes += value_change(
                Area.MEASURE,
                field_name,
                before[position] if before else None,
                after[position] if after else None,
                **ids,
            )
        if old_id == new_id:
            changes += _restatements(old, new, x.indicator, ids)


def _restatements(old: Side, new: Side, key: str, ids: dict[str, str]) -> Iterator[Change]:
    """A figure for one period printed differently by the two sides' plan years."""
    x, y = old.csp.indicators.get(key), new.csp.indicators.get(key)
    if x is None or y is None or old.year.period == new.year.period:
        return
    for observation in x.series:
        if old.year.period not in observation.reported_in or observation.value is None:
            continue
        later = next(
            (
                o
                for o in y.series
                if o.period == observation.period
                and o.breakdown == observation.breakdown
                and new.year.period in o.reported_in
            ),
            None,
        )
        if later is not None and later.value is not None and later.value != observation.value:
            part = observation.part_words()
            yield Change(
                Area.MEASURE,
                f"figure for {observation.period}{f' ({part})' if part else ''} (restated)",
                old=wording.indicator_value(observation.value, y),
                new=wording.indicator_value(later.value, y),
                **ids,
            )
