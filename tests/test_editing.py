"""Tools that edit plan files change only the lines they mean to: checked byte for byte on
every shipped plan file."""

from __future__ import annotations

import difflib
import re
import shutil
from pathlib import Path

import pytest
from tests.conftest import SHIPPED

from cspplan.editing.formatting import format_file, yaml_files
from cspplan.editing.observations import Entry, Reading, record_in_file
from cspplan.editing.rollover import roll_forward
from cspplan.editing.yaml_file import plain
from cspplan.loading.loader import load_indicator, load_partnership
from cspplan.model.periods import financial_year, parse_period

SHIPPED_FILES = sorted(yaml_files([SHIPPED]))
INDICATOR_FILES = sorted(SHIPPED.glob("*/indicators/*.yaml"))


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added) between two texts, by a line diff."""
    removed: list[str] = []
    added: list[str] = []
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old, new, autojunk=False
    ).get_opcodes():
        if tag != "equal":
            removed.extend(old[i1:i2])
            added.extend(new[j1:j2])
    return removed, added


def test_there_are_shipped_files_to_check():
    assert len(SHIPPED_FILES) == 113  # 4 frameworks/*.yaml, 1 reviews/*.yaml, 1 funding.yaml
    assert len(INDICATOR_FILES) == 65


@pytest.mark.parametrize("path", SHIPPED_FILES, ids=lambda p: p.relative_to(SHIPPED).as_posix())
def test_fmt_leaves_every_shipped_file_byte_for_byte(path):
    result = format_file(path)
    assert not result.changed, f"{path} is not in the canonical layout"
    assert result.after == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", INDICATOR_FILES, ids=lambda p: p.stem)
def test_record_adds_exactly_one_line_to_every_shipped_indicator(tmp_path, path):
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    indicator, issues, _ = load_indicator(copy)
    assert indicator is not None, issues
    reading = Reading(value=50) if indicator.unit.value != "rank" else Reading(value=3)
    change = record_in_file(copy, indicator, [Entry(parse_period("Q4 2025/26"), reading)])
    removed, added = changed_lines(change.before, change.after)
    assert removed == []
    # one flow line, a two-line block entry, or a first observation under a new `series:`
    assert "Q4 2025/26" in added[0] or added[0] == "series:\n"
    assert 1 <= len(added) <= 2
    assert all(re.search(r"Q4 2025/26|value: (50|3)\b|^series:", line) for line in added)
    # the new observation is last (the series stays in period order) and the file still loads
    assert plain(change.after)["series"][-1]["period"] == "Q4 2025/26"
    copy.write_text(change.after, encoding="utf-8")
    again, issues, _ = load_indicator(copy)
    assert again is not None and not issues
    assert again.series[-1].value == reading.value


def test_a_printed_figure_is_restated_for_a_plan_year_never_overwritten(tmp_path):
    path = tmp_path / "alcohol-related-hospital-admissions.yaml"
    shutil.copyfile(SHIPPED / "safer-cornwall/indicators" / path.name, path)
    indicator, _, _ = load_indicator(path)
    period = parse_period("2014/15")
    refused = record_in_file(path, indicator, [Entry(period, Reading(value=726))])
    assert refused.after == refused.before and refused.recorded == []
    assert "already recorded as '724' as printed" in refused.refused[0]
    assert "--reported-in" in refused.refused[0]
    same = record_in_file(path, indicator, [Entry(period, Reading(value=724))])
    assert same.after == same.before and same.recorded[0].outcome.value == "unchanged"

    change = record_in_file(
        path, indicator, [Entry(period, Reading(value=726), reported_in=financial_year(2019))]
    )
    removed, added = changed_lines(change.before, change.after)
    assert removed == [] and added == [
        "  - {period: 2014/15, value: 726, reported_in: [2019/20]}\n"
    ]
    lines = change.after.splitlines()
    # after both printed figures for 2014/15 (725 in 2017/18, 724 in 2018/19)
    index = lines.index("  - {period: 2014/15, value: 726, reported_in: [2019/20]}")
    assert "724" in lines[index - 1]
    assert change.recorded[0].outcome.value == "restated"
    # and the plans still validate with no new error: a restatement named by plan year
    copy = tmp_path / "plans"
    shutil.copytree(SHIPPED / "safer-cornwall", copy / "safer-cornwall")
    (copy / "safer-cornwall/indicators" / path.name).write_text(change.after, encoding="utf-8")
    from tests.conftest import run_validate

    assert run_validate(copy).errors == 0


def test_an_unprinted_figure_is_updated_in_place(tmp_path):
    path = tmp_path / "marac-repeat-incidents.yaml"
    shutil.copyfile(SHIPPED / "safer-cornwall/indicators" / path.name, path)
    indicator, _, _ = load_indicator(path)
    first = record_in_file(path, indicator, [Entry(parse_period("Q3 2018/19"), Reading(value=31))])
    path.write_text(first.after, encoding="utf-8")
    second = record_in_file(
        path, indicator, [Entry(parse_period("Q3 2018/19"), Reading(value=33), provisional=True)]
    )
    removed, added = changed_lines(second.before, second.after)
    assert removed == ["  - {period: Q3 2018/19, value: 31}\n"]
    assert added == ["  - {period: Q3 2018/19, value: 33, provisional: true}\n"]
    assert second.recorded[0].before == "31%"


def test_edits_keep_hand_layout_comments_line_endings_and_bom(tmp_path):
    """A file not in the canonical layout: the edit must not reflow the rest of it."""
    text = (
        "\ufeff# Kept by the analyst\r\n"
        "name: A very long name that somebody wrapped by hand across two lines because\r\n"
        "  it read better that way\r\n"
        "unit:   count   # spaced oddly\r\n"
        "series:\r\n"
        "  - {period: 2016/17, value: 3}  # first year\r\n"
        "  - {period: 2017/18, value: 4}\r\n"
    )
    path = tmp_path / "odd.yaml"
    path.write_bytes(text.encode("utf-8"))
    indicator, issues, _ = load_indicator(path)
    assert indicator is not None, issues
    change = record_in_file(path, indicator, [Entry(financial_year(2018), Reading(value=5))])
    assert change.after.startswith("\ufeff# Kept by the analyst\r\n")
    removed, added = changed_lines(change.before, change.after)
    assert removed == [] and added == ["  - {period: 2018/19, value: 5}\r\n"]


def test_fmt_changes_layout_but_never_content_or_comments(tmp_path):
    path = tmp_path / "messy.yaml"
    path.write_text(
        "# top comment\nname:    Spaced\nseries:\n- {period: 2016/17,   value: 3}   # why\n"
        "notes:\n    - a long note wrapped\n      over two lines\n",
        encoding="utf-8",
    )
    result = format_file(path)
    assert result.changed
    assert plain(result.after) == plain(result.before)
    assert "# top comment" in result.after and "# why" in result.after
    assert "  - {period: 2016/17, value: 3}" in result.after
    assert "  - a long note wrapped over two lines\n" in result.after
    assert format_file_text(tmp_path, result.after) == result.after  # formatting is stable


def format_file_text(folder: Path, text: str) -> str:
    path = folder / "again.yaml"
    path.write_text(text, encoding="utf-8")
    return format_file(path).after


@pytest.mark.parametrize(
    ("partnership", "period"),
    [("safer-cornwall", "2017/18"), ("safer-cornwall", "2018/19"), ("city-of-london", "2017/18")],
)
def test_new_year_changes_only_what_belongs_to_the_old_year(tmp_path, partnership, period):
    folder = tmp_path / partnership
    shutil.copytree(SHIPPED / partnership, folder)
    # roll into a year no shipped plan has, so every real year stays put
    plans = load_partnership(folder).csp
    source = plans.year(parse_period(period))
    rolled = roll_forward(plans, source, financial_year(2030))
    allowed = re.compile(
        r"^\s*(- )?(lineage|year|title|period|from|kind: same_as)\b|^\s*- \{kind: cycle\b"
    )
    for relative, text in rolled.files.items():
        original = (source.folder / relative).read_text(encoding="utf-8")
        _removed, added = changed_lines(original, text)
        assert all(allowed.search(line) for line in added), (relative, added)
        # the old year's files are untouched
        assert (source.folder / relative).read_text(encoding="utf-8") == original
    new_data = [plain(text) for text in rolled.files.values()]
    measures = [
        measure
        for data in new_data
        for measure in data.get("indicators", []) + data.get("headline", {}).get("indicators", [])
    ]
    assert all("published" not in measure for measure in measures)
    assert all("focus" not in action for data in new_data for action in data.get("actions", []))
