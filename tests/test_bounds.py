"""Huge but valid plans: thousands of actions in a theme, tens of thousands of figures in a
series, a note of nearly 10 MB. The commands must do work that grows with the input, not
its square; these tests count the work (or trace the memory), so they are deterministic.
`benchmarks/bounds.py` times the same plans at 1x, 2x, 4x and 8x."""

from __future__ import annotations

import csv
import difflib
import importlib.util
import json
import random
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import REPO, examples, run

from cspplan.diff import matching


def _load_bounds():
    spec = importlib.util.spec_from_file_location("bounds", REPO / "benchmarks" / "bounds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


bounds = _load_bounds()
SHORT = 5_000
"""The most items (characters or words) difflib may be handed at once: its time grows with
the square of the length (`cspplan.diff.matching.LONG`)."""


class _CountingMatcher(difflib.SequenceMatcher):
    """difflib's matcher, counting its uses and refusing texts longer than `SHORT`
    (on those its time grows with the square of the length: a test would hang, not fail)."""

    made = 0
    longest = 0

    def __init__(self, isjunk=None, a="", b="", autojunk=True):
        type(self).made += 1
        type(self).longest = max(type(self).longest, len(a), len(b))
        assert max(len(a), len(b)) <= SHORT, (
            f"difflib asked to compare {max(len(a), len(b)):,} items"
        )
        super().__init__(isjunk, a, b, autojunk)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> type[_CountingMatcher]:
    _CountingMatcher.made = _CountingMatcher.longest = 0
    monkeypatch.setattr(matching, "SequenceMatcher", _CountingMatcher)
    return _CountingMatcher


def _plans(tmp_path: Path, case: str, scale: int = 1) -> Path:
    return bounds.write_plans(tmp_path / "plans", case, scale)


# -- a huge note ------------------------------------------------------------------------------


def test_a_huge_note_edited_in_one_place_is_compared_in_linear_time(tmp_path, counted):
    """A 1.2 MB action note with one word added: diff says it was reworded and how much, and
    difflib only ever sees what lies between the common beginning and end (before, it
    compared the whole 1.2 MB both ways, which took minutes; 9.6 MB took hours)."""
    folder = _plans(tmp_path, "note")
    result = run("diff", str(folder / "2017-18"), str(folder / "2018-19"), "--stat")
    assert result.returncode == 0, result.stderr
    assert "Actions: 3 changed" in result.stdout
    result = run("diff", str(folder / "2017-18"), str(folder / "2018-19"), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert '"note": "99% similar wording"' in result.stdout
    assert counted.longest <= SHORT


def test_a_huge_description_edited_in_one_place_reads_as_nearly_alike(tmp_path, counted):
    """Long text fields (descriptions, introductions) are scored in words, in bounded time."""
    folder = _plans(tmp_path, "actions")
    words = bounds.prose(random.Random(5), 600_000)
    for year, extra in (("2017-18", ""), ("2018-19", " with schools")):
        path = folder / year / "plan.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(f"{text}introduction: {words[:300_000]}{extra}{words[300_000:]}\n")
    result = run("diff", str(folder / "2017-18"), str(folder / "2018-19"), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "edited, 99% alike" in result.stdout
    assert counted.longest <= SHORT


def test_long_texts_rewritten_throughout_score_low_without_difflib_on_the_whole():
    x = bounds.prose(random.Random(1), 100_000)
    y = bounds.prose(random.Random(2), 100_000)
    assert matching.wording_similarity(x, y) < 0.01
    assert matching.similarity(x, x + " and more") > 0.99
    assert matching.similarity(x, x) == 1.0


def test_difflibs_score_is_kept_exactly_up_to_the_long_text_bound():
    x = "the partnership will review the plan every quarter " * 90  # about 4,600 characters
    y = x.replace("every quarter", "each month", 3)
    assert len(x) <= SHORT
    expected = (
        difflib.SequenceMatcher(None, matching._normal(x), matching._normal(y)).ratio()
        + difflib.SequenceMatcher(None, matching._normal(y), matching._normal(x)).ratio()
    ) / 2
    assert matching.similarity(x, y) == expected


LARGEST_NOTE = 9_600_000
"""The largest note the benchmark writes (8x): files over 10,000,000 bytes are refused
unread (F013), so a note must leave room for the rest of its file."""


@pytest.fixture(scope="module")
def huge_note(tmp_path_factory) -> Path:
    return bounds.write_plans(tmp_path_factory.mktemp("huge-note") / "plans", "note", 8)


def _largest_file(folder: Path) -> int:
    return max(path.stat().st_size for path in folder.rglob("*.yaml"))


@pytest.mark.parametrize(
    "command",
    [
        ("validate", "{plans}"),
        ("status", "{plans}", "--format", "csv"),
        ("render", "{year}", "--document", "plan", "-o", "{out}/plan.md"),
        ("diff", "{plans}", "--stat"),
        ("site", "{root}", "-o", "{out}/site"),
    ],
    ids=lambda command: command[0],
)
def test_a_note_of_nearly_10_mb_costs_memory_in_proportion(huge_note, tmp_path, command, counted):
    """Peak memory (Python's own allocations, traced) stays within a fixed multiple of the
    input: the note is read, kept and written, not copied over and over (and diff, which
    took hours on it, never hands difflib more than `SHORT` items)."""
    assert LARGEST_NOTE < _largest_file(huge_note) <= 10_000_000
    total = sum(path.stat().st_size for path in huge_note.rglob("*.yaml"))
    fill = {
        "root": str(huge_note.parent),
        "plans": str(huge_note),
        "year": str(huge_note / "2018-19"),
        "out": str(tmp_path),
    }
    argv = [part.format(**fill) for part in command]
    tracemalloc.start()
    try:
        result = run(*argv)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    print(f"{command[0]}: peak {peak / 1e6:.0f} MB for {total / 1e6:.0f} MB of plans")
    # The site writes the note into seven files (two pages and the CSV downloads, the
    # changes page both sides): measured 80, 121 and 242 MB for notes of 2.4, 4.8 and 9.6 MB.
    allowed = 12 if command[0] == "site" else 8
    assert peak < allowed * total, (
        f"{command[0]}: peak {peak / 1e6:.0f} MB for {total / 1e6:.0f} MB"
    )


def test_a_note_that_makes_its_file_over_10_mb_is_refused_unread(tmp_path):
    """Already safe: the limit holds for valid YAML too (a plan file is text a person edits)."""
    folder = _plans(tmp_path, "figures")
    path = folder / "indicators" / "small-series.yaml"
    text = path.read_text(encoding="utf-8").rstrip("}\n") + ", note: "
    path.write_text(text + "x" * (10_000_001 - len(text) - 2) + "}\n", encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    result = run("validate", str(folder))
    assert result.returncode == 1
    assert "F013" in result.stdout and "small-series.yaml" in result.stdout
    assert "over 10 MB" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# -- thousands of actions ---------------------------------------------------------------------


def test_renamed_actions_with_similar_titles_are_paired_without_comparing_every_pair(
    tmp_path, counted
):
    """1,000 actions a year, 50 renamed without lineage, every title alike: difflib scores
    only the pairs that could still be chosen (before: every one of the 2,500 pairs)."""
    folder = _plans(tmp_path, "actions")
    result = run("diff", str(folder / "2017-18"), str(folder / "2018-19"), "--format", "json")
    assert result.returncode == 0, result.stderr
    renamed = [
        (change["old_id"], change["new_id"])
        for change in _changes(json.loads(result.stdout))
        if (change.get("note") or "").endswith("similar titles")
    ]
    assert len(renamed) == 50  # every unrecorded rename found, each with its own action
    assert all(new == f"{old}-renamed" for old, new in renamed), renamed[:5]
    print(f"{counted.made} difflib matchers for {len(renamed)} renamed")
    assert counted.made <= 2 * 4 * len(renamed)  # two matchers per score (either way round)


def _changes(data):
    """Every change object in diff's JSON, wherever it sits."""
    if isinstance(data, dict):
        if "field" in data and "old_id" in data:
            yield data
        for value in data.values():
            yield from _changes(value)
    elif isinstance(data, list):
        for value in data:
            yield from _changes(value)


def _pairs_by_every_score(old: dict[str, str], new: dict[str, str], threshold: float):
    """The pairing as it was, scoring every pair: what the lazy pairing must agree with."""
    candidates = sorted(
        (-matching._similarity(x, y, threshold), min(a, b), max(a, b), a, b)
        for a, x in ((a, matching._normal(t)) for a, t in old.items())
        for b, y in ((b, matching._normal(t)) for b, t in new.items())
    )
    pairs, taken_old, taken_new = [], set(), set()
    for negative, _, _, a, b in candidates:
        if -negative < threshold or a in taken_old or b in taken_new:
            continue
        pairs.append((a, b, f"{matching.alike(-negative)} similar titles"))
        taken_old.add(a)
        taken_new.add(b)
    return pairs


WORDS = ("reduce", "harm", "in", "the", "town", "ward", "night", "plan", "a", "b")
TITLE = st.lists(st.sampled_from(WORDS), max_size=6)


@settings(max_examples=examples(300), deadline=None)
@given(
    st.dictionaries(st.sampled_from("abcdefgh"), TITLE.map(" ".join), max_size=6),
    st.dictionaries(st.sampled_from("pqrstuvw"), TITLE.map(" ".join), max_size=6),
    st.sampled_from([0.0, 0.3, 0.6, 0.9]),
)
def test_pairing_lazily_gives_the_pairs_that_scoring_every_pair_gives(old, new, threshold):
    assert matching.match(old, new, set(), threshold=threshold).pairs == _pairs_by_every_score(
        old, new, threshold
    )


@pytest.fixture
def column_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times anything reads an action row's optional columns (the actions table
    asks each row for them, and asked every row whether any row has them: no action of the
    benchmark's has focus, outputs or evaluation, so each question read every row)."""
    from cspplan.rendering import context

    reads = [0]
    original = context.ActionRow.__getattribute__

    def counting(self, name):
        if name in ("focus", "measures", "evaluation"):
            reads[0] += 1
        return original(self, name)

    monkeypatch.setattr(context.ActionRow, "__getattribute__", counting)
    return reads


@pytest.mark.parametrize("command", ["render", "site"])
def test_a_theme_of_a_thousand_actions_is_laid_out_in_linear_time(tmp_path, column_reads, command):
    """Before, the actions table checked every action for a lead (and a timescale, focus,
    outputs, evaluation) once per row: a million reads for 1,000 actions, 64 million for
    8,000 (the site took 17 s on those; now 6 s)."""
    folder = _plans(tmp_path, "actions")
    out = tmp_path / "out"
    out.mkdir()
    if command == "render":
        result = run("render", str(folder / "2018-19"), "-o", str(out / "plan.md"))
        assert "ward 1000 through the town plan" in (out / "plan.md").read_text(encoding="utf-8")
    else:
        result = run("site", str(folder.parent), "-o", str(out / "site"))
        page = out / "site" / "safer-bigshire" / "2018-19" / "themes" / "big-theme.html"
        assert "ward 1000 through the town plan" in page.read_text(encoding="utf-8")
    assert result.returncode == 0, result.stderr[-2000:]
    actions = 1_000
    assert column_reads[0] <= 10 * actions, f"{column_reads[0]:,} reads of optional columns"


# -- tens of thousands of figures -------------------------------------------------------------


def test_export_of_a_long_daily_series_keeps_no_view_of_it_per_figure(tmp_path, monkeypatch):
    """5,000 daily figures, 730 of them in the two plan years and each judged as at its own
    day: the series is sorted once per plan year, not once per day (40,000 figures: export
    39 s before, 3 s now), and the export keeps each figure's status columns, not the
    status with its own copy of the series (2.4 GB for the site before, 1 GB now)."""
    from cspplan.model.indicator import Observation

    looked_at = [0]
    is_part = Observation.is_part

    def counted(self, area=None):
        looked_at[0] += 1
        return is_part(self, area)

    monkeypatch.setattr(Observation, "is_part", counted)
    folder = _plans(tmp_path, "figures")
    out = tmp_path / "figures.csv"
    tracemalloc.start()
    try:
        result = run("export", str(folder.parent), "-o", str(out))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.returncode == 0, result.stderr[-2000:]
    with out.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 5_000 + 8  # the big series and the small one
    judged = [row for row in rows if row["status_as_of"]]
    assert len(judged) == 730 and {row["status_as_of"] for row in judged} >= {"2019-03-31"}
    assert looked_at[0] <= 10 * 5_000, f"{looked_at[0]:,} figures looked at"
    size = sum(path.stat().st_size for path in folder.rglob("*.yaml"))
    print(f"export: peak {peak / 1e6:.0f} MB for {size / 1e6:.2f} MB of plans")
    assert peak < 200 * size, f"peak {peak / 1e6:.0f} MB for {size / 1e6:.2f} MB of plans"


def test_a_trend_target_on_a_long_daily_series_reads_back_only_as_far_as_it_needs(
    tmp_path, monkeypatch
):
    """A trend over the last 7 days, judged as at each of the 730 days in the plan years:
    each judgement reads back 7 figures of the same kind, not the whole series."""
    from cspplan.status import evaluators

    folder = _plans(tmp_path, "figures")
    for year in ("2017-18", "2018-19"):
        theme = folder / year / "themes" / "big-theme.yaml"
        text = theme.read_text(encoding="utf-8").replace(
            "target: {kind: at_most, value: 120, text: No more than 120}",
            "target: {kind: trend, direction: down, periods: 7, text: Down over a week}",
        )
        theme.write_text(text, encoding="utf-8")
    compared = [0]
    alike = evaluators._alike

    def counted(point, latest):
        compared[0] += 1
        return alike(point, latest)

    monkeypatch.setattr(evaluators, "_alike", counted)
    out = tmp_path / "figures.csv"
    result = run("export", str(folder.parent), "-o", str(out))
    assert result.returncode == 0, result.stderr[-2000:]
    with out.open(encoding="utf-8-sig", newline="") as stream:
        judged = [row for row in csv.DictReader(stream) if row["status_as_of"]]
    assert len(judged) == 730
    assert all(row["status_reason"] for row in judged)
    assert any("against a target of" in row["status_reason"] for row in judged)
    assert compared[0] <= 10 * 5_000, f"{compared[0]:,} figures compared"


def test_a_huge_note_reworded_is_quoted_in_part_in_words(tmp_path):
    """diff's text and Markdown used to print both versions of a 1.2 MB note in full (2.4 MB
    of terminal); now a value quoted in words stops after 5,000 characters and says how
    long it is, and the JSON keeps both versions whole."""
    folder = _plans(tmp_path, "note")
    old, new = str(folder / "2017-18"), str(folder / "2018-19")
    text = run("diff", old, new)
    markdown = run("diff", old, new, "--format", "markdown", "--max-chars", "0")
    whole = run("diff", old, new, "--format", "json")
    assert text.returncode == markdown.returncode == whole.returncode == 0, text.stderr
    for output in (text.stdout, markdown.stdout):
        assert "characters in all)" in output
        assert len(output) < 100_000, len(output)
    assert len(whole.stdout) > 2_000_000  # both versions of each note, whole
