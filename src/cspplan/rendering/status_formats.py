"""Print assessed plan years as rich tables, JSON, CSV or Markdown."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cspplan import markdown, wording
from cspplan.model.plan import PublishedStatus
from cspplan.status.assess import NOT_ROLLED_UP_WORDS, MeasureStatus, ThemeStatus, YearStatus
from cspplan.status.attention import attention_reason
from cspplan.status.bands import COLOURS, ORDER, Band
from cspplan.status.published import Reconciliation, ThemeReconciled, percent, reconcile
from cspplan.status.rollup import ATTENTION, WHOLE_PLAN, Rollup, records, rollup
from cspplan.wording import sentence

if TYPE_CHECKING:
    from rich.console import Console


def render(years: list[YearStatus], output_format: str, *, compare: bool) -> str:
    if output_format == "json":
        return status_json(years, compare=compare)
    if output_format == "csv":
        return to_csv(years, compare=compare)
    if output_format == "markdown":
        return to_markdown(years, compare=compare)
    return to_plain_text(years, compare=compare)


def heading(year: YearStatus) -> str:
    view = "as the plan printed it, " if year.as_published else ""
    return f"{year.title}: status {view}as at {year.as_of}"


def agreement_line(reconciliation: Reconciliation) -> str:
    agreed, compared = reconciliation.status_agreement
    moved, moves = reconciliation.direction_agreement
    line = (
        f"Published statuses agree with the computed ones for {agreed} of {compared} "
        f"measures ({percent(agreed, compared)})"
    )
    through = [item for item in reconciliation.items if item.through_theme is not None]
    if through:
        unjudged = sum(item.status_agrees is None for item in through)
        line += (
            f". The plan publishes a status for each theme, not each measure: "
            f"{wording.plural(len(through), 'measure')} compared with their theme's, agreeing "
            f"when no worse than it ({unjudged} not judged green, amber or red, so not counted)"
        )
    if moves:
        line += f"; published directions for {moved} of {moves} ({percent(moved, moves)})"
    return line + "."


def theme_agreement_line(reconciliation: Reconciliation) -> str | None:
    """'Themes: 4 of 6 agree with their published statuses (67%), …'; None where no theme
    published a status."""
    if not reconciliation.themes:
        return None
    rule = reconciliation.themes[0].status.rule
    if rule is None:
        return (
            f"Themes: {len(reconciliation.themes)} published, none compared: partnership.yaml "
            "names no status_rules.theme_status to roll measures up by."
        )
    agreed, compared = reconciliation.theme_agreement
    return (
        f"Themes: {agreed} of {compared} agree with their published statuses "
        f"({percent(agreed, compared)}), measures rolled up by the '{rule}' rule."
    )


def _status_label(year: YearStatus, status: MeasureStatus | ThemeStatus) -> str:
    label = year.label(status.band)
    return f"{label} (set by the partnership)" if status.override else label


def printed_status(published: PublishedStatus | None) -> str:
    """The status as the plan printed it: its words, else the status; '–' for none."""
    if published is None:
        return "–"
    return published.label or (published.status.value if published.status else "") or "–"


THEMES_HEADER = ["Theme", "Status", "Published", "Reason"]
THEME_COMPARISON_HEADER = ["Theme", "Published", "Computed", "Agrees", "Reason"]


def theme_label(year: YearStatus, status: ThemeStatus) -> str:
    """The theme's status word, or 'not rolled up' where it has no status of ours."""
    return _status_label(year, status) if status.rolled_up else NOT_ROLLED_UP_WORDS


def _theme_row(year: YearStatus, status: ThemeStatus) -> list[str]:
    return [
        status.theme.title,
        theme_label(year, status),
        printed_status(status.published),
        sentence(status.reason),
    ]


def _theme_comparison_row(year: YearStatus, item: ThemeReconciled) -> list[object]:
    return [
        item.status.theme.title,
        printed_status(item.published),
        year.label(item.status.computed.band),
        _yes_no(item.agrees),
        sentence(item.explanation),
    ]


def disagreement_lines(year: YearStatus, reconciliation: Reconciliation) -> list[str]:
    """One line per theme whose published status differs from the computed one, saying why
    the computed one is what it is: the roll-up's reason, then the reason of each measure
    that decided it."""
    lines = []
    for item in reconciliation.theme_disagreements:
        line = (
            f"{item.status.theme.title}: published {printed_status(item.published)}, computed "
            f"{year.label(item.status.computed.band)}: {item.explanation}."
        )
        for driver in item.status.drivers:
            line += f" {driver.indicator.name}: {driver.reason}."
        lines.append(line)
    return lines


# -- JSON and CSV -------------------------------------------------------------------------------


def _summary(year: YearStatus, summary: Rollup) -> dict[str, object]:
    def counts(row: str) -> dict[str, int]:
        return {band.value: summary.by_theme[row][band.value] for band in ORDER}

    themes = [
        {
            "theme": theme,
            "counts": counts(theme),
            "needs_attention": summary.by_theme[theme][ATTENTION],
        }
        for theme in summary.by_theme
        if theme != WHOLE_PLAN
    ]
    return {
        "themes": themes,
        "whole_plan": counts(WHOLE_PLAN),
        "needs_attention": [status.indicator.id for status in summary.attention],
    }


def _with_agreement(year: YearStatus, reconciliation: Reconciliation) -> list[dict[str, object]]:
    rows = records(year)
    verdicts = {id(item.status): item for item in reconciliation.items}
    for row, status in zip(rows, year.measures, strict=True):
        item = verdicts.get(id(status))
        row["status_agrees"] = item.status_agrees if item else None
        row["direction_agrees"] = item.direction_agrees if item else None
    return rows


def _theme_records(
    year: YearStatus, reconciliation: Reconciliation | None
) -> list[dict[str, object]]:
    verdicts = {id(item.status): item for item in reconciliation.themes} if reconciliation else {}
    rows = []
    for status in year.themes:
        published = status.published
        row: dict[str, object] = {
            "theme": status.theme.id,
            "title": status.theme.title,
            "rule": status.rule,
            "rolled_up": status.rolled_up,
            "status": status.band.value,
            "status_label": year.label(status.band),
            "computed_status": status.computed.band.value,
            "overridden": status.override is not None,
            "reason": status.reason,
            "drivers": [driver.indicator.id for driver in status.drivers],
            "published_status": published.status.value if published and published.status else None,
            "published_label": published.label if published else None,
        }
        if reconciliation is not None:
            item = verdicts.get(id(status))
            row["status_agrees"] = item.agrees if item else None
        rows.append(row)
    return rows


def _with_theme_columns(
    year: YearStatus, rows: list[dict[str, object]], compare: bool
) -> list[dict[str, object]]:
    """CSV: each measure row carries its theme's status, where themes have one (the columns
    appear only then, so other plans' CSV is as it was)."""
    if not year.themes:
        return rows
    reconciliation = reconcile(year) if compare else None
    by_theme = {
        id(status.theme): record
        for status, record in zip(year.themes, _theme_records(year, reconciliation), strict=True)
    }
    for row, status in zip(rows, year.measures, strict=True):
        record = by_theme.get(id(status.theme), {})
        row["theme_status"] = record.get("status")
        row["theme_status_reason"] = record.get("reason")
        if compare:
            row["theme_published_status"] = record.get("published_status")
            row["theme_status_agrees"] = record.get("status_agrees")
    return rows


def status_json(years: list[YearStatus], *, compare: bool) -> str:
    plans = []
    for year in years:
        reconciliation = reconcile(year) if compare else None
        entry: dict[str, object] = {
            "partnership": year.csp.id,
            "name": year.csp.partnership.name,
            "plan_year": year.year.label,
            "as_of": str(year.as_of),
            "labels": year.words.called,
            "as_published": year.as_published,
            "measures": _with_agreement(year, reconciliation) if reconciliation else records(year),
            "summary": _summary(year, rollup(year)),
        }
        if year.themes:
            entry["themes"] = _theme_records(year, reconciliation)
        if reconciliation:
            agreed, compared = reconciliation.status_agreement
            moved, moves = reconciliation.direction_agreement
            entry["comparison"] = {
                "status": {"agree": agreed, "compared": compared},
                "direction": {"agree": moved, "compared": moves},
            }
            if reconciliation.themes:
                agreed, compared = reconciliation.theme_agreement
                entry["comparison"]["themes"] = {"agree": agreed, "compared": compared}
        plans.append(entry)
    return json.dumps({"plans": plans}, indent=2, ensure_ascii=False) + "\n"


def to_csv(years: list[YearStatus], *, compare: bool) -> str:
    """One row per measure; formula-like text neutralised (`export/cells.py`)."""
    from cspplan.export.cells import records_csv

    rows = [
        _flat(row)
        for year in years
        for row in _with_theme_columns(
            year, _with_agreement(year, reconcile(year)) if compare else records(year), compare
        )
    ]
    return records_csv(rows)


def _flat(row: dict[str, object]) -> dict[str, object]:
    """One CSV row per measure: its further targets in one cell, a line each, each with its
    own status ('Police and Crime Plan target, by 2015/16: at most 450 — Amber: …')."""
    further = row.get("further_targets")
    if not further:
        return row
    lines = [
        f"{item['heading']}: {item['target']} — {item['status_label']}: {item['reason']}"
        for item in further  # type: ignore[union-attr]
    ]
    return row | {"further_targets": "\n".join(lines)}


# -- Markdown ------------------------------------------------------------------------------------


def _rollup_rows(year: YearStatus, summary: Rollup) -> tuple[list[str], list[list[object]]]:
    header = ["Theme", *(year.label(band) for band in ORDER), "Needs attention"]
    rows = [
        [
            markdown.bold(theme) if theme == WHOLE_PLAN else theme,
            *summary.by_theme[theme].values(),
        ]
        for theme in summary.by_theme
    ]
    return header, rows


COMPARISON_HEADER = [
    "Indicator",
    "Published",
    "Computed",
    "Agrees",
    "Published direction",
    "Computed direction",
    "Reason",
]
MEASURES_HEADER = ["Indicator", "Latest", "Target", "Status", "Direction", "Reason"]


def markdown_context(years: list[YearStatus], *, compare: bool) -> dict[str, object]:
    """What templates/status.md.j2 lays out: each year's figures already in words."""
    return {"years": [_year_context(year, compare=compare) for year in years]}


def _year_context(year: YearStatus, *, compare: bool) -> dict[str, object]:
    entry: dict[str, object] = {
        "heading": heading(year),
        "has_measures": bool(year.measures),
        "comparison": None,
    }
    if not year.measures:
        return entry
    if compare:
        reconciliation = reconcile(year)
        entry["comparison"] = {
            "agreement": agreement_line(reconciliation),
            "header": COMPARISON_HEADER,
            "rows": [_comparison_row(year, item) for item in reconciliation.items],
            "themes": None,
        }
        if reconciliation.themes:
            entry["comparison"]["themes"] = {
                "agreement": theme_agreement_line(reconciliation),
                "header": THEME_COMPARISON_HEADER,
                "rows": [_theme_comparison_row(year, item) for item in reconciliation.themes],
                "disagreements": disagreement_lines(year, reconciliation),
            }
        return entry
    entry["themes"] = (
        {"header": THEMES_HEADER, "rows": [_theme_row(year, status) for status in year.themes]}
        if year.themes
        else None
    )
    summary = rollup(year)
    entry["summary_header"], entry["summary_rows"] = _rollup_rows(year, summary)
    entry["attention"] = [
        {
            "name": status.indicator.name,
            "label": year.label(status.band),
            "direction": status.travel.words,
            "reason": sentence(attention_reason(status)),
        }
        for status in summary.attention
    ]
    entry["sections"] = [
        {
            "title": section,
            "header": MEASURES_HEADER,
            "rows": [
                row
                for status in statuses
                for row in [
                    [
                        status.indicator.name,
                        status.latest_words(),
                        status.target,
                        _status_label(year, status),
                        status.travel.words,
                        f"{sentence(status.reason)}. Direction: {status.travel.reason}.",
                    ],
                    *_further_rows(year, status),
                ]
            ],
        }
        for section, statuses in year.sections()
    ]
    return entry


FURTHER_MARK = "↳"
"""Leads a further target's row under its measure's, in the status tables."""


def _further_rows(year: YearStatus, status: MeasureStatus) -> list[list[str]]:
    """A row under the measure for each further target: its own status and reason, no
    figure or direction of its own (those are the measure's)."""
    return [
        [
            f"{FURTHER_MARK} {further.heading} (not the measure's status)",
            "",
            further.words,
            year.label(further.band),
            "",
            f"{sentence(further.reason)}.",
        ]
        for further in status.further
    ]


def to_markdown(years: list[YearStatus], *, compare: bool) -> str:
    """From templates/status.md.j2; one newline at the end (none when there is nothing)."""
    from cspplan.rendering.templates import render

    text = render("status.md.j2", markdown_context(years, compare=compare))
    return text.rstrip("\n") + "\n" if text.strip() else ""


def _yes_no(value: bool | None) -> str:
    return "–" if value is None else ("yes" if value else markdown.bold("no"))


def _comparison_row(year: YearStatus, item: object) -> list[object]:
    status: MeasureStatus = item.status
    published, own = item.published, status.measure.published
    printed = published.label or (published.status.value if published.status else "")
    if item.through_theme is not None:
        printed = f"{printed or '–'} (the theme's)"
    return [
        status.indicator.name,
        printed or "–",
        year.label(status.computed.band),
        _yes_no(item.status_agrees),
        own.direction.value.replace("_", " ") if own and own.direction else "–",
        status.travel.movement.value if status.travel.movement else "not comparable",
        status.computed.reason,
    ]


# -- rich text -----------------------------------------------------------------------------------


def print_status(years: list[YearStatus], console: Console, *, compare: bool) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    def status_text(year: YearStatus, band: Band, label: str) -> Text:
        return Text(label, style=f"bold {COLOURS[band]}")

    def _agrees_text(agrees: bool | None) -> Text:
        return Text(_yes_no(agrees).strip("*"), style="red bold" if agrees is False else "")

    for year in years:
        console.print()
        console.rule(f"[bold]{escape(heading(year))}[/]")
        if not year.measures:
            console.print("This plan year has no indicators.")
            continue
        if compare:
            reconciliation = reconcile(year)
            table = Table(header_style="bold")
            for column in (
                "Indicator",
                "Published",
                "Computed",
                "Agrees",
                "Direction (printed / computed)",
                "Reason",
            ):
                table.add_column(column)
            for item in reconciliation.items:
                row = _comparison_row(year, item)
                computed = status_text(year, item.status.computed.band, row[2])
                agrees = _agrees_text(item.status_agrees)
                table.add_row(row[0], row[1], computed, agrees, f"{row[4]} / {row[5]}", row[6])
            console.print(table)
            console.print(agreement_line(reconciliation))
            if reconciliation.themes:
                themes = Table(header_style="bold")
                for column in THEME_COMPARISON_HEADER:
                    themes.add_column(column)
                for item in reconciliation.themes:
                    row = _theme_comparison_row(year, item)
                    computed = status_text(year, item.status.computed.band, row[2])
                    agrees = _agrees_text(item.agrees)
                    themes.add_row(row[0], row[1], computed, agrees, row[4])
                console.print(themes)
                console.print(theme_agreement_line(reconciliation))
                lines = disagreement_lines(year, reconciliation)
                if lines:
                    console.print("[bold]Why the themes differ[/]")
                    for line in lines:
                        console.print(Text(f"  {line}"))
            continue
        table = Table(header_style="bold", expand=True)
        for column, ratio in (("Indicator", 3), ("Latest", 2), ("Target", 2)):
            table.add_column(column, ratio=ratio)
        table.add_column("Status", no_wrap=True)
        table.add_column("Direction", no_wrap=True)
        table.add_column("Reason", ratio=6)
        for section, statuses in year.sections():
            table.add_row(Text(section, style="bold"))
            for status in statuses:
                reason = Text(status.reason)
                reason.append(f"\n{status.travel.reason}", style="dim")
                table.add_row(
                    "  " + status.indicator.name,
                    status.latest_words(),
                    status.target,
                    status_text(year, status.band, _status_label(year, status)),
                    status.travel.words,
                    reason,
                )
                for further, row in zip(status.further, _further_rows(year, status), strict=True):
                    table.add_row(
                        "    " + row[0],
                        row[1],
                        row[2],
                        status_text(year, further.band, row[3]),
                        row[4],
                        row[5],
                    )
            table.add_section()
        console.print(table)
        if year.themes:
            themes = Table(title="Status by theme", header_style="bold", title_justify="left")
            for column in THEMES_HEADER:
                themes.add_column(column)
            for status in year.themes:
                row = _theme_row(year, status)
                themes.add_row(row[0], status_text(year, status.band, row[1]), row[2], Text(row[3]))
            console.print(themes)
        summary = rollup(year)
        header, rows = _rollup_rows(year, summary)
        counts = Table(title="Summary by theme", header_style="bold", title_justify="left")
        for column in header:
            counts.add_column(column, justify="left" if column == "Theme" else "right")
        for row in rows:
            counts.add_row(*(str(value).strip("*") for value in row))
        console.print(counts)
        if summary.attention:
            console.print("[bold]Needs attention[/]")
            for status in summary.attention:
                console.print(
                    Text.assemble(
                        "  ",
                        status_text(year, status.band, year.label(status.band)),
                        f" {status.travel.words}  {status.indicator.name}: {attention_reason(status)}",
                    )
                )


def to_plain_text(years: list[YearStatus], *, compare: bool) -> str:
    """The text tables without colour, for -o FILE."""
    from cspplan.cli.console import plain_text

    return plain_text(lambda console: print_status(years, console, compare=compare))
