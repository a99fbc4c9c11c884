"""What the document templates are given: plan data already put into words and figures, so
templates only lay it out and every number in the text is the number in the data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from cspplan import wording
from cspplan.model.collection import LoadedPartnership, LoadedProgress, LoadedYear
from cspplan.model.indicator import ComparatorValue, Indicator, Observation, Unit
from cspplan.model.partnership import Partnership
from cspplan.model.periods import Period
from cspplan.model.plan import Action, Direction, Footnote, Lead, PublishedStatus, Theme
from cspplan.model.progress import ProgressFile, ThemeProgress
from cspplan.model.targets import QuarterlyProfile
from cspplan.rendering.funding_context import funding_section
from cspplan.status.assess import (
    NOT_ROLLED_UP_WORDS,
    MeasureStatus,
    ThemeStatus,
    YearStatus,
    assess_year,
    figure_words,
)
from cspplan.status.attention import short_of_target
from cspplan.status.bands import ARROWS, JUDGED, ORDER, Band, Movement

NOT_RECORDED = "Not recorded in the plan."
NOTHING_THIS_QUARTER = "Nothing recorded for this quarter."
"""Where a progress report prints no answer to a question: said, never made up."""
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
    further: list[str] = field(default_factory=list)
    """Each further target with its own status and reason (never the measure's status)."""
    further_printed: list[str] = field(default_factory=list)
    """Each further target as the plan printed it, with whose it is and when for."""


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
class ActionPlanRow:
    """One row of a theme's action plan (an action in action-plan shape), cell by cell."""

    objective: str
    title: str
    """The row's own title, where it is not the objective's text."""
    lead: str
    description_blocks: list[str | list[str]]
    key_actions: list[tuple[int, str]]
    """(depth, words) for each key action, nested ones after theirs, with due date and status."""
    focus: list[str]
    by_when: str
    measures: list[str]
    evaluation: str
    target: str
    linked: list[str]
    """The linked themes' titles."""
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
class ThemeStatusLine:
    """A theme's status for a document: the computed (or set) one as a status word, which
    Word shades, the one published, and the reason."""

    status: str
    band: str
    published: str
    """The published status in its own words, or '' where none was published."""
    reason: str


def theme_status_line(year: YearStatus, status: ThemeStatus | None) -> ThemeStatusLine | None:
    if status is None:
        return None
    shown = published(status.published) if status.published is not None else ""
    return ThemeStatusLine(
        status=year.label(status.band) if status.rolled_up else NOT_ROLLED_UP_WORDS,
        band=status.band.value,
        published=shown,
        reason=_words(status.reason),
    )


def status_key(csp: LoadedPartnership, year: YearStatus) -> list[tuple[str, str]]:
    """(status word, what it means) for each judged band, in the partnership's words
    (`status_rules.definitions`); empty where it gives none."""
    definitions = csp.partnership.status_rules.definitions
    if definitions is None:
        return []
    return [(year.label(band), _words(getattr(definitions, band.value))) for band in JUDGED]


@dataclass
class Answer:
    """One question of a progress report, headed as the file prints it, with its answer."""

    question: str
    blocks: list[str | list[str]]
    """The answer's paragraphs and lists; [NOTHING_THIS_QUARTER] when none was printed."""


@dataclass
class ProgressBlock:
    """A theme's progress report for the as-of quarter, as a document prints it."""

    period: str
    """The quarter reported on."""
    heading: str
    """'Progress report for Q2 2013/14 (13 Nov 2013)'."""
    status: str
    """The published status in its own words, or '' when the report prints none."""
    answers: list[Answer] = field(default_factory=list)
    title: str = ""
    """The report's title as printed ('Performance Monitoring of CCSP Priorities')."""
    notes: list[str] = field(default_factory=list)
    """Caveats printed with the theme's report."""


@dataclass
class ThemeException:
    """A theme whose status is not green, for the exception report."""

    title: str
    status: str
    period: str
    answers: list[Answer] = field(default_factory=list)
    """The milestones missed and the prospects and risks: what a panel asks of it."""


@dataclass
class Section:
    title: str
    group: str = ""
    """The heading the section sits under in the plan, e.g. 'Other areas of work'."""
    outcomes: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    lead: str = ""
    """Who leads the theme (sponsor and lead officer), as printed."""
    targets: list[str] = field(default_factory=list)
    achievements: list[str] = field(default_factory=list)
    narrative: str = ""
    narrative_blocks: list[str | list[str]] = field(default_factory=list)
    """The narrative's paragraphs and lists, as the plan set them out."""
    areas: list[str] = field(default_factory=list)
    actions: list[ActionRow] = field(default_factory=list)
    """Actions in the plan's usual shape (the 'What we will do' table)."""
    action_plan: list[ActionPlanRow] = field(default_factory=list)
    """Actions in action-plan shape (objective, key actions, target, linked themes)."""
    monitoring: str = ""
    measures: list[MeasureRow] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Footnotes, each led by its marker so that the marker in the text finds it."""
    theme_status: ThemeStatusLine | None = None
    """Where the theme has a status (rolled up, published or set): see `YearStatus.themes`."""
    progress: ProgressBlock | None = None
    """The theme's progress report for the as-of quarter (performance report)."""

    # Each worked out once (a Section's actions are given when it is made): templates ask
    # for every row, which made a theme of 8,000 actions take 64 million checks.

    @cached_property
    def has_leads(self) -> bool:
        """Some plans print no lead column (Safer Cornwall 2018/19): then neither do we."""
        return any(action.lead != NOT_STATED for action in self.actions)

    @cached_property
    def has_timescales(self) -> bool:
        return any(action.timescale != NOT_STATED for action in self.actions)

    @cached_property
    def has_focus(self) -> bool:
        """No empty 'Focus for the year' column where the plan prints none (City of London)."""
        return any(action.focus for action in self.actions)

    @cached_property
    def has_outputs(self) -> bool:
        """A measures/outputs column only where an action has one (Safer Cornwall 2017/18)."""
        return any(action.measures for action in self.actions)

    @cached_property
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


def _printed_target(status: MeasureStatus, plan_year: Period) -> str:
    """The judged target as printed (else in our words), led by whose it is and when for
    where the plan says so."""
    target = status.measure.target
    printed = _words(target.text if target else None) or status.target
    if isinstance(target, QuarterlyProfile):
        printed += "".join(
            f"; year to date to Q{ytd.quarter} {ytd.period.financial_year}: "
            + (_words(ytd.text) or wording.indicator_value(ytd.value, status.indicator))
            for ytd in target.year_to_date
        )
    if target is None or (
        target.owner is None and target.owner_text is None and not target.horizon
    ):
        return printed
    return f"{wording.target_heading(target, plan_year, unnamed='target')}: {printed}"


def _further_printed(status: MeasureStatus) -> list[str]:
    return [
        f"{further.heading}: {_words(further.target.text) or further.words}"
        for further in status.further
    ]


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
        printed_target=_printed_target(status, year.year.period),
        status_note=_override_note(year, status),
        notes=[_words(note) for note in status.measure.notes],
        reason=wording.sentence(status.reason),
        direction_reason=wording.sentence(status.travel.reason),
        assessed=status,
        further=[wording.sentence(f.line(year.label(f.band))) for f in status.further],
        further_printed=_further_printed(status),
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


def in_action_plan_shape(action: Action) -> bool:
    """An action-plan row: it has an objective, key actions, its own target or links to
    other themes. Other actions keep the plan's usual table, so plans without these fields
    print as they always have."""
    return bool(action.objective or action.key_actions or action.target or action.linked_themes)


def _action_plan_row(action: Action, theme_titles: dict[str, str]) -> ActionPlanRow:
    objective = _words(action.objective) or _words(action.title)
    title = _words(action.title)
    return ActionPlanRow(
        objective=objective,
        title="" if title == objective else title,
        lead=wording.lead(action.lead) or NOT_STATED,
        description_blocks=_paragraphs(action.description),
        key_actions=[(depth, words) for depth, _, words in wording.key_actions(action.key_actions)],
        focus=[_words(item) for item in action.focus],
        by_when=_words(action.timescale.text) if action.timescale else NOT_STATED,
        measures=[_words(item) for item in action.measures],
        evaluation=_words(action.evaluation),
        target=_words(action.target),
        linked=[_words(theme_titles.get(ref, ref)) for ref in action.linked_themes],
        tags=[_words(tag) for tag in action.tags],
        notes=[_words(note) for note in action.notes],
    )


def _theme_lead(csp: LoadedPartnership, lead: Lead | None) -> str:
    """The lead as printed; where no text was kept, the names of who the ids stand for."""
    if lead is None:
        return ""
    if lead.text:
        return wording.lead(lead) or ""
    partnership = csp.partnership
    names = {item.id: item.name for item in partnership.organisations}
    names.update({item.id: item.name for item in partnership.governance})
    names.update({item.id: item.name for item in partnership.people})
    ids = lead.organisations + lead.groups + lead.people
    return ", ".join(names.get(ref, ref) for ref in ids)


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


def theme_section(
    csp: LoadedPartnership,
    year: LoadedYear,
    assessed: YearStatus,
    theme: Theme,
    rows: dict[int, MeasureRow] | None = None,
) -> Section:
    """A theme as the plan prints it: outcomes, objectives, actions with leads and
    timescales, measures with their status (`rows`, by id of the measure, when the caller
    has them already). The delivery plan and the site's theme pages both read it."""
    if rows is None:
        rows = {id(s.measure): measure_row(assessed, s) for s in assessed.measures}
    outcome_text = {outcome.id: outcome.text for outcome in year.plan.outcomes}
    theme_titles = {other.id: other.title for other in year.themes}
    shaped = [action for action in theme.actions if in_action_plan_shape(action)]
    return Section(
        title=theme.title,
        group=_words(theme.group),
        outcomes=[outcome_text.get(o, o) for o in theme.outcomes],
        objectives=[_words(item) for item in theme.objectives],
        lead=_theme_lead(csp, theme.lead),
        targets=[_paragraphs(item) for item in theme.targets],
        achievements=[_paragraphs(item) for item in theme.achievements],
        narrative=_words(theme.narrative),
        narrative_blocks=_paragraphs(theme.narrative),
        areas=[_words(item) for item in theme.areas],
        actions=[_action_row(a) for a in theme.actions if not in_action_plan_shape(a)],
        action_plan=[_action_plan_row(a, theme_titles) for a in shaped],
        monitoring=_words(theme.monitoring),
        measures=[rows[id(m)] for m in theme.indicators if id(m) in rows],
        contacts=_contacts(csp, theme),
        notes=[footnote(note) for note in theme.notes],
        theme_status=theme_status_line(assessed, assessed.theme_status(theme)),
    )


def plan_context(csp: LoadedPartnership, year: LoadedYear, as_of: Period | None) -> dict:
    assessed = assess_year(csp, year, as_of)
    plan = year.plan
    rows = {id(s.measure): measure_row(assessed, s) for s in assessed.measures}
    sections = [theme_section(csp, year, assessed, theme, rows) for theme in year.themes]
    headline = [rows[id(m)] for theme, m in year.measures() if theme is None and id(m) in rows]
    return {
        "partnership": csp.partnership.name,
        "title": plan.title,
        "year": year.label,
        "as_of": str(assessed.as_of),
        "about": about_plan(csp, year, assessed),
        "introduction": _paragraphs(plan.introduction),
        "aspiration": _paragraphs(plan.aspiration),
        "purpose": _paragraphs(plan.purpose),
        "values": _paragraphs(plan.values),
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
        "status_key_rows": status_key(csp, assessed),
        "theme_status_heading": f"Theme status (computed as at {assessed.as_of})",
        "label_bands": _label_bands(assessed),
        "funding": funding_section(year),
    }


def about_plan(csp: LoadedPartnership, year: LoadedYear, assessed: YearStatus) -> str:
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
    summary_rows = [[theme, *counts.values()] for theme, counts in summary.by_theme.items()]
    summary_header = ["Theme", *bands, ATTENTION.capitalize()]
    if assessed.themes:  # a plan whose themes have statuses: the panel reads them first
        by_title = {status.theme.title: status for status in assessed.themes}
        for row in summary_rows:
            status = by_title.get(row[0])
            row[1:1] = _theme_summary_cells(assessed, status)
        summary_header[1:1] = ["Theme status", PUBLISHED_HEADING]
    grouped = []
    exceptions = []
    shown: set[str] = set()
    for section, statuses in assessed.sections():
        rows = [measure_row(assessed, status) for status in statuses]
        for row, status in zip(rows, statuses, strict=True):
            row.about = about_measure(csp, year.period, status.indicator, assessed.as_of)
        theme = statuses[0].theme
        line = theme_status_line(assessed, assessed.theme_status(theme))
        block = progress_block(year, theme.id, assessed.as_of) if theme is not None else None
        grouped.append(Section(title=section, measures=rows, theme_status=line, progress=block))
        if theme is not None:
            shown.add(theme.id)
        for status, row in zip(statuses, rows, strict=True):
            if short_of_target(status):
                exceptions.append(_exception(year, status, row))
    for theme in year.themes:  # a theme with a progress report and no measures
        block = progress_block(year, theme.id, assessed.as_of)
        if theme.id not in shown and block is not None:
            grouped.append(Section(title=theme.title, progress=block))
    theme_exceptions, unrated = exception_report(year, assessed)
    return {
        "partnership": csp.partnership.name,
        "title": year.plan.title,
        "year": year.label,
        "as_of": str(assessed.as_of),
        "summary_header": summary_header,
        "summary_rows": summary_rows,
        "sections": grouped,
        "exceptions": exceptions,
        "status_key_rows": status_key(csp, assessed),
        "label_bands": _label_bands(assessed),
        "has_progress": bool(year.progress),
        "theme_exceptions": theme_exceptions,
        "unrated_themes": unrated,
        "reviews": review_blocks(csp, as_of),
    }


# -- progress reports ---------------------------------------------------------------------------


def progress_block(year: LoadedYear, theme_id: str, as_of: Period) -> ProgressBlock | None:
    """The theme's latest progress report up to `as_of`, each answer under its printed
    question; None when the plan year keeps no progress reports at all."""
    if not year.progress:
        return None
    found = year.progress_for(theme_id, as_of)
    if found is None:
        return ProgressBlock(str(as_of), "Progress report", "", [])
    return progress_report_block(*found)


def progress_report_block(loaded: LoadedProgress, report: ThemeProgress) -> ProgressBlock:
    """One theme's report in one quarter's file, each answer under its printed question
    (the site shows every quarter's; documents the latest up to their as-of)."""
    from cspplan.model.progress import ANSWERS

    heading = f"Progress report for {loaded.label}"
    if loaded.progress.date is not None:
        heading += f" ({wording.day_or_period(loaded.progress.date)})"
    answers = [
        Answer(
            loaded.progress.heading(name),
            _paragraphs(report.answer(name)) or [NOTHING_THIS_QUARTER],
        )
        for name in ANSWERS
    ]
    status = published(report.published) if report.published is not None else ""
    notes = [_words(note) for note in report.notes]
    title = _words(loaded.progress.title)
    return ProgressBlock(loaded.label, heading, status, answers, title, notes)


def _answer(progress: ProgressFile, report: ThemeProgress, name: str) -> Answer:
    """One answer under its printed question; said to be missing where nothing was printed."""
    return Answer(
        progress.heading(name), _paragraphs(report.answer(name)) or [NOTHING_THIS_QUARTER]
    )


def _theme_summary_cells(assessed: YearStatus, status: ThemeStatus | None) -> list[str]:
    """(the theme's status in the report's words, the status it published) for the summary
    table; dashes for the whole plan, and for a theme with neither."""
    if status is None:
        return ["–", "–"]
    ours = assessed.label(status.band) if status.rolled_up else NOT_ROLLED_UP_WORDS
    printed = published(status.published) if status.published is not None else "–"
    return [ours, printed]


def exception_status(assessed: YearStatus, theme: Theme) -> tuple[bool | None, str]:
    """Whether a theme is not on track, and its status in words, for the exception report:
    (None, '') where it has no status at all.

    Not on track is a published status other than green (the as-of quarter's progress
    report, else the theme file's) or a computed one, rolled up from its measures, of amber
    or red: a panel asks about either, and the words give both."""
    status = assessed.theme_status(theme)
    if status is None:
        return None, ""
    printed = status.published if status.published and status.published.status else None
    parts = [f"published {published(printed).rstrip('.')}"] if printed else []
    if status.rolled_up:
        parts.append(f"computed {assessed.label(status.band)}")
    if not parts:
        return None, ""
    off_track = printed is not None and printed.status.value != "green"
    off_track = off_track or (status.rolled_up and status.band in (Band.AMBER, Band.RED))
    return off_track, "; ".join(parts)


def exception_report(
    year: LoadedYear, assessed: YearStatus
) -> tuple[list[ThemeException], list[str]]:
    """Each theme not on track (see `exception_status`), with its milestones missed and its
    prospects and risks from the as-of quarter's progress report; and the titles of themes
    with no status to judge (none, without progress reports)."""
    if not year.progress:
        return [], []
    listed: list[ThemeException] = []
    unrated: list[str] = []
    for theme in year.themes:
        off_track, words = exception_status(assessed, theme)
        if off_track is None:
            unrated.append(theme.title)
            continue
        if not off_track:
            continue
        found = year.progress_for(theme.id, assessed.as_of)
        if found is None:
            nothing = Answer("Progress report", ["No progress report for this theme yet."])
            listed.append(ThemeException(theme.title, words, "", [nothing]))
            continue
        loaded, report = found
        answers = [
            _answer(loaded.progress, report, name)
            for name in ("milestones_missed", "prospects_and_risks")
        ]
        listed.append(ThemeException(theme.title, words, loaded.label, answers))
    return listed, unrated


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
    return figure_value(observation, indicator)


def figure_value(observation: Observation, indicator: Indicator) -> str:
    """The number in our words, with the attempts a percentage is out of, or why there is
    none ('unknown' where the source lost it, 'not yet known'): never a made-up number."""
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


def printed_period(observation: Observation, areas: dict[str, str]) -> str:
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


def comparator_line(
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


def indicator_details(csp: LoadedPartnership, indicator: Indicator) -> list[tuple[str, str]]:
    """(label, words) of what the indicator file says it is: definition, what a rate is
    per, source, external reference, the indicator it replaces."""
    details = []
    if indicator.definition:
        details.append(("Definition", _words(indicator.definition)))
    size = (
        f" (a population of {wording.number(indicator.population_size)})"
        if indicator.population_size
        else ""
    )
    if indicator.unit is Unit.RATE and indicator.rate_per:
        per = f"{indicator.rate_per:,} {_words(indicator.population)}".strip()
        details.append(("Counted as", f"a rate per {per}{size}"))
    elif indicator.population or size:
        details.append(("Counted among", f"{_words(indicator.population) or 'a population'}{size}"))
    if indicator.source:
        details.append(("Source", _words(indicator.source)))
    if indicator.reference:
        details.append(("Reference", _words(indicator.reference)))
    if indicator.replaces:
        replaced = csp.indicators.get(indicator.replaces)
        details.append(("Replaces", replaced.name if replaced else indicator.replaces))
    return details


def indicator_caveats(indicator: Indicator) -> list[str]:
    """The indicator's own notes and the breaks in its series, in words."""
    caveats = [_words(note) for note in indicator.notes]
    caveats += [f"Break in the series at {b.period}: {_words(b.note)}" for b in indicator.breaks]
    return caveats


def about_measure(
    csp: LoadedPartnership,
    plan_year: Period,
    indicator: Indicator,
    as_of: Period | None = None,
) -> AboutMeasure:
    """The indicator file's own words; figures and comparators are those `plan_year` printed
    (`reported_in`), since other years' documents may have printed them differently."""
    areas = {area.id: area.name for area in csp.partnership.areas}
    details = [f"{label}: {text}" for label, text in indicator_details(csp, indicator)]
    printed = [obs for obs in indicator.series if plan_year in obs.reported_in]
    caveats = indicator_caveats(indicator)
    caveats += [f"{obs.period}: {_words(obs.note)}" for obs in printed if obs.note]
    comparators = []
    for comparator in indicator.comparators:
        if plan_year not in comparator.reported_in:
            continue
        line = comparator_line(comparator, indicator, areas)
        if line is None:
            continue
        comparators.append(f"{line} ({_words(comparator.note)})" if comparator.note else line)
    return AboutMeasure(
        details=details,
        caveats=caveats,
        comparators=comparators,
        printed=[(printed_period(obs, areas), _shown(obs, indicator)) for obs in printed],
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
    partnerships: list[str] = field(default_factory=list)
    """Its parent partnership, then its linked partnerships, each with the relationship as
    printed ('Norfolk YOT Board: There are close links …')."""


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
        partnerships=_partnerships(partnership),
    )


def _partnerships(partnership: Partnership) -> list[str]:
    """The parent ('… (parent partnership): relationship') and the linked partnerships, named
    as printed or by the governance body that records it; partnerships whose relationship is
    printed in the same words (one sentence naming several) share one line."""
    bodies = {body.id: body for body in partnership.governance}
    lines = []
    parent = partnership.parent
    if parent is not None:
        line = f"{parent.name} (parent partnership)"
        lines.append(f"{line}: {_words(parent.relationship)}" if parent.relationship else line)
    sharing: dict[object, list[str]] = {}  # relationship -> the partnerships, printed order
    for index, linked in enumerate(partnership.linked_partnerships):
        body = bodies.get(linked.governance) if linked.governance else None
        if linked.name:
            line = linked.name
        elif body is not None:
            line = _named(body.name, body.short_name)
            host = next((o for o in partnership.organisations if o.id == body.organisation), None)
            line += f" (hosted by {host.name})" if host is not None else ""
        else:
            line = linked.governance or ""
        key = _words(linked.relationship) if linked.relationship else index
        sharing.setdefault(key, []).append(line)
    for key, names in sharing.items():
        lines.append(f"{'; '.join(names)}: {key}" if isinstance(key, str) else names[0])
    return lines


def _areas(partnership: Partnership) -> list[str]:
    names = {area.id: area.name for area in partnership.areas}
    shown = []
    for area in partnership.areas:
        line = area.name + (f" ({area.kind.value})" if area.kind else "")
        if area.part_of:
            line += f", part of {names.get(area.part_of, area.part_of)}"
        shown.append(line)
    return shown


# -- review trackers -----------------------------------------------------------------------------

REVIEW_KIND_WORDS = {
    "domestic_homicide_review": "Domestic Homicide Review",
    "safeguarding_adults_review": "Safeguarding Adults Review",
    "serious_case_review": "Serious Case Review",
    "inspection": "Inspection",
    "other": "Review",
}
SCOPE_WORDS = {"national": "National", "regional": "Regional", "county": "County", "local": "Local"}
PROGRESS_WORDS = {
    "not_started": "not started",
    "in_progress": "in progress",
    "complete": "complete",
    "superseded": "superseded",
}


@dataclass
class RecommendationBlock:
    heading: str
    text: list[str | list[str]]
    footnotes: list[str]
    facts: list[tuple[str, str]]
    """(what, as printed or recorded): scope, target date, status, completed, evidence."""
    state: str
    reason: str
    action_header: list[str]
    actions: list[list[list[str]]]
    """A row per action; each cell a list of lines (lead agencies, milestones, dates)."""
    updates: list[list[str]]


@dataclass
class ReviewBlock:
    title: str
    kind: str
    about: list[tuple[str, str]]
    summary: list[str | list[str]]
    counts: list[tuple[str, int]]
    overall: str
    overdue: list[str]
    as_of: str
    tracker: str | None
    own_date: bool
    """Judged as at the date the tracker reports to (its `as_at`)."""
    columns: list[str]
    guidance: list[str]
    rating_key: list[str]
    rated: bool
    """Any action carries a printed rating."""
    recommendations: list[RecommendationBlock]


REVIEW_STATE_BANDS = {
    "Overdue": Band.RED,
    "No update this quarter": Band.AMBER,
    "On track": Band.GREEN,
    "Complete": Band.GREEN,
}
"""A recommendation's state as Word shades it (the words are always printed too)."""


def _review_about(csp: LoadedPartnership, review) -> list[tuple[str, str]]:
    bodies = {body.id: body.name for body in csp.partnership.governance}
    about: list[tuple[str, str]] = []
    if review.commissioned_by:
        about.append(
            ("Commissioned by", bodies.get(review.commissioned_by, review.commissioned_by))
        )
    if review.implementation_group:
        group = review.implementation_group
        about.append(("Implementation overseen by", bodies.get(group, group)))
    if review.monitored_by:
        about.append(("Monitored by", review.monitored_by))
    if review.author:
        about.append(("Independent chair and author", review.author))
    for name, date in review.dates.items():
        about.append((name.replace("_", " ").capitalize(), date.printed))
    for name, count in review.printed_counts.items():
        about.append((f"Number of {name.replace('_', ' ')} (as printed)", str(count)))
    if review.source is not None:
        about.append(("Source", review.source.title))
    return about


def _recommendation_block(judged) -> RecommendationBlock:
    rec = judged.recommendation
    number = rec.heading
    facts: list[tuple[str, str]] = []
    if not rec.number and rec.number_note:
        facts.append(("Number", f"not printed: {rec.number_note}"))
    scope = ", ".join(SCOPE_WORDS[s.value] for s in rec.scope) or "None printed"
    facts.append(("Scope", scope))
    due = rec.due()
    if rec.target_date is not None:
        read = f" (read as {rec.target_date.read})" if rec.target_date.read else ""
        facts.append(("Target date", rec.target_date.printed + read))
    if rec.target_date is None or rec.target_date.read is None:
        due_words = f"{rec.due_printed()} (read as {due})" if due else "no target date read"
        facts.append(("Due (the latest action target date)", due_words))
    if rec.status is not None:
        facts.append(("Status recorded", PROGRESS_WORDS[rec.status.value]))
    if rec.completed is not None:
        facts.append(("Completed", rec.completed.printed))
    if rec.evidence:
        facts.append(("Evidence", rec.evidence))
    rated = any(action.rating for action in rec.actions)
    header = ["Action to be taken", "Lead agency", "Key milestones", "Target date", "Outcome"]
    if rated:
        header.append("Rating")
    rows = []
    for action in rec.actions:
        milestones = [
            m.text + (f" (due {m.due.printed})" if m.due else "") for m in action.milestones
        ]
        outcome = ""
        if action.outcome is not None:
            outcome = action.outcome.text
            if action.outcome.date is not None:
                outcome = f"{action.outcome.date.printed}: {outcome}"
        row = [
            [action.text],
            [lead.printed for lead in action.lead_agencies] or ["–"],
            milestones or ["–"],
            [d.printed for d in action.target_dates] or ["–"],
            [outcome or "–"],
        ]
        if rated:
            row.append([action.rating or "–"])
        rows.append(row)
    updates = [
        [
            wording.day_or_period(update.on),
            update.text,
            PROGRESS_WORDS[update.status.value] if update.status else "–",
            update.by or "–",
        ]
        for update in sorted(rec.updates, key=lambda u: u.on.end)
    ]
    state = judged.state.value.capitalize()
    return RecommendationBlock(
        heading=number,
        text=_paragraphs(rec.text),
        footnotes=list(rec.footnotes),
        facts=facts,
        state=state,
        reason=judged.reason,
        action_header=header,
        actions=rows,
        updates=updates,
    )


def review_block(csp: LoadedPartnership, judged) -> ReviewBlock:
    """One review as a panel reads it (`judged` is a status.reviews.ReviewStatus)."""
    review = judged.review
    from cspplan.status.reviews import ReviewState

    overdue = [
        f"{item.recommendation.heading}: {item.reason}"
        for item in judged.in_state(ReviewState.OVERDUE)
    ]
    tracker = review.tracker
    return ReviewBlock(
        title=review.title,
        kind=REVIEW_KIND_WORDS[review.kind.value],
        about=_review_about(csp, review),
        summary=_paragraphs(review.summary),
        counts=[(state.value.capitalize(), count) for state, count in judged.counts.items()],
        overall=judged.reason,
        overdue=overdue,
        as_of=wording.day_or_period(judged.as_of),
        tracker=review.as_at.printed if review.as_at else None,
        own_date=review.as_at is not None and review.as_at.read == judged.as_of,
        columns=list(tracker.columns) if tracker else [],
        guidance=[g for g in tracker.guidance if g] if tracker else [],
        rating_key=list(tracker.rating_key) if tracker else [],
        rated=any(a.rating for rec in review.recommendations for a in rec.actions),
        recommendations=[_recommendation_block(item) for item in judged.recommendations],
    )


def review_blocks(csp: LoadedPartnership, as_of: Period | None) -> list[ReviewBlock]:
    """Every review of the partnership, judged as at `as_of` (else each review's `as_at`,
    else today); none for a partnership without review trackers."""
    if not csp.reviews:
        return []
    from cspplan.status.reviews import partnership_reviews

    return [review_block(csp, judged) for judged in partnership_reviews(csp, as_of)]


def reviews_context(csp: LoadedPartnership, as_of: Period | None) -> dict:
    """The review trackers document (see `review_blocks`)."""
    return {
        "partnership": csp.partnership.name,
        "reviews": review_blocks(csp, as_of),
        "label_bands": dict(REVIEW_STATE_BANDS),
    }


# -- alignment with frameworks (render --document alignment) --------------------------------


@dataclass
class AlignmentRow:
    """One link of a theme (or of its actions or measures) to a framework item."""

    item: str
    """'Police & Crime Plan 2013/17: Reduce the number of priority crimes'."""
    about: str
    """What in the theme links: the theme, one of its measures, an action, a measure."""
    printed: list[str]
    """The alignment row's cells as printed, 'heading: text' each."""
    comment: str


@dataclass
class AlignmentTheme:
    title: str
    rows: list[AlignmentRow] = field(default_factory=list)


@dataclass
class FrameworkItemRow:
    item: str
    targets: list[str]
    linked_from: list[str]
    """'Partnership year: theme (what links)' for every link to the item in the repository."""


@dataclass
class FrameworkSection:
    title: str
    facts: list[str]
    """Kind, publisher, period covered, description: as the framework file has them."""
    items: list[FrameworkItemRow] = field(default_factory=list)
    whole: list[str] = field(default_factory=list)
    """What links to the framework as a whole."""
    unlinked: list[str] = field(default_factory=list)
    """Items nothing in the repository links to."""


def _framework_item_name(frameworks: dict, framework_id: str, item_id: str | None) -> str:
    loaded = frameworks.get(framework_id)
    title = _words(loaded.framework.title) if loaded else framework_id
    if item_id is None:
        return f"{title} (as a whole)"
    item = loaded.framework.item(item_id) if loaded else None
    if item is None:
        return f"{title}: {item_id}"
    number = f"{item.number}. " if item.number else ""
    return f"{title}: {number}{_words(item.title)}"


PLAN_ONLY = "No theme: the plan names the item but none of its priorities serves it"


def _theme_links(theme: Theme) -> list[tuple[str, object]]:
    """(what links, link) for a theme's own links, its actions' and its measures'."""
    wordings = {m.indicator: _words(m.wording) for m in theme.indicators}
    found: list[tuple[str, object]] = []
    for link in theme.links:
        about = "The theme"
        if link.measure is not None:
            about = f"Measure: {wordings.get(link.measure, link.measure)}"
        found.append((about, link))
    for action in theme.actions:
        found += [(f"Action: {_words(action.title)}", link) for link in action.links]
    for measure in theme.indicators:
        found += [(f"Measure: {_words(measure.wording)}", link) for link in measure.links]
    return found


def alignment_context(
    csp: LoadedPartnership,
    year: LoadedYear,
    partnerships: list[LoadedPartnership],
    frameworks: dict,
) -> dict:
    """The crosswalk both ways: each theme of `year` with the framework items it links to
    (the printed cells and comment of each link), and each framework of the repository
    with, for every item, what in any partnership's plans links to it."""

    def row(about: str, link) -> AlignmentRow:
        return AlignmentRow(
            item=_framework_item_name(frameworks, link.framework, link.item),
            about=about,
            printed=[f"{_words(k)}: {_words(v)}" for k, v in link.printed.items() if v],
            comment=_words(link.comment),
        )

    themes = [
        AlignmentTheme(theme.title, [row(about, link) for about, link in _theme_links(theme)])
        for theme in year.themes
    ]
    if year.plan.links:  # alignment rows that print no priority of the plan's own
        rows = [row(PLAN_ONLY, link) for link in year.plan.links]
        themes.append(AlignmentTheme("Items under none of the plan's themes", rows))
    # (framework, item) -> (where, theme) -> what in it links, so that a theme linking
    # through several of its measures is one line, naming each.
    grouped: dict[tuple[str, str | None], dict[str, list[str]]] = {}
    for other in partnerships:
        for other_year in other.years:
            where = f"{other.partnership.name} {other_year.label}"
            for link in other_year.plan.links:
                whats = grouped.setdefault((link.framework, link.item), {}).setdefault(
                    f"{where}, the plan itself", []
                )
                whats.append(PLAN_ONLY[0].lower() + PLAN_ONLY[1:])
            for theme in other_year.themes:
                for about, link in _theme_links(theme):
                    what = about[0].lower() + about[1:].replace(": ", " ", 1)
                    whats = grouped.setdefault((link.framework, link.item), {}).setdefault(
                        f"{where}, {_words(theme.title)}", []
                    )
                    if what not in whats:
                        whats.append(what)
        for indicator in other.indicators.values():
            for link in indicator.links:
                whats = grouped.setdefault((link.framework, link.item), {}).setdefault(
                    f"{other.partnership.name}, indicator {_words(indicator.name)}", []
                )
                whats.append("the indicator")
    linked = {
        key: [f"{where} — {'; '.join(whats)}" for where, whats in by_where.items()]
        for key, by_where in grouped.items()
    }
    sections = []
    mine = [link.framework for theme in year.themes for _, link in _theme_links(theme)]
    first = {framework_id: index for index, framework_id in enumerate(dict.fromkeys(mine))}
    ordered = sorted(  # the frameworks this plan year links to first, in the order it does
        frameworks.values(),
        key=lambda f: (first.get(f.id, len(first)), _words(f.framework.title)),
    )
    for loaded in ordered:
        framework = loaded.framework
        facts = [f"Kind: {framework.kind.value.replace('_', ' ').capitalize()}"]
        facts += [f"Published by: {_words(framework.publisher)}"] * bool(framework.publisher)
        facts += [f"Covers: {_words(framework.covers)}"] * bool(framework.covers)
        facts += [_words(framework.description)] * bool(framework.description)
        section = FrameworkSection(_words(framework.title), facts)
        section.whole = linked.get((framework.id, None), [])
        for item in framework.items:
            name = _framework_item_name(frameworks, framework.id, item.id).split(": ", 1)[1]
            found = linked.get((framework.id, item.id), [])
            if found:
                targets = [_words(target) for target in item.targets]
                section.items.append(FrameworkItemRow(name, targets, found))
            else:
                section.unlinked.append(name)
        sections.append(section)
    return {
        "partnership": csp.partnership.name,
        "title": year.plan.title,
        "year": year.label,
        "themes": themes,
        "frameworks": sections,
        "label_bands": {},
    }
