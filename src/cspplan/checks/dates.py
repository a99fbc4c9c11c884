"""Checks on dates and periods: deadlines, latest figures and cycle years."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from cspplan import wording
from cspplan.checks import walk
from cspplan.checks.references import resolve_lineage_ref
from cspplan.checks.registry import Finding, check, found
from cspplan.checks.walk import Path_
from cspplan.issues import Severity
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.periods import Period
from cspplan.model.plan import CycleStep, DateRange, Deadline, LineageKind, Milestone, Timescale
from cspplan.paths import PLAIN, odd_character, shown


@check(
    "C001",
    "due-after-plan-year",
    title="Due date after the plan year ends",
    template="'{title}' is due {due}, after the {year} plan year ends ({end})",
    severity=Severity.WARNING,
    hint="if the work runs on, say so in the timescale; otherwise correct the date",
)
def due_after_plan_year(csp: LoadedPartnership) -> Iterator[Finding]:
    """An action's deadline, date range or milestone, or one of its key actions' due dates,
    falls after the end of the plan year it appears in. Sometimes that is intended (a
    multi-year project), so this is a warning for a reader to confirm rather than an error."""
    dated: list[tuple[str, Timescale | None, Path, Path_, LoadedYear | None]] = [
        (a.item.title, a.item.timescale, a.file, (*a.path, "timescale"), a.year)
        for a in walk.actions(csp)
    ]
    dated += [
        (s.step.text, s.step.due, s.action.file, (*s.path, "due"), s.action.year)
        for s in walk.steps(csp)
    ]
    for title, timescale, file, path, year in dated:
        if timescale is None or year is None:
            continue
        year_end = year.period.end
        for index, field, due in due_dates(timescale):
            if due.end > year_end:
                yield found(
                    file,
                    (*path, "parts", index, field),
                    title=title,
                    due=due,
                    year=year.label,
                    end=wording.day(year_end),
                )


def due_dates(timescale: Timescale) -> Iterator[tuple[int, str, Period]]:
    """(part index, field, date) for each dated part of a timescale: a deadline's `by`, a
    range's `end`, a milestone's `date`; rolling, cycle and on-hold parts have none."""
    for index, part in enumerate(timescale.parts):
        if isinstance(part, Deadline):
            yield index, "by", part.by
        elif isinstance(part, DateRange):
            yield index, "end", part.end
        elif isinstance(part, Milestone):
            yield index, "date", part.date


@check(
    "C020",
    "milestone-after-action",
    title="Key action due after its action ends",
    template="'{step}' is due {due}, after its action '{title}' is due to end ({end})",
    severity=Severity.WARNING,
    hint="correct the key action's due date or the action's timescale",
)
def milestone_after_action(csp: LoadedPartnership) -> Iterator[Finding]:
    """A key action or milestone of an action-plan row is due after the latest date of the
    row's own timescale ('By when'), so the row says it is finished before its steps are.
    Rows with no dated timescale are not checked."""
    for located in walk.steps(csp):
        action = located.action.item
        if located.step.due is None or action.timescale is None:
            continue
        ends = [due.end for _, _, due in due_dates(action.timescale)]
        if not ends:
            continue
        action_end = max(ends)
        for index, field, due in due_dates(located.step.due):
            if due.end > action_end:
                yield found(
                    located.action.file,
                    (*located.path, "due", "parts", index, field),
                    step=" ".join(located.step.text.split()),
                    due=due,
                    title=" ".join(action.title.split()),
                    end=wording.day(action_end),
                )


@check(
    "C002",
    "latest-after-plan-year",
    title="A 'latest' figure from after the plan year",
    template="{what} {period} is after the {year} plan year ends, so that plan cannot have printed it",
)
def latest_after_plan_year(csp: LoadedPartnership) -> Iterator[Finding]:
    """A measure's latest period, or an observation said to be reported in a plan year,
    comes from after that plan year ended. A plan cannot print figures from its own future:
    the period or the plan year is wrong."""
    for measure in walk.measures(csp):
        latest = measure.item.latest
        if latest is not None and measure.year is not None and latest.end > measure.year.period.end:
            yield found(
                measure.file,
                (*measure.path, "latest"),
                what="the latest period",
                period=latest,
                year=measure.year.label,
            )
    years = {year.period for year in csp.years}
    for indicator_id, indicator in csp.indicators.items():
        file = csp.indicator_files[indicator_id]
        for index, observation in enumerate(indicator.series):
            for plan_year in observation.reported_in:
                if plan_year in years and observation.period.end > plan_year.end:
                    yield found(
                        file,
                        ("series", index, "period"),
                        what="the observation for",
                        period=observation.period,
                        year=plan_year,
                    )


@check(
    "C005",
    "cycle-year-not-advancing",
    title="Plan cycle year does not advance",
    template="this is year {year} of '{cycle}', but the {previous} plan was year {previous_year}, so year {expected} was expected",
    hint="consecutive plan years of the same cycle should count up by one",
)
def cycle_year_not_advancing(csp: LoadedPartnership) -> Iterator[Finding]:
    """Two consecutive plan years belong to the same multi-year plan (the same cycle name),
    but the later one's year in the cycle is not the earlier one's plus the years between
    them — last year's text surviving into this year's plan."""
    for year in csp.years:
        previous = csp.previous(year)
        if previous is None or year.plan.cycle is None or previous.plan.cycle is None:
            continue
        cycle, earlier = year.plan.cycle, previous.plan.cycle
        if cycle.name != earlier.name:
            continue
        gap = year.period.year - previous.period.year
        if cycle.year != earlier.year + gap:
            yield found(
                year.file,
                ("cycle", "year"),
                year=cycle.year,
                cycle=cycle.name,
                previous=previous.label,
                previous_year=earlier.year,
                expected=earlier.year + gap,
            )


@check(
    "C013",
    "action-cycle-year-not-advancing",
    title="Action's cycle year does not advance",
    template="'{title}' is in year {year} of its cycle, but in {previous} it was year {previous_year}, so year {expected} was expected",
    severity=Severity.WARNING,
)
def action_cycle_year_not_advancing(csp: LoadedPartnership) -> Iterator[Finding]:
    """An action carried forward from last year (lineage `same_as` or `renamed_from`) gives
    a year in its rolling cycle that is not last year's plus one. A restarted strategy
    explains it; a copied timescale does not."""
    for year in csp.years:
        for theme in year.themes:
            file = year.theme_files[theme.id]
            for index, action in enumerate(theme.actions):
                lineage = action.lineage
                if lineage is None or lineage.kind not in (
                    LineageKind.SAME_AS,
                    LineageKind.RENAMED_FROM,
                ):
                    continue
                now = _cycle_year(action)
                target, ref = resolve_lineage_ref(csp, year, lineage.from_[0])
                if now is None or target is None:
                    continue
                before = next((a for _, a in target.actions() if a.id == ref), None)
                earlier = _cycle_year(before) if before is not None else None
                if earlier is None:
                    continue
                gap = year.period.year - target.period.year
                if now[1] != earlier[1] + gap:
                    yield found(
                        file,
                        ("actions", index, "timescale", "parts", now[0], "year"),
                        title=action.title,
                        year=now[1],
                        previous=target.label,
                        previous_year=earlier[1],
                        expected=earlier[1] + gap,
                    )


def _cycle_year(action) -> tuple[int, int] | None:
    if action.timescale is None:
        return None
    for index, part in enumerate(action.timescale.parts):
        if isinstance(part, CycleStep) and part.year is not None:
            return index, part.year
    return None


@check(
    "C011",
    "folder-period-mismatch",
    title="Plan year folder name does not match its period",
    template="the folder is named '{folder}' but plan.yaml says the period is {period} (expected '{expected}')",
    severity=Severity.WARNING,
)
def folder_period_mismatch(csp: LoadedPartnership) -> Iterator[Finding]:
    """A plan year's folder should be named after its period (2018/19 lives in 2018-19/),
    so that people and commands find the year they expect."""
    for year in csp.years:
        expected = year.label.replace("/", "-")
        if year.folder.name != expected:
            name = year.folder.name
            yield found(
                year.file,
                ("period",),
                hint=odd_character(name, PLAIN),  # a look-alike '2О18-19', a line break
                folder=shown(name),
                period=year.label,
                expected=expected,
            )
