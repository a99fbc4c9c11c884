"""Loading plans for the commands that use them (diff, render): validate first, and stop
with the errors listed if there are any, since a plan with errors cannot be trusted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from cspplan.exceptions import UsageError

if TYPE_CHECKING:
    from cspplan.config import Config
    from cspplan.model.collection import PartnershipPlans, YearPlan
    from cspplan.model.periods import Period


@dataclass(frozen=True)
class Purpose:
    """What the command does with the plans, for the message when it cannot."""

    verb: str
    """'compared', 'rendered'."""
    exit_code: int


@dataclass
class Loaded:
    partnerships: list[PartnershipPlans]
    chosen: set[tuple[str, Period]] = field(default_factory=set)
    """(partnership id, period) of the plan years the named paths point at or contain."""


def config_for(paths: list[Path]) -> Config:
    """The cspplan.toml nearest the first path (or the working folder)."""
    from cspplan.config import load_config

    return load_config(start=paths[0] if paths and paths[0].exists() else Path.cwd())


def load(
    paths: list[Path],
    config: Config,
    *,
    doing: Purpose,
    where: str = "",
    relabel: Path | None = None,
) -> Loaded:
    """Validated plans, or the errors listed and `doing.exit_code`.

    `relabel`: a temporary folder the plans were exported to; problems are then named as
    '<where>:plans/...' (a git revision) rather than by the temporary path."""
    from dataclasses import replace

    from cspplan.checks.runner import validate
    from cspplan.cli.issue_output import write_text

    report = validate(paths, config, jobs=None)
    if report.errors or report.io_problem:
        if relabel is not None:
            report.issues = [
                replace(
                    issue,
                    file=issue.file and _relabelled(issue.file, relabel, where),
                    message=_relabelled_text(issue.message, relabel, where),
                    hint=issue.hint and _relabelled_text(issue.hint, relabel, where),
                )
                for issue in report.issues
            ]
            report.skipped = [_relabelled(folder, relabel, where) for folder in report.skipped]
        write_text(report, stderr=True)
        side = f" at {where}" if where else ""
        click.echo(
            f"cspplan: the plans{side} have errors (above), so they cannot be {doing.verb}.",
            err=True,
        )
        raise SystemExit(doing.exit_code)
    chosen = {
        (plans.id, year.period)
        for plans in report.partnerships
        for year in plans.years
        if report.selection is None or report.selection.touches(year.folder)
    }
    return Loaded(report.partnerships, chosen)


def _relabelled(path: Path, folder: Path, where: str) -> Path:
    """A path inside the temporary export `folder` as 'REV:plans/...'; others unchanged."""
    if not path.is_relative_to(folder):
        return path
    return Path(f"{where}:{path.relative_to(folder).as_posix()}")


def _relabelled_text(text: str, folder: Path, where: str) -> str:
    """A message that names a path in the temporary export, naming it as 'REV:plans/...'."""
    for form in {str(folder), str(folder.resolve())}:
        text = text.replace(form + "/", f"{where}:").replace(form, f"{where}:.")
    return text


def partnership_at(loaded: Loaded, path: Path) -> PartnershipPlans | None:
    wanted = path.resolve()
    return next((p for p in loaded.partnerships if p.folder.resolve() == wanted), None)


def year_at(loaded: Loaded, path: Path, *, hint: str) -> tuple[PartnershipPlans, YearPlan]:
    """The plan year a folder holds; a partnership folder or anything else is a usage error
    that says what to name instead."""
    wanted = path.resolve()
    for plans in loaded.partnerships:
        for year in plans.years:
            if year.folder.resolve() == wanted:
                return plans, year
        if plans.folder.resolve() == wanted:
            example = plans.years[-1].folder.name if plans.years else "2018-19"
            raise UsageError(f"{path} is a partnership folder; {hint} (such as {path / example})")
    raise UsageError(f"{path} is not a plan year folder (a folder holding plan.yaml)")
