"""Checks on a plan year's funding.yaml: printed totals against their parts, figures
printed twice, links to the plan's themes and actions.

The source's own contradictions are kept as printed (the data is never corrected); the
checks warn, naming both numbers and the unit, so a reader knows the document disagrees
with itself there."""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.checks.references import _suggest
from cspplan.checks.registry import Finding, check, found
from cspplan.issues import Severity
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.funding import MoneyUnit, Schedule, number


def _funded(csp: LoadedPartnership) -> Iterator[LoadedYear]:
    for year in csp.years:
        if year.funding is not None:
            yield year


def _name(schedule: Schedule, label: str | None, item_id: str) -> str:
    return f"'{label or item_id}' in {schedule.title}"


def _figure(value: float, unit: MoneyUnit | None) -> str:
    return f"{number(value)} {unit.words}" if unit is not None else number(value)


@check(
    "C027",
    "funding-total-differs",
    title="A printed funding total differs from the sum of its parts",
    template="{total} is printed as {printed} but its parts come to {sum} ({terms})",
    severity=Severity.WARNING,
    hint="keep the figures as printed and say in transcription_notes which one is wrong, "
    "if the source says",
)
def funding_total_differs(csp: LoadedPartnership) -> Iterator[Finding]:
    """A total in a funding schedule (a group's figure, a TOTAL line, a balance left after
    commitments) is not the sum of the lines it totals (less any it takes away). Sources
    do contradict themselves; the figures stay as printed, and the warning names both
    numbers so a reader of the plan knows which to doubt. Where some parts print no
    figure, it warns only when the priced ones already exceed the total."""
    for year in _funded(csp):
        loaded = year.funding
        for s, schedule in enumerate(loaded.funding.schedules):
            for t, total in enumerate(schedule.totals):
                result = schedule.added_up(total)
                if not result.disagrees:
                    continue
                words = result.sum_words()
                if result.unpriced:
                    words += f"; no figure printed for {', '.join(result.unpriced)}"
                yield found(
                    loaded.file,
                    ("schedules", s, "totals", t, "amount"),
                    total=_name(schedule, total.label, total.id),
                    printed=_figure(total.amount.value, result.unit),
                    sum=_figure(result.value, result.unit),
                    terms=words,
                )


@check(
    "C028",
    "funding-printed-differently",
    title="A funding figure printed differently in two places",
    template="{subject} is printed as {first} and as {second}",
    severity=Severity.WARNING,
    hint="keep both as printed (also_printed, the schedule's year) and say in "
    "transcription_notes which the source means, if it says",
)
def funding_printed_differently(csp: LoadedPartnership) -> Iterator[Finding]:
    """One figure printed twice with different values: a line or total and the same figure
    in the text (`also_printed`, compared in pounds, so '£157k' matches 157 under £'000),
    or a schedule whose title names one year while every amount in it is for another."""
    for year in _funded(csp):
        loaded = year.funding
        for s, schedule in enumerate(loaded.funding.schedules):
            entries = [("lines", i, e) for i, e in enumerate(schedule.lines)]
            entries += [("totals", i, e) for i, e in enumerate(schedule.totals)]
            for kind, i, entry in entries:
                if entry.amount is None or entry.amount.value is None:
                    continue
                here = schedule.pounds(entry.amount)
                for k, other in enumerate(entry.also_printed):
                    there = schedule.pounds(other.amount)
                    if here is None or there is None or abs(here - there) < 0.5:
                        continue
                    unit = schedule.unit_of(entry.amount)
                    yield found(
                        loaded.file,
                        ("schedules", s, kind, i, "also_printed", k, "amount"),
                        subject=_name(
                            schedule,
                            getattr(entry, "label", None) or getattr(entry, "item", None),
                            entry.id,
                        ),
                        first=f"{_figure(entry.amount.value, unit)} (in the schedule)",
                        second=f"{other.amount.printed} ({other.where})",
                    )
            years = schedule.other_years()
            if years:
                printed = ", ".join(years)
                yield found(
                    loaded.file,
                    ("schedules", s, "year"),
                    subject=f"the year of {schedule.title}",
                    first=f"{schedule.year} (its title)",
                    second=f"{printed} (the year of every amount in it)",
                )


@check(
    "R021",
    "unknown-funding-link",
    title="Funding linked to an unknown theme, action or schedule line",
    template="no {kind} '{ref}' in {where}",
)
def unknown_funding_link(csp: LoadedPartnership) -> Iterator[Finding]:
    """A funded line or evaluation box names a `theme` or `action` that the plan year does
    not have, or an evaluation box's `line` names no line or total in the funding file: no
    document could print the money against it."""
    for year in _funded(csp):
        loaded = year.funding
        themes = set(year.plan.themes)
        actions = {action.id for _, action in year.actions()}
        lines = {i for schedule in loaded.funding.schedules for i in schedule.ids()}
        plan = f"the {year.period} plan"
        links: list[tuple[tuple[str | int, ...], str, str | None, set[str], str]] = []
        for s, schedule in enumerate(loaded.funding.schedules):
            for i, line in enumerate(schedule.lines):
                path = ("schedules", s, "lines", i)
                links.append(((*path, "theme"), "theme", line.theme, themes, plan))
                links.append(((*path, "action"), "action", line.action, actions, plan))
        for b, box in enumerate(loaded.funding.evaluations):
            path = ("evaluations", b)
            links.append(((*path, "theme"), "theme", box.theme, themes, plan))
            links.append(((*path, "action"), "action", box.action, actions, plan))
            links.append(
                ((*path, "line"), "schedule line or total", box.line, lines, "funding.yaml")
            )
        for path, kind, ref, known, where in links:
            if ref is not None and ref not in known:
                yield found(
                    loaded.file, path, kind=kind, ref=ref, where=where, hint=_suggest(ref, known)
                )


@check(
    "R022",
    "funding-total-unusable",
    title="A printed total whose parts cannot be added up",
    template="{total} cannot be compared with its parts: {reason}",
)
def funding_total_unusable(csp: LoadedPartnership) -> Iterator[Finding]:
    """A total names a part (or a line it takes away) that is not a line or total of its
    schedule, or one whose id two lines share, or a part printed in another unit than the
    total (£ beside £'000). Amounts
    are never converted in the data, so such a total cannot be checked: correct the id,
    or give the part its printed unit."""
    for year in _funded(csp):
        loaded = year.funding
        for s, schedule in enumerate(loaded.funding.schedules):
            known = schedule.ids()
            for t, total in enumerate(schedule.totals):
                result = schedule.added_up(total)
                name = _name(schedule, total.label, total.id)
                for field_name in ("parts", "less"):
                    for p, ref in enumerate(getattr(total, field_name)):
                        if ref in result.unknown:
                            yield found(
                                loaded.file,
                                ("schedules", s, "totals", t, field_name, p),
                                total=name,
                                reason=f"no line or total '{ref}' in {schedule.title}",
                                hint=_suggest(ref, known - {total.id}),
                            )
                        elif ref in result.ambiguous:
                            yield found(
                                loaded.file,
                                ("schedules", s, "totals", t, field_name, p),
                                total=name,
                                reason=f"'{ref}' names more than one line or total in "
                                f"{schedule.title} (ids must be unique)",
                            )
                        elif any(ref == other for other, _ in result.other_units):
                            unit = dict(result.other_units)[ref]
                            yield found(
                                loaded.file,
                                ("schedules", s, "totals", t, field_name, p),
                                total=name,
                                reason=f"'{ref}' is in {unit.words if unit else 'no unit'} "
                                f"and the total in "
                                f"{result.unit.words if result.unit else 'no unit'}",
                            )
