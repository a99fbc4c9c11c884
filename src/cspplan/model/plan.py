"""A plan year and its themes: what the partnership will do this year and how it will know.

A plan year is a folder (e.g. `2018-19/`) holding `plan.yaml` and one file per theme
under `themes/`; `plan.yaml` lists the themes in the order the document prints them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from cspplan.model.base import (
    DueField,
    FinancialYearField,
    Id,
    PeriodField,
    PlanModel,
    PositiveWhole,
    Text,
    TranscriptionNotes,
)
from cspplan.model.targets import Target

# -- timescales ---------------------------------------------------------------------------


class Deadline(PlanModel):
    """'By 31 March 2019', 'By March 2019'."""

    kind: Literal["deadline"]
    by: DueField
    label: str | None = None


class DateRange(PlanModel):
    """'1 April 2017 to 31 March 2019'."""

    kind: Literal["range"]
    start: DueField
    end: DueField
    label: str | None = None

    @model_validator(mode="after")
    def _ordered(self) -> DateRange:
        if self.end.end < self.start.start:
            raise ValueError(f"the range ends ({self.end}) before it starts ({self.start})")
        return self


class Rolling(PlanModel):
    """'Rolling programme of work, refreshed annually'."""

    kind: Literal["rolling"]
    refresh: str | None = Field(None, description="E.g. 'annually'.")
    statutory: bool = False


class CycleStep(PlanModel):
    """'4 year rolling cycle with annual refresh (2018/19 will be Year 1)'."""

    kind: Literal["cycle"]
    years: PositiveWhole | None = Field(None, description="Length of the cycle, where printed.")
    year: PositiveWhole | None = Field(
        None, description="Which year of the cycle this plan year is."
    )
    refresh: str | None = None

    @model_validator(mode="after")
    def _year_within(self) -> CycleStep:
        if self.years is not None and self.year is not None and self.year > self.years:
            raise ValueError(f"year {self.year} of a {self.years} year cycle is impossible")
        return self


class OnHold(PlanModel):
    """'On hold in 2017/18'."""

    kind: Literal["on_hold"]
    period: PeriodField | None = None


class Milestone(PlanModel):
    """A dated step: 'Evaluation to be completed by May 2018'."""

    kind: Literal["milestone"]
    date: DueField
    label: Text


TimescalePart = Annotated[
    Deadline | DateRange | Rolling | CycleStep | OnHold | Milestone,
    Field(discriminator="kind"),
]


class Timescale(PlanModel):
    """A timescale as printed, and the structured reading(s) of it."""

    text: Text
    parts: list[TimescalePart] = Field(default_factory=list)


# -- people and leads -----------------------------------------------------------------------


class Lead(PlanModel):
    """Who leads an action: organisations, groups and/or people; several means a joint lead."""

    text: str | None = Field(None, description="The lead as printed, e.g. 'Lead: Amethyst,'.")
    organisations: list[Id] = Field(default_factory=list)
    groups: list[Id] = Field(default_factory=list, description="Governance bodies (ids) that lead.")
    people: list[Id] = Field(default_factory=list)
    supporting: list[Id] = Field(
        default_factory=list, description="Organisations working 'with' the lead."
    )


class Contact(PlanModel):
    """A 'who to contact' entry; details printed differently this year override the person's."""

    person: Id
    role: str | None = None
    team: str | None = None
    organisation: Id | None = None
    email: str | None = None
    phone: str | None = None


# -- lineage --------------------------------------------------------------------------------

ACTION_REF_PATTERN = r"^(\d{4}/\d{2}:)?[a-z0-9][a-z0-9-]*$"
ActionRef = Annotated[
    str,
    StringConstraints(pattern=ACTION_REF_PATTERN),
]
"""An action or theme id in the previous plan year, or `2016/17:some-id` for another year."""


class LineageKind(StrEnum):
    SAME_AS = "same_as"
    RENAMED_FROM = "renamed_from"
    MERGED_FROM = "merged_from"
    SPLIT_FROM = "split_from"
    NEW = "new"


class Lineage(PlanModel):
    """Where an action or theme came from in an earlier plan year."""

    kind: LineageKind
    from_: list[ActionRef] = Field(default_factory=list, alias="from")
    note: str | None = None

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

    id: ActionRef
    note: str | None = None


# -- actions ----------------------------------------------------------------------------------


class Action(PlanModel):
    """A project or activity."""

    id: Id
    title: Text
    description: str | None = None
    focus: list[Text] = Field(
        default_factory=list, description="The year's focus items or priorities, as printed."
    )
    measures: list[Text] = Field(default_factory=list, description="Measures/outputs, as printed.")
    evaluation: str | None = Field(None, description="How success will be measured, as printed.")
    timescale: Timescale | None = None
    lead: Lead | None = None
    tags: list[Text] = Field(default_factory=list)
    indicators: list[Id] = Field(default_factory=list)
    governance: list[Id] = Field(
        default_factory=list, description="Bodies that monitor this action."
    )
    lineage: Lineage | None = None
    notes: list[Text] = Field(default_factory=list, description="Caveats printed with the action.")
    transcription_notes: TranscriptionNotes


# -- indicators as reported in a plan year ------------------------------------------------------


class Rating(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    MONITORING = "monitoring"
    NEW = "new"
    NO_DATA = "no_data"
    NOT_APPLICABLE = "not_applicable"


class Direction(StrEnum):
    UP = "up"
    LEVEL = "level"
    DOWN = "down"
    NOT_APPLICABLE = "not_applicable"


class PublishedStatus(PlanModel):
    """Status and direction of travel exactly as the document printed them."""

    status: Rating | None = None
    label: str | None = Field(None, description="The printed word(s), e.g. 'Close to target'.")
    direction: Direction | None = None

    @model_validator(mode="after")
    def _something_printed(self) -> PublishedStatus:
        if self.status is None and self.direction is None:
            raise ValueError("give the printed status, direction, or both")
        return self


class StatusOverride(PlanModel):
    """A status set by the partnership in place of the computed one, with its reason."""

    status: Literal["green", "amber", "red", "monitoring"]
    reason: Text


class Measure(PlanModel):
    """An indicator as one plan year reports it: wording, target, periods, published status."""

    indicator: Id
    wording: Text = Field(description="The performance measure as printed.")
    baseline: PeriodField | None = None
    latest: PeriodField | None = None
    target: Target | None = None
    published: PublishedStatus | None = None
    override: StatusOverride | None = None
    part_of: Id | None = Field(
        None, description="For a sub-indicator: the indicator it breaks down."
    )
    printed: str | None = Field(
        None, description="The row as printed, for sources where cells ran together."
    )
    notes: list[Text] = Field(default_factory=list, description="Caveats printed with the measure.")
    transcription_notes: TranscriptionNotes


class Footnote(PlanModel):
    marker: str | None = None
    text: Text


# -- themes -----------------------------------------------------------------------------------


class ThemeKind(StrEnum):
    PRIORITY = "priority"
    FOCUS_AREA = "focus_area"
    OTHER_AREA = "other_area"
    PARTNERSHIP_DEVELOPMENT = "partnership_development"
    CROSS_CUTTING = "cross_cutting"


class Theme(PlanModel):
    """A section of the plan: `themes/<id>.yaml`."""

    id: Id
    title: Text
    kind: ThemeKind | None = Field(None, description="Leave out where the document does not say.")
    group: str | None = Field(
        None, description="A heading the section sits under, e.g. 'Other areas of work'."
    )
    outcomes: list[Id] = Field(default_factory=list, description="Key outcomes (ids in plan.yaml).")
    objectives: list[Text] = Field(default_factory=list)
    narrative: str | None = None
    areas: list[Text] = Field(
        default_factory=list, description="Areas of work listed under the theme."
    )
    actions: list[Action] = Field(default_factory=list)
    monitoring: str | None = Field(
        None, description="'Performance is monitored through …', as printed."
    )
    indicators: list[Measure] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    governance: list[Id] = Field(default_factory=list)
    lineage: Lineage | None = None
    notes: list[Footnote] = Field(default_factory=list)
    transcription_notes: TranscriptionNotes


# -- the plan year ------------------------------------------------------------------------------


class Cycle(PlanModel):
    """The multi-year plan this year belongs to: 'Partnership Plan 2016-19: Year 3'."""

    name: Text
    start: FinancialYearField
    end: FinancialYearField
    year: PositiveWhole

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
    text: Text


class Headline(PlanModel):
    """Headline performance indicators and the text that introduces them."""

    narrative: str | None = None
    indicators: list[Measure] = Field(default_factory=list)
    notes: list[Footnote] = Field(default_factory=list)


class SourceDocument(PlanModel):
    """Where this plan year was transcribed from, and how faithful the source is."""

    title: Text
    file: str | None = None
    url: str | None = None
    notes: str | None = None


class PlanYear(PlanModel):
    """A plan year: `<yyyy-yy>/plan.yaml`."""

    title: Text
    period: FinancialYearField
    period_note: str | None = Field(
        None, description="Say how the period was read if the source lost it."
    )
    cycle: Cycle | None = None
    introduction: str | None = None
    achievements: list[Text] = Field(default_factory=list)
    outcomes: list[Outcome] = Field(default_factory=list)
    headline: Headline | None = None
    themes: list[Id] = Field(description="Theme ids (file names under themes/) in printed order.")
    dropped: list[Dropped] = Field(
        default_factory=list,
        description="Actions or themes of the previous year not carried forward.",
    )
    notes: list[Footnote] = Field(default_factory=list)
    source: SourceDocument | None = None
    transcription_notes: TranscriptionNotes
