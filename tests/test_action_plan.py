"""Actions in a plan's action-plan shape (objective, key actions with due dates and status,
the action's own target, linked themes), a theme's lead, targets and achievements, and the
plan's aspiration, purpose and values: accepted, checked, printed, diffed, rolled forward."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from tests.conftest import SHIPPED, PlanTree, expected_position, only, run, run_validate

from cspplan.model.plan import StepStatus, Theme

THEME = "2017-18/themes/reoffending.yaml"


def action_plan_tree(tree: PlanTree) -> PlanTree:
    """The test partnership with a second theme whose one action is an action-plan row."""
    plan = tree["2017-18/plan.yaml"]
    plan["aspiration"] = "A county where people feel safe"
    plan["purpose"] = "To bring partners together against crime"
    plan["values"] = "Openness; working together"
    plan["themes"] = ["domestic-abuse", "reoffending"]
    tree["partnership.yaml"]["governance"].append(
        {"id": "district-csp", "name": "District CSP", "kind": "local_partnership"}
    )
    tree.files[THEME] = {
        "title": "Reduce reoffending",
        "kind": "priority",
        "objectives": ["Cut reoffending by young people"],
        "lead": {
            "text": "Sponsor agency: Testshire Council. Lead officer: Alex Lead",
            "organisations": ["council"],
            "people": ["alex-lead"],
        },
        "targets": ["Reoffending rate below 30% by 2015/16"],
        "achievements": ["Opened the youth hub"],
        "actions": [
            {
                "id": "reduce-repeats",
                "title": "2. Reduce repeat victimisation",
                "objective": "2. Reduce repeat victimisation",
                "lead": {"text": "Lead: Community Safety Team", "organisations": ["safety-team"]},
                "timescale": {
                    "text": "March 2018",
                    "parts": [{"kind": "deadline", "by": "Mar 2018"}],
                },
                "key_actions": [
                    {
                        "text": "Set up a victims' panel",
                        "due": {
                            "text": "Dec 2017",
                            "parts": [{"kind": "deadline", "by": "Dec 2017"}],
                        },
                        "status": "in_progress",
                        "steps": [
                            {"text": "Recruit panel members", "status": "done"},
                            {"text": "Agree terms of reference"},
                        ],
                    },
                    {"text": "Review cases quarterly", "status": "not_started"},
                ],
                "measures": ["Repeat victims within 28-40%"],
                "target": "28-40% by March 2018",
                "linked_themes": ["domestic-abuse"],
            }
        ],
    }
    return tree


def _validate(tree: PlanTree):
    return run_validate(action_plan_tree(tree).write())


def _located(issue, path: str) -> None:
    assert issue.file.as_posix().endswith(THEME)
    assert issue.field_path == path
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


# -- model and checks ---------------------------------------------------------------------------


def test_the_action_plan_shape_is_accepted_and_clean(tree):
    report = _validate(tree)
    assert report.issues == []
    theme = Theme.model_validate({"id": "reoffending", **tree[THEME]})
    action = theme.actions[0]
    assert action.key_actions[0].status is StepStatus.IN_PROGRESS
    assert [step.text for step in action.key_actions[0].steps] == [
        "Recruit panel members",
        "Agree terms of reference",
    ]
    assert action.linked_themes == ["domestic-abuse"]
    assert theme.lead is not None and theme.lead.people == ["alex-lead"]


def test_a_step_status_outside_the_list_is_a_located_schema_error(tree):
    action_plan_tree(tree)[THEME]["actions"][0]["key_actions"][1]["status"] = "finished"
    issue = only(run_validate(tree.write()), "S004")
    _located(issue, "actions[0].key_actions[1].status")


def test_unknown_linked_theme(tree):
    action_plan_tree(tree)[THEME]["actions"][0]["linked_themes"] = ["domestic-abuze"]
    issue = only(run_validate(tree.write()), "R013")
    _located(issue, "actions[0].linked_themes[0]")
    assert "domestic-abuze" in issue.message
    assert issue.hint == "did you mean 'domestic-abuse'?"


def test_a_key_action_due_after_its_action_is_a_warning(tree):
    step = action_plan_tree(tree)[THEME]["actions"][0]["key_actions"][0]
    step["due"] = {"text": "Jan 2018", "parts": [{"kind": "deadline", "by": "Jan 2018"}]}
    tree[THEME]["actions"][0]["timescale"] = {
        "text": "Dec 2017",
        "parts": [{"kind": "deadline", "by": "Dec 2017"}],
    }
    report = run_validate(tree.write())
    issue = only(report, "C020")
    _located(issue, "actions[0].key_actions[0].due.parts[0].by")
    assert issue.severity.value == "warning" and report.exit_code() == 0
    assert "Set up a victims' panel" in issue.message and "31 December 2017" in issue.message


def test_a_nested_key_action_due_after_its_action_is_found_too(tree):
    nested = action_plan_tree(tree)[THEME]["actions"][0]["key_actions"][0]["steps"][1]
    nested["due"] = {
        "text": "Feb-18",
        "parts": [{"kind": "milestone", "date": "Feb 2018", "label": "Terms agreed"}],
    }
    tree[THEME]["actions"][0]["timescale"]["parts"] = [{"kind": "deadline", "by": "Jan 2018"}]
    issue = only(run_validate(tree.write()), "C020")
    _located(issue, "actions[0].key_actions[0].steps[1].due.parts[0].date")


def test_a_key_action_of_an_undated_action_is_not_compared(tree):
    action = action_plan_tree(tree)[THEME]["actions"][0]
    action["timescale"] = {"text": "Ongoing", "parts": [{"kind": "rolling"}]}
    action["key_actions"][0]["due"]["parts"] = [{"kind": "deadline", "by": "Mar 2018"}]
    assert run_validate(tree.write()).issues == []


def test_a_key_action_due_after_the_plan_year_is_c001(tree):
    action = action_plan_tree(tree)[THEME]["actions"][0]
    action["timescale"] = {"text": "Ongoing", "parts": [{"kind": "rolling"}]}
    action["key_actions"][0]["due"] = {
        "text": "June 2018",
        "parts": [{"kind": "deadline", "by": "Jun 2018"}],
    }
    issue = only(run_validate(tree.write()), "C001")
    _located(issue, "actions[0].key_actions[0].due.parts[0].by")
    assert "'Set up a victims' panel' is due Jun 2018" in issue.message


@pytest.mark.parametrize(
    ("field", "wrong", "code"),
    [
        ("organisations", "councel", "R001"),
        ("people", "alex-leed", "R002"),
        ("groups", "bord", "R009"),
    ],
)
def test_a_theme_lead_is_checked_like_an_action_lead(tree, field, wrong, code):
    action_plan_tree(tree)[THEME]["lead"][field] = [wrong]
    issue = only(run_validate(tree.write()), code)
    _located(issue, f"lead.{field}[0]")
    assert wrong in issue.message and issue.hint is not None


# -- the delivery plan --------------------------------------------------------------------------


def _render(tree: PlanTree, tmp_path: Path, form: str, *, prepared: bool = False) -> Path:
    """The delivery plan of the action-plan tree (`prepared`: already built and changed)."""
    folder = (tree if prepared else action_plan_tree(tree)).write()
    output = tmp_path / f"plan.{form}"
    result = run("render", str(folder / "2017-18"), "--format", form, "-o", str(output))
    assert result.returncode == 0, result.stderr
    return output


HEADER = (
    "| Objective | Lead | Key actions | By when | Performance measures | Target | "
    "Linked priorities |"
)


def test_the_delivery_plan_prints_the_action_plan_table(tree, tmp_path):
    text = _render(tree, tmp_path, "md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert "### Action plan" in lines
    header = lines.index(HEADER)
    assert lines[header + 1] == "|---|---|---|---|---|---|---|"
    row = lines[header + 2].split(" | ")
    assert row[0] == "| 2\\. Reduce repeat victimisation"  # the title is the objective: once
    assert row[1] == "Community Safety Team"
    assert row[2] == (
        "• Set up a victims' panel (due: Dec 2017; status: in progress)"
        "<br>\u00a0\u00a0\u00a0◦ Recruit panel members (status: done)"
        "<br>\u00a0\u00a0\u00a0◦ Agree terms of reference"
        "<br>• Review cases quarterly (status: not started)"
    )
    assert row[3:] == [
        "March 2018",
        "Repeat victims within 28-40%",
        "28-40% by March 2018",
        "Domestic abuse |",
    ]
    # the action is not printed a second time in the usual table
    assert text.count("Set up a victims' panel") == 1
    assert "| Project/activity | Description |" not in text.split("## Reduce reoffending")[1]


def test_the_delivery_plan_prints_theme_lead_targets_achievements_and_the_plan_aims(tree, tmp_path):
    text = _render(tree, tmp_path, "md").read_text(encoding="utf-8")
    theme = text.split("## Reduce reoffending", 1)[1]
    assert "### Lead\n\nSponsor agency: Testshire Council. Lead officer: Alex Lead\n" in theme
    assert "### Objective\n\n- Cut reoffending by young people\n" in theme
    assert "### Target\n\n- Reoffending rate below 30% by 2015/16\n" in theme
    assert "### What we achieved last year\n\n- Opened the youth hub\n" in theme
    introduction = text.split("## Introduction", 1)[1].split("\n## ", 1)[0]
    for heading, words in (
        ("Our aspiration", "A county where people feel safe"),
        ("Our purpose", "To bring partners together against crime"),
        ("Our values", "Openness; working together"),
    ):
        assert f"### {heading}\n\n{words}\n" in introduction


def test_the_word_plan_has_the_table_with_a_repeating_header_row(tree, tmp_path):
    document = WordDocument(str(_render(tree, tmp_path, "docx")))
    tables = [t for t in document.tables if t.rows[0].cells[0].text == "Objective"]
    assert len(tables) == 1
    table = tables[0]
    assert [cell.text for cell in table.rows[0].cells] == HEADER.strip("| ").split(" | ")
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None
    key_actions = table.rows[1].cells[2].text.splitlines()
    assert key_actions == [
        "• Set up a victims' panel (due: Dec 2017; status: in progress)",
        "\u00a0\u00a0\u00a0◦ Recruit panel members (status: done)",
        "\u00a0\u00a0\u00a0◦ Agree terms of reference",
        "• Review cases quarterly (status: not started)",
    ]
    assert table.rows[1].cells[6].text == "Domestic abuse"


# -- documents of plans without the shape: unchanged ------------------------------------------


def _docx_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: package.read(n) for n in package.namelist() if n != "docProps/core.xml"}


@pytest.mark.parametrize("year", ["safer-cornwall/2018-19", "city-of-london/2017-18"])
def test_plans_without_the_shape_print_no_action_plan(year, tmp_path):
    """The shipped plans use none of the fields: no action-plan table, no new headings."""
    output = tmp_path / "plan.md"
    assert run("render", str(SHIPPED / year), "-o", str(output)).returncode == 0
    text = output.read_text(encoding="utf-8")
    for absent in ("### Action plan", "Linked priorities", "### Lead\n", "Our aspiration"):
        assert absent not in text


def test_an_action_without_the_shape_stays_in_the_usual_table(tree, tmp_path):
    """Cornwall's shape (title, timescale, lead) keeps the 'What we will do' table even
    beside an action-plan theme; adding the fields to one action moves only that one."""
    text = _render(tree, tmp_path, "md").read_text(encoding="utf-8")
    domestic = text.split("## Domestic abuse", 1)[1].split("## Reduce reoffending", 1)[0]
    assert "| Project/activity | Description | Timescale | Lead |" in domestic
    assert "### Action plan" not in domestic


# -- diff and new-year --------------------------------------------------------------------------


def test_a_changed_key_action_shows_in_the_diff(tree, tmp_path):
    """A reworded key action is reported in the document's words; a nested one whose status
    moved is reported as a status change, not as a rewording."""
    import shutil

    folder = action_plan_tree(tree).write()
    changed = tmp_path / "changed" / "testshire"
    shutil.copytree(folder, changed)
    theme = changed / THEME
    text = theme.read_text(encoding="utf-8").replace(
        "Review cases quarterly", "Review every case monthly"
    )
    theme.write_text(text.replace("status: done", "status: missed"), encoding="utf-8")
    result = run("diff", str(folder / "2017-18"), str(changed / "2017-18"))
    assert result.returncode == 0, result.stderr
    assert "key action “Recruit panel members” status: done → missed" in result.stdout
    assert (
        "key action reworded: “Review cases quarterly (status: not started)” → "
        "“Review every case monthly (status: not started)”"
    ) in result.stdout


def test_new_year_carries_the_shape_forward(tree, tmp_path):
    action_plan_tree(tree)
    tree.files.pop("2018-19/plan.yaml")
    tree.files.pop("2018-19/themes/domestic-abuse.yaml")
    folder = tree.write()
    result = run("new-year", str(folder / "2017-18"))
    assert result.returncode == 0, result.stderr
    plan = (folder / "2018-19" / "plan.yaml").read_text(encoding="utf-8")
    theme = (folder / "2018-19" / "themes" / "reoffending.yaml").read_text(encoding="utf-8")
    assert "aspiration: A county where people feel safe" in plan
    for kept in (
        "Sponsor agency: Testshire Council",
        "Reoffending rate below 30% by 2015/16",
        "objective: 2. Reduce repeat victimisation",
        "Recruit panel members",
        "target: 28-40% by March 2018",
        "linked_themes:",
    ):
        assert kept in theme
    # last year's achievements are history, as for the plan's own, and the review says so
    assert "Opened the youth hub" not in theme
    assert "reoffending: 1 achievement of the year before was cleared" in result.stdout
    assert run_validate(folder).exit_code() == 0


def test_every_text_of_an_action_plan_row_is_printed_in_markdown_and_word(tree, tmp_path):
    """The completeness walk of test_render_completeness, over a plan that fills every new
    field and every older field an action-plan row can also hold."""
    from tests.test_render_completeness import _markdown_text, _missing, _plan_texts, _word_text

    import cspplan

    row = action_plan_tree(tree)[THEME]["actions"][0]
    row["title"] = "Repeat victims project"
    row["description"] = "A project for repeat victims.\n\n- first part\n- second part"
    row["focus"] = ["Focus on the night-time economy"]
    row["evaluation"] = "Victims' survey"
    row["tags"] = ["Hate crime"]
    row["notes"] = ["Funding ends in March"]
    folder = tree.write()
    year = next(y for y in cspplan.load(folder).partnerships[0].years if y.label == "2017/18")
    texts = _plan_texts(year)
    names = {name for name, _ in texts}
    for field in ("Action.objective", "Action.target", "Step.text", "Theme.targets", "Lead.text"):
        assert field in names
    markdown = _render(tree, tmp_path, "md", prepared=True).read_text(encoding="utf-8")
    word = _render(tree, tmp_path, "docx", prepared=True).read_bytes()
    markdown, word = _markdown_text(markdown), _word_text(word)
    assert _missing(texts, markdown) == []
    assert _missing(texts, word) == []
