"""`cspplan status` as a user meets it, on the shipped plans and on broken ones."""

from __future__ import annotations

import csv
import io
import json

import pytest
from tests.conftest import REPO, SHIPPED, run

from cspplan.model.plan import Rating

CORNWALL = SHIPPED / "safer-cornwall"
MEASURES = {
    ("safer-cornwall", "2017/18"): 42,
    ("safer-cornwall", "2018/19"): 39,
    ("norfolk-ccsp", "2013/14"): 19,
}


@pytest.fixture(scope="module")
def shipped_json() -> dict:
    result = run("status", "--format", "json", cwd=REPO)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_shipped_indicator_has_status_direction_and_reason(shipped_json):
    plans = {(p["partnership"], p["plan_year"]): p for p in shipped_json["plans"]}
    assert set(plans) == {
        ("safer-cornwall", "2017/18"),
        ("safer-cornwall", "2018/19"),
        ("city-of-london", "2017/18"),
        ("norfolk-ccsp", "2013/14"),
    }
    for key, expected in MEASURES.items():
        measures = plans[key]["measures"]
        assert len(measures) == expected
        for measure in measures:
            assert measure["status"] in {
                "green",
                "amber",
                "red",
                "monitoring",
                "no_data",
                "cannot_assess",
            }
            assert measure["reason"] and measure["direction_reason"]
            assert measure["trend"]
    assert plans[("city-of-london", "2017/18")]["measures"] == []
    labels = {m["status_label"] for m in plans[("safer-cornwall", "2018/19")]["measures"]}
    assert {"Successful", "Close to target", "Needs improving", "Monitoring"} <= labels


def test_summary_counts_add_up(shipped_json):
    for plan in shipped_json["plans"]:
        whole = plan["summary"]["whole_plan"]
        assert sum(whole.values()) == len(plan["measures"])
        for band, count in whole.items():
            assert count == sum(theme["counts"][band] for theme in plan["summary"]["themes"])
        flagged = [m["indicator"] for m in plan["measures"] if m["needs_attention"]]
        assert sorted(flagged) == sorted(plan["summary"]["needs_attention"])


def test_a_computed_status_on_the_real_plan(shipped_json):
    plan = next(p for p in shipped_json["plans"] if p["plan_year"] == "2018/19")
    survey = next(
        m for m in plan["measures"] if m["indicator"] == "residents-survey-dealing-with-issues"
    )
    assert survey["status"] == "no_data"  # the 2017 survey is the target's baseline
    assert survey["reason"] == (
        "no figure after the 2017 survey baseline at or before 2018/19: the latest, 43% "
        "(2017 survey), is the baseline itself"
    )
    assert (survey["movement"], survey["trend"]) == ("down", "worsening")


def test_compare_published_on_cornwall_2018_19():
    """The README's reconciliation: these figures and these three disagreements."""
    result = run("status", str(CORNWALL / "2018-19"), "--compare-published", "--format", "json")
    assert result.returncode == 0, result.stderr
    (plan,) = json.loads(result.stdout)["plans"]
    assert plan["comparison"]["status"] == {"agree": 35, "compared": 39}
    disagreements = {
        m["indicator"]: (m["published_status"], m["status"])
        for m in plan["measures"]
        if m["status_agrees"] is False
    }
    assert disagreements == {
        "da-crimes-offender-outcome": ("red", "cannot_assess"),
        "drug-related-deaths": ("red", "monitoring"),
        "fatal-road-collisions": ("green", "amber"),
        "residents-survey-dealing-with-issues": ("red", "no_data"),
    }
    text = run("status", str(CORNWALL / "2018-19"), "--compare-published").stdout
    line = next(line for line in text.splitlines() if line.startswith("Published statuses"))
    assert "for 35 of 39 measures (90%)" in line
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert line in readme  # the README quotes the real figures
    for name in (
        "Drug related deaths",
        "Fatal traffic collisions",
        "achieving an offender outcome",
        "Residents who agree that the Police and Council",
    ):
        assert f"| {name}" in readme or name in readme


def test_published_statuses_are_all_known_ratings():
    result = run("status", str(CORNWALL), "--compare-published", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == sum(n for (csp, _), n in MEASURES.items() if csp == "safer-cornwall")
    assert {row["published_status"] for row in rows} <= {r.value for r in Rating} | {""}


def test_csv_has_one_row_per_measure():
    result = run("status", str(CORNWALL / "2018-19"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 39
    assert {"indicator", "status", "reason", "movement", "trend", "latest_value"} <= set(rows[0])
    crime = next(r for r in rows if r["indicator"] == "all-recorded-crime-rate")
    assert (crime["latest_period"], crime["latest_value"], crime["status"]) == (
        "12 months to Nov 2017",
        "50.3",
        "amber",
    )


def test_markdown_has_headings_and_tables():
    text = run("status", str(CORNWALL / "2018-19"), "--format", "markdown").stdout
    assert text.startswith("## Safer Cornwall 2018/19: status as at 2018/19\n")
    assert "### Summary" in text and "### Needs attention" in text
    assert "| Indicator | Latest | Target | Status | Direction | Reason |" in text
    assert "| Theme | Needs improving | Close to target | Successful |" in text
    assert "### Road casualty reduction" in text


def test_text_shows_status_in_words_without_colour_when_asked():
    result = run("status", str(CORNWALL / "2018-19"))
    assert result.returncode == 0
    assert "\x1b[" not in result.stdout
    for words in (
        "Needs improving",
        "Close to target",
        "Successful",
        "Summary by theme",
        "Needs attention",
    ):
        assert words in result.stdout
    assert "↑ worsening" in result.stdout


def test_labels_option_switches_words_not_bands():
    rag = run("status", str(CORNWALL / "2018-19"), "--labels", "rag", "--format", "json")
    cornwall = run("status", str(CORNWALL / "2018-19"), "--format", "json")
    rag_plan, own_plan = (json.loads(r.stdout)["plans"][0] for r in (rag, cornwall))
    assert [m["status"] for m in rag_plan["measures"]] == [
        m["status"] for m in own_plan["measures"]
    ]
    assert {m["status_label"] for m in rag_plan["measures"]} <= {
        "Green",
        "Amber",
        "Red",
        "Monitoring",
        "No data",
        "Cannot assess",
    }


def test_as_of_recomputes_with_earlier_data():
    result = run("status", str(CORNWALL / "2017-18"), "--as-of", "Q2 2017/18", "--format", "json")
    (plan,) = json.loads(result.stdout)["plans"]
    assert plan["as_of"] == "Q2 2017/18"
    measures = {m["indicator"]: m for m in plan["measures"]}
    asb = measures["asb-no-further-asb"]  # the Q3 2017/18 figure is after the as-of period
    assert (asb["latest_period"], asb["latest_value"]) == ("2015/16", 80.0)
    treatment = measures["alcohol-treatment-numbers"]
    assert treatment["latest_period"] == "2015/16"


def test_bad_as_of_is_a_usage_error():
    result = run("status", str(CORNWALL), "--as-of", "Q5 2018/19")
    assert result.returncode == 2
    assert "Invalid value for '--as-of'" in result.stderr and "Q5" in result.stderr
    assert "Traceback" not in result.stderr


def test_plans_with_errors_are_not_assessed(tree):
    tree["indicators/repeat-victims.yaml"]["unit"] = "percent"
    result = run("status", str(tree.write()))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "S00" in result.stderr and "repeat-victims.yaml" in result.stderr
    assert "nothing was assessed" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_exits_2(tmp_path):
    result = run("status", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert "F001" in result.stderr


def test_output_file_is_written_whole(tmp_path):
    target = tmp_path / "status.csv"
    result = run("status", str(CORNWALL / "2018-19"), "--format", "csv", "-o", str(target))
    assert result.returncode == 0 and result.stdout == ""
    assert len(list(csv.DictReader(target.open(encoding="utf-8")))) == 39
    text = tmp_path / "status.txt"
    run("status", str(CORNWALL / "2018-19"), "-o", str(text))
    assert "Summary by theme" in text.read_text(encoding="utf-8")


def test_unwritable_output_is_a_message(tmp_path):
    result = run("status", str(CORNWALL), "-o", str(tmp_path / "missing" / "out.json"))
    assert result.returncode == 2
    assert f"the folder {tmp_path / 'missing'} does not exist" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "missing").exists()


def test_fixture_partnership_status(tree):
    result = run("status", str(tree.write()), "--format", "json")
    plans = json.loads(result.stdout)["plans"]
    assert [p["plan_year"] for p in plans] == ["2017/18", "2018/19"]
    latest = plans[1]["measures"][0]
    assert (latest["latest_period"], latest["latest_value"], latest["status"]) == (
        "Q3 2017/18",
        27.0,
        "amber",
    )
    assert latest["reason"].endswith("1 point below the range, within the tolerance of 2 points")
