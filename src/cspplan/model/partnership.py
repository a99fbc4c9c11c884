"""The partnership: who is in it, who works for it, how it is governed, how it rates status.

Stored in `partnership.yaml` at the top of a partnership's folder.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    Field,
    NonNegativeFloat,
    PlainSerializer,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from cspplan.model.base import (
    Choice,
    Id,
    NonNegativeWhole,
    PlanModel,
    PositiveWhole,
    Text,
    TranscriptionNotes,
)
from cspplan.model.status_words import StatusWords, named_words, rag_or_words


class OrganisationKind(Choice):
    LOCAL_AUTHORITY = "local_authority", "A council."
    POLICE = "police", "A police force or the police and crime commissioner."
    FIRE_AND_RESCUE = "fire_and_rescue", "A fire and rescue service."
    HEALTH = "health", "An NHS body or public health."
    PROBATION = "probation", "A probation service or rehabilitation company."
    CRIMINAL_JUSTICE = (
        "criminal_justice",
        "Courts, prisons, youth justice or the Crown Prosecution Service.",
    )
    GOVERNMENT = "government", "A government department or agency."
    VOLUNTARY_SECTOR = "voluntary_sector", "A charity or community organisation."
    BUSINESS = "business", "A business or business group."
    TRANSPORT = "transport", "A transport operator or authority."
    EDUCATION = "education", "A school, college or university."
    TEAM = "team", "A team inside an organisation (set parent)."
    NETWORK = "network", "A network of organisations."
    OTHER = "other", "Any other kind of organisation."


class Membership(Choice):
    """How an organisation belongs to the partnership."""

    RESPONSIBLE_AUTHORITY = (
        "responsible_authority",
        "A responsible authority, with a legal duty to take part.",
    )
    ASSOCIATE = "associate", "An associate member."
    MEMBER = "member", "A member by choice."


class Organisation(PlanModel):
    """A partner organisation, or a team inside one (set `parent`)."""

    id: Id
    name: Text = Field(description="The organisation's name.")
    short_name: str | None = Field(None, description="A short name or abbreviation.")
    kind: OrganisationKind | None = Field(None, description="What kind of organisation it is.")
    parent: Id | None = Field(None, description="The organisation this team or unit belongs to.")
    membership: Membership | None = Field(None, description="How it belongs to the partnership.")
    description: str | None = Field(None, description="As printed.")
    transcription_notes: TranscriptionNotes


class Person(PlanModel):
    """Someone a plan names as a lead or a contact, with their details as last printed."""

    id: Id
    name: Text = Field(description="The person's name.")
    role: str | None = Field(None, description="Job title or role.")
    team: str | None = Field(None, description="Team.")
    organisation: Id | None = Field(None, description="The organisation (id) they work for.")
    email: str | None = Field(None, description="Email address.")
    phone: str | None = Field(None, description="Phone number.")
    transcription_notes: TranscriptionNotes


class GovernanceKind(Choice):
    BOARD = "board", "The board that owns the plan."
    STRATEGY_GROUP = "strategy_group", "A group that sets strategy."
    MANAGEMENT_GROUP = "management_group", "A group that manages delivery."
    THEMATIC_GROUP = "thematic_group", "A group for one theme."
    OPERATIONAL_GROUP = "operational_group", "A group that does the day-to-day work."
    TASK_AND_FINISH_GROUP = "task_and_finish_group", "A group set up for one task."
    FORUM = "forum", "A forum for sharing information."
    SCRUTINY_COMMITTEE = "scrutiny_committee", "A committee that scrutinises the partnership."
    LOCAL_PARTNERSHIP = (
        "local_partnership",
        "A partnership for a district or locality that the partnership works with.",
    )
    LINKED_PARTNERSHIP = (
        "linked_partnership",
        "Another partnership or board the partnership works with.",
    )
    OTHER = "other", "Any other kind of body."


class GovernanceBody(PlanModel):
    """A board, group or committee in the partnership's governance structure."""

    id: Id
    name: Text = Field(description="The body's name.")
    short_name: str | None = Field(None, description="A short name or abbreviation.")
    kind: GovernanceKind = Field(description="What kind of body it is.")
    reports_to: Id | None = Field(None, description="Id of the body this one reports to.")
    organisation: Id | None = Field(None, description="Organisation that hosts the body, if any.")
    description: str | None = Field(None, description="As printed.")
    transcription_notes: TranscriptionNotes


class AreaKind(Choice):
    DISTRICT = "district", "A district or borough council's area."
    LOCALITY = "locality", "A locality, town or neighbourhood."
    COUNTY = "county", "The county, or the whole area the partnership serves."
    OTHER = "other", "Any other kind of area (a police or MARAC area, a centre)."


class Area(PlanModel):
    """An area figures are broken down by: observations and comparators name it in `area`."""

    id: Id
    name: Text = Field(description="The area's name, as printed.")
    kind: AreaKind | None = Field(None, description="What kind of area it is.")
    part_of: Id | None = Field(
        None,
        description="The area (id) this one is part of; areas with the same part_of together "
        "make up the whole, so their figures should add up to it.",
    )
    transcription_notes: TranscriptionNotes


class Tolerance(PlanModel):
    """How far short of a target still counts as amber ("close to target")."""

    percentage_points: NonNegativeFloat = Field(
        2.0, description="For percentage measures: points short of target still amber."
    )
    relative_percent: NonNegativeFloat = Field(
        5.0, description="For counts, rates and scores: % of the target value still amber."
    )
    rank_places: NonNegativeWhole = Field(
        1, description="For rank targets: places short still amber."
    )


class DirectionComparison(Choice):
    PREVIOUS = "previous", "Compare with the figure before."
    YEAR_EARLIER = (
        "year_earlier",
        "Compare with the same period a year earlier (seasonal measures).",
    )


class DirectionRules(PlanModel):
    """How direction of travel is judged: what to compare with, and what counts as level."""

    compare_with: DirectionComparison = Field(
        DirectionComparison.PREVIOUS,
        description="What a figure is compared with for direction of travel.",
    )
    stable_percentage_points: NonNegativeFloat = Field(
        1.0, description="For percentages: a movement this small or smaller is 'level'."
    )
    stable_relative_percent: NonNegativeFloat = Field(
        2.0,
        description="For other units: a movement this small (% of the earlier value) is 'level'.",
    )


_DURATION = re.compile(r"^\s*(?=\d)(?:(\d+)\s*years?)?\s*(?:(\d+)\s*months?)?\s*$")


def _months(value: Any) -> int:
    """A length of time as whole months: a number of months, or words ('1 year', '18 months',
    '2 years 6 months'), so a partnership can write it either way."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    found = _DURATION.match(value) if isinstance(value, str) else None
    if found and (found[1] or found[2]):
        return int(found[1] or 0) * 12 + int(found[2] or 0)
    raise PydanticCustomError(
        "duration",
        "'{value}' is not a length of time such as '1 year', '18 months' or a number of months",
        {"value": value},
    )


def months_words(months: int) -> str:
    """12 -> '1 year', 18 -> '18 months', 30 -> '2 years 6 months' (read back by `_months`)."""

    def count(number: int, word: str) -> str:
        return f"{number} {word}" + ("" if number == 1 else "s")

    years, rest = divmod(months, 12)
    if not years or (years == 1 and rest):
        return count(months, "month")
    return count(years, "year") + (f" {count(rest, 'month')}" if rest else "")


Months = Annotated[
    int,
    BeforeValidator(_months),
    PlainSerializer(months_words, return_type=str),
    WithJsonSchema(
        {
            "oneOf": [
                {"type": "string", "pattern": _DURATION.pattern, "description": "In words."},
                {"type": "integer", "minimum": 0, "description": "A number of months."},
            ],
            "description": "A length of time: '1 year', '18 months', or a number of months.",
        }
    ),
]


class ThemeStatusCounts(PlanModel):
    """The thresholds of the `count` roll-up rule: how many of a theme's judged measures
    make it red, or amber."""

    red: PositiveWhole = Field(description="Red when at least this many measures are red.")
    amber: PositiveWhole = Field(
        description="Amber when at least this many measures are red or amber (and not red)."
    )


class StatusDefinitions(PlanModel):
    """What each status means, in the partnership's own words as printed: documents print
    them as a key."""

    green: Text = Field(description="What green means, as printed.")
    amber: Text = Field(description="What amber means, as printed.")
    red: Text = Field(description="What red means, as printed.")


class StatusRules(PlanModel):
    """The partnership's settings for computed status (defaults documented in the README)."""

    labels: Annotated[StatusWords, BeforeValidator(named_words)] = Field(
        default_factory=StatusWords,
        description="The words reports use for the status bands: 'rag' (Green, Amber, Red; "
        "the default) or a word for each band.",
        json_schema_extra=rag_or_words,
    )
    tolerance: Tolerance = Field(
        default_factory=Tolerance, description="How far short of a target is still amber."
    )
    direction: DirectionRules = Field(
        default_factory=DirectionRules, description="How direction of travel is judged."
    )
    stale_after: Months = Field(
        12,
        description="A figure whose period ended longer than this before the as-of period is "
        "flagged stale: '1 year' (the default), '18 months' or a number of months.",
    )
    theme_status: str | None = Field(
        None,
        description="The rule that rolls a theme's measures up into the theme's status: "
        "'worst' (the worst judged measure), 'majority' (the most common judged band, a tie "
        "to the worse) or 'count' (see theme_status_counts). Leave out: themes are not "
        "rolled up.",
    )
    theme_status_counts: ThemeStatusCounts | None = Field(
        None,
        description="For the 'count' rule: red when at least `red` measures are red, amber "
        "when at least `amber` are red or amber, else green.",
    )
    red_requires_worsening: bool = Field(
        False,
        description="True: a figure short of its target beyond the tolerance is red only when "
        "its direction of travel is worsening; otherwise it is amber, and the reason says so.",
    )
    definitions: StatusDefinitions | None = Field(
        None,
        description="What green, amber and red mean, in the partnership's words as printed; "
        "documents print them as a key.",
    )


class ContactDetails(PlanModel):
    """The public contact point printed on a plan (e.g. for other formats)."""

    name: str | None = Field(None, description="Who to contact, e.g. a team.")
    address: str | None = Field(None, description="Postal address.")
    phone: str | None = Field(None, description="Phone number.")
    email: str | None = Field(None, description="Email address.")
    website: str | None = Field(None, description="Web address.")


class ParentPartnership(PlanModel):
    """The partnership this one sits beneath (a county CSP above district CSPs)."""

    name: Text = Field(description="The parent partnership's name, as printed.")
    partnership: Id | None = Field(
        None,
        description="Id of the parent's partnership folder, when it is in the same plans "
        "repository (its status then rolls this partnership's measures up).",
    )
    relationship: str | None = Field(
        None, description="How the source describes the relationship, as printed."
    )
    transcription_notes: TranscriptionNotes


class LinkedPartnership(PlanModel):
    """Another partnership or board the partnership works with (a safeguarding board, the
    health and wellbeing board, a district partnership, an operational partnership team),
    with the relationship as printed."""

    name: Text | None = Field(
        None,
        description="Its name, as printed; may be left out when `governance` names a body "
        "listed under `governance`, whose name is then used.",
    )
    relationship: str | None = Field(
        None, description="How the source describes the relationship, as printed."
    )
    partnership: Id | None = Field(
        None, description="Id of its partnership folder, when it is in the same repository."
    )
    governance: Id | None = Field(
        None,
        description="Id of the body under `governance` that records it (a local or linked "
        "partnership), so that it is listed once.",
    )
    transcription_notes: TranscriptionNotes

    @model_validator(mode="after")
    def _named(self) -> LinkedPartnership:
        if self.name is None and self.governance is None:
            raise ValueError("a linked partnership needs a name or a governance body id")
        return self


class Partnership(PlanModel):
    """A Community Safety Partnership: `partnership.yaml`."""

    id: Id
    name: Text = Field(description="The partnership's name.")
    other_names: list[Text] = Field(default_factory=list, description="E.g. a name in Cornish.")
    area: Text = Field(description="The area it serves.")
    vision: str | None = Field(None, description="The partnership's vision, as printed.")
    description: str | None = Field(None, description="About the partnership, as printed.")
    organisations: list[Organisation] = Field(
        default_factory=list, description="Member organisations, and teams in them."
    )
    people: list[Person] = Field(
        default_factory=list, description="People named as leads or contacts."
    )
    governance: list[GovernanceBody] = Field(
        default_factory=list, description="Boards, groups and committees."
    )
    areas: list[Area] = Field(
        default_factory=list,
        description="The districts and localities an observation can be broken down by.",
    )
    status_rules: StatusRules = Field(
        default_factory=StatusRules, description="How cspplan works out status and direction."
    )
    contact: ContactDetails | None = Field(
        None, description="The public contact point printed on plans."
    )
    parent: ParentPartnership | None = Field(
        None, description="The partnership this one sits beneath (a county CSP), if any."
    )
    linked_partnerships: list[LinkedPartnership] = Field(
        default_factory=list,
        description="Partnerships and boards it works with, with the relationship as printed.",
    )
    transcription_notes: TranscriptionNotes
