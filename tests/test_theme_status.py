"""A theme's status: its measures rolled up by the partnership's rule (worst, majority,
count), overrides, red only when worsening, C016, --compare-published for themes, and the
performance report's theme status and key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import SHIPPED, PlanTree, run

import cspplan
from cspplan.status.assess import YearStatus, assess_year
from cspplan.status.bands import Band

THEME = "2017-18/themes/domestic-abuse.yaml"

FIGURES = {
    # name: (Q1, Q2) against "at least 50%", tolerance 2 points
    "green": (48, 55),  # met
    "amber": (50, 49),  # 1 point short, within the tolerance
    "red-improving": (30, 40),  # 10 short, up 10 points
    "red-worsening": (45, 40),  # 10 short, down 5 points
}


def _indicator(name: str, figures: tuple[float, float] | None) -> dict[str, Any]:
    series = []
    for quarter, value in zip(("Q1 2017/18", "Q2 2017/18"), figures or (), strict=False):
        series.append({"period": quarter, "value": value, "reported_in": ["2017/18"]})
    indicator: dict[str, Any] = {
        "name": f"Measure {name}",
        "unit": "percentage",
        "polarity": "higher_is_better",
    }
    if series:
        indicator["series"] = series
    return indicator


def theme_plan(
    tree: PlanTree,
    measures: list[str],
    *,
    rules: dict[str, Any] | None = None,
    published: dict[str, Any] | None = None,
    **theme: Any,
) -> Path:
    """The 2017/18 plan with one theme whose measures are those named (keys of FIGURES, or
    'no-data': a target and no figure, or 'monitoring': no target)."""
    for name in ("2018-19/plan.yaml", "2018-19/themes/domestic-abuse.yaml"):
        del tree.files[name]
    for name in ("indicators/repeat-victims.yaml", "indicators/referrals.yaml"):
        del tree.files[name]
    rows = []
    for name in measures:
        tree.files[f"indicators/{name}.yaml"] = _indicator(name, FIGURES.get(name))
        row: dict[str, Any] = {"indicator": name, "wording": f"Measure {name}"}
        if name != "monitoring":
            row["target"] = {"kind": "at_least", "value": 50}
        if name in FIGURES:
            row["latest"] = "Q2 2017/18"
        rows.append(row)
    tree[THEME]["indicators"] = rows
    tree[THEME].update(theme)
    if published is not None:
        tree[THEME]["published"] = published
    if rules is not None:
        tree["partnership.yaml"]["status_rules"] = rules
    return tree.write()


def assessed(folder: Path, *, as_published: bool = False) -> YearStatus:
    workspace = cspplan.load(folder)
    assert workspace.exit_code() == 0, [str(issue) for issue in workspace.issues]
    csp = workspace.partnerships[0]
    year = next(year for year in csp.years if year.label == "2017/18")
    return assess_year(csp, year, as_published=as_published)


def theme_of(folder: Path):
    year = assessed(folder)
    assert len(year.themes) == 1
    return year.themes[0]


# -- the rules ------------------------------------------------------------------------------------


def test_worst_names_the_worst_measure(tree):
    folder = theme_plan(tree, ["green", "amber", "no-data"], rules={"theme_status": "worst"})
    status = theme_of(folder)
    assert status.band is Band.AMBER
    assert status.reason == "worst of 2 measures: Measure amber is amber; not counted: 1 no data"
    assert [d.indicator.id for d in status.drivers] == ["amber"]


def test_worst_with_two_at_the_worst(tree):
    folder = theme_plan(
        tree, ["green", "red-improving", "red-worsening"], rules={"theme_status": "worst"}
    )
    status = theme_of(folder)
    assert status.band is Band.RED
    assert status.reason == (
        "worst of 3 measures: Measure red-improving and Measure red-worsening are red"
    )


def test_majority_takes_the_most_common_band(tree):
    folder = theme_plan(
        tree, ["green", "red-improving", "red-worsening"], rules={"theme_status": "majority"}
    )
    status = theme_of(folder)
    assert status.band is Band.RED
    assert status.reason.startswith("majority of 3 measures (2 red, 1 green): red")


def test_majority_tie_goes_to_the_worse(tree):
    folder = theme_plan(tree, ["green", "amber"], rules={"theme_status": "majority"})
    status = theme_of(folder)
    assert status.band is Band.AMBER
    assert status.reason == (
        "majority of 2 measures (1 amber, 1 green): a tie between amber and green, so the "
        "worse, amber"
    )


@pytest.mark.parametrize(
    ("counts", "band", "head"),
    [
        (
            {"red": 2, "amber": 2},
            Band.AMBER,
            "2 of 3 measures red or amber: amber under the count rule",
        ),
        ({"red": 1, "amber": 2}, Band.RED, "1 of 3 measures red: red under the count rule"),
        (
            {"red": 3, "amber": 3},
            Band.GREEN,
            "2 of 3 measures red or amber: green under the count rule",
        ),
    ],
)
def test_count_rule(tree, counts, band, head):
    rules = {"theme_status": "count", "theme_status_counts": counts}
    folder = theme_plan(tree, ["green", "amber", "red-worsening"], rules=rules)
    status = theme_of(folder)
    assert status.band is band
    assert status.reason.startswith(head), status.reason


def test_a_theme_with_no_judged_measure_is_no_data(tree):
    folder = theme_plan(tree, ["no-data", "monitoring"], rules={"theme_status": "worst"})
    status = theme_of(folder)
    assert status.band is Band.NO_DATA
    assert status.reason == (
        "none of its 2 measures is judged (1 no data, 1 monitoring): nothing to roll up"
    )


def test_a_theme_override_replaces_the_computed_status_and_keeps_it(tree):
    override = {"status": "green", "reason": "the panel accepted the recovery plan"}
    folder = theme_plan(tree, ["amber"], rules={"theme_status": "worst"}, override=override)
    status = theme_of(folder)
    assert status.band is Band.GREEN
    assert status.computed.band is Band.AMBER
    assert status.reason == (
        "set by the partnership: the panel accepted the recovery plan "
        "(computed: worst of 1 measure: Measure amber is amber)"
    )


def test_no_rule_no_published_no_theme_statuses(tree):
    folder = theme_plan(tree, ["green", "amber"])
    assert assessed(folder).themes == []


def test_a_published_theme_status_alone_is_shown_but_not_compared(tree):
    folder = theme_plan(tree, ["green"], published={"status": "green"})
    status = theme_of(folder)
    assert status.rule is None
    result = run("status", str(folder), "--compare-published")
    assert "Themes: 1 published, none compared" in result.stdout
    text = run("status", str(folder), "--format", "markdown").stdout
    assert "| Domestic abuse | not rolled up | green | Not rolled up: partnership.yaml" in text


# -- red only when worsening ----------------------------------------------------------------------


def _measure_statuses(tree, rules):
    folder = theme_plan(tree, ["red-improving", "red-worsening"], rules=rules)
    return {status.indicator.id: status for status in assessed(folder).measures}


def test_red_requires_worsening_turns_an_improving_red_amber(tree):
    statuses = _measure_statuses(tree, {"red_requires_worsening": True})
    improving = statuses["red-improving"]
    assert improving.band is Band.AMBER
    assert improving.reason.endswith(
        "10 points short, tolerance 2 points, but not worsening (improving): red only when "
        "below target and worsening (the partnership's rule)"
    ), improving.reason
    worsening = statuses["red-worsening"]
    assert worsening.band is Band.RED
    assert "not worsening" not in worsening.reason


def test_without_the_rule_both_stay_red(tree):
    statuses = _measure_statuses(tree, {})
    assert {s.band for s in statuses.values()} == {Band.RED}


def test_the_rule_feeds_the_theme_roll_up(tree):
    rules = {"theme_status": "worst", "red_requires_worsening": True}
    folder = theme_plan(tree, ["green", "red-improving"], rules=rules)
    assert theme_of(folder).band is Band.AMBER


# -- C016 -------------------------------------------------------------------------------------------


def test_c016_an_unknown_rule_is_located_and_lists_the_known_ones(tree):
    folder = theme_plan(tree, ["green"], rules={"theme_status": "average"})
    result = run("validate", str(folder))
    assert result.returncode == 1
    assert (
        "partnership.yaml:23:17: C016 error status_rules.theme_status: no theme status rule "
        "called 'average'; the known rules are worst, majority, count"
    ) in result.stdout, result.stdout


def test_c016_count_without_its_counts(tree):
    folder = theme_plan(tree, ["green"], rules={"theme_status": "count"})
    result = run("validate", str(folder))
    assert result.returncode == 1
    assert (
        "C016 error status_rules.theme_status: the count rule needs "
        "status_rules.theme_status_counts: {red: N, amber: M}"
    ) in result.stdout, result.stdout


def test_a_known_rule_is_clean(tree):
    rules = {"theme_status": "count", "theme_status_counts": {"red": 1, "amber": 1}}
    folder = theme_plan(tree, ["green"], rules=rules)
    result = run("validate", str(folder))
    assert result.returncode == 0, result.stdout
    assert "C016" not in result.stdout


def test_bad_counts_are_a_located_schema_error(tree):
    rules = {"theme_status": "count", "theme_status_counts": {"red": 0, "amber": 1}}
    folder = theme_plan(tree, ["green"], rules=rules)
    result = run("validate", str(folder))
    assert result.returncode == 1
    assert "status_rules.theme_status_counts.red" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# -- --compare-published ----------------------------------------------------------------------------


def _two_themes(tree: PlanTree) -> Path:
    """Two themes under the worst rule: one published as computed (amber), one published
    green while its red measure makes it red."""
    theme_plan(
        tree,
        ["green", "amber"],
        rules={"theme_status": "worst"},
        published={"status": "amber", "label": "AMBER"},
    )
    tree.files["indicators/red-worsening.yaml"] = _indicator(
        "red-worsening", FIGURES["red-worsening"]
    )
    tree.files["2017-18/themes/asb.yaml"] = {
        "title": "Anti-social behaviour",
        "published": {"status": "green", "label": "GREEN – on track"},
        "indicators": [
            {
                "indicator": "red-worsening",
                "wording": "Measure red-worsening",
                "latest": "Q2 2017/18",
                "target": {"kind": "at_least", "value": 50},
            }
        ],
    }
    tree["2017-18/plan.yaml"]["themes"] = ["domestic-abuse", "asb"]
    return tree.write()


def test_compare_published_counts_and_explains_themes(tree):
    folder = _two_themes(tree)
    result = run("status", str(folder), "--compare-published")
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())
    assert "Themes: 1 of 2 agree with their published statuses (50%)" in out
    assert (
        "Anti-social behaviour: published GREEN – on track, computed Red: worst of 1 measure: "
        "Measure red-worsening is red." in out
    )


def test_compare_published_json_and_markdown(tree):
    folder = _two_themes(tree)
    data = json.loads(run("status", str(folder), "--compare-published", "--format", "json").stdout)
    plan = data["plans"][0]
    assert plan["comparison"]["themes"] == {"agree": 1, "compared": 2}
    asb = next(row for row in plan["themes"] if row["theme"] == "asb")
    assert (asb["status"], asb["published_status"], asb["status_agrees"]) == ("red", "green", False)
    assert asb["drivers"] == ["red-worsening"]
    text = run("status", str(folder), "--compare-published", "--format", "markdown").stdout
    assert "Themes: 1 of 2 agree" in text
    assert "#### Why the themes differ" in text
    assert "| Anti-social behaviour | GREEN – on track | Red | **no** |" in text


def test_status_lists_theme_statuses_and_csv_carries_them(tree):
    folder = _two_themes(tree)
    text = run("status", str(folder), "--format", "markdown").stdout
    assert "### Status by theme" in text
    assert (
        "| Domestic abuse | Amber | AMBER | Worst of 2 measures: Measure amber is amber |" in text
    )
    csv = run("status", str(folder), "--format", "csv").stdout
    header = csv.splitlines()[0].split(",")
    assert header[-2:] == ["theme_status", "theme_status_reason"]


# -- documents -------------------------------------------------------------------------------------


def test_performance_report_prints_theme_status_and_key(tree, charts_not_drawn):
    folder = _two_themes(tree)
    tree["partnership.yaml"]["status_rules"]["definitions"] = {
        "green": "Green – on or better than target",
        "amber": "Amber – just below target",
        "red": "Red – below target and worsening",
    }
    tree.write()
    out = tree.root / "report.md"
    result = run("render", str(folder / "2017-18"), "--document", "performance", "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "## What the statuses mean" in text
    assert "| Red | Red – below target and worsening |" in text
    assert (
        "Status: **Red** (published: GREEN – on track) — worst of 1 measure: Measure "
        "red-worsening is red." in text
    )
    # the summary table leads with each theme's status and the one it published
    assert "| Theme | Theme status | Published status | Red | Amber |" in text
    assert "| Anti-social behaviour | Red | GREEN – on track | 1 |" in text
    docx = tree.root / "report.docx"
    result = run(
        "render",
        str(folder / "2017-18"),
        "--document",
        "performance",
        "--format",
        "docx",
        "-o",
        str(docx),
    )
    assert result.returncode == 0, result.stderr
    from docx import Document
    from docx.oxml.ns import qn

    from cspplan.status.bands import SHADES

    document = Document(str(docx))
    line = next(p for p in document.paragraphs if p.text.startswith("Status: Red "))
    assert line.text.startswith("Status: Red (published: GREEN – on track) — worst of 1")
    word = next(run for run in line.runs if run.text == "Red")
    shading = word._r.rPr.find(qn("w:shd"))
    assert word.bold and shading.get(qn("w:fill")) == SHADES[Band.RED]


def test_delivery_plan_prints_theme_status_even_without_measures(tree):
    folder = _two_themes(tree)
    tree.files["2017-18/themes/asb.yaml"]["indicators"] = []
    tree.files["2017-18/themes/asb.yaml"]["override"] = {
        "status": "amber",
        "reason": "work behind schedule",
    }
    tree.write()
    out = tree.root / "plan.md"
    result = run("render", str(folder / "2017-18"), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert (
        "Theme status (computed as at 2017/18): **Amber** (published: GREEN – on track) — set "
        "by the partnership: work behind schedule (computed: no measures to roll up)."
    ) in text


def test_plans_that_rate_no_themes_have_no_theme_statuses():
    """Cornwall and the City of London publish no theme statuses and name no rule (Norfolk
    does both)."""
    workspace = cspplan.load(SHIPPED)
    for csp in workspace.partnerships:
        if csp.partnership.status_rules.theme_status is not None:
            continue
        for year in csp.years:
            assert assess_year(csp, year).themes == []


def test_shipped_status_output_has_no_theme_columns_or_keys():
    plans = str(SHIPPED / "safer-cornwall" / "2018-19")
    data = json.loads(run("status", plans, "--compare-published", "--format", "json").stdout)
    plan = data["plans"][0]
    assert "themes" not in plan and "themes" not in plan["comparison"]
    header = run("status", plans, "--format", "csv").stdout.splitlines()[0]
    assert "theme_status" not in header
    assert "Themes:" not in run("status", plans, "--compare-published").stdout


def test_measures_of_a_theme_rated_plan_are_compared_with_their_theme(tree):
    """A plan that publishes statuses for themes only: each measure is compared with its
    theme's status under the worst rule (no worse than it agrees), and says it was."""
    folder = theme_plan(
        tree,
        ["green", "red-worsening", "monitoring"],
        rules={"theme_status": "worst"},
        published={"status": "amber", "label": "AMBER"},
    )
    year = assessed(folder, as_published=True)
    from cspplan.status.published import reconcile

    verdicts = {item.status.indicator.id: item.status_agrees for item in reconcile(year).items}
    assert verdicts == {"green": True, "red-worsening": False, "monitoring": None}
    out = " ".join(run("status", str(folder), "--compare-published").stdout.split())
    assert "agree with the computed ones for 1 of 2 measures (50%)" in out
    assert "3 measures compared with their theme's, agreeing when no worse than it" in out
    markdown = run("status", str(folder), "--compare-published", "--format", "markdown").stdout
    assert "| Measure green | AMBER (the theme's) | Green | yes |" in markdown


def test_measures_are_not_compared_through_a_rule_that_says_nothing_of_one(tree):
    folder = theme_plan(
        tree,
        ["green", "red-worsening"],
        rules={"theme_status": "majority"},
        published={"status": "amber"},
    )
    from cspplan.status.published import reconcile

    items = reconcile(assessed(folder, as_published=True)).items
    assert [item.status_agrees for item in items] == [None, None]
