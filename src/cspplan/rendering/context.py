"""What the document templates are given: plan data already put into words and figures, so
templates only lay it out and every number in the text is the number in the data."""

from __future__ import annotations

from dataclasses import dataclass, field

from cspplan import wording
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.indicator import ComparatorValue, Indicator, Observation, Unit
from cspplan.model.partnership import Partnership
from cspplan.model.periods import Period
from cspplan.model.plan import Action, Direction, Footnote, PublishedStatus, Theme
from cspplan.status.assess import MeasureStatus, YearStatus, assess_year, figure_words
from cspplan.status.attention import short_of_target
from cspplan.status.bands import ARROWS, ORDER, Band, Movement

NOT_RECORDED = "Not recorded in the plan."
NOT_STATED = "Not stated"
NOT_PUBLISHED = "Not published"
PUBLISHED_HEADING = "Published status"
"""The column of statuses as the plan printed them: text only, never shaded, so that colour
always means a status cspplan worked out."""
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass
class MeasureRow:
    indicator_id: str
    name: str
    wording: str
    target: str
    baseline: str
    latest: str
    direction: str
    status: str
    band: str
    published: str
    """The status and direction the plan printed, or 'Not published'."""
    printed_target: str
    """The target as the plan printed it, else in our words."""
    status_note: str
    """Where the partnership set the status itself: its reason and the computed one."""
    notes: list[str]
    """Caveats the plan printed with the measure."""
    reason: str
    direction_reason: str
    assessed: MeasureStatus = field(repr=False)
    """What the row says came from (charts are drawn from its series)."""
    chart: str | None = None
    """Where the chart image is, relative to the document (set when charts are drawn)."""
    chart_alt: str = ""
    about: AboutMeasure | None = None
    """Set for the performance report, which explains each measure."""


@dataclass
class AboutMeasure:
    """What a reader needs to read a measure's figures, from its indicator file: what it
    counts, where the figures come from, its caveats, and each figure as the plan printed it."""

    details: list[str]
    """Definition, what a rate is per, source, external reference, the measure it replaces."""
    caveats: list[str]
    """The indicator's notes, breaks in its series and notes on its printed figures."""
    comparators: list[str]
    printed: list[tuple[str, str]]
    """(period, figure as printed) for every figure the plan year printed; a figure for an
    area or another breakdown says which beside its period, one printed in another period's
    column says both periods."""
    breakdown: Breakdown | None = None
    """The figures by area (or other breakdown) for the latest period that has them."""


@dataclass
class Breakdown:
    """A table of one period's figures by area or other breakdown, with a real header row."""

    title: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class ActionRow:
    title: str
    description: str
    description_blocks: list[str | list[str]]
    """The description's paragraphs and lists, as the plan set them out."""
    focus: list[str]
    timescale: str
    lead: str
    measures: list[str] = field(default_factory=list)
    evaluation: str = ""
    tags: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ExceptionEntry:
    """A red or amber measure with the questions a scrutiny panel asks about it."""

    measure: MeasureRow
    section: str
    scope: str
    """Which actions the answers come from."""
    milestones: list[str]
    being_done: list[str]
    risks: list[str]


@dataclass
class Section:
    title: str
    group: str = ""
    """The heading the section sits under in the plan, e.g. 'Other areas of work'."""
    outcomes: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    narrative: str = ""
    narrative_blocks: list[str | list[str]] = field(default_factory=list)
    """The narrative's paragraphs and lists, as the plan set them out."""
    areas: list[str] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    monitoring: str = ""
    measures: list[MeasureRow] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Footnotes, each led by its marker so that the marker in the text finds it."""

    @property
    def has_leads(self) -> bool:
        """Some plans print no lead column (Safer Cornwall 2018/19): then neither do we."""
        return any(action.lead != NOT_STATED for action in self.actions)

    @property
    def has_timescales(self) -> bool:
        return any(action.timescale != NOT_STATED for action in self.actions)

    @property
    def has_focus(self) -> bool:
        """No empty 'Focus for the year' column where the plan prints none (City of London)."""
        return any(action.focus for action in self.actions)

    @property
    def has_outputs(self) -> bool:
        """A measures/outputs column only where an action has one (Safer Cornwall 2017/18)."""
        return any(action.measures for action in self.actions)

    @property
    def has_evaluation(self) -> bool:
        return any(action.evaluation for action in self.actions)


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def _paragraphs(text: str | None) -> list[str | list[str]]:
    """Blank-line separated blocks: a block whose lines all start '- ' is a list (items),
    any other is a paragraph with its line breaks joined."""
    blocks: list[str | list[str]] = []
    for block in (text or "").split("\n\n"):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            blocks.append([line[2:].strip() for line in lines])
        else:
            blocks.append(_words(" ".join(lines)))
    return blocks


def footnote(note: Footnote) -> str:
    """'¹ Frequent changes in recording practice …': digits as the superscripts the text
    prints (¹ ² ³), other markers (*) as they are; a note without a marker is its text."""
    marker = (note.marker or "").translate(_SUPERSCRIPT)
    return f"{marker} {_words(note.text)}" if marker else _words(note.text)


def published(status: PublishedStatus | None) -> str:
    """The status the plan printed, in its own words, with the direction arrow it printed."""
    if status is None:
        return NOT_PUBLISHED
    words = status.label or (status.status.value.replace("_", " ") if status.status else "")
    if status.direction is not None:
        if status.direction is Direction.NOT_APPLICABLE:
            direction = "direction not applicable"
        else:
            movement = Movement(status.direction.value)
            direction = f"direction {ARROWS[movement]} {movement.value}"
        words = f"{words}; {direction}" if words else direction.capitalize()
    return words or NOT_PUBLISHED


def _override_note(year: YearStatus, status: MeasureStatus) -> str:
    if status.override is None:
        return ""
    return (
        f"Set by the partnership: {_words(status.override.reason)} "
        f"(computed: {year.label(status.computed.band)})"
    )


def _baseline(status: MeasureStatus) -> str:
    period = status.measure.baseline
    if period is None:
        return "not stated"
    point = status.series.shown_for(period)
    if point is None:
        return f"no figure ({period})"
    if point.period != period:
        return figure_words(point.observation, status.indicator)
    return f"{wording.indicator_value(point.value, status.indicator)} ({period})"


def _latest(year: YearStatus, status: MeasureStatus) -> str:
    """The latest figure in words; for a measure judged on one area, led by the area's name
    ('North District: 44% (Q2 2018/19)'), so it is not read as the whole's."""
    area = status.measure.area
    if area is None:
        return status.latest_words()
    names = {item.id: item.name for item in year.csp.partnership.areas}
    return f"{names.get(area, area)}: {status.latest_words()}"


def measure_row(year: YearStatus, status: MeasureStatus) -> MeasureRow:
    return MeasureRow(
        indicator_id=status.indicator.id,
        name=status.indicator.name,
        wording=_words(status.measure.wording),
        target=status.target,
        baseline=_baseline(status),
        latest=_latest(year, status),
        direction=status.travel.words,
        status=year.label(status.band),
        band=status.band.value,
        published=published(status.measure.published),
        printed_target=_words(status.measure.target.text if status.measure.target else None)
        or status.target,
        status_note=_override_note(year, status),
        notes=[_words(note) for note in status.measure.notes],
        reason=wording.sentence(status.reason),
        direction_reason=wording.sentence(status.travel.reason),
        assessed=status,
    )


def _action_row(action: Action) -> ActionRow:
    return ActionRow(
        title=action.title,
        description=_words(action.description),
        description_blocks=_paragraphs(action.description),
        focus=list(action.focus),
        timescale=action.timescale.text if action.timescale else NOT_STATED,
        lead=wording.lead(action.lead) or NOT_STATED,
        measures=[_words(item) for item in action.measures],
        evaluation=_words(action.evaluation),
        tags=[_words(tag) for tag in action.tags],
        notes=[_words(note) for note in action.notes],
    )


def _contacts(csp: LoadedPartnership, theme: Theme) -> list[str]:
    people = {person.id: person for person in csp.partnership.people}
    organisations = {body.id: body.name for body in csp.partnership.organisations}
    shown = []
    for contact in theme.contacts:
        person = people.get(contact.person)
        organisation = contact.organisation or (person.organisation if person else None)
        parts = [
            person.name if person else contact.person,
            contact.role or (person.role if person else None),
            contact.team or (person.team if person else None),
            organisations.get(organisation or ""),
            contact.email or (person.email if person else None),
            contact.phone or (person.phone if person else None),
        ]
        shown.append(", ".join(part for part in parts if part))
    return shown


def _label_bands(assessed: YearStatus) -> dict[str, Band]:
    """Status words -> band, so the Word writer can shade a cell that holds a status."""
    return {assessed.label(band): band for band in Band}


def plan_context(csp: LoadedPartnership, year: LoadedYear, as_of: Period | None) -> dict:
    assessed = assess_year(csp, year, as_of)
    plan = year.plan
    rows = {id(s.measure): measure_row(assessed, s) for s in assessed.measures}
    outcome_text = {outcome.id: outcome.text for outcome in plan.outcomes}
    sections = []
    for theme in year.themes:
        sections.append(
            Section(
                title=theme.title,
                group=_words(theme.group),
                outcomes=[outcome_text.get(o, o) for o in theme.outcomes],
                objectives=[_words(item) for item in theme.objectives],
                narrative=_words(theme.narrative),
                narrative_blocks=_paragraphs(theme.narrative),
                areas=[_words(item) for item in theme.areas],
                actions=[_action_row(action) for action in theme.actions],
                monitoring=_words(theme.monitoring),
                measures=[rows[id(m)] for m in theme.indicators if id(m) in rows],
                contacts=_contacts(csp, theme),
                notes=[footnote(note) for note in theme.notes],
            )
        )
    headline = [rows[id(m)] for theme, m in year.measures() if theme is None and id(m) in rows]
    return {
        "partnership": csp.partnership.name,
        "title": plan.title,
        "year": year.label,
        "as_of": str(assessed.as_of),
        "about": _about(csp, year, assessed),
        "introduction": _paragraphs(plan.introduction),
        "achievements": list(plan.achievements),
        "outcomes": [outcome.text for outcome in plan.outcomes],
        "headline": headline,
        "headline_narrative": _paragraphs(plan.headline.narrative if plan.headline else None),
        "headline_notes": [
            footnote(note) for note in (plan.headline.notes if plan.headline else [])
        ],
        "notes": [footnote(note) for note in plan.notes],
        "computed_heading": f"Computed status (as at {assessed.as_of})",
        "published_heading": PUBLISHED_HEADING,
        "sections": sections,
        "who": who_delivers(csp.partnership),
        "label_bands": _label_bands(assessed),
    }


def _about(csp: LoadedPartnership, year: LoadedYear, assessed: YearStatus) -> str:
    """The plan's place in its cycle and what it holds, from the data (never stale)."""
    plan = year.plan
    actions = len(year.actions())
    parts = [f"This plan covers {year.label}"]
    if plan.cycle:
        parts.append(
            f", year {plan.cycle.year} of {plan.cycle.name}, which runs from "
            f"{plan.cycle.start} to {plan.cycle.end}"
        )
    previous = csp.previous(year)
    text = "".join(parts) + ". "
    text += (
        f"It has {wording.plural(len(year.themes), 'theme')}, "
        f"{wording.plural(actions, 'action')} and "
        f"{wording.plural(len(assessed.measures), 'performance measure')}"
    )
    text += f"; the previous plan was for {previous.label}." if previous else "."
    text += (
        f" Statuses are worked out from the figures up to {assessed.as_of}, against each "
        "measure's target."
    )
    return text


def performance_context(csp: LoadedPartnership, year: LoadedYear, as_of: Period | None) -> dict:
    from cspplan.status.rollup import ATTENTION, rollup

    assessed = assess_year(csp, year, as_of)
    summary = rollup(assessed)
    bands = [assessed.label(band) for band in ORDER]
    summary_rows = [
        [theme, *summary.by_theme.loc[theme].tolist()] for theme in summary.by_theme.index
    ]
    grouped = []
    exceptions = []
    for section, statuses in assessed.sections():
        rows = [measure_row(assessed, status) for status in statuses]
        for row, status in zip(rows, statuses, strict=True):
            row.about = about_measure(csp, year.period, status.indicator, assessed.as_of)
        grouped.append(Section(title=section, measures=rows))
        for status, row in zip(statuses, rows, strict=True):
            if short_of_target(status):
                exceptions.append(_exception(year, status, row))
    return {
        "partnership": csp.partnership.name,
        "title": year.plan.title,
        "year": year.label,
        "as_of": str(assessed.as_of),
        "summary_header": ["Theme", *bands, ATTENTION.capitalize()],
        "summary_rows": summary_rows,
        "sections": grouped,
        "exceptions": exceptions,
        "label_bands": _label_bands(assessed),
    }


def _exception(year: LoadedYear, status: MeasureStatus, row: MeasureRow) -> ExceptionEntry:
    """Answers drawn from the plan: actions linked to the indicator (else the theme's)."""
    theme = status.theme
    actions = [a for a in (theme.actions if theme else []) if status.indicator.id in a.indicators]
    linked = bool(actions)
    if not linked and theme is not None:
        actions = list(theme.actions)
    if linked:
        scope = "From the actions linked to this indicator."
    elif actions:
        scope = "No action is linked to this indicator, so these are the actions of its theme."
    else:
        scope = "The plan records no actions for this indicator or its theme."
    milestones = [f"{a.title}: {a.timescale.text}" for a in actions if a.timescale is not None]
    being_done = [f"{a.title}: {item}" for a in actions for item in a.focus]
    risks = [_words(note) for note in status.measure.notes]
    return ExceptionEntry(
        measure=row,
        section=status.section,
        scope=scope,
        milestones=milestones or [NOT_RECORDED],
        being_done=being_done or [NOT_RECORDED],
        risks=risks or [NOT_RECORDED],
    )


def _shown(observation: Observation, indicator: Indicator) -> str:
    """A figure as printed; where no text was kept, the number (or why there is none), with
    the attempts a percentage is out of."""
    if observation.text:
        return _words(observation.text)
    if observation.value is not None:
        return wording.with_attempts(
            wording.indicator_value(observation.value, indicator), observation.attempts
        )
    return observation.status.value.replace("_", " ") if observation.status else ""


def _part(observation: Observation, areas: dict[str, str]) -> str:
    """Which breakdown a figure is in, in words: 'Norwich', 'offence: burglary'; empty for
    the whole."""
    parts = [areas.get(observation.area, observation.area)] if observation.area else []
    if observation.dimension:
        category = f": {_words(observation.category)}" if observation.category else ""
        parts.append(f"{_words(observation.dimension)}{category}")
    return ", ".join(parts)


def _printed_period(observation: Observation, areas: dict[str, str]) -> str:
    """The period cell of the printed-figures table: the period, or both periods for a
    figure printed in another period's column, and the breakdown it is in."""
    if observation.reported_for is not None:
        shown = wording.reported_for(observation.period, observation.reported_for)
    else:
        shown = str(observation.period)
    part = _part(observation, areas)
    return f"{shown} ({part})" if part else shown


def _breakdown(
    indicator: Indicator, plan_year: Period, as_of: Period | None, areas: dict[str, str]
) -> Breakdown | None:
    """The latest period at or before `as_of` with figures for areas or other breakdowns,
    as a table: one row per figure, in the order of partnership.yaml's areas."""
    parts = [
        obs
        for obs in indicator.series
        if not obs.is_part(None)
        and (as_of is None or obs.period.end <= as_of.end)
        and (not obs.reported_in or plan_year in obs.reported_in)
    ]
    if not parts:
        return None
    latest = max(obs.period for obs in parts)
    chosen = [obs for obs in parts if obs.period == latest]
    order = list(areas)
    chosen.sort(key=lambda obs: order.index(obs.area) if obs.area in areas else len(order))
    with_area = any(obs.area for obs in chosen)
    with_dimension = any(obs.dimension for obs in chosen)
    header = ["Area"] * with_area + ["Breakdown"] * with_dimension + ["Figure"]
    rows = []
    for obs in chosen:
        row = [areas.get(obs.area, obs.area) or "All areas"] if with_area else []
        if with_dimension:
            category = f": {_words(obs.category)}" if obs.category else ""
            row.append(f"{_words(obs.dimension)}{category}" if obs.dimension else "All")
        rows.append([*row, _shown(obs, indicator)])
    shown = wording.window(latest)
    if any(obs.reported_for for obs in chosen):
        columns = sorted({obs.reported_for for obs in chosen if obs.reported_for})
        shown += f" (printed in the {', '.join(map(str, columns))} column)"
    what = "area" if with_area and not with_dimension else "breakdown"
    return Breakdown(f"Figures by {what}, {shown}", header, rows)


def _comparator_line(
    comparator: ComparatorValue, indicator: Indicator, areas: dict[str, str]
) -> str | None:
    """'Compared with the national average: 24%'; a comparator with a label (or an area) is
    named by it, with its figure in our words and as printed: 'Compared with Rest of Norfolk
    (Q2 2013/14): 16% (as printed: Rest of Norfolk 16%)'."""
    name = comparator.label or (
        areas.get(comparator.area, comparator.area) if comparator.area else None
    )
    period = f" ({comparator.period})" if comparator.period else ""
    if name is None:
        group = wording.comparator_group(comparator.group.value)
        if comparator.text:
            return f"Compared with the {group}: {_words(comparator.text)}"
        if comparator.value is not None:
            shown = wording.indicator_value(comparator.value, indicator)
            return f"Compared with the {group}{period}: {shown}"
        return None
    if comparator.value is not None:
        shown = wording.indicator_value(comparator.value, indicator)
        printed = f" (as printed: {_words(comparator.text)})" if comparator.text else ""
        return f"Compared with {_words(name)}{period}: {shown}{printed}"
    if comparator.text:
        return f"Compared with {_words(name)}{period}: {_words(comparator.text)}"
    return None


def about_measure(
    csp: LoadedPartnership,
    plan_year: Period,
    indicator: Indicator,
    as_of: Period | None = None,
) -> AboutMeasure:
    """The indicator file's own words; figures and comparators are those `plan_year` printed
    (`reported_in`), since other years' documents may have printed them differently."""
    areas = {area.id: area.name for area in csp.partnership.areas}
    details = []
    if indicator.definition:
        details.append(f"Definition: {_words(indicator.definition)}")
    if indicator.unit is Unit.RATE and indicator.rate_per:
        per = f"{indicator.rate_per:,} {_words(indicator.population)}".strip()
        details.append(f"Counted as: a rate per {per}")
    elif indicator.population:
        details.append(f"Counted among: {_words(indicator.population)}")
    if indicator.source:
        details.append(f"Source: {_words(indicator.source)}")
    if indicator.reference:
        details.append(f"Reference: {_words(indicator.reference)}")
    if indicator.replaces:
        replaced = csp.indicators.get(indicator.replaces)
        details.append(f"Replaces: {replaced.name if replaced else indicator.replaces}")
    printed = [obs for obs in indicator.series if plan_year in obs.reported_in]
    caveats = [_words(note) for note in indicator.notes]
    caveats += [f"Break in the series at {b.period}: {_words(b.note)}" for b in indicator.breaks]
    caveats += [f"{obs.period}: {_words(obs.note)}" for obs in printed if obs.note]
    comparators = []
    for comparator in indicator.comparators:
        if plan_year not in comparator.reported_in:
            continue
        line = _comparator_line(comparator, indicator, areas)
        if line is None:
            continue
        comparators.append(f"{line} ({_words(comparator.note)})" if comparator.note else line)
    return AboutMeasure(
        details=details,
        caveats=caveats,
        comparators=comparators,
        printed=[(_printed_period(obs, areas), _shown(obs, indicator)) for obs in printed],
        breakdown=_breakdown(indicator, plan_year, as_of, areas),
    )


@dataclass
class WhoDelivers:
    """The partnership behind the plan, from `partnership.yaml`. People appear only as the
    contacts each theme prints, so the plan publishes no one's details it did not print."""

    introduction: str
    vision: str
    description: list[str | list[str]]
    governance: list[str]
    organisations: list[str]
    contact: list[str]
    areas: list[str] = field(default_factory=list)
    """The areas figures are broken down by ('Norwich (district), part of Norfolk')."""


def _named(name: str, short_name: str | None) -> str:
    return f"{name} ({short_name})" if short_name else name


def who_delivers(partnership: Partnership) -> WhoDelivers:
    organisations = {body.id: body for body in partnership.organisations}
    bodies = {body.id: body for body in partnership.governance}
    introduction = partnership.name
    if partnership.other_names:
        introduction += f" (also known as {', '.join(partnership.other_names)})"
    introduction += f" is the community safety partnership for {partnership.area}."
    governance = []
    for body in partnership.governance:
        line = _named(body.name, body.short_name)
        ties = []
        if body.reports_to in bodies:
            ties.append(f"reports to {bodies[body.reports_to].name}")
        if body.organisation in organisations:
            ties.append(f"hosted by {organisations[body.organisation].name}")
        line += f" ({'; '.join(ties)})" if ties else ""
        governance.append(f"{line}: {_words(body.description)}" if body.description else line)
    members = []
    for organisation in partnership.organisations:
        line = _named(organisation.name, organisation.short_name)
        if organisation.parent in organisations:
            line += f", part of {organisations[organisation.parent].name}"
        if organisation.membership is not None:
            line += f" ({organisation.membership.value.replace('_', ' ')})"
        if organisation.description:
            line += f": {_words(organisation.description)}"
        members.append(line)
    contact = []
    if partnership.contact is not None:
        point = partnership.contact
        for label, value in (
            ("", point.name),
            ("Address: ", point.address),
            ("Phone: ", point.phone),
            ("Email: ", point.email),
            ("Website: ", point.website),
        ):
            if value:
                contact.append(f"{label}{_words(value)}")
    return WhoDelivers(
        introduction=introduction,
        vision=_words(partnership.vision),
        description=_paragraphs(partnership.description),
        governance=governance,
        organisations=members,
        contact=contact,
        areas=_areas(partnership),
    )


def _areas(partnership: Partnership) -> list[str]:
    names = {area.id: area.name for area in partnership.areas}
    shown = []
    for area in partnership.areas:
        line = area.name + (f" ({area.kind.value})" if area.kind else "")
        if area.part_of:
            line += f", part of {names.get(area.part_of, area.part_of)}"
        shown.append(line)
    return shown
