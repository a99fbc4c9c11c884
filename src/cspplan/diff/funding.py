"""What changed in a plan year's funding: allocations (and every other schedule line and
printed total) added, removed, their amount or status words changed.

Lines are paired by schedule and id, then any left by their printed group and item (a
new year's file may number its lines afresh). An amount is compared as printed, with its
unit and year, so a change reads "38 £'000 (2012/13) → 40 £'000 (2013/14)"; amounts are
never converted, so a line reprinted in another unit shows both figures as printed.
"""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.diff.changes import Area, Change, one_side_only
from cspplan.diff.fields import value_change
from cspplan.model.collection import LoadedYear
from cspplan.model.funding import Amount, FundingFile, FundingLine, PrintedTotal, Schedule

Entry = tuple[Schedule, FundingLine | PrintedTotal]


def compare_funding(old: LoadedYear, new: LoadedYear) -> Iterator[Change]:
    """The two years' funding.yaml, line by line; nothing when neither year has one."""
    a = old.funding.funding if old.funding is not None else None
    b = new.funding.funding if new.funding is not None else None
    if a is None and b is None:
        return
    if a is None or b is None:
        only = a or b
        count = sum(len(s.lines) for s in only.schedules)
        yield one_side_only(
            Area.FUNDING,
            "funding",
            only.title or "funding",
            None,
            f"{count} schedule lines",
            on_old_side=b is None,
        )
        return
    yield from compare_files(a, b)


def _entries(funding: FundingFile) -> list[Entry]:
    return [(s, e) for s in funding.schedules for e in [*s.lines, *s.totals]]


def _label(schedule: Schedule, entry: FundingLine | PrintedTotal) -> str:
    if isinstance(entry, FundingLine):
        name = f"{entry.group}: {entry.item}" if entry.group else entry.item
    else:
        name = f"{entry.label or entry.id} (total)"
    return f"{schedule.title}: {name}"


def _amount(schedule: Schedule, amount: Amount | None, entry: FundingLine | PrintedTotal) -> str:
    if amount is None:
        return "no figure"
    unit = schedule.unit_of(amount)
    text = amount.printed
    if unit is not None and "£" not in text:
        text = f"{text} {unit.words}"
    year = getattr(entry, "year", None)
    return f"{text} ({year})" if year is not None else text


def _name_key(schedule: Schedule, entry: FundingLine | PrintedTotal) -> tuple[str, ...]:
    if isinstance(entry, FundingLine):
        return (
            "line",
            " ".join((entry.group or "").lower().split()),
            " ".join(entry.item.lower().split()),
        )
    return ("total", " ".join((entry.label or entry.id).lower().split()))


def compare_files(a: FundingFile, b: FundingFile) -> Iterator[Change]:
    before, after = _entries(a), _entries(b)
    pairs: list[tuple[Entry, Entry]] = []
    by_id = {(s.id, e.id): (s, e) for s, e in after}
    unmatched_old, taken = [], set()
    for s, e in before:
        match = by_id.get((s.id, e.id))
        if match is not None and _name_key(*match)[0] == _name_key(s, e)[0]:
            pairs.append(((s, e), match))
            taken.add(id(match[1]))
        else:
            unmatched_old.append((s, e))
    by_name: dict[tuple[str, ...], Entry] = {}
    for s, e in after:
        if id(e) not in taken:
            by_name.setdefault(_name_key(s, e), (s, e))
    removed = []
    for s, e in unmatched_old:
        match = by_name.pop(_name_key(s, e), None)
        if match is not None and id(match[1]) not in taken:
            pairs.append(((s, e), match))
            taken.add(id(match[1]))
        else:
            removed.append((s, e))
    for s, e in removed:
        label = _label(s, e)
        yield one_side_only(
            Area.FUNDING, f"{s.id}:{e.id}", label, None, _amount(s, e.amount, e), on_old_side=True
        )
    for s, e in after:
        if id(e) not in taken:
            label = _label(s, e)
            yield one_side_only(
                Area.FUNDING,
                f"{s.id}:{e.id}",
                label,
                None,
                _amount(s, e.amount, e),
                on_old_side=False,
            )
    for (sx, x), (sy, y) in pairs:
        ids = {
            "old_id": f"{sx.id}:{x.id}",
            "new_id": f"{sy.id}:{y.id}",
            "old_label": _label(sx, x),
            "new_label": _label(sy, y),
        }
        yield from value_change(
            Area.FUNDING, "amount", _amount(sx, x.amount, x), _amount(sy, y.amount, y), **ids
        )
        if isinstance(x, FundingLine) and isinstance(y, FundingLine):
            yield from value_change(Area.FUNDING, "status", x.status, y.status, **ids)
            yield from value_change(Area.FUNDING, "note", x.note, y.note, **ids)
