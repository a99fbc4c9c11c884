"""Targets a plan year sets for an indicator.

Every target keeps the printed wording in `text`; `kind` says how to judge it. The
status engine evaluates these; the model only says what was promised.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from cspplan.model.base import DueField, Number, PeriodField, PlanModel, PositiveWhole, Text
from cspplan.model.indicator import ComparatorGroup


class _Target(PlanModel):
    text: str | None = Field(None, description="The target as printed.")


class AtLeast(_Target):
    """'At least 1,000 people …', '85% of …' (higher is better)."""

    kind: Literal["at_least"]
    value: Number
    strict: bool = Field(False, description="True for 'more than' rather than 'at least'.")


class AtMost(_Target):
    """'Fewer than 60% …', 'no more than …'."""

    kind: Literal["at_most"]
    value: Number
    strict: bool = Field(False, description="True for 'fewer than' rather than 'at most'.")


class Range(_Target):
    """'within best practice benchmark 28-40%'."""

    kind: Literal["range"]
    low: Number
    high: Number

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self


class NoIncrease(_Target):
    """'No increase in …' on a reference period (usually the baseline)."""

    kind: Literal["no_increase"]
    reference: PeriodField


class Reduction(_Target):
    """'A reduction of 20% in … by 2020' from a baseline."""

    kind: Literal["reduction"]
    percent: Annotated[Number, Field(gt=0, le=100)]
    baseline: PeriodField
    by: DueField
    target_value: Number | None = Field(
        None, description="The end value, where printed ('2020 target - 22')."
    )


class LongTerm(_Target):
    """'4 year target to achieve 52% by 2021'; `interim` is this plan year's step, if printed."""

    kind: Literal["long_term"]
    value: Number
    by: DueField
    baseline: PeriodField | None = None
    interim: Number | None = None


class ComparatorRelation(StrEnum):
    IN_LINE = "in_line"
    IN_LINE_OR_BETTER = "in_line_or_better"
    BETTER = "better"


class Comparator(_Target):
    """'In line with the regional average', 'within the top quartile of our most similar group'."""

    kind: Literal["comparator"]
    group: ComparatorGroup
    relation: ComparatorRelation = ComparatorRelation.IN_LINE_OR_BETTER


class Rank(_Target):
    """'Ranked within the top 3 … in our family group'."""

    kind: Literal["rank"]
    within: PositiveWhole = Field(description="Top N: rank N or better meets the target.")
    group: Text = Field(description="What the rank is within, e.g. 'family group'.")
    of: PositiveWhole | None = None


class QuarterlyProfile(_Target):
    """A profile of quarterly amounts; year to date is judged against the cumulative sum."""

    kind: Literal["quarterly_profile"]
    quarters: Annotated[list[Number], Field(min_length=4, max_length=4)]
    annual: Number | None = None


class ToBeConfirmed(_Target):
    """'TBC': a target is promised but not yet set."""

    kind: Literal["tbc"]


class Lost(_Target):
    """The source printed a target here but the number was lost (a lossy scrape): the target
    is unknown, which is not the same as having no target."""

    kind: Literal["unknown"]


class FreeText(_Target):
    """Anything no other kind fits ('Benchmark against family'); never judged."""

    kind: Literal["text"]
    text: Text


Target = Annotated[
    AtLeast
    | AtMost
    | Range
    | NoIncrease
    | Reduction
    | LongTerm
    | Comparator
    | Rank
    | QuarterlyProfile
    | ToBeConfirmed
    | Lost
    | FreeText,
    Field(discriminator="kind"),
]

TARGET_KINDS = (
    "at_least",
    "at_most",
    "range",
    "no_increase",
    "reduction",
    "long_term",
    "comparator",
    "rank",
    "quarterly_profile",
    "tbc",
    "unknown",
    "text",
)
