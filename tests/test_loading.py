"""Bad input of every kind gets a located, readable issue (F and S codes), never an exception."""

from __future__ import annotations

import os
import time

import pytest
from tests.conftest import codes, expected_position, only, run_validate

from cspplan.issues import Severity

THEME = "2018-19/themes/domestic-abuse.yaml"


def _theme_text(tree) -> str:
    tree.write()
    return tree.path(THEME).read_text(encoding="utf-8")


def _replace(tree, name: str, old: str, new: str) -> None:
    path = tree.path(name)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- F: reading and YAML -------------------------------------------------------------------------


def test_broken_yaml_is_located(tree):
    tree.raw[THEME] = 'title: Domestic abuse\nactions: [unclosed\n  - title: "x\n'
    issue = only(run_validate(tree.write()), "F004")
    assert issue.line == 3 and issue.column
    assert "YAML syntax error" in issue.message


def test_a_tab_in_the_indentation(tree):
    tree.raw[THEME] = "title: Domestic abuse\nactions:\n\t- id: a\n"
    issue = only(run_validate(tree.write()), "F005")
    assert (issue.line, issue.column) == (3, 1)


def test_a_tab_inside_a_quoted_value_is_fine(tree):
    tree.raw[THEME] = 'title: "Domestic\tabuse"\n'
    assert "F005" not in codes(run_validate(tree.write()))


def test_duplicate_keys_name_both_lines(tree):
    tree.raw[THEME] = "title: Domestic abuse\nkind: priority\ntitle: Again\n"
    issue = only(run_validate(tree.write()), "F006")
    assert issue.line == 3
    assert issue.message == "the key 'title' appears twice in the same mapping (first at line 1)"


@pytest.mark.parametrize(
    ("text", "line", "first_line"),
    [
        ("title: T\nactions:\n  - {id: a, title: A, id: b}\n", 3, 3),
        ('title: T\nactions:\n  - id: a\n    "title": A\n    kind: x\n    title: B\n', 6, 4),
    ],
)
def test_duplicate_keys_in_flow_and_quoted_form(tree, text, line, first_line):
    tree.raw[THEME] = text
    issue = only(run_validate(tree.write()), "F006")
    assert issue.line == line
    assert issue.message.endswith(f"(first at line {first_line})")


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['echo hacked']", "!custom 1"])
def test_tags_are_refused_not_executed(tree, tag, tmp_path):
    tree.raw[THEME] = f"title: {tag}\n"
    issue = only(run_validate(tree.write()), "F007")
    assert issue.line == 1


@pytest.mark.parametrize("date", ["2019-02-30", "2019-13-01"])
def test_a_date_with_no_such_day_is_located_not_a_crash(tree, date):
    # found by the fuzz test: the YAML readers raise ValueError while building the date
    tree.raw[THEME] = f"title: A\nreview:\n  - {{due: {date}}}\n"
    issue = only(run_validate(tree.write()), "F014")
    assert (issue.line, issue.column) == (3, 11)
    assert f"'{date}' is written as a date, but there is no such day" in issue.message


def test_more_than_one_document(tree):
    tree.raw[THEME] = "title: A\n---\ntitle: B\n"
    assert only(run_validate(tree.write()), "F008").line == 2


def test_top_level_must_be_a_mapping(tree):
    tree.raw[THEME] = "- just\n- a list\n"
    assert only(run_validate(tree.write()), "F009").message.endswith("found a list")


def test_empty_and_comment_only_files(tree):
    tree.raw[THEME] = ""
    tree.raw["indicators/referrals.yaml"] = "# nothing yet\n"
    report = run_validate(tree.write())
    assert codes(report).count("F003") == 2


def test_not_utf8_is_located(tree):
    tree.raw[THEME] = "title: Domestic abuse\nnarrative: costs \xa3100\n".encode("latin-1")
    issue = only(run_validate(tree.write()), "F002")
    assert (issue.line, issue.column) == (2, 18)
    assert "0xa3" in issue.message


def test_binary_file(tree):
    tree.raw[THEME] = b"\x00\x01\x02title: x"
    report = run_validate(tree.write())
    assert codes(report) and report.exit_code() == 1


def test_byte_order_mark_and_crlf_are_accepted(tree):
    tree.write()
    path = tree.path(THEME)
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert run_validate(tree.folder).issues == []


def test_alias_bomb_is_refused_quickly(tree):
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    tree.raw[THEME] = "\n".join(lines) + "\n"
    started = time.perf_counter()
    issue = only(run_validate(tree.write()), "F013")
    assert time.perf_counter() - started < 5
    assert "aliases expand" in issue.message


@pytest.mark.parametrize(
    "text",
    [
        "title: " + "[" * 100_000 + "]" * 100_000 + "\n",  # crashes the C parser unguarded
        "title: x\nactions:\n" + "- " * 100_000 + "x\n",
        "title: x\nnarrative: |\n"
        + "".join(f"  {chr(91) * 300} quoted in a block\n" for _ in range(1)),
    ],
)
def test_deep_nesting_is_refused_without_crashing(tree, text):
    tree.raw[THEME] = text
    report = run_validate(tree.write())
    if "quoted in a block" in text:  # brackets inside text are not nesting
        assert "F013" not in codes(report)
    else:
        issue = only(report, "F013")
        assert (
            issue.message
            == "the document is too deeply nested to be a plan file (more than 100 levels)"
        )
        assert (issue.line, issue.column) == (1, 1)


def test_many_flat_flow_lists_are_not_nesting(tree):
    series = [
        {"period": f"Q{q} {y}/{(y + 1) % 100:02d}", "value": q, "reported_in": ["2017/18"]}
        for y in range(1990, 2017)
        for q in range(1, 5)
    ]
    tree["indicators/referrals.yaml"]["series"] = series
    tree.write()
    path = tree.path("indicators/referrals.yaml")
    text = path.read_text(encoding="utf-8")
    assert text.count("[") < 10  # the dumper writes block style; make it flow style
    flow = "".join(
        f"- {{period: {o['period']}, value: {o['value']}, reported_in: [2017/18]}}\n"
        for o in series
    )
    path.write_text(text.split("series:")[0] + "series:\n" + flow, encoding="utf-8")
    assert "F013" not in codes(run_validate(tree.folder))


def test_stray_yaml_file_is_a_warning(tree):
    tree.raw["notes.yaml"] = "anything: 1\n"
    issue = only(run_validate(tree.write()), "F010")
    assert issue.severity is Severity.WARNING


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("2019-20/themes/early.yaml", "the folder 2019-20/ has no plan.yaml"),
        ("indicators/old/referrals.yaml", "indicator files sit directly in indicators/"),
        ("settings.yml", "plan files end in .yaml"),
        ("2018-19/extra.yaml", "expected partnership.yaml, indicators/<id>.yaml"),
    ],
)
def test_stray_files_say_why(tree, name, reason):
    tree.raw[name] = "title: x\n"
    report = run_validate(tree.write())
    issue = only(report, "F010")
    assert issue.file == tree.path(name) and reason in issue.message
    assert report.exit_code() == 0


def test_missing_path_exits_2(tmp_path):
    report = run_validate(tmp_path / "nowhere")
    assert codes(report) == ["F001"]
    assert report.exit_code() == 2


def test_folder_with_no_plans_exits_2(tmp_path):
    (tmp_path / "empty").mkdir()
    report = run_validate(tmp_path / "empty")
    assert codes(report) == ["F011"]
    assert report.exit_code() == 2


def test_a_file_outside_any_partnership(tmp_path):
    lone = tmp_path / "plan.yaml"
    lone.write_text("title: x\n", encoding="utf-8")
    report = run_validate(lone)
    assert codes(report) == ["F012"]
    assert report.exit_code() == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tree):
    tree.write()
    tree.path(THEME).chmod(0)
    try:
        report = run_validate(tree.folder)
        assert "F001" in codes(report) and report.exit_code() == 2
    finally:
        tree.path(THEME).chmod(0o644)


def test_symlink_loop_does_not_hang(tree):
    folder = tree.write()
    os.symlink(folder, folder / "loop")
    report = run_validate(folder.parent)
    assert report.exit_code() in (0, 1)


# -- S: schema ----------------------------------------------------------------------------------


def _schema_issue(tree, code: str):
    report = run_validate(tree.write())
    issue = only(report, code)
    knock_on = [i.code for i in report.issues if i.severity == "error" and i.code[0] in "RC"]
    assert not knock_on, "checks run on what loaded and say nothing about what did not"
    return issue


def test_unknown_field_points_at_the_key_with_a_suggestion(tree):
    tree[THEME]["actions"][0]["timescal"] = {"text": "x"}
    issue = _schema_issue(tree, "S001")
    assert issue.field_path == "actions[0].timescal"
    assert issue.hint == "did you mean 'timescale'?"
    text = _theme_text(tree).splitlines()[issue.line - 1]
    assert text[issue.column - 1 :].startswith("timescal:")


@pytest.mark.parametrize(
    ("change", "path", "hint"),
    [
        (
            lambda t: t["indicators"][0]["target"].__setitem__("hihg", 40),
            "indicators[0].target.hihg",
            "did you mean 'high'?",
        ),
        (
            lambda t: t["actions"][0]["timescale"]["parts"][0].__setitem__("yaer", 2),
            "actions[0].timescale.parts[0].yaer",
            "did you mean 'year'?",
        ),
    ],
)
def test_unknown_field_hints_reach_inside_unions(tree, change, path, hint):
    change(tree[THEME])
    issue = _schema_issue(tree, "S001")
    assert (issue.field_path, issue.hint) == (path, hint)


def test_a_malformed_lineage_reference(tree):
    tree[THEME]["actions"][0]["lineage"]["from"] = ["2017/18 da-strategy"]
    issue = _schema_issue(tree, "S006")
    assert (
        issue.message
        == "'2017/18 da-strategy' is not an id, or a plan year and an id like '2017/18:some-id'"
    )


def test_missing_required_field(tree):
    del tree[THEME]["actions"][0]["title"]
    issue = _schema_issue(tree, "S002")
    assert issue.field_path == "actions[0]"
    assert issue.message == "missing required field 'title'"


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            lambda t: t["actions"][0].__setitem__("title", ["a", "list"]),
            "actions[0].title",
            "expected text, got a list",
        ),
        (
            lambda t: t.__setitem__("actions", {"id": "x"}),
            "actions",
            "expected a list, got a mapping of fields",
        ),
        (
            lambda t: t["actions"][0].__setitem__("timescale", "By March"),
            "actions[0].timescale",
            "expected a mapping of fields, got text ('By March')",
        ),
        (
            lambda t: t["indicators"][0]["target"].__setitem__("low", "twenty"),
            "indicators[0].target.low",
            "expected a number, got text ('twenty')",
        ),
        (  # the kind `text` is also a field of the target: still the tag, not the field
            lambda t: t["indicators"][0].__setitem__(
                "target", {"kind": "text", "text": "fewer", "horizon": 5}
            ),
            "indicators[0].target.horizon",
            None,
        ),
    ],
)
def test_wrong_types(tree, change, path, message):
    change(tree[THEME])
    issue = next(i for i in run_validate(tree.write()).issues if i.code.startswith("S"))
    assert issue.field_path == path
    if message is not None:
        assert (issue.code, issue.message) == ("S003", message)
    assert (issue.line, issue.column) == expected_position(tree.path(THEME), issue.path)


def test_invalid_choice_lists_the_choices(tree):
    tree[THEME]["indicators"][0]["published"]["direction"] = "sideways"
    issue = _schema_issue(tree, "S004")
    assert issue.field_path == "indicators[0].published.direction"
    assert "'up', 'level', 'down' or 'not_applicable'" in issue.message


def test_unknown_target_kind(tree):
    tree[THEME]["indicators"][0]["target"]["kind"] = "atleast"
    issue = _schema_issue(tree, "S004")
    assert issue.field_path == "indicators[0].target.kind"
    assert "'at_least'" in issue.message


def test_missing_target_kind(tree):
    del tree[THEME]["indicators"][0]["target"]["kind"]
    issue = _schema_issue(tree, "S002")
    assert issue.message == "missing required field 'kind'"


def test_invalid_period(tree):
    tree[THEME]["indicators"][0]["latest"] = "Q5 2017/18"
    issue = _schema_issue(tree, "S005")
    assert issue.field_path == "indicators[0].latest"
    assert "there is no quarter 5" in issue.message


def test_a_plan_period_must_be_a_financial_year(tree):
    tree["2018-19/plan.yaml"]["period"] = "Q1 2018/19"
    issue = _schema_issue(tree, "S005")
    assert issue.message == "'Q1 2018/19' is a quarter; expected a financial year such as 2018/19"


def test_rules_inside_a_model(tree):
    tree[THEME]["indicators"][0]["target"]["low"] = 50
    issue = _schema_issue(tree, "S006")
    assert issue.field_path == "indicators[0].target"
    assert issue.message == "low (50) is above high (40)"


def test_nan_is_not_a_number(tree):
    tree["indicators/referrals.yaml"]["series"][0]["value"] = float("nan")
    issue = _schema_issue(tree, "S006")
    assert issue.field_path == "series[0].value"


def test_observation_needs_a_value_or_a_status(tree):
    del tree["indicators/referrals.yaml"]["series"][0]["value"]
    issue = _schema_issue(tree, "S006")
    assert issue.message == "give a value, or a status saying why there is none"


def test_id_must_match_file_name(tree):
    tree["indicators/referrals.yaml"]["id"] = "referral"
    issue = _schema_issue(tree, "S007")
    assert issue.message == "the id 'referral' does not match the file name 'referrals'"


def test_invalid_id(tree):
    tree["partnership.yaml"]["people"][0]["id"] = "Alex Lead"
    issue = _schema_issue(tree, "S008")
    assert issue.field_path == "people[0].id"


# -- what is reported -----------------------------------------------------------------------------


def test_naming_one_file_reports_only_that_file(tree):
    tree["indicators/referrals.yaml"]["series"][0]["value"] = -1
    tree[THEME]["contacts"][0]["email"] = "nobody"
    tree.write()
    whole = run_validate(tree.folder)
    assert sorted(codes(whole)) == ["C007", "C012"]
    narrowed = run_validate(tree.path(THEME))
    assert codes(narrowed) == ["C007"]


def test_naming_a_plan_year_folder(tree):
    tree["indicators/referrals.yaml"]["series"][0]["value"] = -1
    tree[THEME]["contacts"][0]["email"] = "nobody"
    report = run_validate(tree.write() / "2018-19")
    assert codes(report) == ["C007"]


def test_load_returns_models_or_raises(tree):
    import cspplan
    from cspplan.exceptions import PlanError

    plans = cspplan.load(tree.write())
    (partnership,) = plans.partnerships
    assert [year.label for year in partnership.years] == ["2017/18", "2018/19"]
    assert partnership.years[1].themes[0].actions[0].title == "Domestic Abuse Strategy"
    assert partnership.indicators["repeat-victims"].series[0].value == 30

    tree[THEME]["contacts"][0]["email"] = "nobody"
    with pytest.raises(PlanError, match="C007"):
        cspplan.load(tree.write())
