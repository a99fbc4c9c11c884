"""Checks on the quarterly progress files: the right plan year, known themes.

A theme reported twice in one file, or two files for one quarter, is R006 duplicate-id
(in references.py, with the other ids that must be unique)."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.checks.references import _suggest
from cspplan.checks.registry import Finding, check, found
from cspplan.model.collection import LoadedPartnership


@check(
    "C017",
    "progress-outside-plan-year",
    title="A progress report for a period outside its plan year",
    template="the progress report is for {period}, which is not inside the plan year {year}",
    hint="move the file to the plan year it reports on, or correct its period",
)
def progress_outside_plan_year(csp: LoadedPartnership) -> Iterator[Finding]:
    """A progress file reports on a period that does not fall inside the plan year whose
    `progress/` folder it is in. A quarter's answers belong to that quarter's plan year:
    documents and `status` read them from there, so a report filed in the wrong year would
    be printed against the wrong plan."""
    for year in csp.years:
        for loaded in year.progress:
            period = loaded.period
            if period.start < year.period.start or period.end > year.period.end:
                yield found(loaded.file, ("period",), period=period, year=year.period)


@check(
    "R015",
    "unknown-theme",
    title="Progress report for an unknown theme",
    template="no theme '{ref}' in the {year} plan.yaml",
)
def unknown_theme(csp: LoadedPartnership) -> Iterator[Finding]:
    """A progress report names a `theme` that the plan year's plan.yaml does not list, so
    no document could print it under its theme."""
    for year in csp.years:
        known = set(year.plan.themes)
        for loaded in year.progress:
            for index, report in enumerate(loaded.progress.reports):
                if report.theme not in known:
                    yield found(
                        loaded.file,
                        ("reports", index, "theme"),
                        ref=report.theme,
                        year=year.period,
                        hint=_suggest(report.theme, known),
                    )
