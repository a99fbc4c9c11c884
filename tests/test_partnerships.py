"""Partnerships within partnerships: `status --by partnership`, and what render and diff say
of a partnership's parent and linked partnerships (their checks are in test_checks.py)."""

from __future__ import annotations

import json

from tests.conftest import SHIPPED, run

# -- status --by partnership ---------------------------------------------------------------------


def _json_status(*args):
    result = run("status", *args, "--by", "partnership", "--format", "json")
    assert result.returncode == 0, result.stderr
    return {entry["partnership"]: entry for entry in json.loads(result.stdout)["partnerships"]}


def test_status_by_partnership_on_the_shipped_plans_reports_each_alone():
    blocks = _json_status(str(SHIPPED))
    assert list(blocks) == ["city-of-london", "norfolk-ccsp", "safer-cornwall"]
    for entry in blocks.values():
        assert entry["rolls_up"] == [] and entry["parent"] is None
        assert [member["partnership"] for member in entry["by_partnership"]] == [
            entry["partnership"]
        ]
        assert {row["partnership"] for row in entry["measures"]} <= {entry["partnership"]}
    assert blocks["safer-cornwall"]["plan_year"] == "2018/19"  # its latest plan year
    norfolk = blocks["norfolk-ccsp"]
    assert sum(norfolk["counts"].values()) == len(norfolk["measures"]) == 19
    assert norfolk["counts"]["green"] == 9 and norfolk["counts"]["amber"] == 1
    text = run("status", str(SHIPPED), "--by", "partnership").stdout
    assert text.count("No partnership beneath it in this repository") == 3


def test_a_county_rolls_up_its_districts(county_tree):
    county_tree.districts[1]["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["target"] = {
        "kind": "range",
        "low": 10,
        "high": 20,
    }  # south's latest figure, 27%, is now well outside its range
    root = county_tree.write()
    blocks = _json_status(str(root))
    county = blocks["testshire"]
    assert county["rolls_up"] == ["north-testshire", "south-testshire"]
    assert [row["partnership"] for row in county["measures"]] == [
        "testshire",
        "north-testshire",
        "south-testshire",
    ]
    by = {member["partnership"]: member["counts"] for member in county["by_partnership"]}
    assert by["south-testshire"]["red"] == 1 and by["testshire"]["red"] == 0
    assert county["counts"]["red"] == 1 and sum(county["counts"].values()) == 3
    north = blocks["north-testshire"]
    assert north["parent"] == {
        "name": "Testshire County Community Safety Partnership",
        "partnership": "testshire",
    }
    assert north["rolls_up"] == [] and len(north["measures"]) == 1

    markdown = run("status", str(root), "--by", "partnership", "--format", "markdown").stdout
    assert "Rolled up with the 2 partnerships beneath it in this repository" in markdown
    assert "| All together |  | 1 |" in markdown
    assert "| South Testshire CSP | Domestic abuse | Repeat victims of domestic abuse |" in markdown
    assert "Parent partnership: Testshire County Community Safety Partnership." in markdown

    rows = run("status", str(root), "--by", "partnership", "--format", "csv").stdout.splitlines()
    assert rows[0].startswith("rolled_up_into,partnership,")
    assert sum(row.startswith("testshire,") for row in rows) == 3

    text = run("status", str(root), "--by", "partnership", env={"COLUMNS": "200"}).stdout
    assert "All together" in text and "South Testshire CSP" in text


def test_status_by_partnership_when_only_a_district_is_named(county_tree):
    root = county_tree.write()
    blocks = _json_status(str(root / "north-testshire"))
    assert list(blocks) == ["north-testshire"]


def test_status_by_something_else_is_a_bad_option(county_tree):
    result = run("status", str(county_tree.write()), "--by", "colour")
    assert result.returncode == 2
    assert "no framework 'colour' in the repository" in result.stderr
    assert "or 'partnership'" in result.stderr


# -- diff and render -----------------------------------------------------------------------------


def test_diff_says_what_changed_in_the_relationships(county_tree):
    import cspplan
    from cspplan.diff.changes import describe
    from cspplan.diff.files import compare_partnerships

    root = county_tree.write()
    before = cspplan.load(root).partnership("north-testshire")
    district = county_tree.districts[0]["partnership.yaml"]
    district["parent"]["relationship"] = "a district partnership beneath the county CSP"
    district["linked_partnerships"] = [{"governance": "board", "relationship": "close links"}]
    county_tree.write()
    after = cspplan.load(root).partnership("north-testshire")
    said = [describe(change) for change in compare_partnerships(before, after)]
    assert said == [
        "relationship with Testshire County Community Safety Partnership: reports to the county "
        "CSP → a district partnership beneath the county CSP",
        "linked partnership added: Partnership Board: close links",
    ]
    del district["parent"]
    county_tree.write()
    gone = cspplan.load(root).partnership("north-testshire")
    assert next(describe(change) for change in compare_partnerships(after, gone)) == (
        "parent partnership: Testshire County Community Safety Partnership (testshire) → not stated"
    )


def test_the_plan_names_the_parent_and_the_linked_partnerships(county_tree):
    root = county_tree.write()
    county_tree.districts[0]["partnership.yaml"]["linked_partnerships"] = [
        {"governance": "board", "relationship": "close links"},
        {"name": "Testshire Safeguarding Adults Board"},
    ]
    county_tree.write()
    out = root.parent / "north.md"
    result = run("render", str(root / "north-testshire" / "2018-19"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    section = text.split("### Partnerships we work with\n\n", 1)[1].split("\n\n", 1)[0]
    assert section.splitlines() == [
        "- Testshire County Community Safety Partnership (parent partnership): reports to the "
        "county CSP",
        "- Partnership Board: close links",
        "- Testshire Safeguarding Adults Board",
    ]


def test_partnerships_one_printed_sentence_names_share_a_line(county_tree):
    """City of London prints one sentence naming two boards: it is printed once."""
    root = county_tree.write()
    sentence = "We will improve our connections with the Board and the Safeguarding Board."
    county_tree.districts[0]["partnership.yaml"]["linked_partnerships"] = [
        {"governance": "board", "relationship": sentence},
        {"name": "Testshire Safeguarding Adults Board"},
        {"name": "Testshire Safeguarding Board", "relationship": sentence},
    ]
    county_tree.write()
    out = root.parent / "north.md"
    assert run("render", str(root / "north-testshire" / "2018-19"), "-o", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    section = text.split("### Partnerships we work with\n\n", 1)[1].split("\n\n", 1)[0]
    assert section.splitlines()[1:] == [
        f"- Partnership Board; Testshire Safeguarding Board: {sentence}",
        "- Testshire Safeguarding Adults Board",
    ]


def test_a_plan_with_no_relationships_has_no_such_section(tree):
    out = tree.root / "plan.md"
    assert run("render", str(tree.write() / "2018-19"), "-o", str(out)).returncode == 0
    assert "Partnerships we work with" not in out.read_text(encoding="utf-8")
