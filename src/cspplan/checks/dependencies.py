"""What a named file needs, so that its problems are never hidden by a narrower report.

Naming a plan year or a file narrows what validate reports, but a file is only as sound as
the files it reads: partnership.yaml (its people and organisations), the indicators its
measures and actions point at (and the indicators those replace), and the earlier plan year
its lineage continues. A problem in one of those is reported too, at its own place, with a
note naming the file that needs it; otherwise a broken indicator would pass `validate
2018-19` and silently drop a measure from `status` and `render`.

Of an earlier plan year only what stops it loading is reported: a named year needs the
items its lineage points at to exist, not the earlier year's own content to be right.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cspplan.checks import walk
from cspplan.loading.discovery import PartnershipLayout, resolved
from cspplan.loading.loader import LoadResult
from cspplan.model.collection import LoadedPartnership, LoadedYear, folder_period
from cspplan.model.periods import Period


@dataclass(frozen=True, slots=True)
class Need:
    named_file: Path
    """The first named file that depends on this one."""
    loading_only: bool
    """Only problems that stop the file loading matter (an earlier plan year's files)."""


def needed_files(result: LoadResult, named: Callable[[Path], bool]) -> dict[Path, Need]:
    """Every file outside the named ones that a named file depends on (resolved)."""
    layout = result.layout
    if layout is None:
        return {}
    files = layout.files()
    chosen = [path for path in files if named(path)]
    if len(chosen) == len(files):
        return {}
    needs: dict[Path, Need] = {}
    pending = [(dependency, path) for path in chosen for dependency in _direct(result, path)]
    while pending:
        (dependency, loading_only), named_file = pending.pop(0)
        key = resolved(dependency)
        if named(dependency) or (key in needs and needs[key].loading_only <= loading_only):
            continue
        needs[key] = Need(named_file, loading_only)
        pending += [(further, named_file) for further in _indicator_needs(result, dependency)]
    return needs


Dependency = tuple[Path, bool]
"""A file and whether only its loading problems matter."""


def _direct(result: LoadResult, path: Path) -> Iterator[Dependency]:
    layout = result.layout
    assert layout is not None
    if path != layout.partnership_file:
        yield layout.partnership_file, False
    csp = result.csp
    if csp is None:
        return
    if path in layout.indicator_files:
        yield from _indicator_needs(result, path)
        return
    for year_layout in layout.years:
        in_year = [*year_layout.theme_files, *year_layout.progress_files]
        if path == year_layout.plan_file or path in in_year:
            if path != year_layout.plan_file:
                yield year_layout.plan_file, False
            year = next((y for y in csp.years if y.folder == year_layout.folder), None)
            if year is not None:
                yield from _year_file_needs(csp, layout, year, path)


def _year_file_needs(
    csp: LoadedPartnership, layout: PartnershipLayout, year: LoadedYear, path: Path
) -> Iterator[Dependency]:
    """The indicators a plan or theme file reads and the earlier years its lineage names."""
    refs: list[str] = []
    for measure in walk.measures(csp):
        if measure.file == path:
            refs += [measure.item.indicator, *filter(None, [measure.item.part_of])]
    for action in walk.actions(csp):
        if action.file == path:
            refs += action.item.indicators
    yield from _indicator_paths(layout, refs)
    lineage = [link.ref for link in walk.lineage_links(csp) if link.file == path]
    if path == year.file:
        lineage += [dropped.id for dropped in year.plan.dropped]
    for ref in lineage:
        period, _ = csp.lineage_target(year, ref)
        if period is not None:
            yield from ((earlier, True) for earlier in _year_paths(layout, period))


def _indicator_needs(result: LoadResult, path: Path) -> Iterator[Dependency]:
    """An indicator needs the indicator it replaces."""
    csp, layout = result.csp, result.layout
    if csp is None or layout is None:
        return
    indicator = csp.indicators.get(path.stem)
    if indicator is not None and indicator.replaces:
        yield from _indicator_paths(layout, [indicator.replaces])


def _indicator_paths(layout: PartnershipLayout, ids: Iterable[str]) -> Iterator[Dependency]:
    wanted = set(ids)
    yield from ((path, False) for path in layout.indicator_files if path.stem in wanted)


def _year_paths(layout: PartnershipLayout, period: Period) -> Iterator[Path]:
    for year_layout in layout.years:
        if folder_period(year_layout.folder.name) == period:
            yield year_layout.plan_file
            yield from year_layout.theme_files
