"""Performance indicators and their series of observations.

One file per indicator under `indicators/`; an indicator outlives any one plan year, so
its definition and every observation ever printed live here, and plan years point at it.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, WithJsonSchema, model_validator

from cspplan.model.base import (
    Choice,
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
from cspplan.model.links import FrameworkLink
from cspplan.model.periods import Period
from cspplan.model.units import Unit  # its home is model.units, with its facts


class Polarity(Choice):
    HIGHER_IS_BETTER = "higher_is_better", "A rise is an improvement."
    LOWER_IS_BETTER = "lower_is_better", "A fall is an improvement."
    WITHIN_RANGE = "within_range", "Best inside a range; too high or too low is worse."
    NO_JUDGEMENT = "no_judgement", "Monitored only: no direction is better."


class Frequency(Choice):
    MONTHLY = "monthly", "Reported every month."
    QUARTERLY = "quarterly", "Reported every quarter."
    ANNUAL = "annual", "Reported once a year."
    BIENNIAL = "biennial", "Reported every two years."
    IRREGULAR = "irregular", "Reported when data is available, on no fixed cycle."


class ValueStatus(Choice):
    """Why an observation has no number."""

    TBC = "tbc", "To be confirmed (TBC)."
    NOT_APPLICABLE = "not_applicable", "Not applicable (n/a) for this period."
    NOT_YET_KNOWN = "not_yet_known", "Not yet known: the period has not been counted yet."
    AWAITING_DATA = "awaiting_data", "Awaiting data from the source."
    NOT_REPORTED = "not_reported", "The source did not report this period."
    NEW = "new", "A new measure: no figure yet."
    UNKNOWN = "unknown", "Printed but lost in the source: the text is kept, the number is unknown."

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


class ComparatorGroup(Choice):
    NATIONAL = "national", "The national (England or England and Wales) figure."
    REGIONAL = "regional", "The regional figure."
    FAMILY_GROUP = "family_group", "The average of a family group of similar areas."
    MOST_SIMILAR_GROUP = "most_similar_group", "The average of the most similar group of areas."
    TOP_QUARTILE = "top_quartile", "The top quartile of a comparator group."
    LOCAL = "local", "A local comparator, named in `label`."


class Observation(PlanModel):
    """One point in a series: a number, or a status saying why there is none."""

    period: PeriodField = Field(description="The period the figure is for.")
    value: Number | None = Field(None, description="The figure.")
    status: ValueStatus | None = Field(None, description="Why there is no number.")
    text: str | None = Field(
        None, description="Exactly as printed, e.g. '1,566' or '738 (2016/17)'."
    )
    provisional: bool = Field(False, description="True if the source marks the figure provisional.")
    count: Whole | None = Field(None, description="A count printed alongside a rate.")
    rank: PositiveWhole | None = Field(None, description="Position printed alongside the value.")
    rank_of: PositiveWhole | None = Field(
        None, description="How many were ranked, printed alongside the rank."
    )
    reported_in: list[FinancialYearField] = Field(
        default_factory=list,
        description="Plan years whose documents printed this value (the same period can be "
        "printed differently in two plans: that is a restatement).",
    )
    reported_for: PeriodField | None = Field(
        None,
        description="The reporting column the figure was printed in (e.g. Q1 2013/14) when "
        "`period` is the window the data covers (e.g. Oct 10 to Sep 11). Status uses `period`.",
    )
    attempts: Whole | None = Field(
        None, description="The number of attempts or cases a percentage is out of, as printed."
    )
    area: Id | None = Field(
        None,
        description="The area (an `areas` id in partnership.yaml) the figure is for; leave out "
        "for the whole.",
    )
    dimension: str | None = Field(
        None, description="Another breakdown the figure belongs to, e.g. 'offence'."
    )
    category: str | None = Field(
        None, description="The category within `dimension`, e.g. 'burglary'."
    )
    note: str | None = Field(None, description="A note on the figure.")

    @property
    def breakdown(self) -> tuple[str | None, str | None, str | None]:
        """(area, dimension, category): with `period`, what tells two figures apart; all
        None for the whole."""
        return (self.area, self.dimension, self.category)

    def part_words(self) -> str:
        """Which breakdown the figure is in, in words: 'area norwich', 'offence: burglary';
        empty for the whole."""
        parts = [f"area {self.area}"] if self.area else []
        if self.dimension:
            parts.append(f"{self.dimension}: {self.category}" if self.category else self.dimension)
        return ", ".join(parts)

    def is_part(self, area: str | None = None) -> bool:
        """Is this a figure for `area` alone (None: the whole), with no other breakdown?
        Status and charts read only these, so a district figure never passes for the county's."""
        return self.area == area and self.dimension is None and self.category is None

    @model_validator(mode="after")
    def _value_or_status(self) -> Observation:
        if self.value is None and self.status is None:
            raise ValueError("give a value, or a status saying why there is none")
        if self.value is not None and self.status is not None:
            raise ValueError("give a value or a status, not both")
        if self.category is not None and self.dimension is None:
            raise ValueError("a category belongs to a dimension: give the dimension too")
        return self


class ComparatorValue(PlanModel):
    """A comparator's figure (e.g. the national average), as printed."""

    group: ComparatorGroup = Field(description="Whose figure this is.")
    period: PeriodField | None = Field(
        None, description="Leave out when the source says only 'currently'."
    )
    value: Number | None = Field(None, description="The comparator's figure.")
    text: str | None = Field(None, description="Exactly as printed.")
    label: str | None = Field(
        None, description="Whose figure it is, as printed, e.g. 'Rest of Norfolk' (for local)."
    )
    area: Id | None = Field(
        None, description="The area (an `areas` id in partnership.yaml) the figure is for."
    )
    reported_in: list[FinancialYearField] = Field(
        default_factory=list, description="Plan years whose documents printed this figure."
    )
    note: str | None = Field(None, description="A note on the figure.")


class SeriesBreak(PlanModel):
    """A change of definition or counting method: values either side do not compare."""

    period: PeriodField = Field(description="The first period counted the new way.")
    note: Text = Field(description="What changed.")


class Indicator(PlanModel):
    """A performance indicator: `indicators/<id>.yaml`."""

    id: Id
    name: Text = Field(description="The indicator's name.")
    definition: str | None = Field(None, description="What is counted, as printed.")
    unit: Unit = Field(description="What the figures are.")
    rate_per: (
        Annotated[
            Literal[1000, 100000],
            WithJsonSchema(
                {
                    "type": "integer",
                    "oneOf": [
                        {"const": 1000, "description": "Per 1,000 of the population."},
                        {"const": 100000, "description": "Per 100,000 of the population."},
                    ],
                }
            ),
        ]
        | None
    ) = Field(None, description="For rates: per 1,000 or per 100,000.")
    population: str | None = Field(
        None, description="Who the rate is per, e.g. 'residents aged 10-17'."
    )
    population_size: PositiveWhole | None = Field(
        None,
        description="How many people the population is, only where the source prints one: "
        "a rate and its count are checked against it (C019).",
    )
    polarity: Polarity | None = Field(None, description="Which direction is better.")
    frequency: Frequency | None = Field(None, description="How often it is reported.")
    seasonal: bool = Field(
        False, description="Compare with the same period a year earlier for direction of travel."
    )
    source: str | None = Field(None, description="Where the data comes from.")
    reference: str | None = Field(None, description="An external code, e.g. 'NPS SL005'.")
    replaces: Id | None = Field(None, description="The indicator this one redefines.")
    breaks: list[SeriesBreak] = Field(
        default_factory=list, description="Changes of definition or counting method."
    )
    series: list[Observation] = Field(
        default_factory=list, description="Every figure printed, one per period (and plan year)."
    )
    comparators: list[ComparatorValue] = Field(
        default_factory=list, description="Comparator figures, as printed."
    )
    links: list[FrameworkLink] = Field(
        default_factory=list,
        description="Framework items (frameworks/<id>.yaml) this indicator serves, with the "
        "comment printed beside each.",
    )
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

    def observation(
        self, period: Period, plan_year: Period | None = None, *, area: str | None = None
    ) -> Observation | None:
        """The observation for a period, preferring the one a given plan year printed: of
        the whole, or of one `area` (never of another breakdown)."""
        found = [obs for obs in self.series if obs.period == period and obs.is_part(area)]
        if plan_year is not None:
            for obs in found:
                if plan_year in obs.reported_in:
                    return obs
        return found[-1] if found else None
