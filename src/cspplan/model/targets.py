"""Targets a plan year sets for an indicator.

Every target keeps the printed wording in `text`; `kind` says how to judge it. The
status engine evaluates these; the model only says what was promised.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from cspplan.model.base import Choice, DueField, Number, PeriodField, PlanModel, PositiveWhole, Text
from cspplan.model.indicator import ComparatorGroup


class _Target(PlanModel):
    text: str | None = Field(None, description="The target as printed.")


class AtLeast(_Target):
    """'At least 1,000 people …', '85% of …' (higher is better)."""

    kind: Literal["at_least"] = Field(
        description="at_least: the figure should reach a value (higher is better)."
    )
    value: Number = Field(description="The value to reach.")
    strict: bool = Field(False, description="True for 'more than' rather than 'at least'.")


class AtMost(_Target):
    """'Fewer than 60% …', 'no more than …'."""

    kind: Literal["at_most"] = Field(
        description="at_most: the figure should stay at or below a value (lower is better)."
    )
    value: Number = Field(description="The value not to exceed.")
    strict: bool = Field(False, description="True for 'fewer than' rather than 'at most'.")


class Range(_Target):
    """'within best practice benchmark 28-40%'."""

    kind: Literal["range"] = Field(description="range: within a low and a high value.")
    low: Number = Field(description="The bottom of the range.")
    high: Number = Field(description="The top of the range.")

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self


class NoIncrease(_Target):
    """'No increase in …' on a reference period (usually the baseline)."""

    kind: Literal["no_increase"] = Field(description="no_increase: no rise on a reference period.")
    reference: PeriodField = Field(
        description="The period the figure should not rise above (usually the baseline)."
    )


class Reduction(_Target):
    """'A reduction of 20% in … by 2020' from a baseline."""

    kind: Literal["reduction"] = Field(description="reduction: a % fall from a baseline by a date.")
    percent: Annotated[Number, Field(gt=0, le=100)] = Field(
        description="The reduction, in per cent of the baseline value."
    )
    baseline: PeriodField = Field(description="The period the reduction is measured from.")
    by: DueField = Field(description="When the reduction should be reached.")
    target_value: Number | None = Field(
        None, description="The end value, where printed ('2020 target - 22')."
    )


class LongTerm(_Target):
    """'4 year target to achieve 52% by 2021'; `interim` is this plan year's step, if printed."""

    kind: Literal["long_term"] = Field(description="long_term: a value to reach by a later date.")
    value: Number = Field(description="The value to reach by the due date.")
    by: DueField = Field(description="When the value should be reached.")
    baseline: PeriodField | None = Field(
        None, description="The period the target is measured from."
    )
    interim: Number | None = Field(
        None, description="This plan year's step towards the target, if printed."
    )


class ComparatorRelation(Choice):
    IN_LINE = "in_line", "In line with the comparator."
    IN_LINE_OR_BETTER = "in_line_or_better", "In line with the comparator or better."
    BETTER = "better", "Better than the comparator."


class Comparator(_Target):
    """'In line with the regional average', 'within the top quartile of our most similar group'."""

    kind: Literal["comparator"] = Field(
        description="comparator: judged against a comparator's figure."
    )
    group: ComparatorGroup = Field(description="The comparator to judge against.")
    relation: ComparatorRelation = Field(
        ComparatorRelation.IN_LINE_OR_BETTER,
        description="How the figure should compare with the comparator's.",
    )


class Rank(_Target):
    """'Ranked within the top 3 … in our family group'."""

    kind: Literal["rank"] = Field(description="rank: a position within a group.")
    within: PositiveWhole = Field(description="Top N: rank N or better meets the target.")
    group: Text = Field(description="What the rank is within, e.g. 'family group'.")
    of: PositiveWhole | None = Field(None, description="How many are in the group, where printed.")


class QuarterlyProfile(_Target):
    """A profile of quarterly amounts; year to date is judged against the cumulative sum."""

    kind: Literal["quarterly_profile"] = Field(
        description="quarterly_profile: an amount for each quarter."
    )
    quarters: Annotated[list[Number], Field(min_length=4, max_length=4)] = Field(
        description="The amounts for Q1 to Q4."
    )
    annual: Number | None = Field(None, description="The year's total, if printed.")


class ToBeConfirmed(_Target):
    """'TBC': a target is promised but not yet set."""

    kind: Literal["tbc"] = Field(description="tbc: a target is promised but not yet set.")


class Lost(_Target):
    """The source printed a target here but the number was lost (a lossy scrape): the target
    is unknown, which is not the same as having no target."""

    kind: Literal["unknown"] = Field(
        description="unknown: a target was printed but its number was lost."
    )


class FreeText(_Target):
    """Anything no other kind fits ('Benchmark against family'); never judged."""

    kind: Literal["text"] = Field(description="text: a target no other kind fits; never judged.")
    text: Text = Field(description="The target as printed.")


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
