"""What changed in the files every plan year shares: partnership.yaml and the indicators.

Between two plan years of one copy of the plans these are the same files; they differ
between two revisions or two copies, and then every edit is reported, figure by figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from cspplan import wording
from cspplan.diff.changes import Area, Change, one_side_only
from cspplan.diff.fields import field_name, other_fields, value_change, words
from cspplan.diff.partnerships import HANDLED as RELATIONS
from cspplan.diff.partnerships import compare_relations
from cspplan.diff.reviews import compare_reviews
from cspplan.model.collection import LoadedPartnership
from cspplan.model.indicator import Indicator, Observation

FIGURE_WORDS = ("value", "status", "provisional")
"""Observation fields shown together as 'the figure'; the others are reported one by one."""


def compare_partnerships(old: LoadedPartnership, new: LoadedPartnership) -> list[Change]:
    changes: list[Change] = []
    a, b = old.partnership, new.partnership
    ids = {"old_id": a.id, "new_id": b.id, "old_label": a.name, "new_label": b.name}
    handled = {"id", "organisations", "people", "governance", *RELATIONS}
    changes += other_fields(Area.PARTNERSHIP, a, b, handled, same_year=True, **ids)
    changes += compare_relations(a, b, **ids)
    for area, xs, ys in (
        (Area.PERSON, a.people, b.people),
        (Area.ORGANISATION, a.organisations, b.organisations),
        (Area.GOVERNANCE, a.governance, b.governance),
    ):
        changes += _named_items(area, {i.id: i for i in xs}, {i.id: i for i in ys})
    changes += _named_items(Area.INDICATOR, old.indicators, new.indicators)
    changes += compare_reviews(old, new)
    return changes


def _named_items(area: Area, before: dict, after: dict) -> Iterator[Change]:
    """Items with an id and a name (people, bodies, indicators), paired by id."""
    for key in sorted(before.keys() | after.keys()):
        x, y = before.get(key), after.get(key)
        if x == y:
            continue
        if x is None or y is None:
            only = x or y
            yield one_side_only(area, key, only.name, None, None, on_old_side=y is None)
            continue
        ids = {"old_id": key, "new_id": key, "old_label": x.name, "new_label": y.name}
        handled = {"id", "series"} if area is Area.INDICATOR else {"id"}
        yield from other_fields(area, x, y, handled, same_year=True, **ids)
        if area is Area.INDICATOR:
            yield from _series(x, y, ids)


def _figure(observation: Observation, indicator: Indicator) -> str:
    if observation.value is not None:
        shown = wording.indicator_value(observation.value, indicator)
    else:
        shown = observation.text or observation.status.value.replace("_", " ")
    return f"{shown} (provisional)" if observation.provisional else shown


def _by_period(indicator: Indicator) -> dict[tuple[str, int], Observation]:
    """Observations keyed by period (with the breakdown it belongs to, if any: 'Q2 2013/14
    (area norwich)') and, for one printed more than once, by order."""
    seen: defaultdict[str, int] = defaultdict(int)
    keyed = {}
    for observation in indicator.series:
        part = observation.part_words()
        period = f"{observation.period} ({part})" if part else str(observation.period)
        keyed[(period, seen[period])] = observation
        seen[period] += 1
    return keyed


def _series(x: Indicator, y: Indicator, ids: dict[str, str]) -> Iterator[Change]:
    before, after = _by_period(x), _by_period(y)
    keys = sorted(
        before.keys() | after.keys(),
        key=lambda k: ((before.get(k) or after.get(k)).period.sort_key(), k[1]),
    )
    for key in keys:
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        printings = max(sum(1 for k in side if k[0] == key[0]) for side in (before, after))
        label = f"figure for {key[0]}"
        if printings > 1:
            printed_in = ", ".join(map(str, (old or new).reported_in)) or "no plan"
            label += f" (printed in {printed_in})"
        if old is None or new is None:
            figure = _figure(old or new, y if new else x)
            change = Change(Area.INDICATOR, label, new=figure, form="item", **ids)
            yield change.inverse() if new is None else change
            continue
        yield from value_change(Area.INDICATOR, label, _figure(old, x), _figure(new, y), **ids)
        shown_as_figure = {"period", *FIGURE_WORDS}
        if old.value is None or new.value is None:
            shown_as_figure.add("text")  # the figure is the printed text
        a = old.model_dump(mode="json", exclude=shown_as_figure)
        b = new.model_dump(mode="json", exclude=shown_as_figure)
        for name in a:
            yield from value_change(
                Area.INDICATOR,
                f"{label}: {field_name(name)}",
                words(a[name]),
                words(b[name]),
                **ids,
            )
