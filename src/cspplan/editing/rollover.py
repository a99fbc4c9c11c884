"""`new-year`: roll a plan year forward into the next, and list what an officer must review.

The new year starts as a copy of the old one, because most of a refreshed plan is the
same: every theme and action continues ("same as" lineage), outcomes, narratives,
indicators and targets are kept for review. What belonged to the old year only is taken
out: the year's focus items (they stay in last year's files, which are the history), the
printed statuses, last year's achievements (the plan's and each theme's) and dropped list,
and notes about how the old document was transcribed. Quarterly progress reports
(`progress/`) are not carried at all: they are the old year's record. Lines that are not
changed stay exactly as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspplan.editing.yaml_file import YamlFile, flow_text, insert_key, refuse_invalid
from cspplan.exceptions import UsageError
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.periods import Period
from cspplan.wording import day, plural

YEAR_ONLY_MEASURE_FIELDS = ("published", "override", "latest", "printed", "transcription_notes")
"""What a measure printed about last year: its status, and how the row was read."""
YEAR_ONLY_PLAN_FIELDS = ("period_note", "achievements", "dropped", "source", "transcription_notes")
YEAR_ONLY_THEME_FIELDS = ("achievements", "transcription_notes")
"""What a theme printed about the year before: its achievements (the old files keep them).
Its lead, targets and each action's objective, key actions, target and links are kept."""


@dataclass
class Review:
    """What an officer must look at in the new plan year, in plain words."""

    headline: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    """Actions whose focus for the year must be written."""
    timescales: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    old_text: list[str] = field(default_factory=list)
    """'file:line: mentions 2017/18' for text carried over that names the old year."""


@dataclass
class Rollover:
    folder: Path
    files: dict[Path, str]
    """Relative path inside the new year folder → text."""
    review: Review


def year_folder_name(period: Period) -> str:
    return str(period).replace("/", "-")


def roll_forward(csp: LoadedPartnership, source: LoadedYear, to: Period) -> Rollover:
    """The new plan year's files (not written) and the review list."""
    if to <= source.period:
        raise UsageError(f"{to} is not after {source.period}: a plan rolls forward")
    folder = csp.folder / year_folder_name(to)
    if folder.exists():
        raise UsageError(f"{folder} already exists; nothing was written")
    later = [year for year in csp.years if source.period < year.period < to]
    ref_prefix = f"{source.period}:" if later else ""
    review = Review()
    files: dict[Path, str] = {}

    plan_file = YamlFile.open(source.file)
    files[Path("plan.yaml")] = plan_file.edited(lambda data: _plan(data, source, to, review))
    for theme in source.themes:
        path = source.theme_files[theme.id]
        document = YamlFile.open(path)
        files[Path("themes") / path.name] = document.edited(
            lambda data, theme_id=theme.id: _theme(
                data, theme_id, ref_prefix, to, to.year - source.period.year, review
            )
        )
    _check_models(files, folder)
    if source.progress:
        review.headline.append(
            f"{plural(len(source.progress), 'progress file')} of {source.period} stay with "
            f"{source.period} and were not carried: progress reports are their year's own."
        )
    review.targets = _targets(csp, source)
    review.old_text = _old_year_mentions(files, folder, source.period)
    return Rollover(folder, files, review)


# -- plan.yaml --------------------------------------------------------------------------------


def _plan(data: Any, source: LoadedYear, to: Period, review: Review) -> None:
    old, new = source.period, to
    title = str(data.get("title", ""))
    renamed = _replace_year(title, old, new)
    if renamed != title:
        data["title"] = renamed
        review.headline.append(f"Title now reads '{renamed}': check it.")
    else:
        review.headline.append(f"Title '{title}' does not name {old}: check it names {new}.")
    data["period"] = str(new)
    cycle = data.get("cycle")
    if cycle is not None:
        step = new.year - old.year
        length = source.plan.cycle.end.year - source.plan.cycle.start.year + 1
        if cycle["year"] + step > length:
            data.pop("cycle")
            review.headline.append(
                f"The cycle '{cycle['name']}' ended in {source.plan.cycle.end}: "
                "add the new cycle (name, start, end, year)."
            )
        else:
            cycle["year"] = cycle["year"] + step
            review.headline.append(f"Now year {cycle['year']} of {length} of '{cycle['name']}'.")
    if data.get("achievements"):
        review.headline.append(
            f"{len(data['achievements'])} achievements of {old} were cleared: "
            f"write what {old} achieved."
        )
    for key in YEAR_ONLY_PLAN_FIELDS:
        data.pop(key, None)
    headline = data.get("headline")
    if headline:
        for measure in headline.get("indicators") or []:
            _clear_measure(measure)
    review.headline.append(
        "Introduction, outcomes and headline text are last year's: reread them "
        f"(mentions of {old} are listed below)."
    )


def _year_forms(period: Period) -> list[str]:
    """How text names a plan year: 2017/18, 2017-18, 2017-2018."""
    return [str(period), year_folder_name(period), f"{period.year}-{period.year + 1}"]


def _replace_year(text: str, old: Period, new: Period) -> str:
    for before, after in zip(_year_forms(old), _year_forms(new), strict=True):
        text = text.replace(before, after)
    return text


# -- theme files ------------------------------------------------------------------------------


def _theme(data: Any, theme_id: str, prefix: str, to: Period, step: int, review: Review) -> None:
    _set_lineage(data, theme_id, prefix)
    achieved = len(data.get("achievements") or [])
    if achieved:
        review.headline.append(
            f"{theme_id}: {plural(achieved, 'achievement')} of the year before "
            f"{'was' if achieved == 1 else 'were'} cleared: write what the theme achieved."
        )
    for key in YEAR_ONLY_THEME_FIELDS:
        data.pop(key, None)
    for action in data.get("actions") or []:
        _set_lineage(action, action["id"], prefix)
        title = action.get("title", action["id"])
        focus = action.pop("focus", None)
        if focus:
            review.focus.append(f"{theme_id}: {title} ({plural(len(focus), 'item')} last year)")
        action.pop("transcription_notes", None)
        for part in (action.get("timescale") or {}).get("parts") or []:
            if part.get("kind") == "cycle" and part.get("year"):
                years = part.get("years")
                if years is None or part["year"] + step <= years:
                    part["year"] = part["year"] + step
                else:
                    review.timescales.append(
                        f"{theme_id}: {title}: its {years} year cycle has ended; set the new one"
                    )
        ended = _timescale_end(action)
        if ended is not None and ended < to.start:
            review.timescales.append(f"{theme_id}: {title}: the timescale ended {day(ended)}")
    for measure in data.get("indicators") or []:
        _clear_measure(measure)


def _set_lineage(item: Any, item_id: str, prefix: str) -> None:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    sources = CommentedSeq([flow_text(f"{prefix}{item_id}")])
    sources.fa.set_flow_style()
    lineage = CommentedMap([("kind", "same_as"), ("from", sources)])
    lineage.fa.set_flow_style()
    if "lineage" in item:
        item["lineage"] = lineage
    else:
        insert_key(item, "lineage", lineage, before=("notes", "transcription_notes"))


def _clear_measure(measure: Any) -> None:
    for key in YEAR_ONLY_MEASURE_FIELDS:
        measure.pop(key, None)


def _timescale_end(action: Any) -> Any:
    """The last day a dated timescale runs to, or None when it is rolling or undated."""
    from cspplan.model.periods import PeriodError, coerce_period

    ends = []
    for part in (action.get("timescale") or {}).get("parts") or []:
        kind = part.get("kind")
        if kind in ("rolling", "cycle", "on_hold"):
            return None
        due = part.get("by") if kind == "deadline" else part.get("end") or part.get("date")
        try:
            ends.append(coerce_period(due).end)
        except (PeriodError, TypeError):
            continue
    return max(ends) if ends else None


# -- checks and review ------------------------------------------------------------------------


def _check_models(files: dict[Path, str], folder: Path) -> None:
    """Every new file must pass validate's file and schema checks before anything is written."""
    from cspplan.model.plan import PlanFile, Theme

    for relative, text in files.items():
        if relative.name == "plan.yaml":
            refuse_invalid(folder / relative, text, PlanFile, None)
        else:
            refuse_invalid(folder / relative, text, Theme, (relative.stem, "file"))


def _targets(csp: LoadedPartnership, source: LoadedYear) -> list[str]:
    """Every target carried forward, in words, so none is kept without a look."""
    from cspplan import wording

    lines = []
    for theme, measure in source.measures():
        indicator = csp.indicators.get(measure.indicator)
        if indicator is None:
            continue
        where = theme.title if theme is not None else "Headline"
        if measure.target is not None:
            words = wording.target(measure.target, indicator)
            lines.append(f"{where}: {measure.wording}: {words}")
        for further in measure.further_targets:
            heading = wording.target_heading(further, source.period)
            words = wording.target(further, indicator)
            lines.append(f"{where}: {measure.wording}: {heading}: {words}")
    return lines


def _old_year_mentions(files: dict[Path, str], folder: Path, old: Period) -> list[str]:
    pattern = re.compile("|".join(re.escape(form) for form in _year_forms(old)))
    found = []
    for relative, text in sorted(files.items()):
        for number, line in enumerate(text.splitlines(), start=1):
            if line.lstrip().startswith("#") or "same_as" in line:
                continue
            if pattern.search(line):
                mentions = sorted(set(pattern.findall(line)))
                found.append(
                    f"{folder.name}/{relative.as_posix()}:{number}: mentions {', '.join(mentions)}"
                )
    return found
