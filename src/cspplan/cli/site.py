"""`cspplan site`: the plans as a static web site, for residents, councillors and partners."""

from __future__ import annotations

from pathlib import Path

import click

from cspplan.cli.plans import Purpose, open_for
from cspplan.cli.verbosity import say

PUBLISHING = Purpose("published", exit_code=1)


def base_url(context: click.Context, parameter: click.Parameter, value: str) -> str:
    """An http(s) address with a host, ending in '/' (added if missing), so that each
    canonical link and sitemap entry is the address a page is really at."""
    from urllib.parse import urlsplit

    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter(
            f"{value!r} is not a web address; give the address the site will be at, "
            "such as https://example.org/plans/"
        )
    if parts.query or parts.fragment:
        raise click.BadParameter(f"{value!r} has a query or fragment; give only the address")
    return value if value.endswith("/") else value + "/"


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
    callback=base_url,
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

    parent = output.absolute().parent
    if not parent.is_dir():  # refused before any work, as -o is for every command
        raise click.BadParameter(f"{parent} does not exist", param_hint="'-o' / '--output'")
    workspace = open_for(list(plans), doing=PUBLISHING, show_note=True)
    built = build(SiteInput(workspace, base_url))
    write_site(output, built.files)
    files = len(built.files) - len(built.pages)
    say(
        f"Wrote {plural(len(built.pages), 'page')} and {plural(files, 'other file')} in {output}",
        err=True,
    )
