"""Reference checks: every id a plan mentions must exist, and ids must be unique."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from cspplan.checks import walk
from cspplan.checks.registry import Finding, check, found
from cspplan.issues import Severity
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.indicator import Indicator
from cspplan.model.periods import Period

if TYPE_CHECKING:
    from cspplan.model.funding import FundingFile

# -- organisations, people, governance ---------------------------------------------------------


def _organisation_refs(
    csp: LoadedPartnership,
) -> Iterator[tuple[str, Path, tuple[str | int, ...]]]:
    partnership = csp.partnership
    for index, organisation in enumerate(partnership.organisations):
        if organisation.parent:
            yield organisation.parent, csp.file, ("organisations", index, "parent")
    for index, person in enumerate(partnership.people):
        if person.organisation:
            yield person.organisation, csp.file, ("people", index, "organisation")
    for index, body in enumerate(partnership.governance):
        if body.organisation:
            yield body.organisation, csp.file, ("governance", index, "organisation")
    yield from _lead_refs(csp, "organisations", "supporting")
    for contact in walk.contacts(csp):
        if contact.item.organisation:
            yield contact.item.organisation, contact.file, (*contact.path, "organisation")


def _lead_refs(
    csp: LoadedPartnership, *fields: str
) -> Iterator[tuple[str, Path, tuple[str | int, ...]]]:
    """The ids every lead (a theme's or an action's) names under `fields`, located."""
    for lead in walk.leads(csp):
        for field in fields:
            for index, ref in enumerate(getattr(lead.item, field)):
                yield ref, lead.file, (*lead.path, field, index)


@check(
    "R001",
    "unknown-organisation",
    title="Unknown organisation",
    template="no organisation with id '{ref}' in partnership.yaml",
)
def unknown_organisation(csp: LoadedPartnership) -> Iterator[Finding]:
    """An organisation id used as a lead (of a theme or an action), a parent, or a person's
    employer is not listed under `organisations` in partnership.yaml."""
    known = {organisation.id for organisation in csp.partnership.organisations}
    for ref, file, path in _organisation_refs(csp):
        if ref not in known:
            yield found(file, path, ref=ref, hint=_suggest(ref, known))


@check(
    "R002",
    "unknown-person",
    title="Unknown person",
    template="no person with id '{ref}' in partnership.yaml",
)
def unknown_person(csp: LoadedPartnership) -> Iterator[Finding]:
    """A lead (of a theme or an action) or a contact names a person id that is not listed
    under `people` in partnership.yaml."""
    known = {person.id for person in csp.partnership.people}
    for ref, file, path in _lead_refs(csp, "people"):
        if ref not in known:
            yield found(file, path, ref=ref, hint=_suggest(ref, known))
    for contact in walk.contacts(csp):
        if contact.item.person not in known:
            ref = contact.item.person
            yield found(contact.file, (*contact.path, "person"), ref=ref, hint=_suggest(ref, known))


@check(
    "R009",
    "unknown-governance-body",
    title="Unknown governance body",
    template="no governance body with id '{ref}' in partnership.yaml",
)
def unknown_governance_body(csp: LoadedPartnership) -> Iterator[Finding]:
    """A theme, an action, a lead, another body or a linked partnership refers to a board or
    group that is not listed under `governance` in partnership.yaml."""
    known = {body.id for body in csp.partnership.governance}
    refs: list[tuple[str, Path, tuple[str | int, ...]]] = []
    for index, body in enumerate(csp.partnership.governance):
        if body.reports_to:
            refs.append((body.reports_to, csp.file, ("governance", index, "reports_to")))
    for theme in walk.themes(csp):
        refs.extend(
            (ref, theme.file, ("governance", i)) for i, ref in enumerate(theme.item.governance)
        )
    for action in walk.actions(csp):
        refs.extend(
            (ref, action.file, (*action.path, "governance", i))
            for i, ref in enumerate(action.item.governance)
        )
    refs.extend(_lead_refs(csp, "groups"))
    for index, linked in enumerate(csp.partnership.linked_partnerships):
        if linked.governance:
            refs.append((linked.governance, csp.file, ("linked_partnerships", index, "governance")))
    for ref, file, path in refs:
        if ref not in known:
            yield found(file, path, ref=ref, hint=_suggest(ref, known))


# -- indicators and outcomes ------------------------------------------------------------------


@check(
    "R003",
    "unknown-indicator",
    title="Unknown indicator",
    template="no indicator '{ref}' (expected indicators/{ref}.yaml)",
)
def unknown_indicator(csp: LoadedPartnership) -> Iterator[Finding]:
    """A measure, an action or another indicator refers to an indicator id that has no file
    under `indicators/`."""
    known = set(csp.indicators)
    refs: list[tuple[str, Path, tuple[str | int, ...]]] = []
    for measure in walk.measures(csp):
        refs.append((measure.item.indicator, measure.file, (*measure.path, "indicator")))
        if measure.item.part_of:
            refs.append((measure.item.part_of, measure.file, (*measure.path, "part_of")))
    for action in walk.actions(csp):
        refs.extend(
            (ref, action.file, (*action.path, "indicators", i))
            for i, ref in enumerate(action.item.indicators)
        )
    for indicator_id, indicator in csp.indicators.items():
        if indicator.replaces:
            refs.append((indicator.replaces, csp.indicator_files[indicator_id], ("replaces",)))
    for ref, file, path in refs:
        if ref not in known and not csp.indicator_failed(ref):
            yield found(file, path, ref=ref, hint=_suggest(ref, known))


@check(
    "R004",
    "unknown-outcome",
    title="Unknown outcome",
    template="no outcome '{ref}' in this plan year's plan.yaml",
)
def unknown_outcome(csp: LoadedPartnership) -> Iterator[Finding]:
    """A theme serves an outcome id that its plan year's plan.yaml does not list under
    `outcomes`."""
    for theme in walk.themes(csp):
        assert theme.year is not None
        known = {outcome.id for outcome in theme.year.plan.outcomes}
        for index, ref in enumerate(theme.item.outcomes):
            if ref not in known:
                yield found(theme.file, ("outcomes", index), ref=ref, hint=_suggest(ref, known))


@check(
    "R013",
    "unknown-linked-theme",
    title="Unknown linked theme",
    template="no theme '{ref}' in this plan year's plan.yaml",
)
def unknown_linked_theme(csp: LoadedPartnership) -> Iterator[Finding]:
    """An action links to another theme ('Linked priorities') whose id its plan year's
    plan.yaml does not list under `themes`, so the document could not name it."""
    for action in walk.actions(csp):
        assert action.year is not None
        known = set(action.year.plan.themes)
        for index, ref in enumerate(action.item.linked_themes):
            if ref not in known:
                yield found(
                    action.file,
                    (*action.path, "linked_themes", index),
                    ref=ref,
                    hint=_suggest(ref, known),
                )


@check(
    "R010",
    "period-not-in-series",
    title="Baseline or latest period has no observation",
    template="the {which} period {period} has no observation in indicator '{indicator}'",
    hint="add the observation to the indicator's series, or correct the period",
)
def period_not_in_series(csp: LoadedPartnership) -> Iterator[Finding]:
    """A measure's `baseline` or `latest` names a period for which the indicator's series
    holds no observation (of the whole, or of the measure's `area`; a figure printed in that
    period's column, `reported_for`, counts), so the figure a reader sees in the plan would
    be missing."""
    for measure in walk.measures(csp):
        indicator = csp.indicators.get(measure.item.indicator)
        if indicator is None:
            continue
        for which in ("baseline", "latest"):
            period = getattr(measure.item, which)
            area = measure.item.area
            if period is not None and not _in_series(indicator, period, area):
                yield found(
                    measure.file,
                    (*measure.path, which),
                    which=which,
                    period=period,
                    indicator=indicator.id,
                )


def _in_series(indicator: Indicator, period: Period, area: str | None) -> bool:
    """A figure for `period` (of the whole, or of `area`), or one printed in that period's
    column for another window of data (`reported_for`)."""
    if indicator.observation(period, area=area) is not None:
        return True
    return any(obs.reported_for == period and obs.is_part(area) for obs in indicator.series)


@check(
    "R011",
    "unknown-plan-year",
    title="Observation reported in a plan year that is not here",
    template="reported_in names {period}, but this partnership has no {period} plan year",
    severity=Severity.WARNING,
)
def unknown_plan_year(csp: LoadedPartnership) -> Iterator[Finding]:
    """An observation or comparator says it was printed in a plan year whose folder is not
    in the repository. This is fine for history you have not transcribed, hence a warning."""
    known = {year.period for year in csp.years}
    for indicator_id, indicator in csp.indicators.items():
        file = csp.indicator_files[indicator_id]
        for field, items in (("series", indicator.series), ("comparators", indicator.comparators)):
            for index, item in enumerate(items):
                for position, period in enumerate(item.reported_in):
                    if period not in known and not csp.year_files_failed(period):
                        yield found(file, (field, index, "reported_in", position), period=period)


# -- duplicates -----------------------------------------------------------------------------


@check(
    "R006",
    "duplicate-id",
    title="Duplicate id",
    template="the {what} id '{ref}' is used more than once",
)
def duplicate_id(csp: LoadedPartnership) -> Iterator[Finding]:
    """Ids must be unique where they are looked up: organisations, people, governance
    bodies and areas in a partnership; outcomes, themes and actions within a plan year; plan years
    within a partnership; schedules, and lines and totals, within a year's funding.yaml
    (totals and evaluation boxes name lines by id). A progress file reports on each theme
    once, and a plan year has one progress file per period (a second file for the same
    quarter is reported at its `period`: cspplan could not tell which answers are the
    quarter's)."""
    partnership = csp.partnership
    for what, field, items in (
        ("organisation", "organisations", partnership.organisations),
        ("person", "people", partnership.people),
        ("governance body", "governance", partnership.governance),
        ("area", "areas", partnership.areas),
    ):
        yield from _duplicates(
            what, [(item.id, csp.file, (field, i, "id")) for i, item in enumerate(items)]
        )
    for year in csp.years:
        plan = year.plan
        yield from _duplicates(
            "outcome",
            [(o.id, year.file, ("outcomes", i, "id")) for i, o in enumerate(plan.outcomes)],
        )
        yield from _duplicates(
            "theme", [(t, year.file, ("themes", i)) for i, t in enumerate(plan.themes)]
        )
        action_ids = [
            (action.id, year.theme_files[theme.id], ("actions", i, "id"))
            for theme in year.themes
            for i, action in enumerate(theme.actions)
        ]
        yield from _duplicates("action", action_ids)
        if year.funding is not None:
            yield from _funding_duplicates(year.funding.file, year.funding.funding)
        for loaded in year.progress:
            reported = [
                (report.theme, loaded.file, ("reports", i, "theme"))
                for i, report in enumerate(loaded.progress.reports)
            ]
            yield from _duplicates("progress report theme", reported)
        yield from _duplicates(
            "progress report period",
            [(str(loaded.period), loaded.file, ("period",)) for loaded in year.progress],
        )
    yield from _duplicates("plan year", [(str(y.period), y.file, ("period",)) for y in csp.years])


def _funding_duplicates(file: Path, funding: FundingFile) -> Iterator[Finding]:
    schedules = funding.schedules
    yield from _duplicates(
        "funding schedule", [(s.id, file, ("schedules", i, "id")) for i, s in enumerate(schedules)]
    )
    entries = [
        (entry.id, file, ("schedules", i, kind, j, "id"))
        for i, schedule in enumerate(schedules)
        for kind, items in (("lines", schedule.lines), ("totals", schedule.totals))
        for j, entry in enumerate(items)
    ]
    yield from _duplicates("funding line or total", entries)


def _duplicates(
    what: str, entries: Iterable[tuple[str, Path, tuple[str | int, ...]]]
) -> Iterator[Finding]:
    entries = list(entries)
    counts = Counter(ref for ref, _, _ in entries)
    seen: set[str] = set()
    for ref, file, path in entries:
        if counts[ref] > 1:
            if ref in seen:
                yield found(file, path, what=what, ref=ref)
            seen.add(ref)


@check(
    "R012",
    "duplicate-observation",
    title="Observation given twice",
    template="{period}{part} appears more than once for the same plan year(s) in this series",
    hint="keep one; if a later plan restated the figure, give each its reported_in",
)
def duplicate_observation(csp: LoadedPartnership) -> Iterator[Finding]:
    """The same period (of the same area, dimension and category: a breakdown is its own
    figure) appears twice in a series and the two entries do not say they came from
    different plan years, so cspplan cannot tell which figure is meant."""
    for indicator_id, indicator in csp.indicators.items():
        file = csp.indicator_files[indicator_id]
        seen: dict[object, list[set[object]]] = {}
        for index, observation in enumerate(indicator.series):
            years = set(observation.reported_in)
            earlier = seen.setdefault((observation.period, observation.breakdown), [])
            if any(not years or not other or years & other for other in earlier):
                part = observation.part_words()
                yield found(
                    file,
                    ("series", index, "period"),
                    period=observation.period,
                    part=f" ({part})" if part else "",
                )
            earlier.append(years)


def _area_refs(csp: LoadedPartnership) -> Iterator[tuple[str, Path, tuple[str | int, ...]]]:
    for index, area in enumerate(csp.partnership.areas):
        if area.part_of:
            yield area.part_of, csp.file, ("areas", index, "part_of")
    for indicator_id, indicator in csp.indicators.items():
        file = csp.indicator_files[indicator_id]
        for field, items in (("series", indicator.series), ("comparators", indicator.comparators)):
            for index, item in enumerate(items):
                if item.area:
                    yield item.area, file, (field, index, "area")
    for measure in walk.measures(csp):
        if measure.item.area:
            yield measure.item.area, measure.file, (*measure.path, "area")


@check(
    "R014",
    "unknown-area",
    title="Unknown area",
    template="no area with id '{ref}' in partnership.yaml",
)
def unknown_area(csp: LoadedPartnership) -> Iterator[Finding]:
    """An observation, a comparator or a measure names an area (or an area is part of one)
    that is not listed under `areas` in partnership.yaml, so its figure cannot be told
    apart from a typing slip or placed in its breakdown."""
    known = {area.id for area in csp.partnership.areas}
    for ref, file, path in _area_refs(csp):
        if ref not in known:
            yield found(file, path, ref=ref, hint=_suggest(ref, known))


# -- plan year layout ---------------------------------------------------------------------------


@check(
    "R007",
    "missing-theme-file",
    title="Theme listed but its file is missing",
    template="plan.yaml lists the theme '{ref}' but there is no themes/{ref}.yaml",
)
def missing_theme_file(csp: LoadedPartnership) -> Iterator[Finding]:
    """plan.yaml lists a theme whose file does not exist (or failed to load)."""
    for year in csp.years:
        for theme_id in year.missing_themes:
            yield found(year.file, ("themes", year.plan.themes.index(theme_id)), ref=theme_id)


@check(
    "R008",
    "unlisted-theme-file",
    title="Theme file not listed in plan.yaml",
    template="themes/{name} is not listed in plan.yaml, so it is left out of the plan",
    severity=Severity.WARNING,
    hint="add its id to the themes list in plan.yaml, in the order the plan prints it",
)
def unlisted_theme_file(csp: LoadedPartnership) -> Iterator[Finding]:
    """A file in a plan year's themes/ folder is not listed in plan.yaml, so it would be
    left out of every document."""
    for year in csp.years:
        for path in year.unlisted_theme_files:
            yield found(path, (), name=path.name)


# -- lineage --------------------------------------------------------------------------------


def resolve_lineage_ref(
    csp: LoadedPartnership, year: LoadedYear, ref: str
) -> tuple[LoadedYear | None, str]:
    """The plan year (if it is in the repository) and id a lineage reference points at."""
    period, item_id = csp.lineage_target(year, ref)
    return (csp.year(period) if period is not None else None), item_id


def _checkable(csp: LoadedPartnership, target: LoadedYear | None) -> bool:
    """A lineage target year that is here and loaded whole (a theme file that failed to
    load says so itself; its items are not called missing)."""
    return target is not None and not csp.year_files_failed(target.period)


@check(
    "R005",
    "unknown-lineage-target",
    title="Lineage points at something that is not there",
    template="{what} '{ref}' is not in the {period} plan",
)
def unknown_lineage_target(csp: LoadedPartnership) -> Iterator[Finding]:
    """An action or theme says it continues, renames, merges or splits something from an
    earlier plan year, or plan.yaml says something was dropped, but that plan year has no
    such id. Lineage into a plan year that is not in the repository is not checked."""
    for year in csp.years:
        for index, dropped in enumerate(year.plan.dropped):
            target, item_id = resolve_lineage_ref(csp, year, dropped.id)
            if _checkable(csp, target) and not _has_item(target, item_id):
                yield found(
                    year.file,
                    ("dropped", index, "id"),
                    what="item",
                    ref=item_id,
                    period=target.period,
                )
    for link in walk.lineage_links(csp):
        target, item_id = resolve_lineage_ref(csp, link.year, link.ref)
        if not _checkable(csp, target):
            continue
        exists = (
            target.theme(item_id) is not None
            if link.kind == "theme"
            else _has_action(target, item_id)
        )
        if not exists:
            yield found(link.file, link.path, what=link.kind, ref=item_id, period=target.period)


def _has_action(year: LoadedYear, action_id: str) -> bool:
    return any(action.id == action_id for _, action in year.actions())


def _has_item(year: LoadedYear, item_id: str) -> bool:
    return year.theme(item_id) is not None or _has_action(year, item_id)


def _suggest(ref: str, known: set[str]) -> str | None:
    import difflib

    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else None
