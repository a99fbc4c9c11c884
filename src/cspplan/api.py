"""The Python API behind `cspplan.load` and `cspplan.validate`: both open a `Workspace`."""

from __future__ import annotations

from pathlib import Path

from cspplan.workspace import Workspace, open_plans


def validate(*paths: str | Path) -> Workspace:
    return open_plans([Path(path) for path in paths] or [Path.cwd()])


def load(*paths: str | Path) -> Workspace:
    workspace = validate(*paths)
    workspace.refuse_errors()
    return workspace
