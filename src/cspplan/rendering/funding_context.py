"""The funding section of the delivery plan, put into words: each schedule as a table (its
printed headings, lines and totals, a total beside its group), the totals that disagree
with their parts in a sentence with both numbers, and the evaluation boxes."""

from __future__ import annotations

from dataclasses import dataclass, field

from cspplan.model.collection import LoadedYear
from cspplan.model.funding import (
    Amount,
    Evaluation,
    FundingLine,
    PrintedTotal,
    Schedule,
    number,
)


@dataclass
class Row:
    cells: list[str]
    total: bool = False
    """A printed total (shown in bold)."""


@dataclass
class ScheduleTable:
    title: str
    headings: list[str]
    header: list[str]
    rows: list[Row]
    disagreements: list[str] = field(default_factory=list)
    printed_elsewhere: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)


@dataclass
class EvaluationBox:
    heading: str
    theme: str
    amount: str
    project: str
    objectives: list[str]
    impacts: list[str]
    added_value_lead_in: str
    added_value: list[str]
    accounts_for: str


@dataclass
class FundingSection:
    title: str
    introduction: list[str]
    schedules: list[ScheduleTable]
    evaluations: list[EvaluationBox]


def _amount(schedule: Schedule, amount: Amount | None, note: str | None) -> str:
    if amount is None:
        return f"({note})" if note else "(no figure printed)"
    text = amount.printed
    if amount.unit is not None and amount.unit != schedule.unit and "£" not in text:
        text = f"{text} {amount.unit.words}"
    if amount.estimate and "say" not in text:
        text += " (estimate)"
    return text


def _line_label(line: FundingLine) -> str:
    label = f"{line.group}: {line.item}" if line.group else line.item
    return f"{label} ({line.date})" if line.date and line.date not in label else label


def _total_label(total: PrintedTotal) -> str:
    if total.label and total.label.upper() == "TOTAL":
        return total.label
    if total.label:
        return f"{total.label} (total)" if total.kind.value == "total" else total.label
    return (
        "Balance (no label printed)"
        if total.kind.value == "balance_remaining"
        else ("Total (no label printed)")
    )


def _unit_words(schedule: Schedule) -> str:
    return f" {schedule.unit.words}" if schedule.unit is not None else ""


def schedule_table(schedule: Schedule) -> ScheduleTable:
    columns = schedule.columns
    with_status = any(line.status or line.note for line in schedule.lines)
    item_heading = (columns.item if columns and columns.item else None) or "Item"
    amount_heading = (columns.amount if columns and columns.amount else None) or (
        f"Amount{_unit_words(schedule)}"
    )
    header = [item_heading, amount_heading]
    if with_status:
        fallback = "Status" if any(line.status for line in schedule.lines) else "Note"
        header.append((columns.status if columns and columns.status else None) or fallback)
    line_rows: list[Row] = []
    for line in schedule.lines:
        row = [_line_label(line), _amount(schedule, line.amount, line.amount_note)]
        if with_status:
            words = [w for w in (line.status, line.note) if w]
            row.append("; ".join(words))
        line_rows.append(Row(row))
    # a total follows the last of its parts when they are all lines, else the table's end
    positions = {line.id: index for index, line in enumerate(schedule.lines)}
    after: dict[int, list[Row]] = {}
    for total in schedule.totals:
        refs = [*total.parts, *total.less]
        at = (
            max(positions[r] for r in refs) if all(r in positions for r in refs) else len(line_rows)
        )
        row = [_total_label(total), total.amount.printed]
        if with_status:
            row.append("")
        after.setdefault(at, []).append(Row(row, total=True))
    rows: list[Row] = []
    for index, row in enumerate(line_rows):
        rows.append(row)
        rows += after.get(index, [])
    rows += after.get(len(line_rows), [])
    table = ScheduleTable(schedule.title, list(schedule.headings), header, rows)
    for total in schedule.totals:
        result = schedule.added_up(total)
        if result.disagrees:
            unit = f" {result.unit.words}" if result.unit else ""
            name = total.label or _total_label(total).lower()
            table.disagreements.append(
                f"The schedule prints {name} as {total.amount.printed}{unit}, but its parts "
                f"come to {number(result.value)}{unit} ({result.sum_words()}). Both are "
                "shown as printed."
            )
    years = schedule.other_years()
    if years:
        table.disagreements.append(
            f"The title names {schedule.year}, but every amount in the schedule is printed "
            f"for {', '.join(years)}."
        )
    for entry in [*schedule.lines, *schedule.totals]:
        here = schedule.pounds(entry.amount)
        for other in entry.also_printed:
            label = entry.item if isinstance(entry, FundingLine) else _total_label(entry)
            shown = entry.amount.printed if entry.amount else ""
            there = schedule.pounds(other.amount)
            differs = here is not None and there is not None and abs(here - there) >= 0.5
            verb = "is also printed, differently, as" if differs else "is also printed as"
            table.printed_elsewhere.append(
                f"{label} ({shown}) {verb} {other.amount.printed}: {other.where}"
            )
    table.footnotes = list(schedule.footnotes)
    return table


def _box(
    year: LoadedYear,
    box: Evaluation,
    entries: dict[str, str],
    amounts: dict[str, float | None],
) -> EvaluationBox:
    theme = year.theme(box.theme) if box.theme else None
    accounts_for = entries.get(box.line, "") if box.line else ""
    mine = (
        box.amount.value * box.amount.unit.pounds
        if box.amount and box.amount.unit and box.amount.value is not None
        else None
    )
    theirs = amounts.get(box.line or "")
    if accounts_for and mine is not None and theirs is not None and abs(mine - theirs) >= 0.5:
        accounts_for += f", which is £{theirs:,.0f}, not the box's {box.amount.printed}"
    return EvaluationBox(
        heading=box.heading,
        theme=theme.title if theme is not None else "",
        amount=box.amount.printed if box.amount else "",
        project=box.project,
        objectives=list(box.objectives),
        impacts=list(box.impacts),
        added_value_lead_in=box.added_value_lead_in or "",
        added_value=list(box.added_value),
        accounts_for=accounts_for,
    )


def funding_section(year: LoadedYear) -> FundingSection | None:
    """The plan year's funding as the delivery plan prints it; None without funding.yaml."""
    if year.funding is None:
        return None
    funding = year.funding.funding
    entries: dict[str, str] = {}
    amounts: dict[str, float | None] = {}
    for schedule in funding.schedules:
        for entry in [*schedule.lines, *schedule.totals]:
            amounts[entry.id] = schedule.pounds(entry.amount)
        for line in schedule.lines:
            amount = line.amount.printed if line.amount else ""
            entries[line.id] = (
                f"{schedule.title}: {_line_label(line)} ({amount}{_unit_words(schedule)})"
            )
        for total in schedule.totals:
            entries[total.id] = (
                f"{schedule.title}: {_total_label(total)} "
                f"({total.amount.printed}{_unit_words(schedule)})"
            )
    return FundingSection(
        title=funding.title or "Funding",
        introduction=list(funding.introduction),
        schedules=[schedule_table(schedule) for schedule in funding.schedules],
        evaluations=[_box(year, box, entries, amounts) for box in funding.evaluations],
    )
