"""Working at national scale: the fast reader agrees with ruamel, partnerships checked in
worker processes give the same report, --changed-since checks what a change can break, and
the benchmark corpus and script work."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from tests.conftest import REPO, SHIPPED, examples, run
from tests.conftest import run_git as _git

from cspplan.loading import fast_yaml
from cspplan.model.periods import parse_period
from cspplan.workspace import check as validate

RUAMEL = YAML(typ="safe", pure=True)


def _ruamel(text: str):
    return RUAMEL.load(text)


def _load_module(name: str):
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_corpus = _load_module("make_corpus")


# -- the fast reader ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SHIPPED.rglob("*.yaml")), ids=lambda p: p.name)
def test_fast_reader_reads_every_shipped_file_as_ruamel_does(path):
    text = path.read_text(encoding="utf-8")
    assert fast_yaml.load(text) == _ruamel(text)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


@pytest.mark.parametrize("path", sorted(SHIPPED.rglob("*.yaml")), ids=lambda p: p.name)
def test_positions_from_libyaml_match_ruamel_on_every_field(path):
    from cspplan.loading.reader import read_file

    fast, problems = read_file(path)
    slow, _ = read_file(path)
    assert not problems
    slow._marks = False  # positions from ruamel's node tree only
    for field_path in _paths(fast.data):
        for key in (False, True):
            assert fast.locate(field_path, key=key) == slow.locate(field_path, key=key), field_path
    assert fast._marks and fast._marks.__class__.__module__.startswith("yaml")  # libyaml's tree


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key: ruamel names both lines
        "base: &b {x: 1}\nother:\n  <<: *b\n",  # merge key
        "a: !!python/object:os.system x\n",
        "a: !custom x\n",
        "a: 010\n",  # octal in YAML 1.1, decimal in 1.2
        "a: 0x1F\n",
        "a: 0o17\n",
        "a: 1_000\n",
        "a: .inf\n",
        "a: 2019-03-31 10:00:00\n",  # a time, not a date
        "%YAML 1.1\n---\na: yes\n",
        "a: 1\n---\nb: 2\n",
        "a: [1, 2\n",
        "? [a, b]\n: c\n",  # a list as a key
        "a: =\n",
    ],
)
def test_fast_reader_leaves_anything_uncertain_to_ruamel(text):
    with pytest.raises(fast_yaml.NotPlain):
        fast_yaml.load(text)


def test_fast_reader_uses_yaml_1_2_words():
    data = fast_yaml.load("a: yes\nb: on\nc: true\nd: ~\ne: 2019-03-31\nf: 1.50\ng: -3\n")
    assert data == _ruamel("a: yes\nb: on\nc: true\nd: ~\ne: 2019-03-31\nf: 1.50\ng: -3\n")
    assert data["a"] == "yes" and data["b"] == "on" and data["c"] is True


SCALAR = st.text(alphabet="0123456789+-._:eExXoObB ~yesnoTrueFalsNul/Q", min_size=1, max_size=12)


@settings(max_examples=examples(400), deadline=None)
@given(st.lists(SCALAR, min_size=1, max_size=5))
def test_fast_reader_agrees_with_ruamel_or_steps_aside(scalars):
    text = "".join(f"k{index}: {scalar}\n" for index, scalar in enumerate(scalars))
    try:
        fast = fast_yaml.load(text)
    except fast_yaml.NotPlain:
        return
    assert fast == _ruamel(text)
    assert [type(v) for v in fast.values()] == [type(v) for v in _ruamel(text).values()]


# -- the corpus and worker processes -------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "corpus"
    make_corpus.main(["3", str(out), "--seed", "7"])
    return out


def test_corpus_is_deterministic_and_valid(corpus, tmp_path):
    again = tmp_path / "again"
    make_corpus.main(["3", str(again), "--seed", "7"])
    files = sorted(p.relative_to(corpus) for p in corpus.rglob("*.yaml"))
    assert files == sorted(p.relative_to(again) for p in again.rglob("*.yaml"))
    assert len(files) == 3 * 71
    assert all((corpus / f).read_bytes() == (again / f).read_bytes() for f in files)
    report = validate([corpus], jobs=1)
    assert report.errors == 0 and report.partnership_ids == [
        "synthetic-001",
        "synthetic-002",
        "synthetic-003",
    ]
    series = (corpus / "synthetic-002/indicators/drug-related-deaths.yaml").read_text()
    assert "{period: Q1 2009/10, value:" in series  # ten years of quarters, made up


def test_worker_processes_give_the_same_report(corpus, tmp_path):
    broken = tmp_path / "corpus"
    subprocess.run(["cp", "-r", str(corpus), str(broken)], check=True)
    theme = broken / "synthetic-002/2018-19/themes/reoffending.yaml"
    theme.write_text(theme.read_text().replace("indicator: ", "indicator: no-such-", 1))
    (broken / "synthetic-003/indicators/drug-related-deaths.yaml").write_text("a: [1\n")

    def seen(report):
        return [(str(i.file), i.line, i.column, i.code, i.message) for i in report.issues]

    alone, together = validate([broken], jobs=1), validate([broken], jobs=2)
    assert seen(alone) == seen(together)
    assert {i.code for i in together.issues} >= {"R003", "F004"}
    assert together.files == alone.files == 3 * 71
    assert together.sources.keys() == alone.sources.keys()


def test_period_extent_is_cached_without_changing_equality():
    first, second = parse_period("Q2 2017/18"), parse_period("Q2 2017/18")
    assert first.end.isoformat() == "2017-09-30"  # works out and keeps the key
    assert first == second and hash(first) == hash(second)
    assert sorted([parse_period("2017/18"), first]) == [first, parse_period("2017/18")]


# -- validate --changed-since ---------------------------------------------------------------------


@pytest.fixture
def repository(corpus, tmp_path) -> Path:
    repo = tmp_path / "repo"
    subprocess.run(["cp", "-r", str(corpus), str(repo)], check=True)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "plans")
    return repo


def test_changed_since_checks_only_the_changed_partnership(repository):
    indicator = repository / "synthetic-002/indicators/drug-related-deaths.yaml"
    indicator.write_text(indicator.read_text() + "# a comment\n")
    result = run("validate", "--changed-since", "HEAD", str(repository))
    assert result.returncode == 0, result.stderr
    assert "changed since HEAD:" in result.stderr and result.stderr.endswith("synthetic-002\n")
    assert "in 71 files in 1 partnership." in result.stdout
    assert "synthetic-001" not in result.stdout


def test_changed_since_reports_what_the_change_breaks_elsewhere_in_the_partnership(repository):
    (repository / "synthetic-003/indicators/drug-related-deaths.yaml").unlink()
    result = run("validate", "--changed-since", "HEAD", str(repository))
    assert result.returncode == 1
    assert "synthetic-003/2018-19/themes/drug-related-harm.yaml" in result.stdout
    assert "R003" in result.stdout and "drug-related-deaths" in result.stdout


def test_changed_since_counts_new_files_and_the_configuration(repository):
    stray = repository / "synthetic-001/2018-19/themes/new-theme.yaml"
    stray.write_text("title: New\n")
    result = run("validate", "--changed-since", "HEAD", str(repository))
    assert "synthetic-001" in result.stderr and "1 partnership." in result.stdout
    stray.unlink()
    (repository / "cspplan.toml").write_text('[validate]\ndisable = ["C001"]\n')
    result = run("validate", "--changed-since", "HEAD", str(repository))
    assert "checking everything" in result.stderr
    assert "in 3 partnerships." in result.stdout


def _committed(root: Path) -> Path:
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "plans")
    return root


def test_changed_since_checks_the_partnerships_a_partnership_yaml_names_or_is_named_by(
    county_tree,
):
    root = _committed(county_tree.write())
    south = root / "south-testshire" / "partnership.yaml"
    south.write_text(south.read_text() + "# a comment\n")
    result = run("validate", "--changed-since", "HEAD", str(root))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "south-testshire" in result.stderr and "testshire" in result.stderr.split(": ")[-1]
    assert "north-testshire" not in result.stderr  # neither names the other
    assert "in 2 partnerships." in result.stdout
    county = root / "testshire" / "partnership.yaml"
    south.write_text(south.read_text().replace("# a comment\n", ""))
    county.write_text(county.read_text() + "# a comment\n")
    result = run("validate", "--changed-since", "HEAD", str(root))
    assert "in 3 partnerships." in result.stdout  # the county lists both districts


def test_changed_since_checks_every_partnership_beside_a_changed_framework(county_tree):
    from tests.test_frameworks import FRAMEWORK, FRAMEWORK_ID, _with_framework

    _with_framework(county_tree.county)
    root = _committed(county_tree.write())
    framework = root / "frameworks" / f"{FRAMEWORK_ID}.yaml"
    broken = copy.deepcopy(FRAMEWORK)
    broken["items"][0]["id"] = "victim"  # the county's theme links to 'victims'
    framework.write_text(yaml.safe_dump(broken, sort_keys=False), encoding="utf-8")
    result = run("validate", "--changed-since", "HEAD", str(root))
    assert result.returncode == 1
    assert "in 3 partnerships." in result.stdout
    assert "R019" in result.stdout and "testshire/2017-18/themes/domestic-abuse.yaml" in (
        result.stdout
    )


def test_changed_since_with_nothing_changed_or_bad_revisions(repository, tmp_path):
    result = run("validate", "--changed-since", "HEAD", str(repository))
    assert result.returncode == 0 and "nothing to check" in result.stderr
    assert "in 0 files in 0 partnerships" in result.stdout
    result = run("validate", "--changed-since", "HEAD", "--format", "json", str(repository))
    assert result.returncode == 0 and json.loads(result.stdout)["issues"] == []
    result = run("validate", "--changed-since", "no-such-branch", str(repository))
    assert result.returncode == 2 and "unknown revision 'no-such-branch'" in result.stderr
    assert "Traceback" not in result.stderr
    outside = tmp_path / "plain"
    outside.mkdir()
    result = run("validate", "--changed-since", "HEAD", str(outside))
    assert result.returncode == 2 and "is not in a git repository" in result.stderr


# -- diff on a collection, and the benchmark -------------------------------------------------------


def test_diff_of_a_folder_of_partnerships_compares_each_ones_last_two_years():
    result = run("diff", str(SHIPPED), "--stat")
    assert result.returncode == 0, result.stderr
    assert "Safer Cornwall: 2017/18 → 2018/19" in result.stdout
    assert "City of London" not in result.stdout  # one plan year: nothing to compare
    assert "between the previous plan year and the latest plan year" in result.stdout


def test_benchmark_runs_and_prints_every_ratio(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks" / "benchmark.py"),
            "--partnerships",
            "2",
            "--repeat",
            "1",
            "--startup-repeat",
            "1",
            "--schema-regex",
            "python",
            "--corpus",
            str(tmp_path / "c"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: targets missed (too small to meet)
    table = result.stdout.split("measurement", 1)[1]
    for row in (
        "cspplan validate ",
        "check-jsonschema",
        "status --format csv",
        "diff --stat",
        "--changed-since HEAD",
        "cspplan --version",
        "one shipped plan year",
    ):
        assert row in table
    assert "×" in table and (
        "All targets met." in result.stdout or "Targets missed" in result.stdout
    )
