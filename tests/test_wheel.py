"""cspplan installs like any Python tool: `python -m build` makes an sdist and a wheel that
`twine check` passes, and the wheel, pip-installed with its dependencies into a fresh
virtual environment, works from an empty folder on the templates and example plans it
carries as real files.

The commands run the fresh environment's own `cspplan` script, with nothing of this
checkout or its .venv on the path, from an empty folder, where only the shipped plans can
be found. pip gets the dependencies the ordinary way (its index, or its cache), so this
module needs what any `pip install` needs; it takes about 45 s. It is one test, so that
`pytest -n` builds and installs once, not once per worker.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import REPO


@dataclass(frozen=True)
class Installed:
    wheel: Path
    sdist: Path
    venv: Path
    package: Path  # the installed cspplan package folder, in the venv's site-packages

    def script(self, name: str) -> Path:
        folder = self.venv / ("Scripts" if os.name == "nt" else "bin")
        return folder / (f"{name}.exe" if os.name == "nt" else name)


def _environment() -> dict[str, str]:
    """This process's environment without the checkout's venv or any PYTHONPATH."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}
    }
    ours = str(Path(sys.executable).parent)
    path = [part for part in environment.get("PATH", "").split(os.pathsep) if part != ours]
    environment["PATH"] = os.pathsep.join(path)
    environment["NO_COLOR"] = "1"
    return environment


def _check(command: list[str], **options: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, capture_output=True, text=True, **options)
    assert done.returncode == 0, (command, done.stdout[-3000:], done.stderr[-3000:])
    return done


def _install(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    dist = tmp_path_factory.mktemp("dist")
    # sdist first, then the wheel built from the sdist (build's default), so a file the
    # sdist leaves out breaks the wheel too; --no-isolation uses the hatchling of the dev
    # extras instead of fetching one
    _check([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(REPO)])
    (wheel,) = dist.glob("cspplan-*.whl")
    (sdist,) = dist.glob("cspplan-*.tar.gz")
    twine = _check([sys.executable, "-m", "twine", "check", "--strict", str(wheel), str(sdist)])
    assert twine.stdout.count("PASSED") == 2, twine.stdout
    venv = tmp_path_factory.mktemp("venv")
    base = getattr(sys, "_base_executable", sys.executable)
    _check([base, "-m", "venv", str(venv)], env=_environment())
    result = Installed(wheel, sdist, venv, Path())
    python = result.script("python")
    _check([str(python), "-m", "pip", "install", "--quiet", str(wheel)], env=_environment())
    where = _check(
        [str(python), "-c", "import cspplan; print(cspplan.__file__)"],
        cwd=tmp_path_factory.mktemp("probe"),
        env=_environment(),
    )
    return Installed(wheel, sdist, venv, Path(where.stdout.strip()).parent)


def _run(installed: Installed, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(installed.script("cspplan")), *args],
        cwd=folder,
        env=_environment(),
        capture_output=True,
        text=True,
    )


def _the_installed_package_is_the_wheel_not_the_checkout(installed: Installed) -> None:
    assert installed.package.is_relative_to(installed.venv)
    assert not installed.package.is_relative_to(REPO)


def _the_wheel_holds_templates_and_plans_as_files_not_links(installed: Installed) -> None:
    package = installed.package
    templates = sorted(p.relative_to(package).as_posix() for p in package.glob("templates/**/*"))
    assert "templates/performance.md.j2" in templates
    assert "templates/repository/partnership.yaml.j2" in templates
    shipped = {p.relative_to(REPO).as_posix() for p in (REPO / "plans").rglob("*.yaml")}
    carried = {p.relative_to(package).as_posix() for p in (package / "plans").rglob("*.yaml")}
    assert carried == shipped
    assert not any(p.is_symlink() for p in package.rglob("*"))
    with zipfile.ZipFile(installed.wheel) as archive:
        names = set(archive.namelist())
    assert {f"cspplan/{name}" for name in shipped} <= names


def _the_metadata_is_complete_enough_to_publish(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(name).decode("utf-8")
    headers, _, description = metadata.partition("\n\n")
    assert "Requires-Python: >=3.11" in headers
    assert "Classifier: Programming Language :: Python :: 3.11" in headers
    assert "Description-Content-Type: text/markdown" in headers
    assert description.startswith("# cspplan")
    with tarfile.open(installed.sdist) as archive:
        members = {member.name.split("/", 1)[-1] for member in archive.getmembers()}
    assert {"README.md", "pyproject.toml", "src/cspplan/__init__.py"} <= members
    assert "plans/safer-cornwall/partnership.yaml" in members


def _an_empty_folder_gets_the_shipped_plans_from_the_installed_package(
    installed: Installed, tmp_path: Path
) -> None:
    validate = _run(installed, tmp_path, "validate")
    assert validate.returncode == 0, validate.stderr
    said = validate.stderr + validate.stdout
    assert "using the plans shipped with cspplan" in said
    assert str(installed.package / "plans") in said
    status = _run(installed, tmp_path, "status")
    assert status.returncode == 0, status.stderr
    assert "Safer Cornwall" in status.stdout
    assert "Norfolk" in status.stdout
    assert list(tmp_path.iterdir()) == []


def _render_and_init_use_the_installed_templates(installed: Installed, tmp_path: Path) -> None:
    plan = installed.package / "plans" / "safer-cornwall" / "2018-19"
    out = tmp_path / "plan.md"
    render = _run(installed, tmp_path, "render", str(plan), "-o", str(out))
    assert render.returncode == 0, render.stderr
    assert out.read_text(encoding="utf-8").startswith("# ")
    docx = tmp_path / "plan.docx"
    word = _run(installed, tmp_path, "render", str(plan), "--format", "docx", "-o", str(docx))
    assert word.returncode == 0, word.stderr
    assert zipfile.is_zipfile(docx)
    init = _run(installed, tmp_path, "init", "new-csp", "--partnership", "Newtown CSP")
    assert init.returncode == 0, init.stderr
    repo = tmp_path / "new-csp"
    assert (repo / "plans" / "newtown-csp" / "partnership.yaml").is_file()
    workflow = (repo / ".github" / "workflows" / "plans.yml").read_text(encoding="utf-8")
    # installed from a wheel on this machine, which a CI runner cannot reach: init says so
    assert "installed from a local file" in init.stderr
    assert installed.wheel.name in init.stderr
    assert "# run: pip install" in workflow
    assert _run(installed, repo, "validate", "--strict").returncode == 0


def test_the_wheel_installs_and_works_from_an_empty_folder(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """One test, so the build and the fresh venv are made once even under pytest -n."""
    installed = _install(tmp_path_factory)
    _the_installed_package_is_the_wheel_not_the_checkout(installed)
    _the_wheel_holds_templates_and_plans_as_files_not_links(installed)
    _the_metadata_is_complete_enough_to_publish(installed)
    _an_empty_folder_gets_the_shipped_plans_from_the_installed_package(
        installed, tmp_path_factory.mktemp("empty")
    )
    _render_and_init_use_the_installed_templates(installed, tmp_path_factory.mktemp("documents"))
