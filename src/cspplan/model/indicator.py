"""Performance indicators and their series of observations.

One file per indicator under `indicators/`; an indicator outlives any one plan year, so
its definition and every observation ever printed live here, and plan years point at it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from cspplan.model.base import (
    FinancialYearField,
    Id,
    Number,
    PeriodField,
    PlanModel,
    PositiveWhole,
    Text,
    TranscriptionNotes,
    Whole,
)
from cspplan.model.periods import Period


class Unit(StrEnum):
    PERCENTAGE = "percentage"
    COUNT = "count"
    RATE = "rate"
    SCORE = "score"
    RANK = "rank"
    MONEY = "money"


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    WITHIN_RANGE = "within_range"
    NO_JUDGEMENT = "no_judgement"


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"
    BIENNIAL = "biennial"
    IRREGULAR = "irregular"


class ValueStatus(StrEnum):
    """Why an observation has no number."""

    TBC = "tbc"
    NOT_APPLICABLE = "not_applicable"
    NOT_YET_KNOWN = "not_yet_known"
    AWAITING_DATA = "awaiting_data"
    NOT_REPORTED = "not_reported"
    NEW = "new"
    UNKNOWN = "unknown"
    """The source printed something here but the number was lost: keep the text."""

    @property
    def label(self) -> str:
        """The status in words, as plans print it: 'not yet known', 'n/a'."""
        return _STATUS_LABELS.get(self, self.value.replace("_", " "))

    @classmethod
    def from_words(cls, text: str) -> ValueStatus | None:
        """The status someone typed, by its name ('not_yet_known'), in words ('not yet
        known', 'Not-yet-known') or by its label ('n/a'); None for anything else. The one
        reading `record` and `import` share, so both accept exactly the model's statuses."""
        typed = " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())
        for status in cls:
            if typed in (status.value.replace("_", " "), status.label.lower()):
                return status
        return None


_STATUS_LABELS = {ValueStatus.NOT_APPLICABLE: "n/a"}


class ComparatorGroup(StrEnum):
    NATIONAL = "national"
    REGIONAL = "regional"
    FAMILY_GROUP = "family_group"
    MOST_SIMILAR_GROUP = "most_similar_group"
    TOP_QUARTILE = "top_quartile"


class Observation(PlanModel):
    """One point in a series: a number, or a status saying why there is none."""

    period: PeriodField
    value: Number | None = None
    status: ValueStatus | None = None
    text: str | None = Field(
        None, description="Exactly as printed, e.g. '1,566' or '738 (2016/17)'."
    )
    provisional: bool = False
    count: Whole | None = Field(None, description="A count printed alongside a rate.")
    rank: PositiveWhole | None = Field(None, description="Position printed alongside the value.")
    rank_of: PositiveWhole | None = None
    reported_in: list[FinancialYearField] = Field(
        default_factory=list,
        description="Plan years whose documents printed this value (the same period can be "
        "printed differently in two plans: that is a restatement).",
    )
    note: str | None = None

    @model_validator(mode="after")
    def _value_or_status(self) -> Observation:
        if self.value is None and self.status is None:
            raise ValueError("give a value, or a status saying why there is none")
        if self.value is not None and self.status is not None:
            raise ValueError("give a value or a status, not both")
        return self


class ComparatorValue(PlanModel):
    """A comparator's figure (e.g. the national average), as printed."""

    group: ComparatorGroup
    period: PeriodField | None = Field(
        None, description="Leave out when the source says only 'currently'."
    )
    value: Number | None = None
    text: str | None = None
    reported_in: list[FinancialYearField] = Field(default_factory=list)
    note: str | None = None


class SeriesBreak(PlanModel):
    """A change of definition or counting method: values either side do not compare."""

    period: PeriodField = Field(description="The first period counted the new way.")
    note: Text


class Indicator(PlanModel):
    """A performance indicator: `indicators/<id>.yaml`."""

    id: Id
    name: Text
    definition: str | None = None
    unit: Unit
    rate_per: Literal[1000, 100000] | None = Field(
        None, description="For rates: per 1,000 or per 100,000."
    )
    population: str | None = Field(
        None, description="Who the rate is per, e.g. 'residents aged 10-17'."
    )
    polarity: Polarity | None = None
    frequency: Frequency | None = None
    seasonal: bool = Field(
        False, description="Compare with the same period a year earlier for direction of travel."
    )
    source: str | None = None
    reference: str | None = Field(None, description="An external code, e.g. 'NPS SL005'.")
    replaces: Id | None = Field(None, description="The indicator this one redefines.")
    breaks: list[SeriesBreak] = Field(default_factory=list)
    series: list[Observation] = Field(default_factory=list)
    comparators: list[ComparatorValue] = Field(default_factory=list)
    notes: list[Text] = Field(
        default_factory=list, description="Caveats printed with the indicator."
    )
    transcription_notes: TranscriptionNotes

    @model_validator(mode="after")
    def _rate_needs_base(self) -> Indicator:
        if self.unit is Unit.RATE and self.rate_per is None:
            raise ValueError("a rate needs rate_per: 1000 or 100000")
        if self.unit is not Unit.RATE and self.rate_per is not None:
            raise ValueError("rate_per is only for unit: rate")
        return self

    def observation(self, period: Period, plan_year: Period | None = None) -> Observation | None:
        """The observation for a period, preferring the one a given plan year printed."""
        found = [obs for obs in self.series if obs.period == period]
        if plan_year is not None:
            for obs in found:
                if plan_year in obs.reported_in:
                    return obs
        return found[-1] if found else None
