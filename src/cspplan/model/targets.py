"""Targets a plan year sets for an indicator: one class per kind.

Every target keeps the printed wording in `text`; `kind` says how to judge it. Each class
also knows what the rest of the program asks of a kind, so a kind lives in one place:
its words (`describe`), the figures it states on the indicator's scale (`numbers`), the
period it is measured from (`measured_from`) and whether it is judged at all (`judged`).
The status engine evaluates these (`status.evaluators`); the model only says what was
promised.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, get_args

from pydantic import Field, model_validator

from cspplan import wording
from cspplan.model.base import (
    Choice,
    DueField,
    HorizonField,
    Number,
    PeriodField,
    PlanModel,
    PositiveWhole,
    Text,
)
from cspplan.model.indicator import ComparatorGroup, Frequency, Polarity
from cspplan.model.periods import PeriodKind

if TYPE_CHECKING:
    from cspplan.model.indicator import Indicator
    from cspplan.model.periods import Period


class TargetOwner(Choice):
    """Whose target it is, where the plan says: a measure can carry the partnership's own
    target beside one it shares with the Police and Crime Plan or a national one."""

    PARTNERSHIP = "partnership", "The partnership's own target."
    POLICE_AND_CRIME_PLAN = (
        "police_and_crime_plan",
        "A target of the Police and Crime Commissioner's Police and Crime Plan.",
    )
    NATIONAL = "national", "A national target (set by government or a national body)."
    OTHER = "other", "Someone else's target: say whose in owner_text."


HORIZON_DESCRIPTION = (
    "When the target is for, where printed: a period ('2013/14', '2015/16', 'Q4 2013/14') "
    "or a span of financial years ('2011/12 to 2015/16' for 'over period 2011/16'; keep the "
    "printed words in `text`). A horizon that ends after the as-of period is judged as "
    "progress so far."
)


class BaseTarget(PlanModel):
    """What every kind of target has and answers; each kind is a subclass in `Target`."""

    text: str | None = Field(None, description="The target as printed.")
    horizon: HorizonField | None = Field(None, description=HORIZON_DESCRIPTION)
    owner: TargetOwner | None = Field(
        None, description="Whose target it is, where printed (the partnership's, …)."
    )
    owner_text: str | None = Field(
        None, description="Whose target it is, as printed ('Police & Crime Plan')."
    )

    judged: ClassVar[bool] = True
    """False for kinds never judged against a figure (to be confirmed, lost, words only):
    they need no polarity."""
    implied_polarity: ClassVar[Polarity | None] = None
    """Which direction is better, as the kind itself says ('at least' → higher): what the
    direction of travel goes by when the indicator sets no polarity."""
    needs_polarity: ClassVar[bool] = True
    """False for kinds that say themselves which way is better (a trend's direction): they
    are judged without the indicator's polarity (C006 does not ask for one)."""

    def describe(self, indicator: Indicator) -> str:
        """The target in words, from its numbers: 'at least 80%', 'between 28% and 40%'.
        Status reasons, charts and documents all word a target this one way."""
        raise NotImplementedError(f"{type(self).__name__} has no words")

    def numbers(self) -> dict[str, float]:
        """Field name → value for each fixed level the target holds the figure to, in the
        indicator's unit: what the unit checks (a percentage is from 0 to 100) look at.
        Empty for kinds with no such level. A reduction's end value (worked out from the
        baseline when not printed) and a profile's quarterly amounts are not among them."""
        return {}

    @property
    def measured_from(self) -> Period | None:
        """The period the target itself is measured from (a baseline or reference), if any:
        only a figure after it can be judged."""
        return None


def _show(amount: float, indicator: Indicator) -> str:
    return wording.indicator_value(amount, indicator)


class AtLeast(BaseTarget):
    """'At least 1,000 people …', '85% of …' (higher is better)."""

    kind: Literal["at_least"] = Field(
        description="at_least: the figure should reach a value (higher is better)."
    )
    value: Number = Field(description="The value to reach.")
    strict: bool = Field(False, description="True for 'more than' rather than 'at least'.")

    implied_polarity: ClassVar[Polarity | None] = Polarity.HIGHER_IS_BETTER

    def describe(self, indicator: Indicator) -> str:
        return f"{'more than' if self.strict else 'at least'} {_show(self.value, indicator)}"

    def numbers(self) -> dict[str, float]:
        return {"value": self.value}


class AtMost(BaseTarget):
    """'Fewer than 60% …', 'no more than …'."""

    kind: Literal["at_most"] = Field(
        description="at_most: the figure should stay at or below a value (lower is better)."
    )
    value: Number = Field(description="The value not to exceed.")
    strict: bool = Field(False, description="True for 'fewer than' rather than 'at most'.")

    implied_polarity: ClassVar[Polarity | None] = Polarity.LOWER_IS_BETTER

    def describe(self, indicator: Indicator) -> str:
        return f"{'fewer than' if self.strict else 'at most'} {_show(self.value, indicator)}"

    def numbers(self) -> dict[str, float]:
        return {"value": self.value}


class Range(BaseTarget):
    """'within best practice benchmark 28-40%'."""

    kind: Literal["range"] = Field(description="range: within a low and a high value.")
    low: Number = Field(description="The bottom of the range.")
    high: Number = Field(description="The top of the range.")

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self

    implied_polarity: ClassVar[Polarity | None] = Polarity.WITHIN_RANGE

    def describe(self, indicator: Indicator) -> str:
        return f"between {_show(self.low, indicator)} and {_show(self.high, indicator)}"

    def numbers(self) -> dict[str, float]:
        return {"low": self.low, "high": self.high}


class NoIncrease(BaseTarget):
    """'No increase in …' on a reference period (usually the baseline)."""

    kind: Literal["no_increase"] = Field(description="no_increase: no rise on a reference period.")
    reference: PeriodField = Field(
        description="The period the figure should not rise above (usually the baseline)."
    )

    implied_polarity: ClassVar[Polarity | None] = Polarity.LOWER_IS_BETTER

    def describe(self, indicator: Indicator) -> str:
        return f"no increase on {self.reference}"

    @property
    def measured_from(self) -> Period:
        return self.reference


class Reduction(BaseTarget):
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

    implied_polarity: ClassVar[Polarity | None] = Polarity.LOWER_IS_BETTER

    def describe(self, indicator: Indicator) -> str:
        end = (
            f" (to {_show(self.target_value, indicator)})" if self.target_value is not None else ""
        )
        return f"a {wording.number(self.percent)}% reduction on {self.baseline} by {self.by}{end}"

    @property
    def measured_from(self) -> Period:
        return self.baseline


class LongTerm(BaseTarget):
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

    def describe(self, indicator: Indicator) -> str:
        step = f", {_show(self.interim, indicator)} this year" if self.interim is not None else ""
        return f"{_show(self.value, indicator)} by {self.by}{step}"

    def numbers(self) -> dict[str, float]:
        found = {"value": self.value}
        if self.interim is not None:
            found["interim"] = self.interim
        return found

    @property
    def measured_from(self) -> Period | None:
        return self.baseline


class ComparatorRelation(Choice):
    IN_LINE = "in_line", "In line with the comparator."
    IN_LINE_OR_BETTER = "in_line_or_better", "In line with the comparator or better."
    BETTER = "better", "Better than the comparator."

    @property
    def words(self) -> str:
        """'in line with or better than' (the comparator)."""
        return _RELATION_WORDS[self]


_RELATION_WORDS = {
    ComparatorRelation.IN_LINE: "in line with",
    ComparatorRelation.IN_LINE_OR_BETTER: "in line with or better than",
    ComparatorRelation.BETTER: "better than",
}


class Comparator(BaseTarget):
    """'In line with the regional average', 'within the top quartile of our most similar group'."""

    kind: Literal["comparator"] = Field(
        description="comparator: judged against a comparator's figure."
    )
    group: ComparatorGroup = Field(description="The comparator to judge against.")
    relation: ComparatorRelation = Field(
        ComparatorRelation.IN_LINE_OR_BETTER,
        description="How the figure should compare with the comparator's.",
    )

    def describe(self, indicator: Indicator) -> str:
        return f"{self.relation.words} the {wording.comparator_group(self.group.value)}"


class Rank(BaseTarget):
    """'Ranked within the top 3 … in our family group'."""

    kind: Literal["rank"] = Field(description="rank: a position within a group.")
    within: PositiveWhole = Field(description="Top N: rank N or better meets the target.")
    group: Text = Field(description="What the rank is within, e.g. 'family group'.")
    of: PositiveWhole | None = Field(None, description="How many are in the group, where printed.")

    def describe(self, indicator: Indicator) -> str:
        within = f"top {self.within}" + (f" of {self.of}" if self.of else "")
        return f"{within} in the {self.group}"


class PrintedYearToDate(PlanModel):
    """A year-to-date target the source printed beside its quarterly profile, which need not
    equal the sum of the quarters."""

    period: PeriodField = Field(
        description="The quarter the year to date runs to ('Q2 2013/14', or 'Q1-Q2 2013/14')."
    )
    value: Number = Field(description="The year-to-date target.")
    text: str | None = Field(None, description="The target as printed.")

    @model_validator(mode="after")
    def _to_a_quarter(self) -> PrintedYearToDate:
        if self.period.kind not in (PeriodKind.QUARTER, PeriodKind.YEAR_TO_DATE):
            raise ValueError(
                f"a year-to-date target runs to the end of a quarter: {self.period} is not one"
            )
        return self

    @property
    def quarter(self) -> int:
        return self.period.number


class QuarterlyProfile(BaseTarget):
    """A profile of quarterly amounts; year to date is judged against the cumulative sum."""

    kind: Literal["quarterly_profile"] = Field(
        description="quarterly_profile: an amount for each quarter."
    )
    quarters: Annotated[list[Number], Field(min_length=4, max_length=4)] = Field(
        description="The amounts for Q1 to Q4."
    )
    annual: Number | None = Field(None, description="The year's total, if printed.")
    year_to_date: list[PrintedYearToDate] = Field(
        default_factory=list,
        description="Year-to-date targets as printed, where the source gives them: each wins "
        "over the sum of the quarters when that period's year to date is judged.",
    )

    def describe(self, indicator: Indicator) -> str:
        profile = ", ".join(_show(amount, indicator) for amount in self.quarters)
        return f"quarterly profile {profile}"

    def printed_to(self, year: Period, covered: int) -> PrintedYearToDate | None:
        """The printed year-to-date target to the end of quarter `covered` of `year`."""
        return next(
            (p for p in self.year_to_date if p.period.year == year.year and p.quarter == covered),
            None,
        )

    def aimed_by(self, year: Period, covered: int) -> float:
        """What the year to date to quarter `covered` is held to: a printed year-to-date
        target for it, else the sum of the quarters so far."""
        printed = self.printed_to(year, covered)
        return printed.value if printed is not None else sum(self.quarters[:covered])


class TrendDirection(Choice):
    DOWN = "down", "The figures should go down."
    UP = "up", "The figures should go up."


_PERIOD_WORDS = {
    Frequency.MONTHLY: "month",
    Frequency.QUARTERLY: "quarter",
    Frequency.ANNUAL: "year",
}


class TrendTarget(BaseTarget):
    """'Downward trend in the number of …': the figures should move one way over a window.

    Judged by comparing the latest figure with the one `periods` figures before it, counting
    only figures for the same kind of period as the latest (quarters with quarters, years
    with years); a move inside the partnership's direction `stable_*` band is level."""

    kind: Literal["trend"] = Field(
        description="trend: the figures should move down (or up) over a number of periods."
    )
    direction: TrendDirection = Field(description="Which way the figures should move.")
    periods: PositiveWhole = Field(
        description="How many periods the trend is judged over: the latest figure is "
        "compared with the one this many periods of the same kind before it."
    )

    needs_polarity: ClassVar[bool] = False

    @property
    def implied_polarity(self) -> Polarity:  # type: ignore[override]
        """A downward trend asks for lower figures, an upward one for higher."""
        if self.direction is TrendDirection.DOWN:
            return Polarity.LOWER_IS_BETTER
        return Polarity.HIGHER_IS_BETTER

    def describe(self, indicator: Indicator) -> str:
        way = "a downward" if self.direction is TrendDirection.DOWN else "an upward"
        word = _PERIOD_WORDS.get(indicator.frequency, "period")  # type: ignore[arg-type]
        return f"{way} trend over {wording.plural(self.periods, word)}"


class ToBeConfirmed(BaseTarget):
    """'TBC': a target is promised but not yet set."""

    kind: Literal["tbc"] = Field(description="tbc: a target is promised but not yet set.")

    judged: ClassVar[bool] = False

    def describe(self, indicator: Indicator) -> str:
        return "to be confirmed"


class Lost(BaseTarget):
    """The source printed a target here but the number was lost (a lossy scrape): the target
    is unknown, which is not the same as having no target."""

    kind: Literal["unknown"] = Field(
        description="unknown: a target was printed but its number was lost."
    )

    judged: ClassVar[bool] = False

    def describe(self, indicator: Indicator) -> str:
        return "printed but lost in the source" + (f" ({self.text})" if self.text else "")


class FreeText(BaseTarget):
    """Anything no other kind fits ('Benchmark against family'); never judged."""

    kind: Literal["text"] = Field(description="text: a target no other kind fits; never judged.")
    text: Text = Field(description="The target as printed.")

    judged: ClassVar[bool] = False

    def describe(self, indicator: Indicator) -> str:
        return f"“{self.text}”"


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
    | TrendTarget
    | ToBeConfirmed
    | Lost
    | FreeText,
    Field(discriminator="kind"),
]

TARGET_CLASSES: tuple[type[BaseTarget], ...] = get_args(get_args(Target)[0])
"""Every kind's class, in the union's order: the one list of kinds, read from `Target`."""

TARGET_KINDS: tuple[str, ...] = tuple(
    get_args(cls.model_fields["kind"].annotation)[0] for cls in TARGET_CLASSES
)
"""Every kind's `kind` word, in the union's order."""
