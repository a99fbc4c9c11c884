"""`cspplan new-year`: roll a plan year forward and list what an officer must review."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from cspplan.cli.options import financial_year_option
from cspplan.cli.verbosity import say

if TYPE_CHECKING:
    from cspplan.editing.rollover import Review
    from cspplan.model.periods import Period


@click.command("new-year")
@click.argument(
    "partnership", type=click.Path(path_type=Path, file_okay=False, exists=True), required=False
)
@financial_year_option("--from", "from_year", "The plan year to copy (default: the latest).")
@financial_year_option("--to", "to_year", "The new plan year (default: the year after --from).")
def command(partnership: Path | None, from_year: object, to_year: object) -> None:
    """Start the next plan year from the last one, ready for review.

    \b
    cspplan new-year plans/safer-cornwall --from 2018-19 --to 2019-20

    Themes and actions are copied with lineage 'same as', the cycle year moves on, focus
    items stay in last year's files (the history) and are cleared from the new year,
    printed statuses and last year's achievements are cleared, and indicators and targets
    are kept for review; quarterly progress reports stay with their own year. Then it
    prints what an officer must review, including every line of carried-over text that
    still names last year.

    Exit status: 0 created, 1 the plans have errors, 2 the new year exists or the years
    are wrong (nothing is written).
    """
    from cspplan.atomic import write_folder
    from cspplan.cli.plans import Purpose, open_for
    from cspplan.editing.lookup import partnership_folder
    from cspplan.editing.rollover import roll_forward
    from cspplan.exceptions import UsageError
    from cspplan.model.periods import financial_year
    from cspplan.rendering.issue_formats import display_path, summary_line
    from cspplan.wording import plural
    from cspplan.workspace import config_for, open_plans

    folder = partnership_folder(partnership, name_it="by its folder: cspplan new-year FOLDER")
    config = config_for([folder])
    workspace = open_for([folder], config=config, doing=Purpose("rolled forward", 1))
    csp = workspace.partnership_at(folder)
    if csp is None or not csp.years:
        raise UsageError(f"{folder} has no plan year to roll forward")
    source = csp.years[-1] if from_year is None else csp.year(from_year)
    if source is None:
        have = ", ".join(str(year.period) for year in csp.years)
        raise UsageError(f"{folder} has no {from_year} plan year (it has {have})")
    target = to_year or financial_year(source.period.year + 1)
    rolled = roll_forward(csp, source, target)

    write_folder(rolled.folder, rolled.files)

    shown = display_path(rolled.folder)
    report = open_plans([folder], config=config)
    say(
        f"Created {shown} from {display_path(source.folder)}: "
        f"{plural(len(rolled.files) - 1, 'theme')}. {summary_line(report)}"
    )
    _print_review(rolled.review, source.period, target)


def _print_review(review: Review, old: Period, new: Period) -> None:
    sections = [
        ("The plan", review.headline),
        (
            f"Actions that need their {new} focus written (last year's stays in the {old} plan)",
            review.focus,
        ),
        ("Timescales that ended before the new year", review.timescales),
        ("Targets kept from last year: confirm or change each", review.targets),
        (f"Carried-over text that still names {old}", review.old_text),
    ]
    click.echo(f"\nTo review before the {new} plan is agreed:")
    for title, lines in sections:
        if not lines:
            continue
        click.echo(f"\n{title} ({len(lines)}):")
        for line in lines:
            click.echo(f"  - {line}")
