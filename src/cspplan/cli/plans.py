"""Opening plans for the commands that use them (status, diff, render, new-year): stop with
the errors listed if there are any, since a plan with errors cannot be trusted."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from cspplan.config import Config
    from cspplan.model.collection import LoadedPartnership
    from cspplan.workspace import Workspace


@dataclass(frozen=True)
class Purpose:
    """What the command does with the plans, for the message when it cannot."""

    verb: str
    """'compared', 'rendered'."""
    exit_code: int | None
    """None: the workspace's own (2 if a path could not be read, else 1)."""
    refusal: str | None = None
    """The whole message, where the command words it its own way."""


def open_for(
    paths: Sequence[Path],
    *,
    doing: Purpose,
    config: Config | None = None,
    jobs: int | None = None,
    where: str = "",
    relabel: Path | None = None,
    show_note: bool = False,
    then: Callable[[LoadedPartnership], object] | None = None,
    keep_plans: bool = True,
) -> Workspace:
    """The plans, opened (default paths, nearest config), or the errors listed and exit.

    `relabel`: a temporary folder the plans were exported to; problems are then named as
    '<where>:plans/...' (a git revision) rather than by the temporary path; `show_note`:
    say which plans were used when none were named; `then`, `keep_plans`: as `workspace.check`."""
    from cspplan.cli.verbosity import say
    from cspplan.rendering.issue_formats import print_issues
    from cspplan.workspace import open_plans

    workspace = open_plans(paths, config=config, jobs=jobs, then=then, keep_plans=keep_plans)
    if show_note and workspace.note:
        say(f"note: {workspace.note}", err=True)
    if workspace.usable:
        return workspace
    if relabel is not None:
        workspace = workspace.relabelled(relabel, where)
    print_issues(workspace, stderr=True)
    side = f" at {where}" if where else ""
    click.echo(
        doing.refusal
        or f"cspplan: the plans{side} have errors (above), so they cannot be {doing.verb}.",
        err=True,
    )
    raise SystemExit(workspace.exit_code() if doing.exit_code is None else doing.exit_code)
