"""Writing a theme's quarterly progress report into its progress file, without click.

`record progress` and a progress sheet given to `import` both come here: each asks for
some answers (summary, milestones reached and missed, prospects and risks) and perhaps a
published status, for one theme and one quarter of a plan year. The quarter's file is
`<year>/progress/<yyyy-yy>-q<N>.yaml`; it is created when missing, and otherwise edited in
place, keeping its comments and layout. Every entry is checked (a theme the plan lists, a
quarter inside the plan year) and every new text is validated as a progress file before
anything may be written; nothing is written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspplan.editing.lookup import did_you_mean
from cspplan.editing.observations import EntryError
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.periods import Period, PeriodError, PeriodKind, parse_period
from cspplan.model.plan import Rating
from cspplan.model.progress import ANSWERS

REPORT_KEYS = ("theme", "published", *ANSWERS, "notes", "transcription_notes")
"""A report's keys in the model's order: a new key goes before the first later one."""

PROGRESS_COLUMNS: dict[str, tuple[str, ...]] = {
    "theme": ("theme", "theme id", "priority"),
    "quarter": ("quarter", "period"),
    "summary": ("summary", "summary narrative"),
    "milestones_reached": ("milestones reached",),
    "milestones_missed": ("milestones missed",),
    "prospects_and_risks": ("prospects and risks", "prospects & risks"),
    "status": ("status", "rag", "rag status"),
    "label": ("label", "status label"),
}
"""A progress sheet's fields and the headers that name each (compared case-blind)."""


@dataclass(frozen=True)
class ProgressEntry:
    """One theme's answers for one quarter: only what is given is written."""

    theme: str
    quarter: Period
    answers: dict[str, str] = field(default_factory=dict)
    """Answer name (see ANSWERS) → text; answers left out stay as they are in the file."""
    status: Rating | None = None
    label: str | None = None


@dataclass
class ProgressChange:
    """A progress file's new text and what happened to each entry's report."""

    path: Path
    before: str | None
    """The file as it was; None when it is to be created."""
    after: str
    outcomes: list[tuple[str, str]] = field(default_factory=list)
    """(theme id, 'added', 'updated' or 'unchanged') per entry, in order."""

    @property
    def altered(self) -> bool:
        return self.before != self.after


def save_progress(changes: list[ProgressChange]) -> None:
    """Write every altered progress file, or none (each is written aside, then renamed);
    a plan year's `progress/` folder is made when its first file is."""
    from cspplan.atomic import write_outputs
    from cspplan.exceptions import OutputError

    altered = {change.path: change.after for change in changes if change.altered}
    read = {change.path: change.before for change in changes if change.altered}
    for path in altered:
        if path.parent.name == "progress" and not path.parent.exists():
            try:
                path.parent.mkdir()
            except OSError as error:
                raise OutputError(f"cannot make {path.parent}: {error.strerror}") from None
    write_outputs(altered, read)


def quarter_file_name(quarter: Period) -> str:
    """`2013-14-q2.yaml` for Q2 2013/14."""
    return f"{str(quarter.financial_year).replace('/', '-')}-q{quarter.number}.yaml"


def read_quarter(text: str, plan_year: Period | None) -> Period:
    """A quarter as typed: 'Q3' (of `plan_year`) or 'Q3 2013/14', inside `plan_year`."""
    typed = str(text).strip()
    if re.fullmatch(r"[Qq][1-4]", typed):
        if plan_year is None:
            raise EntryError(
                f"'{typed}' needs its year: write it as e.g. '{typed.upper()} 2013/14'"
            )
        typed = f"{typed.upper()} {plan_year}"
    try:
        quarter = parse_period(typed)
    except PeriodError as error:
        raise EntryError(str(error)) from None
    if quarter.kind is not PeriodKind.QUARTER:
        raise EntryError(f"'{text}' is not a quarter; write e.g. 'Q3' or 'Q3 2013/14'")
    if plan_year is not None and quarter.financial_year != plan_year:
        raise EntryError(f"{quarter} is not a quarter of the {plan_year} plan year")
    return quarter


def read_status(text: str) -> tuple[Rating, str | None]:
    """A status as typed or printed ('amber', 'GREEN – on track'): the rating, and the
    printed words as its label when they say more than the bare word."""
    typed = " ".join(str(text).split())
    word = re.split(r"[^A-Za-z_]", typed, maxsplit=1)[0].lower()
    try:
        rating = Rating(word)
    except ValueError:
        known = ", ".join(rating.value for rating in Rating)
        raise EntryError(f"'{text}' is not a status; the statuses are {known}") from None
    return rating, (typed if typed.lower() != rating.value else None)


def check_theme(year: LoadedYear, theme: str) -> str:
    """The theme id if the plan year lists it; otherwise an error naming the near ones."""
    if theme in year.plan.themes:
        return theme
    raise EntryError(
        f"no theme '{theme}' in the {year.period} plan.yaml{did_you_mean(theme, year.plan.themes)}"
    )


def year_for(csp: LoadedPartnership, quarter: Period) -> LoadedYear:
    """The plan year a quarter belongs to."""
    year = csp.year(quarter.financial_year)
    if year is None:
        have = ", ".join(str(y.period) for y in csp.years) or "none"
        raise EntryError(
            f"no {quarter.financial_year} plan year in this partnership (it has {have})"
        )
    return year


def progress_file(year: LoadedYear, quarter: Period) -> Path:
    """The file holding the quarter's reports: the loaded one for that period, else
    `progress/<yyyy-yy>-q<N>.yaml` (which may exist and not load: editing it says why)."""
    for loaded in year.progress:
        if loaded.period == quarter:
            return loaded.file
    return year.folder / "progress" / quarter_file_name(quarter)


def record_progress(year: LoadedYear, entries: list[ProgressEntry]) -> list[ProgressChange]:
    """Each quarter's progress file with the entries' answers written in (not saved).
    Entries must be of `year`'s themes and quarters (see `check_theme`, `read_quarter`)."""
    by_file: dict[Path, list[ProgressEntry]] = {}
    for entry in entries:
        by_file.setdefault(progress_file(year, entry.quarter), []).append(entry)
    return [_record_file(path, group) for path, group in by_file.items()]


def _record_file(path: Path, entries: list[ProgressEntry]) -> ProgressChange:
    from cspplan.editing.yaml_file import YamlFile, dump, refuse_invalid
    from cspplan.model.progress import ProgressFile

    outcomes: list[tuple[str, str]] = []

    def change(data: Any) -> None:
        for entry in entries:
            outcomes.append((entry.theme, _write_report(data, entry)))

    if path.exists():
        document = YamlFile.open(path)
        if document.data is None:  # an empty file: start it afresh
            before: str | None = document.as_read
            data = _new_file(entries[0].quarter)
            change(data)
            after = dump(data)
        else:
            before = document.as_read
            after = document.edited(change)
    else:
        before = None
        data = _new_file(entries[0].quarter)
        change(data)
        after = dump(data)
    refuse_invalid(path, after, ProgressFile, None)
    return ProgressChange(path, before, after, outcomes)


def _new_file(quarter: Period) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    return CommentedMap([("period", str(quarter)), ("reports", CommentedSeq())])


def _write_report(data: Any, entry: ProgressEntry) -> str:
    """Put the entry's answers in its theme's report; 'added', 'updated' or 'unchanged'."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from cspplan.editing.yaml_file import insert_key

    reports = data.get("reports")
    if reports is None:
        reports = CommentedSeq()
        insert_key(data, "reports", reports, before=("transcription_notes",))
    report = next(
        (item for item in reports if isinstance(item, dict) and item.get("theme") == entry.theme),
        None,
    )
    outcome = "updated"
    if report is None:
        report = CommentedMap([("theme", entry.theme)])
        reports.append(report)
        outcome = "added"
    before = _plain(report)
    for name, text in entry.answers.items():
        _set(report, name, _text(text))
    if entry.status is not None or entry.label is not None:
        published = report.get("published")
        if published is None:
            published = CommentedMap()
            _set(report, "published", published)
        if entry.status is not None:
            published["status"] = entry.status.value
        if entry.label is not None:
            published["label"] = _text(entry.label)
    if outcome == "updated" and _plain(report) == before:
        return "unchanged"
    return outcome


def _set(report: Any, key: str, value: Any) -> None:
    from cspplan.editing.yaml_file import set_key

    set_key(report, key, value, order=REPORT_KEYS)


def _text(text: str) -> Any:
    """An answer as YAML text: several lines as a literal block, so the file reads as the
    answer was written (and a changed line diffs as one)."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    cleaned = "\n".join(line.rstrip() for line in str(text).strip().splitlines())
    return LiteralScalarString(cleaned + "\n") if "\n" in cleaned else cleaned


def _plain(report: Any) -> Any:
    import json

    return json.dumps(report, default=str, sort_keys=True)


# -- a progress sheet (cspplan import) -------------------------------------------------------


def progress_columns(headers: list[str]) -> dict[str, int] | None:
    """Field → column index for a progress sheet (a theme column and at least one answer or
    status column), or None when the sheet is not one."""
    folded = [" ".join(header.lower().split()) for header in headers]
    found: dict[str, int] = {}
    for name, usual in PROGRESS_COLUMNS.items():
        for index, header in enumerate(folded):
            if header in usual and index not in found.values():
                found[name] = index
                break
    answered = any(name in found for name in (*ANSWERS, "status"))
    return found if "theme" in found and answered else None


@dataclass
class ProgressRows:
    """A progress sheet read against the partnership: entries by plan year, and rejections."""

    entries: dict[Period, list[tuple[int, ProgressEntry]]] = field(default_factory=dict)
    """Plan year → (row number, entry) in row order."""
    rejected: list[tuple[int, str, str | None]] = field(default_factory=list)
    """(row number, reason, column) for each row that cannot be recorded."""


def read_progress_rows(
    rows: list[tuple[int, list[str]]],
    headers: list[str],
    where: dict[str, int],
    csp: LoadedPartnership,
) -> ProgressRows:
    """Every row of a progress sheet as an entry, or rejected with its reason and column."""
    read = ProgressRows()
    seen: dict[tuple[str, Period], int] = {}
    for number, cells in rows:
        cell = {name: (cells[i].strip() if i < len(cells) else "") for name, i in where.items()}
        if not any(cell.values()):
            continue
        column = ""
        try:
            column = "quarter"
            if not cell.get("quarter"):
                raise EntryError("no quarter given (write e.g. 'Q2 2013/14')")
            quarter = read_quarter(cell["quarter"], None)
            year = year_for(csp, quarter)
            column = "theme"
            theme = check_theme(year, cell["theme"])
            column = "status"
            status, label = read_status(cell["status"]) if cell.get("status") else (None, None)
        except EntryError as error:
            read.rejected.append((number, str(error), _header(headers, where, column)))
            continue
        if cell.get("label"):
            label = cell["label"]
        if (theme, quarter) in seen:
            read.rejected.append(
                (number, f"{theme} {quarter} is already on row {seen[(theme, quarter)]}", None)
            )
            continue
        seen[(theme, quarter)] = number
        answers = {name: cell[name] for name in ANSWERS if cell.get(name)}
        entry = ProgressEntry(theme, quarter, answers, status, label)
        read.entries.setdefault(year.period, []).append((number, entry))
    return read


def _header(headers: list[str], where: dict[str, int], name: str) -> str | None:
    index = where.get(name)
    return headers[index] if index is not None else None
