"""What changed in a partnership's parent and linked partnerships, in words: 'parent
partnership: not stated → Testshire County CSP', 'linked partnership added: Norfolk YOT
Board: There are close links …', 'relationship with Norfolk YOT Board: … → …'."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.diff.changes import Area, Change
from cspplan.diff.fields import value_change
from cspplan.model.partnership import LinkedPartnership, ParentPartnership, Partnership

HANDLED = frozenset({"parent", "linked_partnerships"})
"""The partnership.yaml fields compared here (not by `other_fields`)."""


def _parent_words(parent: ParentPartnership | None) -> str | None:
    if parent is None:
        return None
    return f"{parent.name} ({parent.partnership})" if parent.partnership else parent.name


def _linked_name(linked: LinkedPartnership, partnership: Partnership) -> str:
    if linked.name:
        return linked.name
    body = next((b for b in partnership.governance if b.id == linked.governance), None)
    return body.name if body is not None else linked.governance or ""


def _key(linked: LinkedPartnership, partnership: Partnership) -> str:
    return linked.partnership or linked.governance or _linked_name(linked, partnership)


def _with_relationship(name: str, relationship: str | None) -> str:
    return f"{name}: {relationship}" if relationship else name


def compare_relations(a: Partnership, b: Partnership, **ids: str | None) -> Iterator[Change]:
    yield from value_change(
        Area.PARTNERSHIP,
        "parent partnership",
        _parent_words(a.parent),
        _parent_words(b.parent),
        **ids,
    )
    if a.parent is not None and b.parent is not None:
        yield from value_change(
            Area.PARTNERSHIP,
            f"relationship with {b.parent.name}",
            a.parent.relationship,
            b.parent.relationship,
            **ids,
        )
    before = {_key(item, a): item for item in a.linked_partnerships}
    after = {_key(item, b): item for item in b.linked_partnerships}
    for key in [*before, *(key for key in after if key not in before)]:
        x, y = before.get(key), after.get(key)
        if x is not None and y is not None:
            name = _linked_name(y, b)
            old_name = _linked_name(x, a)
            yield from value_change(
                Area.PARTNERSHIP, "linked partnership's name", old_name, name, **ids
            )
            yield from value_change(
                Area.PARTNERSHIP, f"relationship with {name}", x.relationship, y.relationship, **ids
            )
            continue
        only, side = (x, a) if y is None else (y, b)
        shown = _with_relationship(_linked_name(only, side), only.relationship)
        yield Change(
            Area.PARTNERSHIP,
            "linked partnership",
            old=shown if y is None else None,
            new=shown if x is None else None,
            form="item",
            **ids,
        )
