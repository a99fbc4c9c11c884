"""A plan year's money: `<yyyy-yy>/funding.yaml`.

A scrutiny pack accounts for a partnership's funding in schedules (sources, allocations
by project and year, commitments, balances) and, in the plan, in boxes evaluating what
each funded project achieved. The file keeps them as printed: every amount with the text
it was printed as and its printed unit (£ or £'000, never converted), every total with
the lines it totals, so that a check can compare the two and warn where the source
contradicts itself, without the data ever being "corrected".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import Field

from cspplan.model.base import (
    Choice,
    FinancialYearField,
    Id,
    Number,
    PlanModel,
    Text,
    TranscriptionNotes,
)
from cspplan.model.plan import SourceDocument


class MoneyUnit(Choice):
    """The unit an amount is printed in (kept as printed: the data is never converted)."""

    POUNDS = "£", "Whole pounds, as '£108,000'."
    THOUSANDS = "£000", "Thousands of pounds, as a column headed £'000 or '£667k'."
    MILLIONS = "£m", "Millions of pounds, as '£1.2m' or '£165 million'."

    @property
    def pounds(self) -> int:
        """How many pounds one of this unit is (for comparing amounts, never for storing)."""
        return {"£": 1, "£000": 1_000, "£m": 1_000_000}[self.value]

    @property
    def words(self) -> str:
        return {"£": "£", "£000": "£'000", "£m": "£m"}[self.value]


class Amount(PlanModel):
    """An amount as printed: its text, the number it reads as, its unit."""

    printed: Text = Field(description="The amount exactly as printed, e.g. '203', '£108,000'.")
    value: Number | None = Field(
        None,
        description="The number, in `unit` (not converted): '£108,000' in £ is 108000, "
        "'203' under £'000 is 203. Left out when the figure is lost or unreadable.",
    )
    unit: MoneyUnit | None = Field(
        None, description="The unit printed; left out: the schedule's unit."
    )
    estimate: bool = Field(False, description="Printed as an estimate ('say 30').")


class PrintedElsewhere(PlanModel):
    """The same figure printed again elsewhere in the source, kept as it is printed there."""

    amount: Amount = Field(description="The figure as printed there.")
    where: Text = Field(description="Where it is printed, with the words around it.")


class LineKind(Choice):
    """What a schedule line is."""

    GRANT = "grant", "A grant received (e.g. the Community Safety Fund grant)."
    REWARD_GRANT = "reward_grant", "A reward grant (e.g. an LPSA Reward Grant contribution)."
    CONTRIBUTION = "contribution", "A partner's contribution or pooled funding."
    UNDERSPEND = "underspend_brought_forward", "An underspend brought forward from a year before."
    SPEND = "spend", "What the sources were spent on (a use of funds)."
    ALLOCATION = "allocation", "Money allocated to a project or item."
    COMMITMENT = "commitment", "Money committed, perhaps not yet priced."
    BALANCE_BROUGHT_FORWARD = "balance_brought_forward", "A balance brought forward."
    BALANCE_REMAINING = "balance_remaining", "A balance left after allocations and commitments."

    @property
    def is_source(self) -> bool:
        return self in (
            LineKind.GRANT,
            LineKind.REWARD_GRANT,
            LineKind.CONTRIBUTION,
            LineKind.UNDERSPEND,
        )


class FundingLine(PlanModel):
    """One line of a schedule: a source, an allocation, a commitment or a balance."""

    id: Id = Field(description="Unique in the file; totals and evaluation boxes name it.")
    kind: LineKind = Field(description="What the line is.")
    group: str | None = Field(
        None, description="The project group printed at the start of the row ('PPO', 'ASB')."
    )
    item: Text = Field(description="The line's label (project, source, commitment), as printed.")
    year: FinancialYearField | None = Field(
        None, description="The financial year the amount is for (read from the column heading)."
    )
    amount: Amount | None = Field(
        None, description="The amount; left out when none is printed (say why in amount_note)."
    )
    amount_note: str | None = Field(
        None, description="Why no amount is given: 'no figure printed', 'lost in extraction'."
    )
    status: str | None = Field(
        None, description="The status words printed for the line ('Funded by PCC'), as printed."
    )
    note: str | None = Field(None, description="Other words printed with the line, as printed.")
    date: str | None = Field(None, description="A date printed with the line (balances).")
    also_printed: list[PrintedElsewhere] = Field(
        default_factory=list, description="The same figure printed elsewhere, as printed there."
    )
    action: Id | None = Field(None, description="The action (id) this funds, where it can be said.")
    theme: Id | None = Field(None, description="The theme (id) this funds, where it can be said.")
    transcription_notes: TranscriptionNotes


class TotalKind(Choice):
    """What a printed total is."""

    TOTAL = "total", "A sum of lines (or of other totals)."
    BALANCE_REMAINING = "balance_remaining", "A balance: lines added, less lines taken away."


class PrintedTotal(PlanModel):
    """A figure the source prints as the result of others, kept beside its parts."""

    id: Id = Field(description="Unique in the file; other totals may name it as a part.")
    kind: TotalKind = Field(TotalKind.TOTAL, description="A total, or a balance remaining.")
    label: str | None = Field(
        None, description="The label printed with it ('TOTAL', the group's name); none if none."
    )
    amount: Amount = Field(description="The total as printed.")
    parts: list[Id] = Field(
        min_length=1, description="The lines (or totals) it adds up, by id, in this schedule."
    )
    less: list[Id] = Field(
        default_factory=list, description="Lines (or totals) taken away (for a balance)."
    )
    also_printed: list[PrintedElsewhere] = Field(
        default_factory=list, description="The same figure printed elsewhere, as printed there."
    )
    transcription_notes: TranscriptionNotes


class Columns(PlanModel):
    """A schedule's column headings as printed (the document's table header row)."""

    item: str | None = Field(None, description="The heading over the labels.")
    amount: str | None = Field(None, description="The heading over the amounts.")
    status: str | None = Field(None, description="The heading over the status words.")


class Schedule(PlanModel):
    """A funding table as printed: its title, column headings, lines and totals."""

    id: Id = Field(description="Unique in the file.")
    title: Text = Field(description="The schedule's title, as printed.")
    headings: list[Text] = Field(
        default_factory=list, description="Sub-headings printed under the title."
    )
    year: FinancialYearField | None = Field(
        None, description="The financial year the title names, where it names one."
    )
    unit: MoneyUnit | None = Field(
        None, description="The unit of the schedule's amounts (an amount may print its own)."
    )
    columns: Columns | None = Field(None, description="The column headings, as printed.")
    lines: list[FundingLine] = Field(default_factory=list, description="In printed order.")
    totals: list[PrintedTotal] = Field(default_factory=list, description="In printed order.")
    footnotes: list[Text] = Field(default_factory=list, description="As printed.")
    transcription_notes: TranscriptionNotes

    def unit_of(self, amount: Amount) -> MoneyUnit | None:
        return amount.unit or self.unit

    def pounds(self, amount: Amount | None) -> float | None:
        """An amount in pounds, for comparing figures printed in different units."""
        unit = self.unit_of(amount) if amount is not None else None
        if amount is None or amount.value is None or unit is None:
            return None
        return amount.value * unit.pounds

    def other_years(self) -> list[str]:
        """The years of the schedule's amounts, when the year its title names is not one of
        them (a schedule titled for one year that prints another's figures); else []."""
        years = {str(line.year) for line in self.lines if line.year and line.amount}
        if self.year is None or not years or str(self.year) in years:
            return []
        return sorted(years)

    def entry(self, item_id: str) -> FundingLine | PrintedTotal | None:
        """The line or total with this id in the schedule."""
        return next((e for e in [*self.lines, *self.totals] if e.id == item_id), None)

    def ids(self) -> set[str]:
        return {entry.id for entry in [*self.lines, *self.totals]}

    def added_up(self, total: PrintedTotal) -> Sum:
        """The arithmetic on a printed total's parts, for the reader: never stored."""
        result = Sum(total, self.unit_of(total.amount))
        for sign, refs in ((1, total.parts), (-1, total.less)):
            for ref in refs:
                entry = self.entry(ref)
                if entry is None:
                    result.unknown.append(ref)
                    continue
                if sum(1 for e in [*self.lines, *self.totals] if e.id == ref) > 1:
                    result.ambiguous.append(ref)
                    continue
                amount = entry.amount
                if amount is None or amount.value is None:
                    result.unpriced.append(ref)
                    continue
                unit = self.unit_of(amount)
                if unit != result.unit:
                    result.other_units.append((ref, unit))
                    continue
                result.terms.append((ref, sign, amount.value))
        return result


@dataclass
class Sum:
    """A printed total beside the sum of its parts (in the total's unit)."""

    total: PrintedTotal
    unit: MoneyUnit | None
    terms: list[tuple[str, int, float]] = field(default_factory=list)
    """(part id, +1 or -1, value) for each priced part in the total's unit."""
    unpriced: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    ambiguous: list[str] = field(default_factory=list)
    """Parts whose id names more than one line or total of the schedule."""
    other_units: list[tuple[str, MoneyUnit | None]] = field(default_factory=list)

    @property
    def value(self) -> float:
        return sum(sign * value for _, sign, value in self.terms)

    @property
    def comparable(self) -> bool:
        return not self.unknown and not self.ambiguous and not self.other_units

    @property
    def disagrees(self) -> bool:
        """The printed total differs from its parts: all priced and a different sum, or
        (some unpriced, and nothing taken away) the priced ones already more than it."""
        printed = self.total.amount.value
        if printed is None or not self.comparable:
            return False
        if self.unpriced:
            return not self.total.less and self.value > printed + 1e-9
        return abs(self.value - printed) > 1e-9

    def sum_words(self) -> str:
        """'38 + 203', '278 − 121'."""
        words = ""
        for index, (_, sign, value) in enumerate(self.terms):
            figure = number(value)
            words += figure if index == 0 else (f" + {figure}" if sign > 0 else f" − {figure}")
        return words


def number(value: float) -> str:
    """A figure as a reader writes it: 241, 1,250, 2.5."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def in_words(amount: Amount, unit: MoneyUnit | None) -> str:
    """An amount's printed text with its unit where the text does not carry one."""
    if unit is None or "£" in amount.printed:
        return amount.printed
    return f"{amount.printed} ({unit.words})"


class Evaluation(PlanModel):
    """A plan's "Evaluation of Funding" box: what one funded project was for and did."""

    heading: Text = Field(description="The box's heading, as printed.")
    theme: Id | None = Field(None, description="The theme (id) the box is printed under.")
    amount: Amount | None = Field(None, description="The amount printed in the box.")
    project: Text = Field(description="The project title, as printed.")
    objectives: list[Text] = Field(default_factory=list, description="As printed, in order.")
    impacts: list[Text] = Field(default_factory=list, description="As printed, in order.")
    added_value_lead_in: str | None = Field(
        None, description="A sentence printed before the added-value points."
    )
    added_value: list[Text] = Field(default_factory=list, description="As printed, in order.")
    line: Id | None = Field(
        None, description="The schedule line (or total) the box accounts for, where it can be said."
    )
    action: Id | None = Field(None, description="The action (id) the project serves, if said.")
    transcription_notes: TranscriptionNotes


class FundingFile(PlanModel):
    """A plan year's funding: sources, schedules, totals and evaluation boxes."""

    title: str | None = Field(None, description="The funding summary's title, as printed.")
    source: SourceDocument | None = Field(
        None, description="The document the funding was transcribed from."
    )
    introduction: list[Text] = Field(
        default_factory=list, description="The summary's text paragraphs, as printed."
    )
    schedules: list[Schedule] = Field(default_factory=list, description="In printed order.")
    evaluations: list[Evaluation] = Field(
        default_factory=list, description="The plan's evaluation of funding boxes, in order."
    )
    transcription_notes: TranscriptionNotes

    def lines(self) -> list[tuple[int, int, FundingLine]]:
        """(schedule index, line index, line) for every line."""
        return [
            (s, i, line)
            for s, sched in enumerate(self.schedules)
            for i, line in enumerate(sched.lines)
        ]

    def sources(self) -> list[FundingLine]:
        """The funding sources: grants, reward grants, contributions, underspends."""
        return [line for _, _, line in self.lines() if line.kind.is_source]
