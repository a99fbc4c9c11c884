"""The partnership: who is in it, who works for it, how it is governed, how it rates status.

Stored in `partnership.yaml` at the top of a partnership's folder.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, NonNegativeFloat, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from cspplan.model.base import Id, NonNegativeWhole, PlanModel, Text, TranscriptionNotes


class OrganisationKind(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    POLICE = "police"
    FIRE_AND_RESCUE = "fire_and_rescue"
    HEALTH = "health"
    PROBATION = "probation"
    CRIMINAL_JUSTICE = "criminal_justice"
    GOVERNMENT = "government"
    VOLUNTARY_SECTOR = "voluntary_sector"
    BUSINESS = "business"
    TRANSPORT = "transport"
    EDUCATION = "education"
    TEAM = "team"
    NETWORK = "network"
    OTHER = "other"


class Membership(StrEnum):
    """How an organisation belongs to the partnership."""

    RESPONSIBLE_AUTHORITY = "responsible_authority"
    ASSOCIATE = "associate"
    MEMBER = "member"


class Organisation(PlanModel):
    """A partner organisation, or a team inside one (set `parent`)."""

    id: Id
    name: Text
    short_name: str | None = None
    kind: OrganisationKind | None = None
    parent: Id | None = Field(None, description="The organisation this team or unit belongs to.")
    membership: Membership | None = None
    description: str | None = Field(None, description="As printed.")
    transcription_notes: TranscriptionNotes


class Person(PlanModel):
    """Someone a plan names as a lead or a contact, with their details as last printed."""

    id: Id
    name: Text
    role: str | None = None
    team: str | None = None
    organisation: Id | None = None
    email: str | None = None
    phone: str | None = None
    transcription_notes: TranscriptionNotes


class GovernanceKind(StrEnum):
    BOARD = "board"
    STRATEGY_GROUP = "strategy_group"
    MANAGEMENT_GROUP = "management_group"
    THEMATIC_GROUP = "thematic_group"
    OPERATIONAL_GROUP = "operational_group"
    TASK_AND_FINISH_GROUP = "task_and_finish_group"
    FORUM = "forum"
    SCRUTINY_COMMITTEE = "scrutiny_committee"
    OTHER = "other"


class GovernanceBody(PlanModel):
    """A board, group or committee in the partnership's governance structure."""

    id: Id
    name: Text
    short_name: str | None = None
    kind: GovernanceKind
    reports_to: Id | None = Field(None, description="Id of the body this one reports to.")
    organisation: Id | None = Field(None, description="Organisation that hosts the body, if any.")
    description: str | None = Field(None, description="As printed.")
    transcription_notes: TranscriptionNotes


class LabelScheme(StrEnum):
    """Words used for the status bands."""

    RAG = "rag"
    SAFER_CORNWALL = "safer_cornwall"


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


class DirectionComparison(StrEnum):
    PREVIOUS = "previous"
    YEAR_EARLIER = "year_earlier"


class DirectionRules(PlanModel):
    """How direction of travel is judged: what to compare with, and what counts as level."""

    compare_with: DirectionComparison = DirectionComparison.PREVIOUS
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
            "type": ["string", "integer"],
            "pattern": _DURATION.pattern,
            "minimum": 0,
            "description": "A length of time: '1 year', '18 months', or a number of months.",
        }
    ),
]


class StatusRules(PlanModel):
    """The partnership's settings for computed status (defaults documented in the README)."""

    labels: LabelScheme = LabelScheme.RAG
    tolerance: Tolerance = Field(default_factory=Tolerance)
    direction: DirectionRules = Field(default_factory=DirectionRules)
    stale_after: Months = Field(
        12,
        description="A figure whose period ended longer than this before the as-of period is "
        "flagged stale: '1 year' (the default), '18 months' or a number of months.",
    )


class ContactDetails(PlanModel):
    """The public contact point printed on a plan (e.g. for other formats)."""

    name: str | None = None
    address: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None


class Partnership(PlanModel):
    """A Community Safety Partnership: `partnership.yaml`."""

    id: Id
    name: Text
    other_names: list[Text] = Field(default_factory=list, description="E.g. a name in Cornish.")
    area: Text
    vision: str | None = None
    description: str | None = None
    organisations: list[Organisation] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    governance: list[GovernanceBody] = Field(default_factory=list)
    status_rules: StatusRules = Field(default_factory=StatusRules)
    contact: ContactDetails | None = None
    transcription_notes: TranscriptionNotes
