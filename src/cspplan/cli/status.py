"""`cspplan status`: status against targets, direction of travel, reasons and roll-ups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cspplan.cli.options import (
    as_of_option,
    bom_option,
    emit,
    format_option,
    jobs_option,
    output_option,
    refuse_as_of_before,
)
from cspplan.cli.plans import Purpose
from cspplan.cli.verbosity import say

if TYPE_CHECKING:
    from cspplan.model.status_words import StatusWords

FORMATS = ("text", "json", "csv", "markdown")
ASSESSING = Purpose(
    "assessed",
    exit_code=None,
    refusal="cspplan status: fix the errors above first; nothing was assessed.",
)


@click.command("status")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@as_of_option("Judge with data up to this period only (default: each plan year's end).")
@format_option(FORMATS, "text (tables), json, csv (one row per measure) or markdown.")
@click.option(
    "--compare-published",
    is_flag=True,
    help="Set computed statuses beside those the plan printed, with the agreement rate: "
    "for measures and, where the partnership rolls them up, for themes.",
)
@click.option(
    "--labels",
    metavar="WORDS",
    help="Words for the bands: rag (Green, Amber, Red), partnership (each partnership's "
    "status_rules.labels: the default) or the name a partnership.yaml gives its words.",
)
@click.option(
    "--by",
    "by",
    metavar="partnership|FRAMEWORK",
    help="Roll measures up another way: 'partnership' gives a block per partnership (its "
    "latest plan year), a county's counted together with the district partnerships whose "
    "partnership.yaml names it as parent; a framework's id (a file in frameworks/) gives each "
    "of its items with the measures that serve it, across every partnership.",
)
@output_option
@bom_option
@jobs_option
def command(
    paths: tuple[Path, ...],
    as_of: object,
    output_format: str,
    compare_published: bool,
    labels: str | None,
    by: str | None,
    output: Path | None,
    bom: bool | None,
    jobs: int | None,
) -> None:
    """Show each indicator's status against its target, its direction of travel and why.

    PATHS may be a plans repository, a partnership folder or plan year folders; without
    PATHS, the plans in the working folder (or the shipped plans). Plans with errors are
    not assessed: the errors are listed instead.

    With --by FRAMEWORK, each item of that framework (frameworks/<id>.yaml) with the
    measures that serve it (the measure, its indicator, its action or its theme links to
    the item), their status and a count by status.

    Exit status: 0 assessed, 1 the plans have errors, 2 the paths could not be read or an
    option is wrong (such as an --as-of period that ends before a plan year begins).
    """
    from cspplan.cli.plans import open_for
    from cspplan.parallel import collector_paused
    from cspplan.rendering import review_formats, status_formats
    from cspplan.status.assess import assess_year

    workspace = open_for(
        paths,
        doing=ASSESSING,
        jobs=jobs,
        show_note=output_format == "text" and output is None,
    )
    chosen_years = workspace.chosen_years()
    chosen_years = _begun_by(as_of, chosen_years, workspace.selection)
    refuse_as_of_before(as_of, chosen_years)
    words = _words_for(labels, chosen_years)
    assessed = []
    with collector_paused():
        for csp, year in chosen_years:
            assessed.append(
                assess_year(
                    csp,
                    year,
                    as_of,
                    words=words[csp.id],
                    as_published=compare_published,
                )
            )
    if by is not None:
        _by(by, workspace, assessed, output_format, output, bom, compare=compare_published)
        return
    reviewed = _reviewed(chosen_years, as_of)
    if output_format == "text" and output is None:
        from cspplan.cli.console import make_console

        console = make_console(tables=True)
        status_formats.print_status(assessed, console, compare=compare_published)
        if reviewed:
            review_formats.print_reviews(reviewed, console)
        return
    text = status_formats.render(assessed, output_format, compare=compare_published)
    text = review_formats.with_reviews(text, reviewed, output_format)
    emit(text, output, spreadsheet=output_format == "csv", bom=bom)


def _by(
    by: str,
    workspace,
    assessed: list,
    output_format: str,
    output: Path | None,
    bom: bool | None,
    *,
    compare: bool,
) -> None:
    """`--by`: 'partnership' (status/by_partnership.py), else a framework's id
    (status/by_framework.py)."""
    from cspplan.status.by_partnership import PARTNERSHIP

    if by == PARTNERSHIP:
        _by_partnership(assessed, output_format, output, bom, compare=compare)
        return
    text = _by_framework(by, workspace, assessed, output_format)
    emit(text, output, spreadsheet=output_format == "csv", bom=bom)


def _by_partnership(
    assessed: list, output_format: str, output: Path | None, bom: bool | None, *, compare: bool
) -> None:
    from cspplan.rendering import partnership_status
    from cspplan.status.by_partnership import by_partnership

    if compare:
        raise click.BadParameter(
            "--compare-published is not shown by partnership", param_hint="'--by'"
        )
    blocks = by_partnership(assessed)
    if output_format == "text" and output is None:
        from cspplan.cli.console import make_console

        partnership_status.print_blocks(blocks, make_console(tables=True))
        return
    text = partnership_status.render(blocks, output_format)
    emit(text, output, spreadsheet=output_format == "csv", bom=bom)


def _by_framework(by: str, workspace, assessed: list, output_format: str) -> str:
    from cspplan.rendering import framework_formats
    from cspplan.status.by_framework import by_framework

    framework = workspace.frameworks.get(by)
    if framework is None:
        known = ", ".join(sorted(workspace.frameworks)) or "none: there is no frameworks/ folder"
        raise click.BadParameter(
            f"no framework '{by}' in the repository (known: {known}), or 'partnership'",
            param_hint="'--by'",
        )
    return framework_formats.render(by_framework(framework, assessed), output_format)


def _reviewed(chosen: list, as_of: object) -> list:
    """Each chosen partnership that keeps review trackers, with its reviews judged as at
    `as_of` (else each review's `as_at`, else today)."""
    from cspplan.status.reviews import partnership_reviews

    partnerships = {csp.id: csp for csp, _ in chosen if csp.reviews}
    return [(csp, partnership_reviews(csp, as_of)) for csp in partnerships.values()]


def _words_for(labels: str | None, chosen: list) -> dict[str, StatusWords]:
    """Each partnership's (by id) words for this run; a --labels name that no partnership
    gives its words is a bad option (exit 2), said before anything is assessed."""
    from cspplan.status.bands import UnknownWords, chosen_words

    partnerships = {csp.id: csp.partnership for csp, _ in chosen}
    try:
        words = chosen_words(labels, list(partnerships.values()))
    except UnknownWords as error:
        raise click.BadParameter(str(error), param_hint="'--labels'") from None
    return dict(zip(partnerships, words, strict=True))


def _begun_by(as_of: object, chosen: list, selection: object) -> list:
    """Leave out, with a note, the plan years that begin after `as_of` when they were only
    found inside a named folder (a repository as at Q2 2017/18 is its 2017/18 plans); a year
    named itself is kept, so that it is refused with the reason."""
    from cspplan.status.assess import before_plan

    if as_of is None:
        return chosen
    kept, left_out = [], []
    for csp, year in chosen:
        if before_plan(csp, year, as_of) and not selection.names_inside(year.folder):
            left_out.append(f"{csp.partnership.name} {year.label}")
        else:
            kept.append((csp, year))
    if not kept:
        return chosen  # nothing had begun: refused, with every reason
    if left_out:
        say(f"note: left out, as they begin after {as_of}: {', '.join(left_out)}", err=True)
    return kept
