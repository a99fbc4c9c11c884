"""Each kind of change the diff reports, on the small Testshire fixture.

Year pairs compare 2017/18 with 2018/19 of one copy; revision-style comparisons change a
second copy of the same files and compare the two sets, as `--rev` does.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import PlanTree, examples

import cspplan
from cspplan.diff.changes import Area, Change, describe
from cspplan.diff.compare import Side, compare
from cspplan.diff.sets import compare_sets

THEME_17 = "2017-18/themes/domestic-abuse.yaml"
THEME_18 = "2018-19/themes/domestic-abuse.yaml"
REPEAT = "indicators/repeat-victims.yaml"


def year_pair(tree: PlanTree) -> list[Change]:
    plans = cspplan.load(tree.write()).partnerships[0]
    old, new = (Side(plans, year, year.label) for year in plans.years)
    return compare(old, new).changes


def revision_pair(tmp_path: Path, edit) -> list[Change]:
    """Two copies of the fixture, the second edited by `edit(tree)`; compared as sets."""
    before, after = PlanTree(tmp_path / "before"), PlanTree(tmp_path / "after")
    edit(after)
    old = cspplan.load(before.write()).partnerships
    new = cspplan.load(after.write()).partnerships
    return [c for part in compare_sets(old, new, "before", "after") for c in part.changes]


def words(changes: list[Change], area: Area | None = None) -> list[str]:
    return [describe(c) for c in changes if area is None or c.area is area]


# -- year pairs -------------------------------------------------------------------------------


def test_year_pair_reports_the_fixture_changes(tree):
    changes = year_pair(tree)
    assert "period: 2017/18 → 2018/19" in words(changes, Area.PLAN)
    assert any(w.startswith("cycle: year 2 of") and "year 3 of" in w for w in words(changes))
    action = words(changes, Area.ACTION)
    assert (
        "timescale: 4 year rolling cycle (Year 1) → 4 year rolling cycle (2018/19 is Year 2)"
        in action
    )
    assert "removed: Training (listed as dropped: finished)" in action
    assert "latest period printed: Q2 2017/18 → Q3 2017/18" in words(changes, Area.MEASURE)


def test_a_lead_not_printed_is_not_stated_not_removed(tree):
    changes = year_pair(tree)
    (lead,) = [c for c in changes if c.field == "lead"]
    assert lead.kind == "changed" and lead.new is None
    assert describe(lead) == "lead: Community Safety Team → not stated"
    assert describe(lead.inverse()) == "lead: not stated → Community Safety Team"


def test_focus_items_description_and_evaluation(tree):
    tree[THEME_17]["actions"][0] |= {"focus": ["Refresh the strategy"], "description": "A plan."}
    tree[THEME_18]["actions"][0] |= {
        "focus": ["Refresh the strategy", "Train 200 staff"],
        "description": "A plan for four years.",
    }
    action = words(year_pair(tree), Area.ACTION)
    assert "focus added: Train 200 staff" in action
    assert not any("Refresh the strategy" in w for w in action)
    assert any(w.startswith("description edited, ") and w.endswith("% alike") for w in action)


def test_a_rename_with_no_lineage_is_probably_renamed(tree):
    action = tree[THEME_18]["actions"][0]
    action.pop("lineage")
    action |= {"id": "da-strategy-2018", "title": "Domestic Abuse Strategy 2018-22"}
    (title,) = [c for c in year_pair(tree) if c.field == "title" and c.area is Area.ACTION]
    assert (title.old_id, title.new_id) == ("da-strategy", "da-strategy-2018")
    assert describe(title).startswith("probably renamed from “Domestic Abuse Strategy” (")
    assert title.note.endswith("similar titles")


def test_recorded_lineage_wins_over_titles(tree):
    action = tree[THEME_18]["actions"][0]
    action |= {
        "id": "violence-strategy",
        "title": "Violence Against Women and Girls Strategy",
        "lineage": {"kind": "renamed_from", "from": ["da-strategy"]},
    }
    (title,) = [c for c in year_pair(tree) if c.field == "title" and c.area is Area.ACTION]
    assert title.old == "Domestic Abuse Strategy"
    assert title.note == "recorded lineage: renamed from"


def test_theme_added_renamed_and_reordered(tree):
    tree["2018-19/plan.yaml"]["themes"] = ["asb", "domestic-abuse"]
    tree.files["2018-19/themes/asb.yaml"] = {"title": "Anti-social behaviour", "actions": []}
    tree[THEME_18]["title"] = "Domestic abuse and sexual violence"
    theme = words(year_pair(tree), Area.THEME)
    assert "added: Anti-social behaviour" in theme
    assert any(
        w.startswith("title: Domestic abuse → Domestic abuse and sexual violence") for w in theme
    )
    tree["2017-18/plan.yaml"]["themes"] = ["domestic-abuse", "asb"]
    tree.files["2017-18/themes/asb.yaml"] = {"title": "Anti-social behaviour", "actions": []}
    assert (
        "order: Domestic abuse, Anti-social behaviour → Anti-social behaviour, Domestic abuse"
        " and sexual violence" in words(year_pair(tree), Area.THEME)
    )


def test_measure_target_in_words_and_computed_status(tree):
    tree[THEME_18]["indicators"][0]["target"] = {"kind": "at_most", "value": 20}
    measure = words(year_pair(tree), Area.MEASURE)
    assert "target: between 28% and 40% → at most 20%" in measure
    assert "status: Amber → Red" in measure  # 27% in Q3 2017/18: 1 point under, then 7 over
    assert "published status: GREEN → Close to target, direction down" in measure


def test_target_raised_reads_old_to_new(tree):
    tree[THEME_17]["indicators"][0]["target"] = {"kind": "at_least", "value": 40}
    tree[THEME_18]["indicators"][0]["target"] = {"kind": "at_least", "value": 80}
    assert "target: at least 40% → at least 80%" in words(year_pair(tree), Area.MEASURE)


def test_measure_added_removed_and_redefined(tree):
    tree.files["indicators/referrals-v2.yaml"] = {
        "name": "Referrals to support",
        "unit": "count",
        "polarity": "no_judgement",
        "replaces": "referrals",
    }
    tree.files["indicators/outcomes.yaml"] = {"name": "Outcomes", "unit": "count"}
    tree[THEME_17]["indicators"].append({"indicator": "referrals", "wording": "Referrals"})
    tree[THEME_18]["indicators"].append({"indicator": "referrals-v2", "wording": "Referrals"})
    tree[THEME_18]["indicators"].append({"indicator": "outcomes", "wording": "Outcomes"})
    changes = year_pair(tree)
    measure = words(changes, Area.MEASURE)
    assert "added: Outcomes" in measure
    (redefined,) = [c for c in changes if c.field == "indicator"]
    assert (redefined.old_id, redefined.new_id) == ("referrals", "referrals-v2")
    assert redefined.note == "redefined: referrals-v2 replaces referrals"
    tree[THEME_18]["indicators"].pop(1)
    assert "removed: Referrals" in words(year_pair(tree), Area.MEASURE)


def test_a_figure_printed_differently_by_the_next_plan_is_a_restatement(tree):
    tree[REPEAT]["series"][0]["reported_in"] = ["2017/18"]
    tree[REPEAT]["series"].append(
        {"period": "2016/17", "value": 31, "text": "31%", "reported_in": ["2018/19"]}
    )
    assert "figure for 2016/17 (restated): 30% → 31%" in words(year_pair(tree), Area.MEASURE)


def test_key_outcome_reworded_is_one_change_not_two(tree):
    tree["2018-19/plan.yaml"]["outcomes"][0]["text"] = "Reduce the risk of serious harm to victims"
    plan = words(year_pair(tree), Area.PLAN)
    assert [w for w in plan if w.startswith("outcome")] == [
        "outcome reworded: “Reduce the risk of serious harm” → “Reduce the risk of serious harm"
        " to victims” (84% similar wording)"
    ]


# -- two versions of the same files (what --rev compares) ---------------------------------------


def test_identical_copies_have_no_changes(tmp_path):
    assert revision_pair(tmp_path, lambda tree: None) == []


def test_new_observation_unit_and_polarity(tmp_path):
    def edit(tree):
        tree[REPEAT]["series"].append(
            {"period": "Q4 2017/18", "value": 26, "provisional": True, "reported_in": ["2018/19"]}
        )
        tree[REPEAT]["polarity"] = "lower_is_better"
        tree["indicators/referrals.yaml"]["unit"] = "rate"
        tree["indicators/referrals.yaml"]["rate_per"] = 1000

    indicator = words(revision_pair(tmp_path, edit), Area.INDICATOR)
    assert "figure for Q4 2017/18 added: 26% (provisional)" in indicator
    assert "polarity: within range → lower is better" in indicator
    assert "unit: count → rate" in indicator
    assert "rate per: not stated → 1000" in indicator


def test_a_corrected_figure_and_its_note(tmp_path):
    def edit(tree):
        tree[REPEAT]["series"][1] |= {"value": 29, "note": "corrected by the force"}

    changes = revision_pair(tmp_path, edit)
    assert words(changes) == [
        "figure for Q2 2017/18: 28% → 29%",
        "figure for Q2 2017/18: note: not stated → corrected by the force",
    ]  # Q3 2017/18 is still the latest figure, so no status moves


def test_a_new_figure_moves_the_status_of_each_plan_year(tmp_path):
    def edit(tree):
        tree[REPEAT]["series"].append(
            {"period": "Q4 2017/18", "value": 45, "reported_in": ["2018/19"]}
        )

    changes = revision_pair(tmp_path, edit)
    assert words(changes, Area.INDICATOR) == ["figure for Q4 2017/18 added: 45%"]
    assert (
        words(changes, Area.MEASURE)
        == [
            "latest figure: 27% (Q3 2017/18) → 45% (Q4 2017/18)",
            "status: Amber → Red",
        ]
        * 2
    )


def test_contacts_people_and_governance(tmp_path):
    def edit(tree):
        partnership = tree["partnership.yaml"]
        partnership["people"][0]["role"] = "Head of Community Safety"
        partnership["people"].append({"id": "sam", "name": "Sam Analyst"})
        partnership["governance"][0]["name"] = "Safer Testshire Board"
        tree[THEME_18]["contacts"].append({"person": "sam"})

    changes = revision_pair(tmp_path, edit)
    assert "role: Strategy Lead → Head of Community Safety" in words(changes, Area.PERSON)
    assert "added: Sam Analyst" in words(changes, Area.PERSON)
    assert "name: Partnership Board → Safer Testshire Board" in words(changes, Area.GOVERNANCE)
    # each theme prints the contact's role, so it changes there too: one change per person
    assert words(changes, Area.THEME) == [
        "contact: Alex Lead, Strategy Lead → Alex Lead, Head of Community Safety",
        "contact: Alex Lead, Strategy Lead → Alex Lead, Head of Community Safety",
        "contact added: Sam Analyst",
    ]


def test_a_plan_year_added(tmp_path):
    def edit(tree):
        for name in [n for n in tree.files if n.startswith("2018-19/")]:
            del tree.files[name]

    changes = revision_pair(tmp_path, edit)
    assert [describe(c) for c in changes] == [
        "removed: Delivery Plan 2018/19 (1 theme, 1 action, 1 measure)"
    ]


def test_fields_without_a_named_comparison_are_still_reported(tmp_path):
    def edit(tree):
        tree[THEME_18]["actions"][0]["tags"] = ["strategy principle: Prevent"]
        tree[THEME_18]["narrative"] = "Domestic abuse affects one in four women."
        tree["2018-19/plan.yaml"]["dropped"][0]["note"] = "finished in 2017"

    changes = revision_pair(tmp_path, edit)
    assert "tag added: strategy principle: Prevent" in words(changes, Area.ACTION)
    assert "narrative now stated" in words(changes, Area.THEME)
    assert any(w.startswith("dropped reworded:") for w in words(changes, Area.PLAN))


# -- symmetry on generated edits --------------------------------------------------------------

EDITS = {
    "retitle action": lambda t: t[THEME_18]["actions"][0].update(title="DA Strategy 2018-22"),
    "new id": lambda t: t[THEME_18]["actions"][0].update(id="da-strategy-2"),
    "drop lineage": lambda t: t[THEME_18]["actions"][0].pop("lineage"),
    "timescale": lambda t: t[THEME_18]["actions"][0].pop("timescale"),
    "lead": lambda t: t[THEME_18]["actions"][0].update(lead={"text": "Lead: Police"}),
    "focus": lambda t: t[THEME_18]["actions"][0].update(focus=["Train staff", "Audit"]),
    "target": lambda t: t[THEME_18]["indicators"][0].update(
        target={"kind": "at_least", "value": 80}
    ),
    "figure": lambda t: t[REPEAT]["series"][2].update(value=35),
    "new figure": lambda t: t[REPEAT]["series"].append(
        {"period": "Q4 2017/18", "value": 20, "reported_in": ["2018/19"]}
    ),
    "theme title": lambda t: t[THEME_17].update(title="Domestic abuse and violence"),
    "person": lambda t: t["partnership.yaml"]["people"][0].update(role="Lead officer"),
    "outcome": lambda t: t["2018-19/plan.yaml"]["outcomes"][0].update(text="Reduce serious harm"),
}


@settings(
    max_examples=examples(15),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.sets(st.sampled_from(sorted(EDITS)), min_size=1), st.integers(0, 10**9))
def test_diff_is_the_inverse_of_the_diff_the_other_way(tmp_path, chosen, salt):
    folder = tmp_path / str(salt) / "-".join(sorted(chosen)).replace(" ", "_")
    before, after = PlanTree(folder / "a"), PlanTree(folder / "b")
    for name in chosen:
        EDITS[name](after)
    old = cspplan.load(before.write()).partnerships
    new = cspplan.load(after.write()).partnerships
    forward = [c for p in compare_sets(old, new, "a", "b") for c in p.changes]
    backward = [c for p in compare_sets(new, old, "b", "a") for c in p.changes]
    assert forward, chosen
    assert Counter(c.inverse() for c in forward) == Counter(backward)
    # and for the year pair inside each copy
    for plans in (old[0], new[0]):
        x, y = (Side(plans, year, year.label) for year in plans.years)
        assert Counter(c.inverse() for c in compare(x, y).changes) == Counter(compare(y, x).changes)
