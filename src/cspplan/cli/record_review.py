"""`cspplan record-review`: add a dated progress update to a review recommendation."""

from __future__ import annotations

from pathlib import Path

import click

from cspplan.cli.record import partnership_option
from cspplan.cli.verbosity import detail, say
from cspplan.model.review import ProgressStatus


@click.command("record-review")
@click.argument("review")
@click.argument("recommendation")
@click.option("--on", "on", required=True, help="The day of the update, e.g. 2014-01-15.")
@click.option("--update", "text", required=True, help="What was reported, in a sentence or two.")
@click.option(
    "--status",
    type=click.Choice([status.value for status in ProgressStatus]),
    help="The recommendation's progress now (also kept with the update).",
)
@click.option(
    "--completed", help="When it was completed, as you would print it: 2014-01-31 or Jan 2014."
)
@click.option("--evidence", help="The evidence that it is complete.")
@click.option("--by", "by", help="Who reported the update.")
@partnership_option
def command(
    review: str,
    recommendation: str,
    on: str,
    text: str,
    status: str | None,
    completed: str | None,
    evidence: str | None,
    by: str | None,
    partnership: Path | None,
) -> None:
    """Add a dated progress update to RECOMMENDATION of REVIEW, keeping the file as written.

    REVIEW is a review's id (its file name under reviews/) or its file; RECOMMENDATION is a
    recommendation's id (rec-3) or its printed number (3).

    \b
    cspplan record-review north-norfolk-dhr-2013 rec-4 --on 2014-01-15 \\
        --update "Protocol agreed with the CCGs." --status in_progress
    cspplan record-review north-norfolk-dhr-2013 7 --on 2014-03-03 --update "Done." \\
        --status complete --completed "March 2014" --evidence "Training records."

    The update is added to the recommendation's `updates`; --status, --completed and
    --evidence set the recommendation's own fields. Comments and layout stay. An unknown
    review or recommendation, or a date that cannot be read, writes nothing.

    Exit status: 0 recorded, 1 the partnership's plans have errors, 2 an unknown review or
    recommendation or a bad date, or the file cannot be written or changed on disk
    meanwhile (nothing is written).
    """
    from cspplan.atomic import editing, write_edit
    from cspplan.cli.plans import Purpose, open_for
    from cspplan.cli.record import line_count
    from cspplan.editing.lookup import partnership_folder
    from cspplan.editing.observations import EntryError
    from cspplan.editing.reviews import (
        ReviewUpdate,
        find_recommendation,
        find_review,
        read_completed,
        read_day,
        record_update,
    )
    from cspplan.exceptions import UsageError
    from cspplan.loading.discovery import partnership_above
    from cspplan.rendering.issue_formats import display_path

    named = Path(review)
    if named.suffix.lower() in (".yaml", ".yml") and named.is_file():
        folder = partnership_above(named)
        if folder is None:
            raise UsageError(f"{review} is not in a partnership folder")
    else:
        folder = partnership_folder(partnership)
    with editing([folder / "partnership.yaml"]):  # in turn with other edits
        workspace = open_for([folder], doing=Purpose("recorded in", 1))
        csp = workspace.partnership_at(folder)
        assert csp is not None
        try:
            loaded = find_review(csp, review)
        except EntryError as error:
            raise UsageError(str(error)) from None
        shown = display_path(loaded.file)
        try:
            index, rec = find_recommendation(loaded, recommendation)
        except EntryError as error:
            from cspplan.loading.reader import read_file

            source, _ = read_file(loaded.file)
            position = source.locate(("recommendations",), key=True) if source else None
            where = f"{shown}:{position[0]}:{position[1]}" if position else shown
            raise UsageError(f"{where}: {error}") from None
        try:
            update = ReviewUpdate(
                on=read_day(on),
                text=text,
                status=ProgressStatus(status) if status else None,
                completed=read_completed(completed) if completed else None,
                evidence=evidence,
                by=by,
            )
        except EntryError as error:
            raise UsageError(f"cannot record the update for {rec.label}: {error}") from None
        change = record_update(loaded, index, update)
        write_edit(loaded.file, change.before, change.after)
    say(f"Added the update of {update.on} to {rec.label} in {shown}.")
    detail(f"{shown}: {line_count(change.before, change.after)} line(s) changed")
