"""Options several commands share, spelled once, and what they do."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click


def checked_output(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """Callback for -o: a file that can be written where it is named, checked before any
    work is done."""
    if value is not None:
        from cspplan.atomic import check_output

        check_output(value)
    return value


output_option = click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    callback=checked_output,
    help="Write to this file (replaced only once the whole output is ready).",
)


BOM = "\ufeff"
"""The UTF-8 byte-order mark: without it Excel reads a CSV file as Windows-1252, and £, ’
and — come out as mojibake."""

bom_option = click.option(
    "--bom/--no-bom",
    default=None,
    help="For CSV: start with a UTF-8 byte-order mark, so that Excel reads £, ’ and — "
    "correctly. Default: yes in a file written with -o, no on standard output (for other "
    "programs).",
)


def emit(
    text: str, output: Path | None, *, spreadsheet: bool = False, bom: bool | None = None
) -> None:
    """To standard output, or atomically to the file `--output` names. A `spreadsheet` (CSV)
    gets a byte-order mark in a file, for Excel, and none on standard output, for a pipe;
    `bom` (--bom/--no-bom) overrides either way."""
    if spreadsheet and (output is not None if bom is None else bom):
        text = BOM + text
    if output is None:
        sys.stdout.write(text)
        return
    from cspplan.atomic import write_output

    write_output(output, text)


def format_option(choices: Sequence[str], help_text: str) -> Callable[[Any], Any]:
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=choices[0],
        show_default=True,
        help=help_text,
    )


def _period(ctx: click.Context, param: click.Parameter, value: str | None) -> object:
    """Callback for --as-of: a period in any printed form, or a usage error."""
    if value is None:
        return None
    from cspplan.model.periods import PeriodError, parse_period

    try:
        return parse_period(value)
    except PeriodError as error:
        raise click.BadParameter(str(error)) from None


def refuse_as_of_before(as_of: object, chosen: Iterable[tuple[Any, Any]]) -> None:
    """A usage error (exit 2) naming every plan year `as_of` ends before, checked before
    anything is assessed or written."""
    if as_of is None:
        return
    from cspplan.status.assess import before_plan

    chosen = list(chosen)
    reasons = [reason for csp, year in chosen if (reason := before_plan(csp, year, as_of))]
    if not reasons:
        return
    advice = "Give a period in the plan year, or leave --as-of out."
    if len(reasons) < len(chosen):
        advice = "Name only the plan years that had begun by then, or leave --as-of out."
    raise click.BadParameter("; ".join(reasons) + ". " + advice, param_hint="'--as-of'")


def as_of_option(help_text: str) -> Callable[[Any], Any]:
    """--as-of PERIOD, parsed as any printed period ('Q2 2018/19', '2017/18')."""
    return click.option(
        "--as-of",
        "as_of",
        metavar="PERIOD",
        callback=_period,
        help=f"{help_text} Any printed form, e.g. 'Q2 2018/19'.",
    )


def _financial_year(ctx: click.Context, param: click.Parameter, value: str | None) -> object:
    if value is None:
        return None
    from cspplan.model.periods import PeriodError, PeriodKind, parse_period

    try:
        period = parse_period(value)
    except PeriodError as error:
        raise click.BadParameter(str(error)) from None
    if period.kind is not PeriodKind.FINANCIAL_YEAR:
        raise click.BadParameter(f"'{value}' is not a financial year such as 2018-19")
    return period


def financial_year_option(flag: str, name: str, help_text: str) -> Callable[[Any], Any]:
    """A plan year given as 2018-19 or 2018/19."""
    return click.option(flag, name, metavar="YEAR", callback=_financial_year, help=help_text)


jobs_option = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Work in N processes (default: one for every 8 partnerships, or 8 files for fmt, up "
    "to one per core).",
)
