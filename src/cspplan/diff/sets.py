"""Compare whole sets of plans, such as the plans at two git revisions.

Partnerships are paired by id and plan years by period; a partnership's own files are
compared once, not once per plan year. Only the parts that changed are returned.
"""

from __future__ import annotations

from cspplan.diff.changes import Area, one_side_only
from cspplan.diff.compare import PlanDiff, Side, compare_years
from cspplan.diff.files import compare_partnerships
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.periods import Period
from cspplan.wording import plural


def _year_summary(year: LoadedYear) -> str:
    counts = (
        (len(year.themes), "theme"),
        (len(year.actions()), "action"),
        (len(year.measures()), "measure"),
    )
    return ", ".join(plural(count, word) for count, word in counts)


def _same_files(x: LoadedYear, y: LoadedYear) -> bool:
    """The same plan, themes, progress reports and funding on both sides."""
    reports = [loaded.progress for loaded in x.progress] == [p.progress for p in y.progress]
    funding = (x.funding.funding if x.funding else None) == (
        y.funding.funding if y.funding else None
    )
    return x.plan == y.plan and x.themes == y.themes and reports and funding


def compare_sets(
    old: list[LoadedPartnership],
    new: list[LoadedPartnership],
    old_name: str,
    new_name: str,
    *,
    include: set[tuple[str, Period]] | None = None,
) -> list[PlanDiff]:
    """`include`: the (partnership id, period) plan years to compare (None: all of them)."""
    before = {csp.id: csp for csp in old}
    after = {csp.id: csp for csp in new}
    found: list[PlanDiff] = []
    for key in sorted(before.keys() | after.keys()):
        x, y = before.get(key), after.get(key)
        if x is None or y is None:
            only = x or y
            note = f"{plural(len(only.years), 'plan year')}, {plural(len(only.indicators), 'indicator')}"
            change = one_side_only(
                Area.PARTNERSHIP, key, only.partnership.name, None, note, on_old_side=y is None
            )
            found.append(PlanDiff(only.partnership.name, [change]))
            continue
        name = y.partnership.name
        own = compare_partnerships(x, y)
        if own:
            found.append(PlanDiff(f"{name}: partnership and indicator files", own))
        periods = sorted({year.period for year in x.years} | {year.period for year in y.years})
        for period in periods:
            if include is not None and (key, period) not in include:
                continue
            year_x, year_y = x.year(period), y.year(period)
            title = f"{name} {period}"
            if year_x is None or year_y is None:
                only_year = year_x or year_y
                change = one_side_only(
                    Area.PLAN,
                    str(period),
                    only_year.plan.title,
                    None,
                    _year_summary(only_year),
                    on_old_side=year_y is None,
                )
                found.append(PlanDiff(title, [change]))
                continue
            if not own and _same_files(year_x, year_y):
                continue  # same files, same indicators: nothing to find (most years of a PR)
            changes = compare_years(Side(x, year_x, old_name), Side(y, year_y, new_name))
            if changes:
                found.append(PlanDiff(title, changes))
    return found
