"""Find plan files on disk.

A plans repository has one folder per partnership:

    <partnership>/partnership.yaml
    <partnership>/indicators/<indicator-id>.yaml
    <partnership>/<yyyy-yy>/plan.yaml
    <partnership>/<yyyy-yy>/themes/<theme-id>.yaml
    <partnership>/<yyyy-yy>/progress/<yyyy-yy>-q<N>.yaml   (a quarter's progress reports)
    <partnership>/reviews/<review-id>.yaml                 (a review and its tracker)
    frameworks/<framework-id>.yaml     (beside the partnerships: shared by all of them)
    <partnership>/<yyyy-yy>/funding.yaml                   (the plan year's funding)

A user may name the repository, a partnership, a plan year or a single file. A partnership
is always loaded whole (references cross files), but only problems in files under the
named paths are reported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from cspplan.issues import Issue
from cspplan.loading import errors

PARTNERSHIP_FILE = "partnership.yaml"
PLAN_FILE = "plan.yaml"
FUNDING_FILE = "funding.yaml"
INDICATORS_DIR = "indicators"
THEMES_DIR = "themes"
PROGRESS_DIR = "progress"
REVIEWS_DIR = "reviews"
FRAMEWORKS_DIR = "frameworks"
YAML_SUFFIXES = (".yaml", ".yml")
SKIPPED_DIRS = {"node_modules", "__pycache__", "site-packages"}


@dataclass
class YearLayout:
    folder: Path
    plan_file: Path
    theme_files: list[Path] = field(default_factory=list)
    progress_files: list[Path] = field(default_factory=list)
    funding_file: Path | None = None


@dataclass
class PartnershipLayout:
    folder: Path
    partnership_file: Path
    indicator_files: list[Path] = field(default_factory=list)
    years: list[YearLayout] = field(default_factory=list)
    stray_files: list[tuple[Path, str]] = field(default_factory=list)
    review_files: list[Path] = field(default_factory=list)

    def files(self) -> list[Path]:
        found = [self.partnership_file, *self.indicator_files]
        for year in self.years:
            found.append(year.plan_file)
            found.extend(year.theme_files)
            found.extend(year.progress_files)
            if year.funding_file is not None:
                found.append(year.funding_file)
        found.extend(self.review_files)
        return found


@dataclass
class Selection:
    """What to load and what to report on."""

    partnerships: list[Path] = field(default_factory=list)
    report_under: list[Path] | None = None
    """Report problems only in files at or under these paths (None: everything).

    A partnership is always loaded whole, because references cross files; naming a plan
    year or a single file narrows what is reported, not what is read."""
    lone_files: list[Path] = field(default_factory=list)
    """YAML files named on the command line that belong to no partnership."""
    issues: list[Issue] = field(default_factory=list)
    framework_roots: list[Path] = field(default_factory=list)
    """Repository roots whose `frameworks/` folder is read: each partnership folder's
    parent, and the folder above a named `frameworks/` folder or framework file."""

    _reported: dict[Path, bool] = field(default_factory=dict, repr=False, compare=False)
    """`reports_on` of each file asked about: checks ask it of the same files many times."""

    def reports_on(self, file: Path | None) -> bool:
        if self.report_under is None or file is None:
            return True
        known = self._reported.get(file)
        if known is None:
            where = resolved(file)
            known = any(where == base or base in where.parents for base in self.report_under)
            self._reported[file] = known
        return known

    def names_inside(self, folder: Path) -> bool:
        """Was `folder`, or something in it, named itself (not just a folder above it)?"""
        if self.report_under is None:
            return False
        where = folder.resolve()
        return any(base == where or where in base.parents for base in self.report_under)

    def touches(self, folder: Path) -> bool:
        """Is `folder` at or under a named path, or a named path inside `folder`?"""
        if self.report_under is None:
            return True
        resolved = folder.resolve()
        return any(
            resolved == base or base in resolved.parents or resolved in base.parents
            for base in self.report_under
        )


def resolved(file: Path) -> Path:
    """An absolute path for comparing files: a link is where it is, not its target."""
    return _real_folder(file.parent) / file.name


@lru_cache(maxsize=4096)
def _real_folder(folder: Path) -> Path:
    """Resolving a folder walks every link on its way; a run asks of the same few folders
    hundreds of times. Forgotten when a run starts (`select`), for a long-lived server."""
    return folder.resolve()


def visible(dirs: list[str]) -> list[str]:
    """The folders a walk goes into, in name order: not hidden ones (.git), not tool caches."""
    return sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_DIRS)


def is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def select(paths: list[Path]) -> Selection:
    """Work out which partnership folders the named paths need."""
    _real_folder.cache_clear()
    selection = Selection(report_under=[])
    partnerships: dict[Path, None] = {}
    roots: dict[Path, None] = {}
    for path in paths:
        if not path.exists():
            reason = "broken symbolic link" if path.is_symlink() else "no such file or folder"
            selection.issues.append(errors.UNREADABLE.issue(path, target=str(path), reason=reason))
            continue
        selection.report_under.append(path.resolve())
        owner = partnership_above(path)
        if owner is not None:
            partnerships[owner] = None
        elif is_framework_path(path):
            roots[path.parent if path.is_dir() else path.parent.parent] = None
        elif path.is_file():
            selection.lone_files.append(path)
        else:
            found = find_partnerships(path)
            if (path / FRAMEWORKS_DIR).is_dir():
                roots[path] = None
            elif not found:
                selection.issues.append(errors.NO_PLANS.issue(path, target=str(path)))
            partnerships.update(dict.fromkeys(found))
    selection.partnerships = list(partnerships)
    for folder in selection.partnerships:
        roots[folder.parent] = None
    selection.framework_roots = _distinct(roots)
    return selection


def is_framework_path(path: Path) -> bool:
    """A `frameworks/` folder beside partnership folders, or a YAML file directly in one."""
    if path.is_dir():
        return path.name == FRAMEWORKS_DIR
    return path.parent.name == FRAMEWORKS_DIR and is_yaml(path)


def _distinct(folders: dict[Path, None]) -> list[Path]:
    """The folders, each once however it was named (relative, absolute, through a link)."""
    seen: dict[Path, Path] = {}
    for folder in folders:
        seen.setdefault(folder.resolve(), folder)
    return list(seen.values())


def framework_files(root: Path) -> tuple[list[Path], list[Path]]:
    """(framework files, stray files) of `<root>/frameworks/`: YAML files directly in it are
    frameworks; YAML files in folders below it are strays."""
    folder = root / FRAMEWORKS_DIR
    if not folder.is_dir():
        return [], []
    found: list[Path] = []
    strays: list[Path] = []
    for current, dirs, files in os.walk(folder):
        dirs[:] = visible(dirs)
        here = Path(current)
        for name in sorted(files):
            path = here / name
            if is_yaml(path):
                (found if here == folder else strays).append(path)
    return found, strays


def partnership_above(path: Path) -> Path | None:
    """The nearest folder at or above `path` that holds partnership.yaml."""
    start = path.resolve()
    for folder in [start, *start.parents] if start.is_dir() else list(start.parents):
        if (folder / PARTNERSHIP_FILE).is_file():
            return _relative_like(path, folder)
    return None


def _relative_like(original: Path, found: Path) -> Path:
    """Express `found` relative to the working folder when `original` was relative."""
    if original.is_absolute():
        return found
    try:
        return found.relative_to(Path.cwd())
    except ValueError:
        return found


def find_partnerships(root: Path) -> list[Path]:
    """Partnership folders at or below `root`, in name order (no symlink loops followed)."""
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = visible(dirs)
        if PARTNERSHIP_FILE in files:
            found.append(Path(folder))
            dirs[:] = []  # a partnership's own folders are read by scan_partnership
    return sorted(found)


def scan_partnership(folder: Path) -> PartnershipLayout:
    """Classify every YAML file in a partnership folder, in one walk of the folder."""
    layout = PartnershipLayout(folder, folder / PARTNERSHIP_FILE)
    years: dict[str, YearLayout] = {}
    for current, dirs, files in os.walk(folder):
        dirs[:] = visible(dirs)
        here = Path(current)
        parts = here.relative_to(folder).parts
        if len(parts) == 1 and PLAN_FILE in files:  # os.walk visits a year before its themes
            years[parts[0]] = YearLayout(here, here / PLAN_FILE)
            layout.years.append(years[parts[0]])
        for name in sorted(files):
            path = here / name
            if not is_yaml(path):
                continue
            if parts == () and name == PARTNERSHIP_FILE:
                continue
            if parts == (INDICATORS_DIR,):
                layout.indicator_files.append(path)
            elif parts == (REVIEWS_DIR,) and name.endswith(".yaml"):
                layout.review_files.append(path)
            elif len(parts) == 1 and name == PLAN_FILE:
                continue
            elif len(parts) == 1 and name == FUNDING_FILE and parts[0] in years:
                years[parts[0]].funding_file = path
            elif len(parts) == 2 and parts[1] == THEMES_DIR and parts[0] in years:
                years[parts[0]].theme_files.append(path)
            elif len(parts) == 2 and parts[1] == PROGRESS_DIR and parts[0] in years:
                years[parts[0]].progress_files.append(path)
            else:
                layout.stray_files.append((path, _stray_reason(parts, name)))
    return layout


def _stray_reason(parts: tuple[str, ...], name: str) -> str:
    if len(parts) == 2 and parts[1] in (THEMES_DIR, PROGRESS_DIR):
        return f"the folder {parts[0]}/ has no {PLAN_FILE}"
    if parts[:1] == (INDICATORS_DIR,):
        return "indicator files sit directly in indicators/, not in sub-folders"
    if parts[:1] == (REVIEWS_DIR,):
        if len(parts) > 1:
            return "review files sit directly in reviews/, not in sub-folders"
        return "plan files end in .yaml"
    if parts == () and name.endswith(".yml"):
        return "plan files end in .yaml"
    return (
        "expected partnership.yaml, indicators/<id>.yaml, <year>/plan.yaml, "
        "<year>/themes/<id>.yaml, <year>/progress/<file>.yaml, <year>/funding.yaml or "
        "reviews/<id>.yaml"
    )
