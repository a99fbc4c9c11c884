"""What changed between two sides: themes, actions, measures, indicators, contacts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cspplan import wording
from cspplan.diff.changes import Area, Change
from cspplan.diff.matching import match, similarity
from cspplan.model.collection import PartnershipPlans, YearPlan
from cspplan.model.indicator import Indicator
from cspplan.model.periods import parse_period
from cspplan.model.plan import Action, Measure, Theme


@dataclass(frozen=True)
class Side:
    """One side of a comparison: a partnership's plans and one of its plan years."""

    plans: PartnershipPlans
    year: YearPlan
    name: str
    """How the side is called in output: a folder, or 'origin/main'."""


@dataclass
class PlanDiff:
    old: Side
    new: Side
    changes: list[Change] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"{self.old.plans.partnership.name}: {self.old.name} → {self.new.name}"


def _list_changes(
    area: Area, name: str, old: Iterable[str], new: Iterable[str], **ids: str | None
) -> Iterator[Change]:
    """Items added to or removed from a list field (focus items, contacts, outcomes)."""
    before, after = list(old), list(new)
    for item in before:
        if item not in after:
            yield Change(area, name, old=item, new=None, **ids)
    for item in after:
        if item not in before:
            yield Change(area, name, old=None, new=item, **ids)


def _field(
    area: Area, name: str, old: str | None, new: str | None, **ids: str | None
) -> Iterator[Change]:
    if old != new:
        yield Change(area, name, old=old, new=new, **ids)


def _text_edit(
    area: Area, name: str, old: str | None, new: str | None, **ids: str | None
) -> Iterator[Change]:
    """Long text: report that it was edited, and how much (the texts go to JSON)."""
    if old == new:
        return
    if old is None or new is None:
        yield Change(area, name, old=old, new=new, **ids)
        return
    if " ".join(old.split()) == " ".join(new.split()):
        return  # only line breaks moved
    yield Change(
        area, name, old=old, new=new, note=f"edited, {similarity(old, new):.0%} alike", **ids
    )


# -- lineage links ----------------------------------------------------------------------------


def _refs(
    side: Side, other: Side, items: Iterable[tuple[str, object]]
) -> Iterator[tuple[str, str, str]]:
    """(id on `other`, id on `side`, why) for lineage in `side` that points at `other`'s year."""
    for item_id, lineage in items:
        if lineage is None or not lineage.from_:
            continue
        for ref in lineage.from_:
            points_at, target = side.plans.lineage_target(side.year, ref)
            if points_at == other.year.period and points_at != side.year.period:
                yield target, item_id, f"recorded lineage: {lineage.kind.value.replace('_', ' ')}"


def _links(old: Side, new: Side, old_items, new_items) -> set[tuple[str, str, str]]:
    forward = set(_refs(new, old, new_items))
    backward = {(b, a, why) for a, b, why in _refs(old, new, old_items)}
    return forward | backward


# -- the comparison ---------------------------------------------------------------------------


def compare(old: Side, new: Side) -> PlanDiff:
    result = PlanDiff(old, new)
    changes = result.changes
    changes += _plan_changes(old, new)
    theme_pairs = _theme_changes(old, new, changes)
    _action_changes(old, new, theme_pairs, changes)
    _measure_changes(old, new, changes)
    _indicator_changes(old.plans, new.plans, changes)
    _partnership_changes(old.plans, new.plans, changes)
    return result


def _plan_changes(old: Side, new: Side) -> Iterator[Change]:
    a, b = old.year.plan, new.year.plan
    yield from _field(Area.PLAN, "title", a.title, b.title)
    yield from _field(Area.PLAN, "period", str(a.period), str(b.period))
    cycle = lambda plan: f"year {plan.cycle.year} of {plan.cycle.name}" if plan.cycle else None  # noqa: E731
    yield from _field(Area.PLAN, "cycle", cycle(a), cycle(b))
    yield from _text_edit(Area.PLAN, "introduction", a.introduction, b.introduction)
    yield from _list_changes(
        Area.PLAN, "outcome", [o.text for o in a.outcomes], [o.text for o in b.outcomes]
    )


def _theme_changes(old: Side, new: Side, changes: list[Change]) -> set[tuple[str, str]]:
    """Theme changes; returns the matched (old id, new id) pairs."""
    a = {theme.id: theme for theme in old.year.themes}
    b = {theme.id: theme for theme in new.year.themes}
    links = _links(
        old, new, [(t.id, t.lineage) for t in a.values()], [(t.id, t.lineage) for t in b.values()]
    )
    matched = match({k: t.title for k, t in a.items()}, {k: t.title for k, t in b.items()}, links)
    for item in matched.removed:
        changes.append(
            Change(Area.THEME, None, item, None, a[item].title, None, a[item].title, None)
        )
    for item in matched.added:
        changes.append(
            Change(Area.THEME, None, None, item, None, b[item].title, None, b[item].title)
        )
    pairs = {(old_id, new_id) for old_id, new_id, _ in matched.pairs}
    outcome_text = lambda side, ids: [  # noqa: E731
        next((o.text for o in side.year.plan.outcomes if o.id == i), i) for i in ids
    ]
    for old_id, new_id, how in matched.pairs:
        x, y = a[old_id], b[new_id]
        ids = {"old_id": old_id, "new_id": new_id, "old_label": x.title, "new_label": y.title}
        if old_id != new_id or x.title != y.title:
            changes.append(Change(Area.THEME, "title", old=x.title, new=y.title, note=how, **ids))
        changes.extend(
            _list_changes(
                Area.THEME,
                "key outcome",
                outcome_text(old, x.outcomes),
                outcome_text(new, y.outcomes),
                **ids,
            )
        )
        changes.extend(
            _list_changes(
                Area.THEME, "contact", _contacts(old.plans, x), _contacts(new.plans, y), **ids
            )
        )
    # order among one-to-one pairs only (a split or merge has no single place)
    olds = Counter(x for x, _ in pairs)
    news = Counter(y for _, y in pairs)
    single = {x: y for x, y in pairs if olds[x] == 1 and news[y] == 1}
    order_old = [old_id for old_id in a if old_id in single]
    order_new_of_old = sorted(order_old, key=lambda i: list(b).index(single[i]))
    if order_old != order_new_of_old:
        changes.append(
            Change(
                Area.THEME,
                "order",
                None,
                None,
                ", ".join(a[i].title for i in order_old),
                ", ".join(b[single[i]].title for i in order_new_of_old),
            )
        )
    return pairs


def _contacts(plans: PartnershipPlans, theme: Theme) -> list[str]:
    people = {person.id: person for person in plans.partnership.people}
    named = []
    for contact in theme.contacts:
        person = people.get(contact.person)
        named.append(
            f"{person.name}, {person.role}"
            if person and person.role
            else (person.name if person else contact.person)
        )
    return named


def _lead(action: Action) -> str | None:
    if action.lead is None:
        return None
    if action.lead.text:
        return " ".join(action.lead.text.split()).removeprefix("Lead:").strip().rstrip(",")
    names = action.lead.organisations + action.lead.groups + action.lead.people
    return ", ".join(names) or None


def _dropped_note(side: Side, other: Side, item: str) -> str | None:
    """What `side`'s plan.yaml says about an item it lists as dropped from the other side."""
    for dropped in side.year.plan.dropped:
        if side.plans.lineage_target(side.year, dropped.id) == (other.year.period, item):
            return f"listed as dropped: {dropped.note}" if dropped.note else "listed as dropped"
    return None


def _action_changes(
    old: Side, new: Side, theme_pairs: set[tuple[str, str]], changes: list[Change]
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
        action = a[item][1]
        note = _dropped_note(new, old, item)
        changes.append(
            Change(Area.ACTION, None, item, None, action.title, None, action.title, None, note)
        )
    for item in matched.added:
        action = b[item][1]
        note = _dropped_note(old, new, item)
        changes.append(
            Change(Area.ACTION, None, None, item, None, action.title, None, action.title, note)
        )
    for old_id, new_id, how in matched.pairs:
        (theme_x, x), (theme_y, y) = a[old_id], b[new_id]
        ids = {"old_id": old_id, "new_id": new_id, "old_label": x.title, "new_label": y.title}
        if x.title != y.title or (how and "lineage" in how and old_id != new_id):
            changes.append(Change(Area.ACTION, "title", old=x.title, new=y.title, note=how, **ids))
        if (theme_x.id, theme_y.id) not in theme_pairs:
            changes.append(
                Change(Area.ACTION, "theme", old=theme_x.title, new=theme_y.title, **ids)
            )
        timescale = lambda act: act.timescale.text if act.timescale else None  # noqa: E731
        changes.extend(_field(Area.ACTION, "timescale", timescale(x), timescale(y), **ids))
        changes.extend(_field(Area.ACTION, "lead", _lead(x), _lead(y), **ids))
        changes.extend(_list_changes(Area.ACTION, "focus", x.focus, y.focus, **ids))
        changes.extend(_text_edit(Area.ACTION, "description", x.description, y.description, **ids))


def _measures(side: Side) -> dict[str, Measure]:
    headline = side.year.plan.headline.indicators if side.year.plan.headline else []
    found: dict[str, Measure] = {}
    for measure in [*headline, *(m for theme in side.year.themes for m in theme.indicators)]:
        found.setdefault(measure.indicator, measure)
    return found


def _statuses(side: Side) -> dict[str, str]:
    from cspplan.status.assess import assess_year

    assessed = assess_year(side.plans, side.year)
    return {s.indicator.id: assessed.label(s.band) for s in assessed.measures}


def _indicator_name(side: Side, key: str) -> str:
    indicator = side.plans.indicators.get(key)
    return indicator.name if indicator else key


def _measure_changes(old: Side, new: Side, changes: list[Change]) -> None:
    a, b = _measures(old), _measures(new)
    name = _indicator_name
    links = {
        (ind.replaces, key, f"redefined: {key} replaces {ind.replaces}")
        for key in b
        if (ind := new.plans.indicators.get(key)) is not None and ind.replaces in a
    } | {
        (key, ind.replaces, f"redefined: {key} replaces {ind.replaces}")
        for key in a
        if (ind := old.plans.indicators.get(key)) is not None and ind.replaces in b
    }
    matched = match(
        {k: name(old, k) for k in a}, {k: name(new, k) for k in b}, links, threshold=1.1
    )
    for item in matched.removed:
        changes.append(
            Change(Area.MEASURE, None, item, None, a[item].wording, None, name(old, item), None)
        )
    for item in matched.added:
        changes.append(
            Change(Area.MEASURE, None, None, item, None, b[item].wording, None, name(new, item))
        )
    status_old, status_new = _statuses(old), _statuses(new)
    for old_id, new_id, how in matched.pairs:
        x, y = a[old_id], b[new_id]
        ids = {
            "old_id": old_id,
            "new_id": new_id,
            "old_label": name(old, old_id),
            "new_label": name(new, new_id),
        }
        if how:
            changes.append(
                Change(
                    Area.MEASURE,
                    "indicator",
                    old=name(old, old_id),
                    new=name(new, new_id),
                    note=how,
                    **ids,
                )
            )
        target = lambda side, key, m: (  # noqa: E731
            wording.target(m.target, side.plans.indicators[key])
            if m.target and key in side.plans.indicators
            else None
        )
        changes.extend(
            _field(Area.MEASURE, "target", target(old, old_id, x), target(new, new_id, y), **ids)
        )
        changes.extend(
            _field(
                Area.MEASURE,
                "wording",
                " ".join(x.wording.split()),
                " ".join(y.wording.split()),
                **ids,
            )
        )
        period = lambda p: str(p) if p else None  # noqa: E731
        changes.extend(
            _field(Area.MEASURE, "baseline period", period(x.baseline), period(y.baseline), **ids)
        )
        changes.extend(
            _field(Area.MEASURE, "status", status_old.get(old_id), status_new.get(new_id), **ids)
        )
        if old_id == new_id:
            changes.extend(_restatements(old, new, old_id, ids))


def _restatements(old: Side, new: Side, key: str, ids: dict) -> Iterator[Change]:
    """A figure for one period printed differently by the two sides' plan years."""
    x, y = old.plans.indicators.get(key), new.plans.indicators.get(key)
    if x is None or y is None or old.year.period == new.year.period:
        return
    for observation in x.series:
        if old.year.period not in observation.reported_in or observation.value is None:
            continue
        later = next(
            (
                o
                for o in y.series
                if o.period == observation.period and new.year.period in o.reported_in
            ),
            None,
        )
        if later is not None and later.value is not None and later.value != observation.value:
            show = lambda v: wording.indicator_value(v, y)  # noqa: E731
            yield Change(
                Area.MEASURE,
                f"figure for {observation.period} (restated)",
                old=show(observation.value),
                new=show(later.value),
                **ids,
            )


def _added_or_removed(area: Area, key: str, old: object | None, new: object | None) -> Change:
    """A whole named item (indicator file, person, body) on one side only."""
    old_name = old.name if old is not None else None
    new_name = new.name if new is not None else None
    return Change(
        area,
        None,
        key if old is not None else None,
        key if new is not None else None,
        old_name,
        new_name,
        old_name,
        new_name,
    )


def _observations(indicator: Indicator) -> dict[str, str]:
    return {
        str(o.period): wording.indicator_value(o.value, indicator)
        if o.value is not None
        else (o.text or o.status.value)
        for o in indicator.series
    }


def _indicator_changes(old: PartnershipPlans, new: PartnershipPlans, changes: list[Change]) -> None:
    """Indicator files themselves (they differ between git revisions, not between years)."""
    if old is new:
        return
    for key in sorted(set(old.indicators) | set(new.indicators)):
        x, y = old.indicators.get(key), new.indicators.get(key)
        if x == y:
            continue
        if x is None or y is None:
            changes.append(_added_or_removed(Area.INDICATOR, key, x, y))
            continue
        ids = {"old_id": key, "new_id": key, "old_label": x.name, "new_label": y.name}
        changes.extend(_field(Area.INDICATOR, "name", x.name, y.name, **ids))
        changes.extend(_field(Area.INDICATOR, "unit", x.unit.value, y.unit.value, **ids))
        changes.extend(
            _field(
                Area.INDICATOR,
                "polarity",
                x.polarity.value if x.polarity else None,
                y.polarity.value if y.polarity else None,
                **ids,
            )
        )
        changes.extend(_text_edit(Area.INDICATOR, "definition", x.definition, y.definition, **ids))
        changes.extend(_field(Area.INDICATOR, "replaces", x.replaces, y.replaces, **ids))
        before, after = _observations(x), _observations(y)
        for period in sorted(
            set(before) | set(after), key=lambda text: parse_period(text).sort_key()
        ):
            if before.get(period) != after.get(period):
                changes.append(
                    Change(
                        Area.INDICATOR,
                        f"figure for {period}",
                        old=before.get(period),
                        new=after.get(period),
                        **ids,
                    )
                )


def _render(value: object) -> str | None:
    if value in (None, [], ""):
        return None
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _partnership_changes(
    old: PartnershipPlans, new: PartnershipPlans, changes: list[Change]
) -> None:
    if old is new:
        return
    a, b = old.partnership, new.partnership
    for area, xs, ys in (
        (Area.PERSON, a.people, b.people),
        (Area.ORGANISATION, a.organisations, b.organisations),
        (Area.GOVERNANCE, a.governance, b.governance),
    ):
        before = {item.id: item for item in xs}
        after = {item.id: item for item in ys}
        for key in sorted(set(before) | set(after)):
            x, y = before.get(key), after.get(key)
            if x == y:
                continue
            if x is None or y is None:
                changes.append(_added_or_removed(area, key, x, y))
                continue
            ids = {"old_id": key, "new_id": key, "old_label": x.name, "new_label": y.name}
            dumped_x, dumped_y = x.model_dump(mode="json"), y.model_dump(mode="json")
            for name in dumped_x:
                if name in ("id", "transcription_notes") or dumped_x[name] == dumped_y[name]:
                    continue
                changes.append(
                    Change(
                        area,
                        name.replace("_", " "),
                        old=_render(dumped_x[name]),
                        new=_render(dumped_y[name]),
                        **ids,
                    )
                )
