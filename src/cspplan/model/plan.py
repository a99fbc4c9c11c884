"""A plan year and its themes: what the partnership will do this year and how it will know.

A plan year is a folder (e.g. `2018-19/`) holding `plan.yaml` and one file per theme
under `themes/`; `plan.yaml` lists the themes in the order the document prints them.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, WithJsonSchema, model_validator

from cspplan.model.base import (
    Choice,
    DueField,
    FinancialYearField,
    Id,
    PeriodField,
    PlanModel,
    PositiveWhole,
    Text,
    TranscriptionNotes,
    described,
)
from cspplan.model.links import FrameworkLink
from cspplan.model.targets import Target

# -- timescales ---------------------------------------------------------------------------


class Deadline(PlanModel):
    """'By 31 March 2019', 'By March 2019'."""

    kind: Literal["deadline"] = Field(description="deadline: done by a date.")
    by: DueField = Field(description="The date (or span) it is due by.")
    label: str | None = Field(None, description="What is due, where printed.")


class DateRange(PlanModel):
    """'1 April 2017 to 31 March 2019'."""

    kind: Literal["range"] = Field(description="range: from a start to an end.")
    start: DueField = Field(description="When it starts.")
    end: DueField = Field(description="When it ends.")
    label: str | None = Field(None, description="What the range is, e.g. 'LAAA period'.")

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end.end < self.start.start:
            raise ValueError(f"the range ends ({self.end}) before it starts ({self.start})")
        return self


class Rolling(PlanModel):
    """'Rolling programme of work, refreshed annually'."""

    kind: Literal["rolling"] = Field(description="rolling: an ongoing programme.")
    refresh: str | None = Field(None, description="E.g. 'annually'.")
    statutory: bool = Field(False, description="True if the work is a legal duty.")


class CycleStep(PlanModel):
    """'4 year rolling cycle with annual refresh (2018/19 will be Year 1)'."""

    kind: Literal["cycle"] = Field(description="cycle: a step in a rolling cycle of years.")
    years: PositiveWhole | None = Field(None, description="Length of the cycle, where printed.")
    year: PositiveWhole | None = Field(
        None, description="Which year of the cycle this plan year is."
    )
    refresh: str | None = Field(
        None, description="How often the cycle is refreshed, e.g. 'annually'."
    )

    @model_validator(mode="after")
    def _year_within(self) -> CycleStep:
        if self.years is not None and self.year is not None and self.year > self.years:
            raise ValueError(f"year {self.year} of a {self.years} year cycle is impossible")
        return self


class OnHold(PlanModel):
    """'On hold in 2017/18'."""

    kind: Literal["on_hold"] = Field(description="on_hold: paused.")
    period: PeriodField | None = Field(None, description="When it is on hold, where printed.")


class Milestone(PlanModel):
    """A dated step: 'Evaluation to be completed by May 2018'."""

    kind: Literal["milestone"] = Field(description="milestone: a dated step.")
    date: DueField = Field(description="When the step is due.")
    label: Text = Field(description="The step, as printed.")


TimescalePart = Annotated[
    Deadline | DateRange | Rolling | CycleStep | OnHold | Milestone,
    Field(discriminator="kind"),
]


class Timescale(PlanModel):
    """A timescale as printed, and the structured reading(s) of it."""

    text: Text = Field(description="The timescale as printed.")
    parts: list[TimescalePart] = Field(
        default_factory=list, description="How cspplan reads the timescale: one or more parts."
    )


# -- people and leads -----------------------------------------------------------------------


class Lead(PlanModel):
    """Who leads an action: organisations, groups and/or people; several means a joint lead."""

    text: str | None = Field(None, description="The lead as printed, e.g. 'Lead: Amethyst,'.")
    organisations: list[Id] = Field(
        default_factory=list, description="Organisations (ids) that lead."
    )
    groups: list[Id] = Field(default_factory=list, description="Governance bodies (ids) that lead.")
    people: list[Id] = Field(default_factory=list, description="People (ids) who lead.")
    supporting: list[Id] = Field(
        default_factory=list, description="Organisations working 'with' the lead."
    )


class Contact(PlanModel):
    """A 'who to contact' entry; details printed differently this year override the person's."""

    person: Id
    role: str | None = Field(None, description="Role, where printed differently from the person's.")
    team: str | None = Field(None, description="Team, where printed differently from the person's.")
    organisation: Id | None = Field(
        None, description="Organisation (id), where printed differently from the person's."
    )
    email: str | None = Field(
        None, description="Email address, where printed differently from the person's."
    )
    phone: str | None = Field(
        None, description="Phone number, where printed differently from the person's."
    )


# -- lineage --------------------------------------------------------------------------------

ACTION_REF_PATTERN = r"^(\d{4}/\d{2}:)?[a-z0-9][a-z0-9-]*$"
ActionRef = Annotated[
    str,
    StringConstraints(pattern=ACTION_REF_PATTERN),
]
"""An action or theme id in the previous plan year, or `2016/17:some-id` for another year."""


class LineageKind(Choice):
    SAME_AS = "same_as", "The same item as one of the earlier year."
    RENAMED_FROM = "renamed_from", "The same item under a new name."
    MERGED_FROM = "merged_from", "Several earlier items joined into this one."
    SPLIT_FROM = "split_from", "Part of an earlier item that was split."
    NEW = "new", "New this year: no earlier item."


class Lineage(PlanModel):
    """Where an action or theme came from in an earlier plan year."""

    kind: LineageKind = Field(description="How the item relates to the earlier one(s).")
    from_: list[ActionRef] = Field(
        default_factory=list,
        alias="from",
        description="The earlier id(s); '2016/17:some-id' names another year.",
    )
    note: str | None = Field(None, description="A note on the change.")

    @model_validator(mode="after")
    def _sources_match_kind(self) -> Lineage:
        if self.kind is LineageKind.NEW and self.from_:
            raise ValueError("a new item has no 'from'")
        if self.kind is not LineageKind.NEW and not self.from_:
            raise ValueError(f"'{self.kind.value}' needs 'from': the earlier id(s)")
        if self.kind in (LineageKind.SAME_AS, LineageKind.RENAMED_FROM) and len(self.from_) > 1:
            raise ValueError(
                f"'{self.kind.value}' takes one earlier id; use merged_from for several"
            )
        return self


class Dropped(PlanModel):
    """An item of the previous plan year that this plan does not carry forward."""

    id: ActionRef = Field(
        description="The earlier item's id, or '2016/17:some-id' for another year."
    )
    note: str | None = Field(None, description="Why it was dropped, where known.")


# -- actions ----------------------------------------------------------------------------------


class StepStatus(Choice):
    NOT_STARTED = "not_started", "Not started yet."
    IN_PROGRESS = "in_progress", "Under way."
    DONE = "done", "Done."
    MISSED = "missed", "Not done by its due date."
    DROPPED = "dropped", "No longer to be done."


class Step(PlanModel):
    """A key action or milestone of an action-plan row, as printed: dated, with its status
    and any sub-items the plan nests under it."""

    text: Text = Field(description="The key action, as printed.")
    due: Timescale | None = Field(
        None, description="When it is due, as printed and as cspplan reads it."
    )
    status: StepStatus | None = Field(None, description="How far it has got, where recorded.")
    steps: list[Step] = Field(
        default_factory=list, description="Sub-items printed under this one, in printed order."
    )
    transcription_notes: TranscriptionNotes


class Action(PlanModel):
    """A project or activity."""

    id: Id
    title: Text = Field(description="The action's name, as printed.")
    description: str | None = Field(None, description="What the action is, as printed.")
    focus: list[Text] = Field(
        default_factory=list, description="The year's focus items or priorities, as printed."
    )
    measures: list[Text] = Field(default_factory=list, description="Measures/outputs, as printed.")
    evaluation: str | None = Field(None, description="How success will be measured, as printed.")
    timescale: Timescale | None = Field(
        None, description="When the action is due, as printed and as cspplan reads it."
    )
    lead: Lead | None = Field(None, description="Who leads the action.")
    objective: str | None = Field(
        None,
        description="The action-plan objective this row serves, as printed (with its number).",
    )
    key_actions: list[Step] = Field(
        default_factory=list, description="The row's key actions or milestones, in printed order."
    )
    target: str | None = Field(None, description="The action's own target, as printed.")
    linked_themes: list[Id] = Field(
        default_factory=list,
        description="Other themes (ids in plan.yaml) the row is linked to: 'Linked priorities'.",
    )
    tags: list[Text] = Field(
        default_factory=list, description="Free labels for finding and grouping actions."
    )
    indicators: list[Id] = Field(
        default_factory=list, description="Indicators (ids) that show the action's progress."
    )
    governance: list[Id] = Field(
        default_factory=list, description="Bodies that monitor this action."
    )
    lineage: Lineage | None = Field(
        None, description="Where the action came from in an earlier plan year."
    )
    links: list[FrameworkLink] = Field(
        default_factory=list,
        description="Framework items (frameworks/<id>.yaml) this action serves, with the "
        "comment printed beside each.",
    )
    notes: list[Text] = Field(default_factory=list, description="Caveats printed with the action.")
    transcription_notes: TranscriptionNotes


# -- indicators as reported in a plan year ------------------------------------------------------


class Rating(Choice):
    GREEN = "green", "On target (Green)."
    AMBER = "amber", "Close to target (Amber)."
    RED = "red", "Off target (Red)."
    MONITORING = "monitoring", "Monitored, with no target to judge against."
    NEW = "new", "A new measure: not yet rated."
    NO_DATA = "no_data", "No data to rate."
    NOT_APPLICABLE = "not_applicable", "Not rated: a rating does not apply."


class Direction(Choice):
    UP = "up", "Up on the previous figure."
    LEVEL = "level", "About the same as the previous figure."
    DOWN = "down", "Down on the previous figure."
    NOT_APPLICABLE = "not_applicable", "No direction: nothing earlier to compare with."


class PublishedStatus(PlanModel):
    """Status and direction of travel exactly as the document printed them."""

    status: Rating | None = Field(None, description="The status printed.")
    label: str | None = Field(None, description="The printed word(s), e.g. 'Close to target'.")
    direction: Direction | None = Field(None, description="The direction of travel printed.")

    @model_validator(mode="after")
    def _something_printed(self) -> PublishedStatus:
        if self.status is None and self.direction is None:
            raise ValueError("give the printed status, direction, or both")
        return self


class StatusOverride(PlanModel):
    """A status set by the partnership in place of the computed one, with its reason."""

    status: Annotated[
        Literal["green", "amber", "red", "monitoring"],
        WithJsonSchema(described(Rating, ("green", "amber", "red", "monitoring"))),
    ] = Field(description="The status to report in place of the computed one.")
    reason: Text = Field(description="Why the partnership set this status.")


class Measure(PlanModel):
    """An indicator as one plan year reports it: wording, target, periods, published status."""

    indicator: Id
    wording: Text = Field(description="The performance measure as printed.")
    baseline: PeriodField | None = Field(None, description="The period progress is measured from.")
    latest: PeriodField | None = Field(None, description="The latest period the plan reports.")
    target: Target | None = Field(
        None,
        description="What the plan year promised for the measure: the one target its status "
        "is judged against.",
    )
    further_targets: list[Target] = Field(
        default_factory=list,
        description="Other targets printed for the measure (a longer horizon, the Police and "
        "Crime Plan's, a national one): each is reported with its own status, never the "
        "measure's, which `target` alone decides.",
    )
    published: PublishedStatus | None = Field(
        None, description="The status and direction the document printed."
    )
    override: StatusOverride | None = Field(
        None, description="A status that replaces the computed one, with its reason."
    )
    part_of: Id | None = Field(
        None, description="For a sub-indicator: the indicator it breaks down."
    )
    area: Id | None = Field(
        None,
        description="The area (an `areas` id in partnership.yaml) whose figures status judges; "
        "leave out to judge the whole.",
    )
    printed: str | None = Field(
        None, description="The row as printed, for sources where cells ran together."
    )
    links: list[FrameworkLink] = Field(
        default_factory=list,
        description="Framework items (frameworks/<id>.yaml) this measure serves, with the "
        "comment printed beside each.",
    )
    notes: list[Text] = Field(default_factory=list, description="Caveats printed with the measure.")
    transcription_notes: TranscriptionNotes


class Footnote(PlanModel):
    marker: str | None = Field(None, description="The footnote mark as printed, e.g. '*' or '1'.")
    text: Text = Field(description="The footnote as printed.")


# -- themes -----------------------------------------------------------------------------------


class ThemeKind(Choice):
    PRIORITY = "priority", "A priority of the plan."
    FOCUS_AREA = "focus_area", "A focus area."
    OTHER_AREA = "other_area", "Another area of work."
    PARTNERSHIP_DEVELOPMENT = "partnership_development", "Developing the partnership itself."
    CROSS_CUTTING = "cross_cutting", "A cross-cutting theme that runs through the others."


class Theme(PlanModel):
    """A section of the plan: `themes/<id>.yaml`."""

    id: Id
    title: Text = Field(description="The theme's title, as printed.")
    kind: ThemeKind | None = Field(None, description="Leave out where the document does not say.")
    group: str | None = Field(
        None, description="A heading the section sits under, e.g. 'Other areas of work'."
    )
    outcomes: list[Id] = Field(default_factory=list, description="Key outcomes (ids in plan.yaml).")
    objectives: list[Text] = Field(default_factory=list, description="Objectives, as printed.")
    lead: Lead | None = Field(
        None,
        description="Who leads the theme: the sponsor agency (organisations) and lead officer "
        "(people), with the text as printed.",
    )
    targets: list[Text] = Field(
        default_factory=list, description="The targets the plan prints for the theme, as printed."
    )
    achievements: list[Text] = Field(
        default_factory=list, description="What the theme achieved the year before, as printed."
    )
    narrative: str | None = Field(None, description="Text about the theme, as printed.")
    areas: list[Text] = Field(
        default_factory=list, description="Areas of work listed under the theme."
    )
    actions: list[Action] = Field(
        default_factory=list, description="Projects and activities, in printed order."
    )
    monitoring: str | None = Field(
        None, description="'Performance is monitored through …', as printed."
    )
    indicators: list[Measure] = Field(
        default_factory=list, description="Measures for the theme, in printed order."
    )
    published: PublishedStatus | None = Field(
        None, description="The theme's status as the document printed it."
    )
    override: StatusOverride | None = Field(
        None, description="A status that replaces the theme's computed one, with its reason."
    )
    contacts: list[Contact] = Field(
        default_factory=list, description="Who to contact about the theme."
    )
    governance: list[Id] = Field(
        default_factory=list, description="Bodies (ids) that oversee the theme."
    )
    lineage: Lineage | None = Field(
        None, description="Where the theme came from in an earlier plan year."
    )
    links: list[FrameworkLink] = Field(
        default_factory=list,
        description="Framework items (frameworks/<id>.yaml) this theme serves, with the "
        "comment printed beside each.",
    )
    notes: list[Footnote] = Field(
        default_factory=list, description="Footnotes printed with the theme."
    )
    transcription_notes: TranscriptionNotes


# -- the plan year ------------------------------------------------------------------------------


class Cycle(PlanModel):
    """The multi-year plan this year belongs to: 'Partnership Plan 2016-19: Year 3'."""

    name: Text = Field(description="The multi-year plan's name, e.g. 'Partnership Plan 2016-19'.")
    start: FinancialYearField = Field(description="The cycle's first financial year.")
    end: FinancialYearField = Field(description="The cycle's last financial year.")
    year: PositiveWhole = Field(
        description="Which year of the cycle this plan year is (1 is the first)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> Cycle:
        if self.end < self.start:
            raise ValueError(f"the cycle ends ({self.end}) before it starts ({self.start})")
        length = self.end.year - self.start.year + 1
        if self.year > length:
            raise ValueError(f"year {self.year} is past the end of a {length} year cycle")
        return self


class Outcome(PlanModel):
    id: Id
    text: Text = Field(description="The outcome, as printed.")


class Headline(PlanModel):
    """Headline performance indicators and the text that introduces them."""

    narrative: str | None = Field(
        None, description="Text introducing the headline measures, as printed."
    )
    indicators: list[Measure] = Field(
        default_factory=list, description="The headline measures, in printed order."
    )
    notes: list[Footnote] = Field(
        default_factory=list, description="Footnotes printed with the headline measures."
    )


class SourceDocument(PlanModel):
    """Where this plan year was transcribed from, and how faithful the source is."""

    title: Text = Field(description="The source document's title.")
    file: str | None = Field(None, description="The source file's name.")
    url: str | None = Field(None, description="Where the source can be found.")
    notes: str | None = Field(None, description="How faithful the source is.")


class PlanFile(PlanModel):
    """A plan year: `<yyyy-yy>/plan.yaml`."""

    title: Text = Field(description="The plan's title, as printed.")
    period: FinancialYearField = Field(description="The financial year the plan covers.")
    period_note: str | None = Field(
        None, description="Say how the period was read if the source lost it."
    )
    cycle: Cycle | None = Field(None, description="The multi-year plan this year belongs to.")
    introduction: str | None = Field(None, description="The introduction, as printed.")
    aspiration: str | None = Field(None, description="The plan's aspiration, as printed.")
    purpose: str | None = Field(None, description="The plan's purpose, as printed.")
    values: str | None = Field(None, description="The plan's values, as printed.")
    achievements: list[Text] = Field(
        default_factory=list, description="Achievements of the year before, as printed."
    )
    outcomes: list[Outcome] = Field(
        default_factory=list, description="Key outcomes, which themes point at."
    )
    headline: Headline | None = Field(
        None, description="Headline measures and the text that introduces them."
    )
    themes: list[Id] = Field(description="Theme ids (file names under themes/) in printed order.")
    dropped: list[Dropped] = Field(
        default_factory=list,
        description="Actions or themes of the previous year not carried forward.",
    )
    links: list[FrameworkLink] = Field(
        default_factory=list,
        description="Framework items the plan answers for without naming a theme of its own "
        "(an alignment row that prints no priority), with the comment printed beside each. "
        "Unlike a theme's links, they make no measure serve the item.",
    )
    notes: list[Footnote] = Field(
        default_factory=list, description="Footnotes printed in the plan."
    )
    source: SourceDocument | None = Field(
        None, description="The document this plan year was transcribed from."
    )
    transcription_notes: TranscriptionNotes
