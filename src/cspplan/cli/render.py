"""`cspplan render`: a delivery plan, a performance report or the year's changes, as
Markdown or Word, from the templates in `templates/` (or your own)."""

from __future__ import annotations

from pathlib import Path

import click

from cspplan.cli.options import as_of_option, checked_output, refuse_as_of_before
from cspplan.cli.plans import Purpose, open_for
from cspplan.cli.verbosity import say
from cspplan.exceptions import UsageError
from cspplan.rendering.documents import Document

RENDERING = Purpose("rendered", exit_code=1)


@click.command("render")
@click.argument("plan", type=click.Path(path_type=Path))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["md", "docx"]),
    default="md",
    show_default=True,
    help="Markdown (GitHub-flavoured) or Word.",
)
@click.option(
    "--document",
    type=click.Choice([document.value for document in Document]),
    default="plan",
    show_default=True,
    help="The delivery plan, a performance report (see --as-of), the changes since the "
    "previous plan year, the partnership's review trackers (reviews/*.yaml, judged as at "
    "--as-of, else each tracker's own date), or the alignment with other plans and "
    "frameworks (frameworks/).",
)
@as_of_option("Use figures up to this period (default: the plan year's end).")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    callback=checked_output,
    help="The file to write (default: <document>-<year>.<format> in the working folder). "
    "Markdown charts go in a folder beside it.",
)
@click.option(
    "--templates",
    "template_folder",
    type=click.Path(path_type=Path, file_okay=False),
    help="Use the templates in this folder (copies of cspplan's, edited); they run in "
    "Jinja's sandbox.",
)
@click.option(
    "--reference-docx",
    "reference",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A Word document whose styles (headings, tables, fonts) the output uses.",
)
def command(
    plan: Path,
    output_format: str,
    document: str,
    as_of: object,
    output: Path | None,
    template_folder: Path | None,
    reference: Path | None,
) -> None:
    """Write a plan year as a document.

    PLAN is a plan year folder, or a partnership folder for its latest plan year. The
    output is written only once the whole document (and its charts) is ready, so a failed
    render leaves any earlier output untouched.

    Exit status: 0 written, 1 the plans have errors, 2 bad options, templates or paths.
    """
    from cspplan.atomic import check_output, write_outputs_with_folders
    from cspplan.rendering.documents import render
    from cspplan.wording import plural

    if reference is not None and not reference.is_file():
        raise UsageError(f"{reference}: no such Word document")
    workspace = open_for([plan], doing=RENDERING)
    csp = workspace.partnership_at(plan)
    if csp is not None and csp.years:
        year = csp.years[-1]
    else:
        csp, year = workspace.year_at(plan, hint="name a plan year folder")
    refuse_as_of_before(as_of, [(csp, year)])
    chosen = Document(document)
    repository = None
    if chosen is Document.ALIGNMENT:  # what every partnership beside it links to
        repository = open_for([csp.folder.parent], doing=RENDERING).partnerships
    if output is None:
        if not year.folder.name.isprintable():  # a line break would be in the file's name
            raise UsageError(
                f"the plan year folder {year.folder.name!r} has a character that cannot be "
                "shown in a file name; name the output with -o"
            )
        output = Path(f"{chosen.value}-{year.folder.name}.{output_format}")
    check_output(output)  # before any chart is written beside it
    chart_folder = f"{output.stem}_charts"
    rendered = render(
        chosen,
        csp,
        year,
        word=output_format == "docx",
        as_of=as_of,
        template_folder=template_folder,
        reference=reference,
        chart_folder=chart_folder,
        repository=repository,
    )
    charts = {output.parent / name: data for name, data in rendered.images.items()}
    # charts first (a new chart folder whole): the document shows them
    write_outputs_with_folders({**charts, output: rendered.main})
    say(
        f"Wrote {output}"
        + (
            f" and {plural(len(rendered.images), 'chart')} in {output.parent / chart_folder}"
            if rendered.images
            else ""
        ),
        err=True,
    )
