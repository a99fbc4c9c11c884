"""Lineage checks: where actions, themes and indicators came from must not loop."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cspplan.checks import walk
from cspplan.checks.references import resolve_lineage_ref
from cspplan.checks.registry import Finding, check, found
from cspplan.model.collection import LoadedPartnership

Node = tuple[str, str, str]
"""(kind, plan year, id): the same id in two years is two nodes."""


def _edges(csp: LoadedPartnership) -> dict[Node, list[tuple[Node, Path, tuple[str | int, ...]]]]:
    edges: dict[Node, list[tuple[Node, Path, tuple[str | int, ...]]]] = {}
    for link in walk.lineage_links(csp):
        target, target_id = resolve_lineage_ref(csp, link.year, link.ref)
        if target is not None:
            edges.setdefault((link.kind, link.year.label, link.item_id), []).append(
                ((link.kind, target.label, target_id), link.file, link.path)
            )
    for indicator_id, indicator in csp.indicators.items():
        if indicator.replaces:
            edges.setdefault(("indicator", "", indicator_id), []).append(
                (
                    ("indicator", "", indicator.replaces),
                    csp.indicator_files[indicator_id],
                    ("replaces",),
                )
            )
    return edges


@check(
    "C010",
    "lineage-cycle",
    title="Lineage goes round in a circle",
    template="lineage loops back on itself: {loop}",
    hint="lineage points back in time: each item names what it came from in an earlier year",
)
def lineage_cycle(csp: LoadedPartnership) -> Iterator[Finding]:
    """Following 'came from' links (action and theme lineage, indicator `replaces`) arrives
    back where it started, so nothing can say which came first."""
    edges = _edges(csp)
    state: dict[Node, int] = {}  # 1 = on the current path, 2 = finished
    reported: set[frozenset[Node]] = set()

    def visit(node: Node, trail: list[Node]) -> Iterator[Finding]:
        state[node] = 1
        trail.append(node)
        for target, file, path in edges.get(node, []):
            if state.get(target) == 1:
                loop = trail[trail.index(target) :]
                key = frozenset(loop)
                if key not in reported:
                    reported.add(key)
                    shown = " → ".join(f"{n[1]} {n[2]}".strip() for n in [*loop, target])
                    yield found(file, path, loop=shown)
            elif target not in state:
                yield from visit(target, trail)
        trail.pop()
        state[node] = 2

    for node in list(edges):
        if node not in state:
            yield from visit(node, [])


@check(
    "C014",
    "dropped-but-carried-forward",
    title="Item listed as dropped is carried forward",
    template="'{ref}' is listed as dropped, but {by} says it continues it",
)
def dropped_but_carried_forward(csp: LoadedPartnership) -> Iterator[Finding]:
    """plan.yaml lists an item of the previous year under `dropped`, yet a theme or action
    of the same plan year names it in its lineage. One of the two is wrong."""
    carried: dict[tuple[str, str, str], str] = {}  # (plan year, origin year, id) -> who carries it
    for link in walk.lineage_links(csp):
        target, item_id = resolve_lineage_ref(csp, link.year, link.ref)
        if target is not None:
            key = (link.year.label, target.label, item_id)
            carried.setdefault(key, f"the {link.kind} '{link.item_id}'")
    for year in csp.years:
        for index, dropped in enumerate(year.plan.dropped):
            target, item_id = resolve_lineage_ref(csp, year, dropped.id)
            key = (year.label, target.label, item_id) if target is not None else None
            if key in carried:
                yield found(year.file, ("dropped", index, "id"), ref=item_id, by=carried[key])
