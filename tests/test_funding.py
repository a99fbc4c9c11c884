"""A plan year's funding (funding.yaml): loaded as its own file kind, its printed totals
checked against their parts (the figures kept as printed), its links checked, printed in
the delivery plan and compared by diff."""

from __future__ import annotations

import copy
import json
import shutil

from tests.conftest import SHIPPED, codes, expected_position, only, run, run_validate

FUNDING = "2018-19/funding.yaml"


def _funding() -> dict:
    return {
        "title": "Community Safety Funding Summary",
        "schedules": [
            {
                "id": "schedule-b",
                "title": "Schedule B 2018/19 Funding for Projects",
                "year": "2018/19",
                "unit": "£000",
                "columns": {"amount": "2018/19 Allocation £'000", "status": "2019/20"},
                "lines": [
                    {
                        "id": "b1",
                        "kind": "allocation",
                        "group": "Domestic violence",
                        "item": "IDVA workers",
                        "year": "2018/19",
                        "amount": {"printed": "203", "value": 203},
                        "status": "Funded by PCC",
                        "action": "da-strategy",
                    },
                    {
                        "id": "b2",
                        "kind": "allocation",
                        "group": "Domestic violence",
                        "item": "DV co-ordinator",
                        "year": "2018/19",
                        "amount": {"printed": "38", "value": 38},
                        "status": "Not funded by PCC",
                    },
                ],
                "totals": [
                    {
                        "id": "dv",
                        "label": "Domestic violence",
                        "amount": {"printed": "241", "value": 241},
                        "parts": ["b1", "b2"],
                    }
                ],
            }
        ],
        "evaluations": [
            {
                "heading": "Evaluation of Funding",
                "theme": "domestic-abuse",
                "amount": {"printed": "£203,000", "value": 203000, "unit": "£"},
                "project": "Independent Domestic Violence Advocates",
                "objectives": ["Reduce repeat victimisation"],
                "impacts": ["Clients feel safer"],
                "added_value": ["Support to engage with specialist services"],
                "line": "b1",
            }
        ],
    }


def _with_funding(tree, data=None):
    tree.files[FUNDING] = data or _funding()
    return tree.write()


def _located(issue, path: str):
    assert issue.file is not None and issue.file.as_posix().endswith(FUNDING), issue.file
    assert issue.field_path == path
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


def test_a_funding_file_that_adds_up_and_links_to_known_items_is_clean(tree):
    report = run_validate(_with_funding(tree))
    assert codes(report) == [], [i.message for i in report.issues]
    year = report.partnerships[0].year(report.partnerships[0].years[-1].period)
    assert year.funding is not None and year.funding.file.name == "funding.yaml"
    assert [line.item for line in year.funding.funding.sources()] == []


def test_c027_a_printed_total_that_is_not_the_sum_of_its_parts(tree):
    data = _funding()
    data["schedules"][0]["totals"][0]["amount"] = {"printed": "240", "value": 240}
    report = run_validate(_with_funding(tree, data))
    issue = only(report, "C027")
    _located(issue, "schedules[0].totals[0].amount")
    assert issue.severity.value == "warning" and report.exit_code() == 0
    assert "printed as 240 £'000" in issue.message
    assert "come to 241 £'000 (203 + 38)" in issue.message


def test_c027_unpriced_parts_warn_only_when_the_priced_ones_exceed_the_total(tree):
    data = _funding()
    del data["schedules"][0]["lines"][1]["amount"]
    data["schedules"][0]["lines"][1]["amount_note"] = "no figure printed"
    assert "C027" not in codes(run_validate(_with_funding(tree, data)))
    data["schedules"][0]["totals"][0]["amount"] = {"printed": "200", "value": 200}
    issue = only(run_validate(_with_funding(tree, data)), "C027")
    assert "no figure printed for b2" in issue.message


def test_c028_the_same_figure_printed_differently_elsewhere(tree):
    data = _funding()
    data["schedules"][0]["totals"][0]["also_printed"] = [
        {"amount": {"printed": "£241k", "value": 241}, "where": "the text (agrees)"},
        {"amount": {"printed": "£100k", "value": 100}, "where": "the covering report"},
    ]
    issue = only(run_validate(_with_funding(tree, data)), "C028")
    _located(issue, "schedules[0].totals[0].also_printed[1].amount")
    assert "241 £'000 (in the schedule)" in issue.message and "£100k" in issue.message


def test_c028_a_schedule_titled_for_one_year_with_every_amount_for_another(tree):
    data = _funding()
    for line in data["schedules"][0]["lines"]:
        line["year"] = "2017/18"
    issue = only(run_validate(_with_funding(tree, data)), "C028")
    _located(issue, "schedules[0].year")
    assert "2018/19 (its title)" in issue.message and "2017/18" in issue.message


def test_r021_a_funded_line_linked_to_an_unknown_action(tree):
    data = _funding()
    data["schedules"][0]["lines"][0]["action"] = "da-strategey"
    report = run_validate(_with_funding(tree, data))
    issue = only(report, "R021")
    _located(issue, "schedules[0].lines[0].action")
    assert "no action 'da-strategey' in the 2018/19 plan" in issue.message
    assert issue.hint == "did you mean 'da-strategy'?" and report.exit_code() == 1


def test_r021_an_evaluation_box_under_an_unknown_theme_or_line(tree):
    data = _funding()
    data["evaluations"][0]["theme"] = "domestic-abuses"
    data["evaluations"][0]["line"] = "b3"
    report = run_validate(_with_funding(tree, data))
    found = sorted((i.field_path, i.message, i.hint) for i in report.issues if i.code == "R021")
    assert found[0][0] == "evaluations[0].line" and "schedule line or total 'b3'" in found[0][1]
    assert found[1][0] == "evaluations[0].theme" and found[1][2] == "did you mean 'domestic-abuse'?"


def test_r022_a_total_naming_a_line_that_is_not_there(tree):
    data = _funding()
    data["schedules"][0]["totals"][0]["parts"] = ["b1", "b22"]
    issue = only(run_validate(_with_funding(tree, data)), "R022")
    _located(issue, "schedules[0].totals[0].parts[1]")
    assert "no line or total 'b22'" in issue.message and "did you mean" in (issue.hint or "")


def test_r022_a_total_naming_an_id_two_lines_share(tree):
    data = _funding()
    data["schedules"][0]["lines"][1]["id"] = "b1"
    data["schedules"][0]["totals"][0]["parts"] = ["b1"]
    issue = only(run_validate(_with_funding(tree, data)), "R022")
    _located(issue, "schedules[0].totals[0].parts[0]")
    assert "'b1' names more than one line or total" in issue.message


def test_r022_a_total_whose_parts_are_in_another_unit(tree):
    data = _funding()
    data["schedules"][0]["lines"][1]["amount"] = {"printed": "£38,000", "value": 38000, "unit": "£"}
    report = run_validate(_with_funding(tree, data))
    issue = only(report, "R022")
    _located(issue, "schedules[0].totals[0].parts[1]")
    assert "'b2' is in £ and the total in £'000" in issue.message
    assert "C027" not in codes(report)  # never compared across units


def test_a_malformed_funding_file_is_located_not_a_traceback(tree):
    data = _funding()
    data["schedules"][0]["lines"][0]["amount"] = {"printed": "203", "value": "two hundred"}
    folder = _with_funding(tree, data)
    result = run("validate", str(folder))
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert (
        "funding.yaml:" in result.stdout and "schedules[0].lines[0].amount.value" in result.stdout
    )


def test_the_delivery_plan_prints_the_schedules_the_disagreement_and_the_boxes(tree, tmp_path):
    data = _funding()
    data["schedules"][0]["totals"][0]["amount"] = {"printed": "240", "value": 240}
    folder = _with_funding(tree, data)
    out = tmp_path / "plan.md"
    assert run("render", str(folder / "2018-19"), "--format", "md", "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "| Item | 2018/19 Allocation £'000 | 2019/20 |" in text
    assert "| Domestic violence: IDVA workers | 203 | Funded by PCC |" in text
    assert "| **Domestic violence (total)** | **240** |  |" in text
    assert "prints Domestic violence as 240 £'000, but its parts come to 241 £'000" in text
    assert "#### Independent Domestic Violence Advocates" in text and "Amount: £203,000" in text


def test_a_plan_without_funding_prints_no_funding_section(tree, tmp_path):
    folder = tree.write()
    out = tmp_path / "plan.md"
    run("render", str(folder / "2018-19"), "--format", "md", "-o", str(out))
    assert "Funding" not in out.read_text(encoding="utf-8")


def test_diff_shows_allocation_changes_with_both_figures_and_units(tree, tmp_path):
    old = _with_funding(tree)
    new_data = copy.deepcopy(_funding())
    lines = new_data["schedules"][0]["lines"]
    lines[0]["amount"] = {"printed": "190", "value": 190}
    lines[1]["status"] = "Funded by PCC"
    lines.append(
        {
            "id": "b3",
            "kind": "allocation",
            "item": "Sanctuary scheme",
            "amount": {"printed": "12", "value": 12},
        }
    )
    new = tmp_path / "new" / "testshire"
    shutil.copytree(old, new)
    (new / "2018-19" / "funding.yaml").write_text(json.dumps(new_data), encoding="utf-8")
    result = run("diff", str(old / "2018-19"), str(new / "2018-19"), "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    changes = [c for part in json.loads(result.stdout)["parts"] for c in part["changes"]]
    funding = [c for c in changes if c["area"] == "funding"]
    fields = {(c["field"], c["old"], c["new"]) for c in funding}
    assert ("amount", "203 £'000 (2018/19)", "190 £'000 (2018/19)") in fields
    assert ("status", "Not funded by PCC", "Funded by PCC") in fields
    assert any(c["field"] is None and "Sanctuary scheme" in c["new_label"] for c in funding)


def test_the_shipped_norfolk_funding_warns_where_the_source_contradicts_itself():
    report = run_validate(SHIPPED / "norfolk-ccsp")
    funding = [i for i in report.issues if i.file is not None and i.file.name == "funding.yaml"]
    assert sorted(i.code for i in funding) == ["C027", "C028", "C028"]
    messages = " | ".join(i.message for i in funding)
    assert "printed as 240 £'000 but its parts come to 241 £'000 (38 + 203)" in messages
    assert "157 £'000 (in the schedule) and as £100k" in messages
    assert "2013/14 (its title) and as 2012/13" in messages


def test_r006_two_funding_lines_with_one_id(tree):
    """Totals and evaluation boxes name lines by id: an id used twice is reported at its
    second use even where nothing names it yet."""
    data = _funding()
    data["schedules"][0]["lines"][1]["id"] = data["schedules"][0]["lines"][0]["id"]
    issue = only(run_validate(_with_funding(tree, data)), "R006")
    _located(issue, "schedules[0].lines[1].id")
    assert "funding line or total id" in issue.message
