"""`cspplan site`: the plans as a static web site, for residents, councillors and partners."""

from __future__ import annotations

from pathlib import Path

import click

from cspplan.cli.plans import Purpose, open_for
from cspplan.cli.verbosity import say

PUBLISHING = Purpose("published", exit_code=1)


@click.command("site")
@click.argument("plans", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="The folder to write: new, empty, or an earlier build of the site (replaced whole).",
)
@click.option(
    "--base-url",
    default="",
    metavar="URL",
    help="Where the site will be hosted (https://example.org/plans/), for canonical links "
    "and the sitemap; links between pages are relative either way.",
)
def command(plans: tuple[Path, ...], output: Path, base_url: str) -> None:
    """Build a static web site of the plans: plain files that work opened from disk or on
    any web host, with no server and nothing fetched from elsewhere.

    Exit status: 0 written, 1 the plans have errors, 2 bad options or paths.
    """
    from cspplan.site.build import build, write_site
    from cspplan.site.pages import SiteInput
    from cspplan.wording import plural

    workspace = open_for(list(plans), doing=PUBLISHING, show_note=True)
    built = build(SiteInput(workspace, base_url))
    write_site(output, built.files)
    say(f"Wrote {plural(len(built.pages), 'page')} in {output}", err=True)
