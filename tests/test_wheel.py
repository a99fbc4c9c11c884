"""The built wheel carries the templates and example plans as real files and works from them.

The wheel is installed (without dependencies, which this environment already has) into a
folder put first on the path, so the commands below run the installed package, not the
checkout; they run from an empty folder, where only the shipped plans can be found.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import REPO

PIP = (sys.executable, "-m", "pip", "--quiet")


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(dist), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = dist.glob("cspplan-*.whl")
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [*PIP, "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def _run(site: Path, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(site)}
    return subprocess.run(
        [sys.executable, "-m", "cspplan", *args],
        cwd=folder,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_the_wheel_holds_templates_and_plans_as_files_not_links(installed: Path) -> None:
    package = installed / "cspplan"
    templates = sorted(p.relative_to(package).as_posix() for p in package.glob("templates/**/*"))
    assert "templates/performance.md.j2" in templates
    assert "templates/repository/partnership.yaml.j2" in templates
    shipped = {p.relative_to(REPO).as_posix() for p in (REPO / "plans").rglob("*.yaml")}
    carried = {p.relative_to(package).as_posix() for p in (package / "plans").rglob("*.yaml")}
    assert carried == shipped
    assert not any(p.is_symlink() for p in package.rglob("*"))


def test_an_empty_folder_gets_the_shipped_plans_from_the_installed_package(
    installed: Path, tmp_path: Path
) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", "import cspplan, sys; print(cspplan.__file__)"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(installed)},
        capture_output=True,
        text=True,
    )
    assert probe.stdout.startswith(str(installed))
    validate = _run(installed, tmp_path, "validate")
    assert validate.returncode == 0, validate.stderr
    assert "using the plans shipped with cspplan" in validate.stderr + validate.stdout
    assert str(installed) in validate.stderr + validate.stdout
    status = _run(installed, tmp_path, "status")
    assert status.returncode == 0, status.stderr
    assert "Safer Cornwall" in status.stdout


def test_render_and_init_use_the_installed_templates(installed: Path, tmp_path: Path) -> None:
    plan = installed / "cspplan" / "plans" / "safer-cornwall" / "2018-19"
    out = tmp_path / "plan.md"
    render = _run(installed, tmp_path, "render", str(plan), "-o", str(out))
    assert render.returncode == 0, render.stderr
    assert out.read_text(encoding="utf-8").startswith("# ")
    init = _run(installed, tmp_path, "init", "new-csp", "--partnership", "Newtown CSP")
    assert init.returncode == 0, init.stderr
    assert (tmp_path / "new-csp" / "plans" / "newtown-csp" / "partnership.yaml").is_file()
    assert (tmp_path / "new-csp" / ".github" / "workflows" / "plans.yml").is_file()
