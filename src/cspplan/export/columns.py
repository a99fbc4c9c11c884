"""Every exported table and its columns: name, type and meaning, in a stable order.

This is the single source: the writers, the Parquet schema, the site's downloads and
`docs/export-columns.md` (`cspplan.export.columns.markdown()`, checked by a test) all read
it. Columns are only ever added at the end of a table, never renamed or retyped, so a
Power BI report or pandas script written against one version keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """A column's type: how CSV prints it, the XLSX cell type and the Parquet type."""

    TEXT = "text"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"


ARROW_TYPES = {
    Kind.TEXT: "string",
    Kind.INTEGER: "int64",
    Kind.NUMBER: "double",
    Kind.BOOLEAN: "bool",
    Kind.DATE: "date32[day]",
}
"""The Parquet (Arrow) type of each kind; pandas reads it as `pd.ArrowDtype` of that type
with `dtype_backend="pyarrow"`."""


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    """The table's name: the `--table` choice, the XLSX sheet and Excel table name."""
    title: str
    """What the sheet's cell A1 says the table is."""
    description: str
    columns: tuple[Column, ...]
    item: str = "row"
    """What one row is, in words: 'figure', 'progress report'."""

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]


def _c(name: str, kind: Kind, description: str) -> Column:
    return Column(name, kind, description)


T, WHOLE, N, B, D = Kind.TEXT, Kind.INTEGER, Kind.NUMBER, Kind.BOOLEAN, Kind.DATE

_PARTNERSHIP = (
    _c("partnership_id", T, "The partnership's id (its folder name)."),
    _c("partnership", T, "The partnership's name."),
)
_YEAR = (_c("plan_year", T, "The plan year, as a financial year: '2018/19'."),)
_THEME = (
    _c("theme_id", T, "The theme's id (its file name); empty for the headline indicators."),
    _c("theme_title", T, "The theme's title as printed, or 'Headline indicators'."),
)
_STATUS = (
    _c(
        "status_band",
        T,
        "The computed status: green, amber, red, monitoring, no_data or cannot_assess.",
    ),
    _c("status_words", T, "The status in the partnership's own words ('On target')."),
    _c("status_reason", T, "Why, in words."),
)

FIGURES = Table(
    "figures",
    "Every figure of every indicator, one row per figure",
    "One row per figure an indicator's series holds (each printing of a period is its own "
    "row), with the status the plan year's target gives as at that figure's period. A "
    "figure's plan year is the one whose year the period ends in; where that plan year "
    "measures the indicator (the first measure in printed order, for the whole or the "
    "figure's area), its theme, target, status and direction are given, else they are "
    "empty.",
    (
        *_PARTNERSHIP,
        *_YEAR,
        *_THEME,
        _c("indicator_id", T, "The indicator's id (its file name under indicators/)."),
        _c("indicator_name", T, "The indicator's name."),
        _c(
            "area",
            T,
            "The area the figure is for (an id in partnership.yaml); empty for the whole.",
        ),
        _c("dimension", T, "Another breakdown the figure belongs to ('offence'); usually empty."),
        _c("category", T, "The category within the dimension ('burglary')."),
        _c(
            "period",
            T,
            "The period, in cspplan's canonical form ('Q2 2018/19', '12 months to Sep 2018').",
        ),
        _c(
            "period_printed",
            T,
            "The period heading the figure was printed under: the reporting column where it differs from the period the data covers, else the period.",
        ),
        _c("period_start", D, "The first day of the period."),
        _c("period_end", D, "The last day of the period."),
        _c("financial_year", T, "The financial year the period ends in ('2018/19')."),
        _c(
            "quarter",
            WHOLE,
            "The financial quarter (1 to 4) the period ends in, for a quarter, month, day or year to date; empty for longer periods.",
        ),
        _c(
            "value",
            N,
            "The figure, in the indicator's unit (a percentage as 46 for 46%); empty when there is none.",
        ),
        _c(
            "value_printed",
            T,
            "The figure exactly as printed, where the plan printed it differently ('738 (2016/17)').",
        ),
        _c(
            "value_status",
            T,
            "Why there is no figure ('not yet known', 'unknown' for one the source lost).",
        ),
        _c("count", WHOLE, "The count printed beside a rate."),
        _c(
            "attempts",
            WHOLE,
            "The number of attempts or cases a percentage is out of (its denominator).",
        ),
        _c("rank", WHOLE, "The position printed beside the figure."),
        _c("rank_of", WHOLE, "How many were ranked."),
        _c("unit", T, "What the figures are: count, percentage, rate, money, score, ..."),
        _c("rate_per", WHOLE, "For a rate: per 1000 or per 100000."),
        _c(
            "polarity",
            T,
            "Which direction is better: higher_is_better, lower_is_better, within_range, no_judgement; empty when not said.",
        ),
        _c("provisional", B, "The source marks the figure provisional."),
        _c("note", T, "The note printed with the figure."),
        _c("source", T, "Where the indicator's data comes from."),
        _c(
            "printed_in",
            T,
            "The plan years whose documents printed this figure, '; ' between them; empty when none did (recorded later).",
        ),
        _c(
            "target",
            T,
            "The plan year's target for the indicator in words ('at least 46%'), or 'none set'.",
        ),
        _c(
            "status_as_of",
            T,
            "The period the status is judged as at: the figure's period (never past the plan year's end).",
        ),
        *_STATUS,
        _c(
            "direction",
            T,
            "The direction of travel then: improving, no_change, worsening, not_judged or not_comparable.",
        ),
        _c("direction_reason", T, "What the direction was measured from, or why there is none."),
    ),
    "figure",
)

ACTIONS = Table(
    "actions",
    "Every action of every plan year, one row per action",
    "One row per action in each plan year's themes, in printed order.",
    (
        *_PARTNERSHIP,
        *_YEAR,
        *_THEME,
        _c("action_id", T, "The action's id, unique in its theme."),
        _c("title", T, "The action as printed."),
        _c("description", T, "What the action is, as printed."),
        _c("objective", T, "The objective it serves, as printed."),
        _c("lead", T, "Who leads it, as printed."),
        _c("timescale", T, "The timescale as printed."),
        _c("target", T, "The action's own target, as printed."),
        _c("indicators", T, "The indicators (ids) it is measured by, '; ' between them."),
        _c(
            "lineage",
            T,
            "How it relates to the previous plan year: same_as, renamed_from, merged_from, split_from, new.",
        ),
        _c("lineage_from", T, "The earlier action ids, '; ' between them."),
    ),
    "action",
)

TARGETS = Table(
    "targets",
    "Every target of every plan year, one row per target",
    "One row per target a plan year sets (each measure's own target and each further "
    "target), with its status as at the plan year's as-of period (the plan year's end, or "
    "the latest figure's period before it).",
    (
        *_PARTNERSHIP,
        *_YEAR,
        *_THEME,
        _c("indicator_id", T, "The indicator measured."),
        _c("indicator_name", T, "The indicator's name."),
        _c("area", T, "The area the measure is for; empty for the whole."),
        _c("measure", T, "The performance measure as printed."),
        _c(
            "own_target",
            B,
            "True for the measure's own target, false for a further target (which never decides the measure's status).",
        ),
        _c("target_kind", T, "What kind of target it is (threshold, reduction, range, ...)."),
        _c("target", T, "The target in words."),
        _c("target_heading", T, "Whose target it is and when for."),
        _c("baseline", T, "The period progress is measured from, where printed."),
        _c("status_as_of", T, "The period the status is judged as at."),
        *_STATUS,
    ),
    "target",
)

PROGRESS = Table(
    "progress",
    "Quarterly progress reports, one row per theme and quarter",
    "One row per theme a quarter's progress file reports on.",
    (
        *_PARTNERSHIP,
        *_YEAR,
        _c("quarter", T, "The period reported on ('Q2 2018/19')."),
        *_THEME,
        _c("published_status", T, "The rating the report printed."),
        _c("published_label", T, "The printed status words."),
        _c("summary", T, "The summary, as printed."),
        _c("milestones_reached", T, "Milestones reached, as printed."),
        _c("milestones_missed", T, "Milestones missed, as printed."),
        _c("prospects_and_risks", T, "Prospects and risks, as printed."),
    ),
    "progress report",
)

RECOMMENDATIONS = Table(
    "recommendations",
    "Review recommendations, one row per recommendation",
    "One row per recommendation of each review the partnership tracks (reviews/*.yaml).",
    (
        *_PARTNERSHIP,
        _c("review_id", T, "The review's id (its file name)."),
        _c("review_title", T, "The review's title, as printed."),
        _c("recommendation_id", T, "The recommendation's id, unique in the review."),
        _c("number", T, "Its number, as printed."),
        _c("text", T, "The recommendation, as printed."),
        _c("target_date", T, "When it is due, as printed."),
        _c("progress_status", T, "The progress recorded: not_started, in_progress, complete, ..."),
        _c("completed", T, "When it was completed, as printed."),
        _c("latest_update_on", D, "The day of the latest dated update."),
        _c("latest_update", T, "What the latest update said."),
    ),
    "recommendation",
)

FUNDING = Table(
    "funding",
    "Funding lines, one row per line of a plan year's funding table",
    "One row per line of each plan year's funding.yaml, in printed order.",
    (
        *_PARTNERSHIP,
        *_YEAR,
        _c("schedule_id", T, "The funding table's id, unique in the file."),
        _c("schedule", T, "The funding table's title, as printed."),
        _c("line_id", T, "The line's id, unique in its file."),
        _c("kind", T, "What the line is (allocation, spend, commitment, ...)."),
        _c("group", T, "The group the line is printed under."),
        _c("item", T, "The line's label, as printed."),
        _c("year", T, "The financial year the amount is for, where printed."),
        _c("amount_printed", T, "The amount exactly as printed."),
        _c("amount", N, "The amount as a number, in amount_unit."),
        _c(
            "amount_unit",
            T,
            "What the amount counts, as printed: £ (pounds), £000 (thousands) or £m (millions).",
        ),
        _c("estimate", B, "Printed as an estimate."),
        _c("funding_status", T, "The line's status, as printed."),
        _c("note", T, "Other words printed with the line."),
        _c("action_id", T, "The action it funds, where it can be said."),
        _c("theme_id", T, "The theme it funds, where it can be said."),
    ),
    "funding line",
)

TABLES: dict[str, Table] = {
    table.name: table for table in (FIGURES, ACTIONS, TARGETS, PROGRESS, RECOMMENDATIONS, FUNDING)
}
"""Every table, in the order a workbook holds them."""


def markdown() -> str:
    """`docs/export-columns.md`: every table's columns (a test checks the file is current)."""
    lines = [
        "# Exported columns",
        "",
        "Written by `python -m cspplan.export.columns` from `src/cspplan/export/columns.py`;",
        "do not edit by hand. `cspplan export PLANS -o FILE` writes these tables (CSV and",
        "Parquet: one table, `--table`, figures by default; XLSX: every table, one sheet each,",
        "with a cover sheet and a notes sheet). Columns are only ever added at the end of a",
        "table: names and types do not change between versions.",
        "",
        "Types: **text**; **integer**; **number** (a decimal); **boolean** (CSV: `TRUE`/`FALSE`);",
        "**date** (CSV: `YYYY-MM-DD`; XLSX: an Excel date). An empty cell means there is no",
        "value. In Parquet: "
        + ", ".join(f"{kind.value} is `{ARROW_TYPES[kind]}`" for kind in Kind)
        + ".",
        "",
        "In CSV and XLSX, text beginning with `=`, `+`, `-`, `@`, a tab or a carriage return",
        "is written with a `'` before it, so a spreadsheet never runs it as a formula; the plan",
        "files keep the text as written, and Parquet holds it unchanged.",
    ]
    for table in TABLES.values():
        lines += [
            "",
            f"## {table.name}",
            "",
            table.description,
            "",
            "| column | type | meaning |",
            "|---|---|---|",
        ]
        lines += [f"| `{c.name}` | {c.kind.value} | {c.description} |" for c in table.columns]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
