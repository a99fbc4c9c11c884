"""`cspplan init`: start a plans repository that validates cleanly as created."""

from __future__ import annotations

from pathlib import Path

import click

from cspplan.cli.options import financial_year_option
from cspplan.cli.verbosity import detail, say


@click.command("init")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@click.option("--partnership", "name", required=True, help="The partnership's full name.")
@click.option("--id", "slug", help="Its folder name (default: made from the name).")
@click.option("--area", help="The area it covers (default: the name).")
@financial_year_option("--year", "year", "The first plan year (default: the current one).")
@click.option(
    "--install",
    default=None,
    metavar="SPEC",
    help="What the CI workflow installs cspplan from (default: where this cspplan was "
    "installed from, if CI can reach it: a git URL and commit, or cspplan==<version> from "
    "an index), e.g. 'cspplan @ git+https://example.org/cspplan.git@v0.1.0'.",
)
@click.option("--no-git", is_flag=True, help="Do not run `git init`.")
def command(
    directory: Path,
    name: str,
    slug: str | None,
    area: str | None,
    year: object,
    install: str | None,
    no_git: bool,
) -> None:
    """Create a plans repository in DIRECTORY (new or empty): the partnership file, a first
    plan year with one theme, an example indicator, cspplan.toml, JSON Schemas for editors,
    a pre-commit configuration, a GitHub Actions workflow and a README for analysts.

    \b
    cspplan init safer-testshire --partnership "Safer Testshire Partnership"

    Exit status: 0 created, 2 the folder is not empty or cannot be written (nothing is
    left half made).
    """
    from cspplan.atomic import write_folder
    from cspplan.editing.install_source import InstallSource, running_install
    from cspplan.editing.scaffold import Scaffold, current_financial_year, files, slug_for
    from cspplan.exceptions import UsageError
    from cspplan.rendering.issue_formats import print_issues, summary_line
    from cspplan.wording import plural
    from cspplan.workspace import open_plans

    if not name.strip():
        raise UsageError("--partnership needs the partnership's name")
    chosen = slug_for(slug or name)
    if slug is not None and chosen != slug:
        raise UsageError(f"--id {slug!r}: use lower-case letters, digits and hyphens ({chosen!r})")
    if directory.exists() and any(directory.iterdir()):
        raise UsageError(f"{directory} is not empty; init makes a new repository")
    source = InstallSource(install) if install else running_install()
    scaffold = Scaffold(
        name=name.strip(),
        slug=chosen,
        area=(area or name).strip(),
        year=year or current_financial_year(),
        install=source.requirement,
        install_reason=source.reason,
    )
    made = files(scaffold)
    if not directory.absolute().parent.is_dir():
        raise UsageError(f"{directory.absolute().parent} does not exist")
    write_folder(directory, made)
    for relative in made:
        detail(f"wrote {directory / relative}")

    if not no_git:
        _git_init(directory)
    report = open_plans([directory / "plans"])
    if report.issues:
        print_issues(report)
    say(
        f"Created {directory} for {scaffold.name}: {plural(len(made), 'file')}. {summary_line(report)}"
    )
    if source.requirement is None:
        say(
            f"note: the CI workflows cannot install cspplan yet: {source.reason}. "
            "Say where to install it from in the 'Install cspplan' step of "
            ".github/workflows/plans.yml and site.yml (or run init again with --install SPEC).",
            err=True,
        )
    else:
        detail(f"the CI workflows install {source.requirement}")
    say(
        "Next: cd into it, edit plans/ (see its README.md), run `cspplan validate`, "
        "commit, and push to GitHub to switch on the checks."
    )
    raise SystemExit(1 if report.errors else 0)


def _git_init(directory: Path) -> None:
    """Make it a git repository on branch main, if git is installed and it is not in one."""
    from cspplan.git import init_repository

    outcome = init_repository(directory)
    if outcome == "no-git":
        say("note: git is not installed, so the folder is not a git repository yet", err=True)
    elif outcome == "inside":
        detail(f"{directory} is already inside a git repository; not running git init")
