"""The `cspplan` command: a thin click group that imports each command only when it runs."""

from __future__ import annotations

import importlib
import os
import sys

import click

from cspplan import __version__
from cspplan.cli.verbosity import verbosity_options

# name -> (module, short help). Help lives here so `cspplan --help` imports nothing heavy.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "cspplan.cli.validate",
        "Check plan files and report problems with their locations.",
    ),
    "schema": (
        "cspplan.cli.schema",
        "Write the JSON Schemas for plan files (or check they are current).",
    ),
    "init": (
        "cspplan.cli.init",
        "Start a plans repository: partnership, first plan year, CI workflow, pre-commit, README.",
    ),
    "fmt": (
        "cspplan.cli.fmt",
        "Lay plan files out one canonical way (content and comments unchanged); --check for CI.",
    ),
    "diff": (
        "cspplan.cli.diff",
        "What changed between plan years or git revisions: themes, actions, targets, figures.",
    ),
    "render": (
        "cspplan.cli.render",
        "Write the delivery plan, a performance report or the year's changes as Markdown or Word.",
    ),
    "export": (
        "cspplan.cli.export",
        "Write the plans as tidy tables (CSV, XLSX, Parquet) for Excel, Power BI and pandas.",
    ),
    "import": (
        "cspplan.cli.importing",
        "Record many figures from a CSV or Excel spreadsheet; nothing is written if a row is wrong.",
    ),
    "lsp": (
        "cspplan.cli.lsp",
        "Language server for editors: validate's problems as you type, completion, hover.",
    ),
    "new-year": (
        "cspplan.cli.new_year",
        "Start the next plan year from the last one and list what an officer must review.",
    ),
    "record": (
        "cspplan.cli.record",
        "Add or update one figure in an indicator's series, keeping the file as written.",
    ),
    "record-review": (
        "cspplan.cli.record_review",
        "Add a dated progress update to a review recommendation, keeping the file as written.",
    ),
    "rules": ("cspplan.cli.rules", "List the issue codes validate reports, or explain one."),
    "site": (
        "cspplan.cli.site",
        "Build a static, accessible web site of the plans: dashboards, themes, indicators.",
    ),
    "status": (
        "cspplan.cli.status",
        "Status against targets, direction of travel and reasons, with roll-ups.",
    ),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module = importlib.import_module(entry[0])
        command: click.Command = module.command
        if not any(param.name == "quiet" for param in command.params):
            verbosity_options(command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@verbosity_options
@click.version_option(
    __version__, "--version", "-V", prog_name="cspplan", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Keep a Community Safety Partnership's delivery plan as validated YAML in git."""


def main(args: list[str] | None = None, prog_name: str = "cspplan") -> None:
    """Run the command line; turn every expected failure into a message and an exit code."""
    from cspplan.exceptions import CspplanError

    try:
        cli.main(args=args, prog_name=prog_name, standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(2 if error.exit_code == 2 else error.exit_code)
    except CspplanError as error:
        from cspplan.cli.console import readable

        click.echo(readable(f"cspplan: {error}"), err=True)  # may quote a hostile file name
        sys.exit(error.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except Exception as error:  # a bug: say so plainly, without a traceback unless asked
        if os.environ.get("CSPPLAN_DEBUG"):
            raise
        click.echo(
            f"cspplan: internal error: {type(error).__name__}: {error}\n"
            "This is a bug in cspplan. Run again with CSPPLAN_DEBUG=1 to see the details, "
            "and please report it.",
            err=True,
        )
        sys.exit(2)
    sys.exit(0)
