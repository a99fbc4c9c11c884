"""Faults while writing (issue 22, part D), each through the real command: two edits of one
indicator at once, a file changed on disk between reading and writing, `kill -9` at
random points, a full disk, a read-only file system, folder or file.

The file-system cases need root (to mount a small tmpfs) or `setpriv` (to run as nobody),
and are skipped with the reason where the machine has neither."""

from __future__ import annotations

import contextlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.conftest import SHIPPED, run

INDICATOR = Path("plans/safer-cornwall/indicators/marac-repeat-incidents.yaml")
CORNWALL = ["--partnership", "plans/safer-cornwall"]
TEMPORARY = re.compile(r"\..+\.tmp")
"""What atomic writes name their temporaries (and staging folders): hidden, `.tmp`."""


@pytest.fixture
def plans_copy(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED, tmp_path / "plans")
    return tmp_path


def tree_state(folder: Path, *, leave_out: tuple[str, ...] = ()) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under `folder`, hidden ones included."""
    state: dict[str, bytes | None] = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if relative.split("/")[0] in leave_out:
            continue
        state[relative] = None if path.is_dir() else path.read_bytes()
    return state


def temporaries(folder: Path) -> list[str]:
    return [
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if TEMPORARY.fullmatch(path.name)
    ]


def hidden(relative: str) -> bool:
    """In a temporary or a staging folder."""
    return any(TEMPORARY.fullmatch(part) for part in Path(relative).parts)


def cspplan_process(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "cspplan", *args],
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def after_reading(monkeypatch: pytest.MonkeyPatch, path: Path, action: Callable[[], None]) -> None:
    """Run `action` once, just after cspplan has read `path` for editing (and before it
    writes): the moment another program or command would have to strike."""
    from cspplan.editing import yaml_file

    real = yaml_file.YamlFile.open.__func__  # type: ignore[attr-defined]
    struck: list[bool] = []

    def open_then(cls, opened: Path):
        document = real(cls, opened)
        if not struck and Path(opened).resolve() == path.resolve():
            struck.append(True)
            action()
        return document

    monkeypatch.setattr(yaml_file.YamlFile, "open", classmethod(open_then))


# -- two edits at once -------------------------------------------------------------------------

FIRST = ("Q3 2018/19", "31%", "{period: Q3 2018/19, value: 31}")
SECOND = ("Q4 2018/19", "29%", "{period: Q4 2018/19, value: 29}")


def edit(kind: str, figure: tuple[str, str, str], folder: Path) -> list[str]:
    """The arguments of a `record` or an `import` of one figure of the indicator."""
    period, value, _ = figure
    if kind == "record":
        return ["record", "marac-repeat-incidents", period, value, *CORNWALL]
    sheet = folder / f"{period.replace(' ', '-').replace('/', '-')}.csv"
    sheet.write_text(f"indicator,period,value\nmarac-repeat-incidents,{period},{value}\n")
    return ["import", sheet.name, *CORNWALL]


@pytest.mark.parametrize(
    ("first", "second"),
    [("record", "record"), ("import", "import"), ("record", "import"), ("import", "record")],
)
def test_two_edits_of_one_indicator_at_once_keep_both(plans_copy, monkeypatch, first, second):
    """The second command starts while the first has read the file and not yet written
    it: it waits its turn (saying so), then records into the file the first wrote."""
    other_args = edit(second, SECOND, plans_copy)
    said: list[str] = []
    other: list[subprocess.Popen] = []

    def start_the_other() -> None:
        process = cspplan_process(*other_args, cwd=plans_copy)
        other.append(process)
        reader = threading.Thread(target=lambda: said.extend(process.stderr), daemon=True)
        reader.start()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if any("waiting for another cspplan" in line for line in said):
                return  # it waits for us: carry on
            time.sleep(0.02)
        reader.join(5)

    after_reading(monkeypatch, plans_copy / INDICATOR, start_the_other)
    done = run(*edit(first, FIRST, plans_copy), cwd=plans_copy)
    assert done.returncode == 0, done.stderr
    (process,) = other
    process.communicate(timeout=120)
    assert process.returncode == 0, "".join(said)
    text = (plans_copy / INDICATOR).read_text(encoding="utf-8")
    assert FIRST[2] in text, "the first command's figure was lost"
    assert SECOND[2] in text, "the second command's figure was lost"
    assert "waiting for another cspplan command that is editing" in "".join(said)
    assert temporaries(plans_copy) == []


# -- changed on disk between reading and writing -------------------------------------------------

SAVED_MEANWHILE = "# saved in an editor while cspplan was working\n"

EDITS = {
    "record": (["record", "marac-repeat-incidents", "Q3 2018/19", "31%", *CORNWALL], INDICATOR),
    "import": (["import", "q.csv", *CORNWALL], INDICATOR),
    "record progress": (
        [
            "record",
            "progress",
            "plans/norfolk-ccsp/2013-14",
            "--theme",
            "priority-a",
            "--quarter",
            "Q2",
            "--summary",
            "Changed.",
        ],
        Path("plans/norfolk-ccsp/2013-14/progress/2013-14-q2.yaml"),
    ),
    "record-review": (
        [
            "record-review",
            "north-norfolk-dhr-2013",
            "rec-1",
            "--on",
            "2014-01-15",
            "--update",
            "Done.",
            "--partnership",
            "plans/norfolk-ccsp",
        ],
        Path("plans/norfolk-ccsp/reviews/north-norfolk-dhr-2013.yaml"),
    ),
    "fmt": (["fmt", "plans/safer-cornwall"], INDICATOR),
}


def prepare(folder: Path) -> None:
    """What the edits above need: a sheet to import, and a file fmt has work on."""
    (folder / "q.csv").write_text("indicator,period,value\nmarac-repeat-incidents,Q3 2018/19,31%\n")
    indicator = folder / INDICATOR
    indicator.write_bytes(indicator.read_bytes().replace(b"\n", b"\r\n"))  # fmt makes it LF


@pytest.mark.parametrize("name", list(EDITS))
def test_a_file_changed_on_disk_after_reading_is_not_overwritten(plans_copy, monkeypatch, name):
    arguments, target = EDITS[name]
    prepare(plans_copy)
    path = plans_copy / target

    def someone_saves() -> None:
        path.write_bytes(SAVED_MEANWHILE.encode() + path.read_bytes())

    after_reading(monkeypatch, path, someone_saves)
    saved = tree_state(plans_copy)
    saved[target.as_posix()] = SAVED_MEANWHILE.encode() + path.read_bytes()
    done = run(*arguments, cwd=plans_copy)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert f"{target} changed on disk after cspplan read it" in done.stderr
    assert "nothing was written" in done.stderr and "Traceback" not in done.stderr
    assert tree_state(plans_copy) == saved  # the other program's save is kept, nothing else


# -- kill -9 ---------------------------------------------------------------------------------


def crlf(folder: Path) -> None:
    """Every YAML file with CRLF line endings: work for fmt on every file."""
    for path in folder.rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


def many_figures(folder: Path) -> None:
    """A sheet with a figure for every Safer Cornwall indicator: work for import on every
    indicator file (each one written aside, then all renamed)."""
    from ruamel.yaml import YAML

    rows = ["indicator,period,value,note"]
    for path in sorted((folder / "plans/safer-cornwall/indicators").glob("*.yaml")):
        data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
        unit = data.get("unit")
        value = "12%" if unit == "percent" else "12"
        rows.append(f"{path.stem},Q4 2019/20,{value},from the kill test")
    (folder / "many.csv").write_text("\n".join(rows) + "\n")


KILLED = {
    "fmt": (["fmt", "plans"], crlf),
    "import": (["import", "many.csv", "--skip-rejected", *CORNWALL], many_figures),
    "render": (["render", "plans/safer-cornwall/2018-19", "-o", "out/plan.md"], None),
    "new-year": (["new-year", "plans/norfolk-ccsp", "--from", "2013-14", "--to", "2014-15"], None),
}


def fresh(root: Path, setup: Callable[[Path], None] | None) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    shutil.copytree(SHIPPED, root / "plans")
    (root / "out").mkdir()
    if setup is not None:
        setup(root)
    return root


def killed_at(arguments: list[str], folder: Path, delay: float | None, seed: int) -> None:
    """Start the command and kill -9 it `delay` seconds on; with no delay, the moment a
    temporary first appears in the folder (plus a seeded few milliseconds)."""
    process = cspplan_process(*arguments, cwd=folder)
    if delay is not None:
        time.sleep(delay)
    else:
        jitter = random.Random(seed).uniform(0, 0.004)
        deadline = time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            if temporaries(folder):
                time.sleep(jitter)
                break
    process.kill()
    process.communicate()


@pytest.mark.parametrize("name", list(KILLED))
def test_kill_9_at_random_points_leaves_nothing_half_written(tmp_path, name):
    """Killed at seeded random moments (and at the moment its writing starts): every file
    is as it was or as a whole run leaves it, never anything between; a temporary the kill
    left is hidden, and the next run removes it and finishes the work."""
    arguments, setup = KILLED[name]
    whole = fresh(tmp_path / "whole", setup)
    started = time.monotonic()
    done = run_real(arguments, whole)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    before = tree_state(fresh(tmp_path / "before", setup))
    after = tree_state(whole)
    chances = random.Random(f"kill-{name}")
    moments: list[float | None] = [chances.uniform(0.2, 1.0) * took for _ in range(3)]
    moments += [None, None]
    left_behind = 0
    for attempt, moment in enumerate(moments):
        folder = fresh(tmp_path / f"killed-{attempt}", setup)
        killed_at(arguments, folder, moment, attempt)
        state = tree_state(folder)
        for relative, data in state.items():
            if hidden(relative):
                continue
            assert relative in before or relative in after, f"{relative} is not whole"
            assert data == before.get(relative, after.get(relative)) or data == after.get(
                relative
            ), f"{relative} is half written (killed at {moment})"
        assert set(before) <= set(state), "a file was lost"
        for relative, data in state.items():  # a folder the run makes appears whole
            if data is None and relative not in before and not hidden(relative):
                inside = {name for name in state if name.startswith(f"{relative}/")}
                made = {name for name in after if name.startswith(f"{relative}/")}
                assert inside == made, f"{relative} is part-filled (killed at {moment})"
        left_behind += bool(temporaries(folder))
        again = run_real(arguments, folder)
        assert again.returncode in (0, 2), again.stderr
        assert temporaries(folder) == [], "a later run left a killed run's temporary"
        if again.returncode == 0:
            assert tree_state(folder) == after
    print(f"{name}: {len(moments)} kills, {left_behind} left a temporary for the next run")


def run_real(arguments: list[str], folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cspplan", *arguments],
        cwd=folder,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=300,
    )


# -- a full disk and a read-only file system -------------------------------------------------------

WRITERS: dict[str, list[str]] = {
    "render": ["render", "plans/safer-cornwall/2018-19", "-o", "plan.md"],
    "render docx": ["render", "plans/safer-cornwall/2018-19", "--format", "docx", "-o", "p.docx"],
    "status -o": ["status", "plans", "-o", "status.txt"],
    "diff -o": [
        "diff",
        "plans/safer-cornwall/2017-18",
        "plans/safer-cornwall/2018-19",
        "-o",
        "diff.md",
    ],
    "record": EDITS["record"][0],
    "record progress": EDITS["record progress"][0],
    "record-review": EDITS["record-review"][0],
    "import": EDITS["import"][0],
    "fmt": EDITS["fmt"][0],
    "schema": ["schema", "-o", "schemas"],
    "init": ["init", "new-repository", "--partnership", "Safer Testshire", "--no-git"],
    "new-year": ["new-year", "plans/norfolk-ccsp"],
    "site": ["site", "plans/norfolk-ccsp", "-o", "site"],
    "export xlsx": ["export", "plans", "-o", "plans.xlsx"],
    "export csv": ["export", "plans", "--table", "figures", "-o", "figures.csv"],
}

FILLER = "filler"


@contextlib.contextmanager
def small_disk(tmp_path: Path, size: str = "8m") -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        shutil.copytree(SHIPPED, disk / "plans")
        prepare(disk)
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def fill(disk: Path) -> None:
    """Use up every free byte: 4 KiB blocks, then single bytes into the last one."""
    for name, size in ((FILLER, 4096), (f"{FILLER}-2", 1)):
        with open(disk / name, "wb", buffering=0) as stream, contextlib.suppress(OSError):
            while True:
                stream.write(b"\0" * size)


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_full_disk_is_a_message_and_changes_nothing(tmp_path, name):
    with small_disk(tmp_path) as disk:
        fill(disk)
        before = tree_state(disk, leave_out=(FILLER, f"{FILLER}-2"))
        done = run(*WRITERS[name], cwd=disk)
        assert done.returncode == 2, (done.stdout, done.stderr)
        assert "No space left on device" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
        assert tree_state(disk, leave_out=(FILLER, f"{FILLER}-2")) == before


@pytest.mark.parametrize("name", list(WRITERS))
def test_a_read_only_file_system_is_a_message_and_changes_nothing(tmp_path, name):
    with small_disk(tmp_path) as disk:
        remounted = subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True)
        assert remounted.returncode == 0, remounted.stderr
        before = tree_state(disk)
        done = run(*WRITERS[name], cwd=disk)
        assert done.returncode == 2, (done.stdout, done.stderr)
        assert "Read-only file system" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr
        assert tree_state(disk) == before


# -- a read-only file or folder, as a user who is not root ------------------------------------------


@contextlib.contextmanager
def as_nobody() -> Iterator[tuple[Path, Callable[..., subprocess.CompletedProcess]]]:
    """A copy of the plans owned by nobody, and a way to run cspplan as nobody."""
    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        pytest.skip("running as another user needs root and setpriv")
    folder = Path(tempfile.mkdtemp(prefix="cspplan-nobody-"))
    try:
        shutil.copytree(SHIPPED, folder / "plans")
        prepare(folder)
        os.chmod(folder, 0o755)
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, 65534, 65534)
        as_user = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        probe = subprocess.run([*as_user, sys.executable, "-c", "import cspplan"], cwd=folder)
        if probe.returncode != 0:
            pytest.skip("nobody cannot run this Python")

        def run_as_nobody(*arguments: str) -> subprocess.CompletedProcess:
            return subprocess.run(
                [*as_user, sys.executable, "-m", "cspplan", *arguments],
                cwd=folder,
                env={**os.environ, "NO_COLOR": "1", "HOME": str(folder)},
                capture_output=True,
                text=True,
                timeout=120,
            )

        yield folder, run_as_nobody
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.parametrize("name", ["record", "import", "fmt", "record progress", "record-review"])
def test_a_read_only_plan_file_is_not_replaced(name):
    """chmod a-w on the file: a rename would replace it anyway, so cspplan checks."""
    arguments, target = EDITS[name]
    with as_nobody() as (folder, run_as_nobody):
        path = folder / target
        os.chmod(path, 0o444)
        before = tree_state(folder)
        done = run_as_nobody(*arguments)
        assert done.returncode == 2, (done.stdout, done.stderr)
        assert f"cannot write {target}: it is read-only" in done.stderr
        assert "Traceback" not in done.stderr
        assert tree_state(folder) == before


def test_a_read_only_folder_is_a_message(tmp_path):
    with as_nobody() as (folder, run_as_nobody):
        os.chmod(folder / INDICATOR.parent, 0o555)
        before = tree_state(folder)
        done = run_as_nobody(*EDITS["record"][0])
        assert done.returncode == 2, (done.stdout, done.stderr)
        assert "Permission denied" in done.stderr and "Traceback" not in done.stderr
        assert tree_state(folder) == before


# -- what a killed run leaves is cleared, and only that ----------------------------------------------


def test_a_killed_writers_temporary_is_removed_by_the_next_write_and_a_live_ones_kept(plans_copy):
    from cspplan.atomic import temporary_prefix

    folder = plans_copy / INDICATOR.parent
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    mine = temporary_prefix(INDICATOR.name)
    left = folder / mine.replace(f".{os.getpid()}-", f".{dead.pid}-").__add__("killed.tmp")
    live = folder / f"{mine}writing.tmp"  # this test's own process: alive
    left.write_text("half")
    live.write_text("half")
    done = run("record", "marac-repeat-incidents", "Q3 2018/19", "31%", *CORNWALL, cwd=plans_copy)
    assert done.returncode == 0, done.stderr
    assert not left.exists() and live.exists()


@pytest.mark.parametrize(
    "arguments",
    [
        ["status", "plans/safer-cornwall", "-o", "kept.txt"],
        ["export", "plans/safer-cornwall", "--table", "figures", "-o", "kept.csv"],
    ],
    ids=["status -o", "export"],
)
def test_a_read_only_output_file_is_not_replaced(arguments):
    with as_nobody() as (folder, run_as_nobody):
        kept = folder / arguments[-1]
        kept.write_text("an earlier output, made read-only\n")
        os.chown(kept, 65534, 65534)
        os.chmod(kept, 0o444)
        done = run_as_nobody(*arguments)
        assert done.returncode == 2, (done.stdout, done.stderr)
        assert f"cannot write {kept.name}: it is read-only" in done.stderr
        assert kept.read_text() == "an earlier output, made read-only\n"
