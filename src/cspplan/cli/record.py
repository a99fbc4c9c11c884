"""`cspplan record`: add or update one figure in an indicator's series, or a theme's
answers in a quarter's progress report (`cspplan record progress PLAN_YEAR --theme ...`)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cspplan.cli.console import readable
from cspplan.cli.options import financial_year_option
from cspplan.cli.verbosity import detail, say

if TYPE_CHECKING:
    from cspplan.editing.observations import Recorded
    from cspplan.editing.progress import ProgressChange, ProgressEntry
    from cspplan.model.periods import Period

reported_in_option = financial_year_option(
    "--reported-in",
    "reported_in",
    "The plan year whose document reports the figure: needed to restate a figure a plan "
    "printed (default: none, a figure not yet in any plan).",
)
partnership_option = click.option(
    "--partnership",
    "partnership",
    type=click.Path(path_type=Path, file_okay=False),
    help="The partnership folder (default: the one you are in, or the only one in plans/).",
)


PROGRESS = "progress"
"""`cspplan record progress PLAN_YEAR --theme ...`: the word that asks for a progress report."""

ANSWER_OPTIONS = {
    "summary": "--summary",
    "milestones_reached": "--milestones-reached",
    "milestones_missed": "--milestones-missed",
    "prospects_and_risks": "--prospects-and-risks",
}


@click.command("record", context_settings={"ignore_unknown_options": True})  # VALUE may be -1
@click.argument("indicator")
@click.argument("period")
@click.argument("value", required=False)
@click.option("--note", help="A note kept with the figure, e.g. where it came from.")
@click.option("--provisional", is_flag=True, help="Mark the figure provisional (to be confirmed).")
@reported_in_option
@click.option(
    "--area",
    help="The area (an id under areas: in partnership.yaml) the figure is for "
    "(default: the whole).",
)
@partnership_option
@click.option("--theme", help="Progress: the theme (id in plan.yaml) the report is on.")
@click.option("--quarter", help="Progress: the quarter reported on, 'Q3' or 'Q3 2013/14'.")
@click.option("--summary", help="Progress: the summary answer.")
@click.option("--milestones-reached", "milestones_reached", help="Progress: milestones reached.")
@click.option("--milestones-missed", "milestones_missed", help="Progress: milestones missed.")
@click.option(
    "--prospects-and-risks", "prospects_and_risks", help="Progress: the prospects and risks."
)
@click.option(
    "--status",
    type=click.Choice(["green", "amber", "red", "monitoring", "new", "no_data", "not_applicable"]),
    help="Progress: the status the report publishes for the theme.",
)
@click.option("--label", help="Progress: the published status as printed, e.g. 'AMBER – ...'.")
def command(
    indicator: str,
    period: str,
    value: str | None,
    note: str | None,
    provisional: bool,
    reported_in: Period | None,
    area: str | None,
    partnership: Path | None,
    theme: str | None,
    quarter: str | None,
    status: str | None,
    label: str | None,
    **answers: str | None,
) -> None:
    """Record VALUE for PERIOD in INDICATOR's series (its id, or its file); or, with
    `progress`, a theme's answers for a quarter in the plan year's progress file.

    \b
    cspplan record marac-repeat-incidents "Q3 2018/19" 31%
    cspplan record da-crimes-charged 2018/19 "not yet known"
    cspplan record alcohol-related-hospital-admissions 2018/19 731 --provisional
    cspplan record violent-crime "Q2 2013/14" 412 --area norwich

    cspplan record progress plans/x/2013-14 --theme priority-a --quarter Q3 \\
        --summary "..." --milestones-reached "..." --status amber --label "AMBER"

    A progress report goes in PLAN_YEAR/progress/<yyyy-yy>-q<N>.yaml, created if missing;
    only the answers given change (the others, comments and layout stay). The theme must be
    one plan.yaml lists and the quarter one of the plan year; otherwise nothing is written.

    The file keeps its comments, key order and quoting; only the figure's line changes.
    A figure a plan printed is never overwritten: to restate it, say which plan year
    reports the new figure with --reported-in, and it is added after the printed one.

    A percentage between 0 and 1 typed without a % sign (0.31) is recorded as typed,
    with a warning: it may be a fraction, where 31 or 31% was meant.

    Exit status: 0 recorded, 1 the indicator file (or the plan year) has errors, 2 a
    malformed period, a value in the wrong unit or an unknown indicator or theme, or the
    file cannot be written or changed on disk meanwhile (nothing is written). A second
    record or import of the partnership started meanwhile waits for this one.
    """
    if indicator == PROGRESS and theme is not None:
        if value is not None:
            raise click.UsageError(f"record progress takes one PLAN_YEAR folder, not {value!r}")
        record_progress(Path(period), theme, quarter, answers, status, label)
        return
    progress_only = [theme, quarter, status, label, *answers.values()]
    if any(option is not None for option in progress_only):
        raise click.UsageError(
            "--theme, --quarter, --status, --label and the answers are for a progress report: "
            "cspplan record progress PLAN_YEAR --theme THEME --quarter Q3 --summary ..."
        )
    if value is None:
        raise click.UsageError("missing VALUE: cspplan record INDICATOR PERIOD VALUE")
    from cspplan.atomic import editing, write_edit
    from cspplan.editing.lookup import (
        checked_area,
        checked_indicator,
        indicator_files,
        partnership_folder,
        resolve_indicator,
    )
    from cspplan.editing.observations import (
        Entry,
        EntryError,
        likely_fraction,
        read_period,
        read_value,
        record_in_file,
    )
    from cspplan.exceptions import UsageError
    from cspplan.loading.discovery import partnership_above
    from cspplan.rendering.issue_formats import display_path

    named = Path(indicator)
    if named.suffix.lower() in (".yaml", ".yml") and named.is_file():
        path = named
        folder = partnership_above(named) if area is not None else None
    else:
        folder = partnership_folder(partnership)
        path = resolve_indicator(indicator, indicator_files(folder))
    with editing([path]):  # another record or import of this partnership waits its turn
        model = checked_indicator(path)
        if area is not None:
            if folder is None:
                raise UsageError(f"{path} is not in a partnership folder, so it has no areas")
            checked_area(area, folder)
        try:
            reading = read_value(value, model)
            entry = Entry(read_period(period), reading, note, provisional, reported_in, area)
        except EntryError as error:
            raise UsageError(
                f"cannot record {value!r} for {period!r} in {model.id}: {error}"
            ) from None
        change = record_in_file(path, model, [entry])
        if change.refused:
            raise UsageError(
                f"cannot record {value!r} for {period!r} in {model.id}: {change.refused[0]}"
            )
        done = change.recorded[0]
        shown = display_path(path)
        if change.after != change.before:
            write_edit(path, change.before, change.after)
    say(describe(done, shown) + (" It is marked provisional." if provisional else ""))
    warning = likely_fraction(value, reading, model)
    if warning:
        click.echo(readable(f"cspplan: warning: {warning}"), err=True)
    detail(f"{shown}: {line_count(change.before, change.after)} line(s) changed")


def record_progress(
    plan_year: Path,
    theme: str,
    quarter: str | None,
    answers: dict[str, str | None],
    status: str | None,
    label: str | None,
) -> None:
    """Write a theme's answers for a quarter into the plan year's progress file."""
    from cspplan.atomic import editing
    from cspplan.exceptions import UsageError
    from cspplan.rendering.issue_formats import display_path

    given = {name: text for name, text in answers.items() if text is not None}
    if not given and status is None and label is None:
        options = ", ".join(ANSWER_OPTIONS.values())
        raise UsageError(f"nothing to record: give an answer ({options}) or --status/--label")
    if quarter is None:
        raise UsageError("record progress needs --quarter (e.g. Q3, or 'Q3 2013/14')")
    with editing([plan_year / "plan.yaml"]):  # read and written in turn with other edits
        change, entry = _record_progress(plan_year, theme, quarter, given, status, label)
    shown = display_path(change.path)
    outcome = change.outcomes[0][1]
    what = f"{entry.theme} {entry.quarter}"
    if change.before is None:
        say(f"Created {shown} with the progress report for {what}.")
    elif outcome == "unchanged":
        say(f"No change: the progress report for {what} already says that in {shown}.")
    else:
        say(f"{outcome.capitalize()} the progress report for {what} in {shown}.")
    detail(f"{shown}: {line_count(change.before or '', change.after)} line(s) changed")


def _record_progress(
    plan_year: Path,
    theme: str,
    quarter: str,
    given: dict[str, str],
    status: str | None,
    label: str | None,
) -> tuple[ProgressChange, ProgressEntry]:
    """Read the plan year, write the entry into its progress file, and save it."""
    from cspplan.cli.plans import Purpose, open_for
    from cspplan.editing.observations import EntryError
    from cspplan.editing.progress import (
        ProgressEntry,
        check_theme,
        read_quarter,
        record_progress,
        save_progress,
    )
    from cspplan.exceptions import UsageError
    from cspplan.model.plan import Rating

    workspace = open_for([plan_year], doing=Purpose("recorded in", 1))
    _, year = workspace.year_at(plan_year, hint="name the plan year folder to record progress in")
    try:
        entry = ProgressEntry(
            check_theme(year, theme),
            read_quarter(quarter, year.period),
            given,
            Rating(status) if status else None,
            label,
        )
    except EntryError as error:
        raise UsageError(f"cannot record progress for {theme!r} in {quarter!r}: {error}") from None
    (change,) = record_progress(year, [entry])
    save_progress([change])
    return change, entry


def describe(done: Recorded, shown: str) -> str:
    """One line saying what happened to the figure."""
    from cspplan.editing.observations import Outcome

    what = f"{done.indicator} {done.period}{f' ({done.area})' if done.area else ''}: {done.figure}"
    if done.outcome is Outcome.ADDED:
        return f"Added {what} to {shown}."
    if done.outcome is Outcome.UPDATED:
        return f"Updated {what} in {shown} (was {done.before})."
    if done.outcome is Outcome.RESTATED:
        return f"Restated {what} in {shown}, after the figure {done.before}."
    return f"No change: {what} is already recorded in {shown}."


def line_count(before: str, after: str) -> int:
    import difflib

    return sum(
        1
        for line in difflib.ndiff(before.splitlines(), after.splitlines())
        if line.startswith(("+ ", "- "))
    )
