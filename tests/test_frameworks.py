"""Frameworks (frameworks/<id>.yaml beside the partnerships) and the links plans make to
them: loading once a run, the checks (R018-R020, C025-C026) located, status --by FRAMEWORK
and render --document alignment, on a `tree` plan and on the shipped Norfolk alignment."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from tests.conftest import SHIPPED, expected_position, only, run, run_validate

FRAMEWORK = {
    "title": "Testshire Police and Crime Plan 2017-21",
    "kind": "police_and_crime_plan",
    "covers": "2017/21",
    "items": [
        {"id": "victims", "title": "Put victims first", "targets": ["More victims supported"]},
        {"id": "reoffending", "title": "Reduce reoffending"},
        {"id": "roads", "title": "Safer roads", "parent": "victims"},
    ],
}
FRAMEWORK_ID = "testshire-pcp"


def _with_framework(tree, framework: dict | None = None) -> Path:
    """The tree with a framework file beside it and links from the 2017/18 theme: one to an
    item about the theme's measure, with a comment; one to the framework as a whole."""
    theme = tree["2017-18/themes/domestic-abuse.yaml"]
    theme["links"] = [
        {
            "framework": FRAMEWORK_ID,
            "item": "victims",
            "measure": "repeat-victims",
            "comment": "Aligned – common targets",
            "printed": {"CSP measure": "Repeat victims", "PCP target": "More victims supported"},
        },
        {"framework": FRAMEWORK_ID},
    ]
    theme["actions"][1]["links"] = [{"framework": FRAMEWORK_ID, "item": "reoffending"}]
    folder = tree.write()
    frameworks = tree.root / "frameworks"
    frameworks.mkdir(exist_ok=True)
    text = yaml.safe_dump(framework or FRAMEWORK, sort_keys=False, allow_unicode=True)
    (frameworks / f"{FRAMEWORK_ID}.yaml").write_text(text, encoding="utf-8")
    return folder


def _located(issue, file: Path, path: str):
    assert issue.file is not None and issue.file.resolve() == file.resolve(), issue.file
    assert issue.field_path == path
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


def _theme(tree) -> Path:
    return tree.path("2017-18/themes/domestic-abuse.yaml")


def test_a_framework_beside_the_partnership_loads_with_its_links(tree):
    folder = _with_framework(tree)
    for named in (tree.root, folder, tree.root / "frameworks"):
        report = run_validate(named)
        assert report.issues == [], [(i.code, i.message) for i in report.issues]
        assert report.exit_code() == 0
    report = run_validate(tree.root)
    assert report.files == 8  # the tree's 7 files and the framework
    assert list(report.frameworks) == [FRAMEWORK_ID]
    assert report.partnerships[0].frameworks[FRAMEWORK_ID].framework.item("roads").parent == (
        "victims"
    )


def test_a_repository_of_frameworks_only_is_not_an_empty_plans_folder(tmp_path):
    (tmp_path / "frameworks").mkdir()
    (tmp_path / "frameworks" / "x.yaml").write_text("title: X\nkind: other\n", encoding="utf-8")
    (tmp_path / "frameworks" / "old").mkdir()
    (tmp_path / "frameworks" / "old" / "y.yaml").write_text("title: Y\n", encoding="utf-8")
    report = run_validate(tmp_path)
    assert [issue.code for issue in report.issues] == ["F010"]  # the file in a sub-folder
    assert "directly in frameworks/" in report.issues[0].message


def test_unknown_framework_with_did_you_mean(tree):
    _with_framework(tree)
    tree["2017-18/themes/domestic-abuse.yaml"]["links"][0]["framework"] = "testshire-pc"
    report = run_validate(tree.write())
    issue = only(report, "R018")
    _located(issue, _theme(tree), "links[0].framework")
    assert "frameworks/testshire-pc.yaml" in issue.message
    assert issue.hint == f"did you mean '{FRAMEWORK_ID}'?"


def test_unknown_item_with_did_you_mean(tree):
    _with_framework(tree)
    tree["2017-18/themes/domestic-abuse.yaml"]["actions"][1]["links"][0]["item"] = "reofending"
    issue = only(run_validate(tree.write()), "R019")
    _located(issue, _theme(tree), "actions[1].links[0].item")
    assert issue.message == f"the framework '{FRAMEWORK_ID}' has no item 'reofending'"
    assert issue.hint == "did you mean 'reoffending'?"


def test_a_theme_link_names_a_measure_the_theme_does_not_have(tree):
    _with_framework(tree)
    tree["2017-18/themes/domestic-abuse.yaml"]["links"][0]["measure"] = "referrals"
    issue = only(run_validate(tree.write()), "C025")
    _located(issue, _theme(tree), "links[0].measure")
    assert issue.message == "the link's measure 'referrals' is not the theme's measures"


def test_a_link_to_a_framework_file_that_did_not_load_is_not_called_unknown(tree):
    broken = dict(FRAMEWORK)
    del broken["kind"]
    _with_framework(tree, broken)
    report = run_validate(tree.root)
    assert [issue.code for issue in report.issues] == ["S002"]


def test_duplicate_item_is_reported_once_in_the_framework_file(tree):
    framework = {**FRAMEWORK, "items": [*FRAMEWORK["items"], {"id": "victims", "title": "Again"}]}
    folder = _with_framework(tree, framework)
    file = tree.root / "frameworks" / f"{FRAMEWORK_ID}.yaml"
    issue = only(run_validate(tree.root), "R020")
    _located(issue, file, "items[3].id")
    assert "'victims'" in issue.message
    alone = only(run_validate(file), "R020")
    assert alone.needed_by is None
    # Naming only the partnership still shows the problem in the framework it links to.
    needed = only(run_validate(folder), "R020")
    assert needed.needed_by is not None and needed.needed_by.name == "domestic-abuse.yaml"
    _located(needed, file, "items[3].id")


def test_framework_problems_are_hidden_from_a_partnership_that_does_not_link(tree):
    framework = {**FRAMEWORK, "items": [*FRAMEWORK["items"], {"id": "victims", "title": "Again"}]}
    _with_framework(tree, framework)
    tree["2017-18/themes/domestic-abuse.yaml"].pop("links")
    tree["2017-18/themes/domestic-abuse.yaml"]["actions"][1].pop("links")
    assert run_validate(tree.write()).issues == []


def test_item_under_an_unknown_or_circular_parent(tree):
    items = [
        {"id": "victims", "title": "Put victims first", "parent": "roads"},
        {"id": "reoffending", "title": "Reduce reoffending", "parent": "victms"},
        {"id": "roads", "title": "Safer roads", "parent": "victims"},
    ]
    _with_framework(tree, {**FRAMEWORK, "items": items})
    file = tree.root / "frameworks" / f"{FRAMEWORK_ID}.yaml"
    report = run_validate(tree.root)
    found = sorted((i.field_path, i.message) for i in report.issues if i.code == "C026")
    assert [path for path, _ in found] == ["items[0].parent", "items[1].parent", "items[2].parent"]
    assert "leads back to it" in found[0][1]
    assert "not an item of this framework" in found[1][1]
    unknown = next(i for i in report.issues if i.field_path == "items[1].parent")
    _located(unknown, file, "items[1].parent")
    assert unknown.hint == "did you mean 'victims'?"


def test_a_schema_error_in_a_framework_file_is_located(tree):
    _with_framework(tree, {**FRAMEWORK, "kind": "manifesto"})
    report = run_validate(tree.root / "frameworks" / f"{FRAMEWORK_ID}.yaml")
    (issue,) = report.issues
    assert issue.code.startswith("S") and "manifesto" in issue.message
    assert issue.field_path == "kind"
    _located(issue, tree.root / "frameworks" / f"{FRAMEWORK_ID}.yaml", "kind")


def test_links_leave_documents_without_them_unchanged(tree):
    from cspplan.model.plan import Theme

    assert Theme(id="x", title="X").links == []


# -- status --by FRAMEWORK ------------------------------------------------------------------


def test_status_by_framework_lists_each_item_with_the_measures_that_serve_it(tree):
    _with_framework(tree)
    result = run("status", str(tree.root), "--by", FRAMEWORK_ID, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    items = {item["id"]: item for item in data["items"]}
    (served,) = items["victims"]["measures"]
    assert served["indicator"] == "repeat-victims"
    assert served["plan_year"] == "2017/18"
    assert served["linked_by"] == ["theme (this measure)"]
    assert served["comments"] == ["Aligned – common targets"]
    assert items["victims"]["counts"] == {served["band"]: 1}
    # The 'training' action lists no indicator, so its link brings no measure with it.
    assert items["reoffending"]["measures"] == []
    assert sorted(data["unserved"]) == ["reoffending", "roads"]
    (whole,) = data["framework_as_a_whole"]
    assert whole["linked_by"] == ["theme"]


def test_status_by_framework_text_and_csv(tree):
    _with_framework(tree)
    text = run("status", str(tree.root), "--by", FRAMEWORK_ID).stdout
    assert "Put victims first — 1 measure: 1 " in text
    assert "Reduce reoffending — no measure serves it" in text
    assert "Items no measure serves: 2 of 3" in text
    csv_text = run("status", str(tree.root), "--by", FRAMEWORK_ID, "--format", "csv").stdout
    assert csv_text.splitlines()[0].startswith("framework,item,item_title,partnership")
    markdown = run("status", str(tree.root), "--by", FRAMEWORK_ID, "--format", "markdown").stdout
    assert "### Items no measure serves" in markdown and "- Safer roads" in markdown


def test_status_by_an_unknown_framework_is_a_usage_error_naming_the_known(tree):
    _with_framework(tree)
    result = run("status", str(tree.root), "--by", "pathways")
    assert result.returncode == 2
    assert f"no framework 'pathways' in the repository (known: {FRAMEWORK_ID})" in result.stderr


# -- render --document alignment --------------------------------------------------------------


def test_alignment_document_both_ways(tree, tmp_path):
    folder = _with_framework(tree)
    out = tmp_path / "alignment.md"
    result = run("render", str(folder / "2017-18"), "--document", "alignment", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    theme_part, framework_part = text.split("## Each framework and what links to it")
    assert "Testshire Police and Crime Plan 2017-21: Put victims first" in theme_part
    assert "Measure: Repeat victims within 28-40%" in theme_part
    assert "CSP measure: Repeat victims" in theme_part and "Aligned – common targets" in theme_part
    assert "Action: Training" in theme_part
    assert "Linked to as a whole by:" in framework_part
    assert "Items nothing in the repository links to:\n\n- Safer roads" in framework_part


def test_alignment_document_in_word(tree, tmp_path):
    from docx import Document as WordDocument

    folder = _with_framework(tree)
    out = tmp_path / "alignment.docx"
    result = run(
        "render", str(folder / "2017-18"), "--document", "alignment", "--format", "docx", "-o",
        str(out),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    cells = [
        cell.text for table in WordDocument(str(out)).tables for r in table.rows for cell in r.cells
    ]
    assert "Aligned – common targets" in cells


# -- the shipped Norfolk alignment --------------------------------------------------------------


def _norfolk_links() -> list[tuple[str, dict]]:
    """(theme id, or 'plan' for plan.yaml's own, link) for every Norfolk 2013/14 link."""
    year = SHIPPED / "norfolk-ccsp" / "2013-14"
    found = []
    for path in [year / "plan.yaml", *sorted((year / "themes").glob("priority-*.yaml"))]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        owner = "plan" if path.name == "plan.yaml" else path.stem
        found += [(owner, link) for link in data.get("links", [])]
    return found


def test_norfolk_ships_every_row_of_appendix_1():
    pcp = [link for _, link in _norfolk_links() if link["framework"].startswith("norfolk-police")]
    rows = {link["transcription_notes"][0].split(" (")[0] for link in pcp}
    numbers = {row.removeprefix("Row ").rstrip("abc") for row in rows}
    assert numbers == {str(n) for n in range(1, 23)}
    assert len(pcp) == 28  # rows 10, 19 and 21 print three measures each
    no_priority = [link for owner, link in _norfolk_links() if owner == "plan"]
    assert [link["transcription_notes"][0].split(" (")[0] for link in no_priority] == [
        "Row 7",
        "Row 8",
        "Row 9",
        "Row 22",
    ]


def test_an_item_the_plan_names_under_no_theme_is_served_by_no_measure():
    """Appendix 1's rows 7-9 and 22 print an objective and no CCSP priority: the plan's own
    links keep the comment without counting any priority's measures as serving it."""
    result = run(
        "status", str(SHIPPED), "--by", "norfolk-police-and-crime-plan-2013-17", "--format",
        "json",
    )  # fmt: skip
    items = {item["id"]: item for item in json.loads(result.stdout)["items"]}
    road = items["pcp-road-ksi"]
    assert road["measures"] == []
    assert road["remarks"] == [
        {
            "partnership": "Norfolk's County Community Safety Partnership (CCSP)",
            "plan_year": "2013/14",
            "comment": "Links to the Norfolk Casualty Reduction Partnership, not CCSP",
        }
    ]
    assert "pcp-road-ksi" in json.loads(result.stdout)["unserved"]
    text = run("status", str(SHIPPED), "--by", "norfolk-police-and-crime-plan-2013-17").stdout
    assert (
        "(CCSP) 2013/14 names it under none of its themes: Links to the Norfolk Casualty "
        "Reduction Partnership, not CCSP" in " ".join(text.split())
    )


def test_a_plan_link_to_an_unknown_item_is_located_in_plan_yaml(tree):
    _with_framework(tree)
    tree["2017-18/plan.yaml"]["links"] = [{"framework": FRAMEWORK_ID, "item": "road"}]
    issue = only(run_validate(tree.write()), "R019")
    _located(issue, tree.path("2017-18/plan.yaml"), "links[0].item")
    assert issue.hint == "did you mean 'roads'?"


def test_a_plan_link_cannot_name_a_measure(tree):
    _with_framework(tree)
    tree["2017-18/plan.yaml"]["links"] = [
        {"framework": FRAMEWORK_ID, "item": "roads", "measure": "repeat-victims"}
    ]
    issue = only(run_validate(tree.write()), "C025")
    _located(issue, tree.path("2017-18/plan.yaml"), "links[0].measure")


def test_norfolk_priority_f_links_to_the_seven_pathways_as_a_whole():
    pathways = [
        (theme, link)
        for theme, link in _norfolk_links()
        if link["framework"] == "reducing-reoffending-pathways"
    ]
    assert [(theme, link.get("item")) for theme, link in pathways] == [("priority-f", None)]
    result = run(
        "status", str(SHIPPED), "--by", "reducing-reoffending-pathways", "--format", "json"
    )
    data = json.loads(result.stdout)
    assert {m["theme"] for m in data["framework_as_a_whole"]} == {"priority-f"}
    assert len(data["unserved"]) == len(data["items"]) == 7


def test_shipped_frameworks_validate_and_norfolk_status_by_the_police_and_crime_plan():
    report = run_validate(SHIPPED / "frameworks")
    assert report.issues == []
    result = run(
        "status", str(SHIPPED), "--by", "norfolk-police-and-crime-plan-2013-17", "--format",
        "json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    items = {item["id"]: item for item in json.loads(result.stdout)["items"]}
    priority_crime = items["pcp-priority-crime"]["measures"][0]
    assert priority_crime["indicator"] == "norfolk-priority-crime"
    assert priority_crime["comments"] == ["Aligned – common targets to be ensured"]


def test_the_norfolk_alignment_document_prints_every_comment_and_cell(tmp_path):
    out = tmp_path / "a.md"
    plan = SHIPPED / "norfolk-ccsp" / "2013-14"
    assert run("render", str(plan), "--document", "alignment", "-o", str(out)).returncode == 0
    text = " ".join(out.read_text(encoding="utf-8").replace("\\", "").split())
    for _, link in _norfolk_links():
        if link.get("comment"):
            assert " ".join(link["comment"].split()) in text
        for value in link.get("printed", {}).values():
            assert " ".join(value.split()) in text
