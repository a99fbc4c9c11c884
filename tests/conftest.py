"""Shared fixtures: a small, valid two-year partnership that tests can break one piece at a time."""

from __future__ import annotations

import copy
import io
import os
import pickle
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from ruamel.yaml import YAML

GIT_USER = ("-c", "user.name=T", "-c", "user.email=t@example.org")


def run_git(folder: Path, *arguments: str) -> str:
    """`git -C folder ARGUMENTS` as a test user, its output; a failure fails the test."""
    command = ["git", *GIT_USER, "-C", str(folder), *arguments]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


# The suite is reproducible: every run, on CI or a laptop, tries the same examples, so a
# pull request fails for its own change and never for a newly drawn example. The
# "explore" profile draws fresh examples, many more of them, to hunt for new failures:
#   HYPOTHESIS_PROFILE=explore .venv/bin/python -m pytest -q -p no:cacheprovider
# Neither profile has a deadline: how long an example takes depends on how busy the
# machine is (a CI runner, every core running tests), and speed is the benchmark's to
# measure, not a unit test's.
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "suite")
settings.register_profile("suite", derandomize=True, print_blob=True, deadline=None)
settings.register_profile("explore", max_examples=2000, deadline=None, print_blob=True)
settings.load_profile(PROFILE)


def examples(count: int) -> int:
    """A test's own example count, twenty times over when exploring."""
    return count * 20 if PROFILE == "explore" else count


REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "plans"


_DUMPED: dict[str, str] = {}


def _dump(data: Any) -> str:
    """`data` as block-style YAML. Most tests write files they left as BASE has them, so
    each text is kept by the repr of its data (plain dicts, lists and scalars: equal reprs,
    equal YAML); ruamel's pure-Python dumper costs some 30 ms a tree."""
    key = repr(data)
    if key not in _DUMPED:
        yaml = YAML(typ="safe", pure=True)
        yaml.default_flow_style = False
        stream = io.StringIO()
        yaml.dump(data, stream)
        _DUMPED[key] = stream.getvalue()
    return _DUMPED[key]


BASE: dict[str, Any] = {
    "partnership.yaml": {
        "name": "Testshire Community Safety Partnership",
        "area": "Testshire",
        "organisations": [
            {"id": "council", "name": "Testshire Council", "kind": "local_authority"},
            {
                "id": "safety-team",
                "name": "Community Safety Team",
                "kind": "team",
                "parent": "council",
            },
        ],
        "people": [
            {
                "id": "alex-lead",
                "name": "Alex Lead",
                "role": "Strategy Lead",
                "organisation": "council",
                "email": "alex.lead@testshire.gov.uk",
                "phone": "01234 567890",
            }
        ],
        "governance": [{"id": "board", "name": "Partnership Board", "kind": "board"}],
    },
    "indicators/repeat-victims.yaml": {
        "name": "Repeat victims of domestic abuse",
        "unit": "percentage",
        "polarity": "within_range",
        "frequency": "quarterly",
        "series": [
            {
                "period": "2016/17",
                "value": 30,
                "text": "30%",
                "reported_in": ["2017/18", "2018/19"],
            },
            {"period": "Q2 2017/18", "value": 28, "text": "28%", "reported_in": ["2017/18"]},
            {"period": "Q3 2017/18", "value": 27, "text": "27%", "reported_in": ["2018/19"]},
        ],
    },
    "indicators/referrals.yaml": {
        "name": "Referrals",
        "unit": "count",
        "polarity": "no_judgement",
        "series": [{"period": "Q1 2017/18", "value": 10, "reported_in": ["2017/18"]}],
    },
    "2017-18/plan.yaml": {
        "title": "Delivery Plan 2017/18",
        "period": "2017/18",
        "cycle": {
            "name": "Partnership Plan 2016-19",
            "start": "2016/17",
            "end": "2018/19",
            "year": 2,
        },
        "outcomes": [{"id": "less-harm", "text": "Reduce the risk of serious harm"}],
        "themes": ["domestic-abuse"],
    },
    "2017-18/themes/domestic-abuse.yaml": {
        "title": "Domestic abuse",
        "kind": "priority",
        "outcomes": ["less-harm"],
        "actions": [
            {
                "id": "da-strategy",
                "title": "Domestic Abuse Strategy",
                "timescale": {
                    "text": "4 year rolling cycle (Year 1)",
                    "parts": [{"kind": "cycle", "years": 4, "year": 1}],
                },
                "lead": {"text": "Lead: Community Safety Team", "organisations": ["safety-team"]},
            },
            {
                "id": "training",
                "title": "Training",
                "timescale": {
                    "text": "March 2018",
                    "parts": [{"kind": "deadline", "by": "Mar 2018"}],
                },
            },
        ],
        "indicators": [
            {
                "indicator": "repeat-victims",
                "wording": "Repeat victims within 28-40%",
                "baseline": "2016/17",
                "latest": "Q2 2017/18",
                "target": {"kind": "range", "low": 28, "high": 40, "text": "28-40%"},
                "published": {"status": "green", "label": "GREEN"},
            }
        ],
        "contacts": [{"person": "alex-lead"}],
    },
    "2018-19/plan.yaml": {
        "title": "Delivery Plan 2018/19",
        "period": "2018/19",
        "cycle": {
            "name": "Partnership Plan 2016-19",
            "start": "2016/17",
            "end": "2018/19",
            "year": 3,
        },
        "outcomes": [{"id": "less-harm", "text": "Reduce the risk of serious harm"}],
        "themes": ["domestic-abuse"],
        "dropped": [{"id": "training", "note": "finished"}],
    },
    "2018-19/themes/domestic-abuse.yaml": {
        "title": "Domestic abuse",
        "outcomes": ["less-harm"],
        "lineage": {"kind": "same_as", "from": ["domestic-abuse"]},
        "actions": [
            {
                "id": "da-strategy",
                "title": "Domestic Abuse Strategy",
                "timescale": {
                    "text": "4 year rolling cycle (2018/19 is Year 2)",
                    "parts": [{"kind": "cycle", "years": 4, "year": 2}],
                },
                "lineage": {"kind": "same_as", "from": ["da-strategy"]},
            }
        ],
        "indicators": [
            {
                "indicator": "repeat-victims",
                "wording": "Repeat victims within 28-40%",
                "baseline": "2016/17",
                "latest": "Q3 2017/18",
                "target": {"kind": "range", "low": 28, "high": 40},
                "published": {"status": "amber", "label": "Close to target", "direction": "down"},
            }
        ],
        "contacts": [{"person": "alex-lead"}],
    },
}


class PlanTree:
    """A partnership as editable dicts; `write()` puts it on disk as YAML files."""

    def __init__(self, root: Path, name: str = "testshire") -> None:
        self.root = root
        self.folder = root / name
        self.files: dict[str, Any] = copy.deepcopy(BASE)
        self.raw: dict[str, str | bytes] = {}

    def __getitem__(self, name: str) -> Any:
        return self.files[name]

    def path(self, name: str) -> Path:
        return self.folder / name

    def write(self) -> Path:
        for name, data in self.files.items():
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_dump(data), encoding="utf-8")
        for name, text in self.raw.items():
            path = self.folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(text, encoding="utf-8")
        return self.folder


@pytest.fixture
def tree(tmp_path: Path) -> PlanTree:
    return PlanTree(tmp_path)


class CountyTree:
    """A plans repository of three `PlanTree`s: a county partnership (the `tree` plan,
    folder testshire) and two district partnerships beneath it (north-testshire,
    south-testshire), each naming the county as `parent`, the county listing both back."""

    DISTRICTS = ("north-testshire", "south-testshire")

    def __init__(self, root: Path) -> None:
        self.root = root
        self.county = PlanTree(root)
        self.county["partnership.yaml"]["name"] = "Testshire County Community Safety Partnership"
        self.county["partnership.yaml"]["linked_partnerships"] = [
            {
                "name": f"{district.split('-')[0].title()} Testshire CSP",
                "relationship": "a district partnership of the county CSP",
                "partnership": district,
            }
            for district in self.DISTRICTS
        ]
        self.districts = []
        for district in self.DISTRICTS:
            plan = PlanTree(root, district)
            words = district.split("-")[0].title()
            plan["partnership.yaml"]["name"] = f"{words} Testshire CSP"
            plan["partnership.yaml"]["area"] = f"{words} Testshire"
            plan["partnership.yaml"]["parent"] = {
                "name": "Testshire County Community Safety Partnership",
                "partnership": "testshire",
                "relationship": "reports to the county CSP",
            }
            self.districts.append(plan)

    def write(self) -> Path:
        for plan in (self.county, *self.districts):
            plan.write()
        return self.root


@pytest.fixture
def county_tree(tmp_path: Path) -> CountyTree:
    return CountyTree(tmp_path)


class RenderedOnce:
    """Shipped documents rendered once per test run and shared by the tests that read them.

    A performance report draws some forty charts (many seconds on a busy machine) and
    several test files read the same few. A document is rendered in Markdown (its charts in
    folder "c") and in Word together, drawing each chart once for both: `charts.chart` is a
    pure function, so while rendering here it answers a call it has answered before with
    the same arguments (compared by their pickled bytes) from memory. The workers of one
    pytest-xdist run share the renders through a file in the run's temporary folder, behind
    a lock of each document's own, so a second worker waits for the first rather than
    drawing the charts again. Each call returns a fresh copy: a test cannot change what
    another test reads."""

    CHART_FOLDER = "c"

    def __init__(self, shared: Path | None) -> None:
        self.shared = shared
        self.rendered: dict[tuple[str, str, str], bytes] = {}
        self._plans = None

    def __call__(self, document: str, partnership: str, year: str, *, word: bool):
        """The `Rendered` document of a shipped plan year, `year` as its folder name."""
        key = (document, partnership, year)
        if key not in self.rendered:
            self.rendered[key] = self._from_file(key) if self.shared else self._render(key)
        markdown, word_document = pickle.loads(self.rendered[key])
        return word_document if word else markdown

    def _from_file(self, key: tuple[str, str, str]) -> bytes:
        import fcntl

        path = self.shared / ("-".join(key) + ".pickle")
        with path.with_suffix(".lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the worker dies
            if path.exists():
                return path.read_bytes()
            data = self._render(key)
            path.with_suffix(".partial").write_bytes(data)
            path.with_suffix(".partial").replace(path)
            return data

    def _render(self, key: tuple[str, str, str]) -> bytes:
        """Both formats, pickled: (Markdown, Word)."""
        import cspplan
        from cspplan.rendering import charts
        from cspplan.rendering.documents import Document, render

        document, partnership, folder = key
        if self._plans is None:
            self._plans = cspplan.load(SHIPPED)
        plans = self._plans.partnership(partnership)
        year = next(year for year in plans.years if year.folder.name == folder)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(charts, "chart", _once(charts.chart))
            both = [
                render(Document(document), plans, year, word=word, chart_folder=self.CHART_FOLDER)
                for word in (False, True)
            ]
        return pickle.dumps(tuple(both))


def _once(function: Callable) -> Callable:
    """`function` remembering its answers by the pickled bytes of its arguments."""
    answers: dict[bytes, Any] = {}

    def once(*arguments: Any) -> Any:
        key = pickle.dumps(arguments)
        if key not in answers:
            answers[key] = function(*arguments)
        return answers[key]

    return once


@pytest.fixture
def charts_not_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every chart a blank 1x1 PNG, for tests of what happens around the charts (a template
    error, a file that cannot be written): drawing forty real ones takes many seconds."""
    from PIL import Image

    from cspplan.rendering import charts

    stream = io.BytesIO()
    Image.new("RGB", (1, 1), "white").save(stream, format="PNG")
    blank = stream.getvalue()

    points = charts.points

    def chart(status, label, plan_year):
        return (blank, "Line chart not drawn by this test") if points(status) else None

    monkeypatch.setattr(charts, "chart", chart)


@pytest.fixture(scope="session")
def shipped_document(tmp_path_factory: pytest.TempPathFactory) -> RenderedOnce:
    """Render a shipped plan year's document once per run (see RenderedOnce)."""
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = tmp_path_factory.getbasetemp().parent / "rendered-once"  # this run's, shared
        shared.mkdir(exist_ok=True)
        return RenderedOnce(shared)
    return RenderedOnce(None)


# -- the command line ---------------------------------------------------------------------------


def run(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run the entry point users run (`cspplan.cli:main`) in this process, as a subprocess
    would: same arguments, working folder, environment (NO_COLOR=1), exit code and output.

    In-process because a new Python per call made the suite take minutes; the tests that
    are about the process itself (start-up imports, colour on a terminal, git hooks) use
    `run_process`."""
    import contextlib
    import traceback

    from click.testing import CliRunner

    from cspplan.cli import main

    runner = CliRunner()  # click >= 8.2 keeps stderr apart from stdout
    code: int | str | None = 0
    with (
        contextlib.chdir(cwd or os.getcwd()),
        runner.isolation(env={"NO_COLOR": "1", **(env or {})}) as (stdout, stderr, _),
    ):
        try:
            main(list(args), prog_name="cspplan")
        except SystemExit as done:
            code = done.code
        except BaseException:  # what Python prints when an exception escapes (CSPPLAN_DEBUG)
            sys.stderr.write(traceback.format_exc())
            code = 1
        if not isinstance(code, int | None):  # sys.exit("message"): printed, exit code 1
            sys.stderr.write(f"{code}\n")
            code = 1
        sys.stdout.flush()
        sys.stderr.flush()
    return subprocess.CompletedProcess(
        ["cspplan", *args], code or 0, _text(stdout.getvalue()), _text(stderr.getvalue())
    )


def _text(data: bytes) -> str:
    """Bytes as `subprocess.run(text=True)` reads them: UTF-8, universal newlines."""
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def run_process(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run the real installed entry point in a subprocess, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "cspplan", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=120,
    )


def run_validate(*paths: Path, config=None):
    from cspplan.workspace import check as validate

    return validate(list(paths), config)


def codes(report) -> list[str]:
    return [issue.code for issue in report.issues]


def only(report, code: str):
    """The single issue with `code` (fails with the full list otherwise)."""
    matching = [issue for issue in report.issues if issue.code == code]
    assert len(matching) == 1, [(i.code, i.message) for i in report.issues]
    return matching[0]


def expected_position(file: Path, path: tuple) -> tuple[int, int]:
    """Line and column of the value at `path`, found independently with ruamel's round-trip
    loader (a different reader from the one cspplan uses), 1-based."""
    yaml = YAML(typ="rt")
    node = yaml.load(file.read_text(encoding="utf-8"))
    line, column = 0, 0
    for part in path:
        if isinstance(node, dict) and part in node:
            position = node.lc.data[part]
            line, column = position[2], position[3]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            line, column = node.lc.data[part]
        else:
            break
        node = node[part]
    return line + 1, column + 1
