"""Partnerships within partnerships: a partnership's parent (a county CSP above district
CSPs) and its linked partnerships, checked against the other partnership folders of the same
plans repository (`loading/neighbours.py` reads them from disk, so a partnership checked on
its own is judged as it is in the whole repository)."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.checks.references import _suggest
from cspplan.checks.registry import Finding, check, found
from cspplan.issues import Severity
from cspplan.loading.neighbours import neighbours, relations
from cspplan.model.collection import LoadedPartnership


def _partnership_refs(csp: LoadedPartnership) -> Iterator[tuple[str, tuple[str | int, ...]]]:
    partnership = csp.partnership
    if partnership.parent is not None and partnership.parent.partnership:
        yield partnership.parent.partnership, ("parent", "partnership")
    for index, linked in enumerate(partnership.linked_partnerships):
        if linked.partnership:
            yield linked.partnership, ("linked_partnerships", index, "partnership")


@check(
    "R023",
    "unknown-partnership",
    title="Unknown partnership",
    template="no partnership folder '{ref}' beside this one in the plans repository",
)
def unknown_partnership(csp: LoadedPartnership) -> Iterator[Finding]:
    """A partnership's `parent` or one of its `linked_partnerships` names a `partnership`
    id that is not a partnership folder (a folder with a partnership.yaml) in the same plans
    repository, the folder that holds this partnership's folder. The folders are looked up
    on disk, so a partnership checked on its own is judged as in the whole repository. A
    partnership alone in its folder (as one exported from a git revision by `diff`) is not
    checked: nothing says where the others would be. Leave `partnership` out for one whose
    plans are not kept in the repository; its `name` is enough."""
    here = neighbours(csp.folder)
    others = set(here) - {csp.folder.name}
    if not others:
        return
    for ref, path in _partnership_refs(csp):
        if ref not in here:
            yield found(csp.file, path, ref=ref, hint=_suggest(ref, others))


def _parent_chain(csp: LoadedPartnership) -> list[str] | None:
    """The ids from this partnership up its parents, ending where it comes back to itself
    (a cycle: returned), or None when the chain ends (or loops above it)."""
    here = neighbours(csp.folder)
    chain = [csp.id]
    parent = csp.partnership.parent
    current = parent.partnership if parent is not None else None
    while current is not None:
        if current == csp.id:
            return [*chain, current]
        if current in chain or current not in here:
            return None
        chain.append(current)
        found_relations = relations(here[current])
        current = found_relations.parent if found_relations is not None else None
    return None


@check(
    "C029",
    "partnership-cycle",
    title="Parent partnerships go round in a circle",
    template="the parent partnerships go round in a circle: {chain}",
)
def partnership_cycle(csp: LoadedPartnership) -> Iterator[Finding]:
    """Following `parent` from partnership to partnership in the plans repository arrives
    back at the partnership it started from (a district naming itself, or a county naming
    its own district as its parent), so no partnership is at the top and a county's status
    could never be rolled up. Each partnership in the circle is reported at its own
    `parent`."""
    chain = _parent_chain(csp)
    if chain is not None:
        yield found(csp.file, ("parent", "partnership"), chain=" → ".join(chain))


@check(
    "C030",
    "parent-does-not-list-partnership",
    title="Parent partnership does not list this one",
    template="its parent '{parent}' does not list '{ref}' under linked_partnerships",
    severity=Severity.WARNING,
)
def parent_does_not_list(csp: LoadedPartnership) -> Iterator[Finding]:
    """A partnership names a `parent` partnership folder of the same repository, but the
    parent's partnership.yaml has no entry under `linked_partnerships` with `partnership:`
    naming it back, so the county's own plan documents do not say it has this district
    partnership. `status --by partnership` still rolls the district up into the county (the
    district's `parent` decides); a warning, for the county's file to be brought in line."""
    parent = csp.partnership.parent
    if parent is None or not parent.partnership or parent.partnership == csp.id:
        return
    folder = neighbours(csp.folder).get(parent.partnership)
    found_relations = relations(folder) if folder is not None else None
    if found_relations is not None and csp.id not in found_relations.linked:
        yield found(csp.file, ("parent", "partnership"), parent=parent.partnership, ref=csp.id)
