"""Norfolk CCSP 2013/14 (plans/norfolk-ccsp): the YAML holds what the source holds.

The expected counts come from the line-referenced worksheet
docs/transcription/norfolk-ccsp-2013-14.md (sections 1, 2.10, 3.G and 6.1), which quotes the
source shared/sources/004_a5ecdc33d2645170.txt with line numbers.

The counts read the YAML as plain data (what is written, key by key);
`test_norfolk_validates_through_the_model` holds the model to the same files. The Q2
measures and figures are counted in test_norfolk_figures.py.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from tests.conftest import SHIPPED

NORFOLK = SHIPPED / "norfolk-ccsp"
YEAR = NORFOLK / "2013-14"
THEMES = ["priority-a", "priority-b", "priority-c", "priority-d", "priority-e", "priority-f"]
ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Worksheet 2.10 (plan pages) and 3.G (Appendix 3 action plans), per priority.
PLAN_OBJECTIVES = {"a": 5, "b": 4, "c": 4, "d": 3, "e": 10, "f": 4}  # 30
PLAN_TARGETS = {"a": 3, "b": 4, "c": 7, "d": 5, "e": 3, "f": 2}  # 24
# "What was achieved" items. Achieved bullets (worksheet 2.10): A 4, B 4, C 8, D 5, E 8, F 7;
# A and C print an introduction first, kept as the first item; D's five bullets are four
# items (the first holds the strategy sentence and its two sub-bullets).
ACHIEVEMENTS = {"a": 5, "b": 4, "c": 9, "d": 4, "e": 8, "f": 7}
ACTION_PLAN_OBJECTIVES = {"a": 6, "b": 0, "c": 4, "d": 3, "e": 10, "f": 4}  # 27
KEY_ACTIONS = {"a": 14, "b": 0, "c": 17, "d": 0, "e": 14, "f": 7}  # 52
SUB_ITEMS = {"a": 0, "b": 0, "c": 24, "d": 0, "e": 0, "f": 0}  # 24
ROWS_WITH_TARGET = {"a": 5, "b": 0, "c": 0, "d": 0, "e": 9, "f": 4}  # E's nine are "TBC"

# Worksheet 1.2: "Membership of Norfolk's County CSP" (L1533-1581), in printed order.
MEMBERS = [
    "Breckland District Council",
    "Broadland District Council",
    "Great Yarmouth Borough Council",
    "King's Lynn & West Norfolk Borough Council",
    "North Norfolk District Council",
    "Norwich City Council",
    "South Norfolk District Council",
    "Norfolk Constabulary",
    "Norfolk & Suffolk Probation Trust",
    "North Norfolk Clinical Commissioning Group",
    "South Norfolk Clinical Commissioning Group",
    "West Norfolk Clinical Commissioning Group",
    "Norwich Clinical Commissioning Group",
    "Gt Yarmouth & Waveney Clinical Commissioning Group",
    "Norfolk County Council",
    "Norfolk Drug and Alcohol Action Team",
    "Norfolk Youth Offending Team",
    "Norfolk Fire Service",
    "Victim Support",
    "Office of the Police & Crime Commissioner for Norfolk",
]
WIDER_PARTNERS = {  # read from L877, which names two more than the list holds
    "Norfolk Drug and Alcohol Action Team",
    "Norfolk Youth Offending Team",
    "Victim Support",
    "Office of the Police & Crime Commissioner for Norfolk",
    "Trading Standards",
    "representation from housing Registered Providers",
}


@cache
def _load(path: Path) -> Any:
    """A plan file as plain data: the counts are of what is written, key by key (the model
    is held to the same files by `test_norfolk_validates_through_the_model`)."""
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def _partnership() -> dict[str, Any]:
    return _load(NORFOLK / "partnership.yaml")


def _plan() -> dict[str, Any]:
    return _load(YEAR / "plan.yaml")


def _theme(theme_id: str) -> dict[str, Any]:
    return _load(YEAR / "themes" / f"{theme_id}.yaml")


def _steps(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every step of a nested step list, parents first."""
    return [item for step in steps for item in (step, *_steps(step.get("steps", [])))]


def _by_letter(counts: dict[str, int], of) -> None:
    found = {theme_id[-1]: of(_theme(theme_id)) for theme_id in THEMES}
    assert found == counts


def test_the_plan_lists_the_six_priorities_in_printed_order():
    assert _plan()["themes"] == THEMES
    assert sorted(path.stem for path in (YEAR / "themes").glob("*.yaml")) == THEMES
    for theme_id in THEMES:
        theme = _theme(theme_id)
        assert theme["id"] == theme_id
        assert theme["kind"] == "priority"
        assert theme["title"].startswith(f"Priority {theme_id[-1].upper()}: ")


def test_the_four_priority_outcomes_and_what_points_at_them():
    outcomes = _plan()["outcomes"]
    assert [o["text"] for o in outcomes] == [
        "Reduce the incidence of priority crime and anti-social behaviour",
        "Protect vulnerable people, particularly young people, and people vulnerable to "
        "domestic abuse",
        "Reduce the harm caused by the misuse of drugs and alcohol",
        "Improve support to offenders to prevent them from re-offending, particularly "
        "Prolific & other Priority Offenders (PPOs).",
    ]
    ids = {o["id"] for o in outcomes}
    pointed_at = {o for theme_id in THEMES for o in _theme(theme_id)["outcomes"]}
    assert pointed_at == ids


def test_plan_pages_objectives_targets_and_achievements_per_priority():
    _by_letter(PLAN_OBJECTIVES, lambda theme: len(theme["objectives"]))
    _by_letter(PLAN_TARGETS, lambda theme: len(theme["targets"]))
    _by_letter(ACHIEVEMENTS, lambda theme: len(theme["achievements"]))
    assert sum(PLAN_OBJECTIVES.values()) == 30 and sum(PLAN_TARGETS.values()) == 24
    # D's first achievement keeps the strategy's two sub-bullets: five bullets in all.
    first = _theme("priority-d")["achievements"][0]
    assert first.count("\n- ") == 2


def test_action_plans_one_action_per_objective_row_with_their_key_actions():
    _by_letter(ACTION_PLAN_OBJECTIVES, lambda theme: len(theme.get("actions", [])))
    _by_letter(KEY_ACTIONS, lambda t: sum(len(a.get("key_actions", [])) for a in t["actions"]))
    _by_letter(
        SUB_ITEMS,
        lambda t: sum(
            len(_steps(a.get("key_actions", []))) - len(a.get("key_actions", []))
            for a in t["actions"]
        ),
    )
    _by_letter(ROWS_WITH_TARGET, lambda t: sum(1 for a in t["actions"] if a.get("target")))
    assert sum(ACTION_PLAN_OBJECTIVES.values()) == 27
    assert sum(KEY_ACTIONS.values()) == 52 and sum(SUB_ITEMS.values()) == 24
    # C's sub-items per objective (worksheet 3.G): 5, 7, 7, 5.
    c_actions = _theme("priority-c")["actions"]
    assert [len(_steps(a["key_actions"])) - len(a["key_actions"]) for a in c_actions] == [
        5,
        7,
        7,
        5,
    ]


def test_each_action_carries_its_objective_as_printed_and_no_title_of_its_own():
    for theme_id in THEMES:
        for action in _theme(theme_id).get("actions", []):
            assert action["title"] == action["objective"], action["id"]
    unnumbered = [
        action["id"]
        for theme_id in THEMES
        for action in _theme(theme_id)["actions"]
        if not re.match(r"^\d+\. ", action["objective"])
    ]
    # The source lost the number of these four rows (worksheet 3.A, 3.E, 3.F).
    assert unnumbered == [
        "a1-asb-performance-framework",
        "e2-drugs-in-licensed-premises",
        "f1-common-working-with-suffolk",
        "f4-iom-under-new-probation-arrangements",
    ]


def test_priority_b_has_no_action_plan_but_points_at_the_yot_plan():
    theme = _theme("priority-b")
    assert theme["actions"] == []
    assert [note["text"] for note in theme["notes"]] == [
        "Please see Youth Offending Team action plan: Click on link below",
        "http://www.norfolk.gov.uk/.../ncc105588",
    ]


def test_verbatim_texts_keep_the_sources_spelling_and_wording():
    a = {action["id"]: action for action in _theme("priority-a")["actions"]}
    assert [s["text"] for s in a["a3-review-opt-operations"]["key_actions"]] == [
        "Closeness to model",
        "Differences to model",
        "Good practise",
    ]
    assert a["a2-reduce-repeat-victimisation"]["objective"] == (
        "2. Reduce repeat victimisation of the most vulnerable – as measured within the "
        "performance framework shown at 3 above"
    )
    # The target cell split over L1869-1870 is joined, not reworded.
    assert "who are 'High Risk'. Police Analysts" in a["a1-asb-performance-framework"]["target"]
    assert _theme("priority-a")["targets"][2] == "(iii)Other ASB targets under development"
    e1 = _theme("priority-e")["actions"][0]
    assert e1["timescale"]["text"] == "March 2014 (reviewed annually)"
    assert e1["timescale"]["parts"] == [{"kind": "deadline", "by": "Mar 2014"}]
    c2 = _theme("priority-c")["actions"][1]
    assert c2["measures"][0] == "Increase in referrals in month following campaign"
    plan = _plan()
    assert plan["values"] == (
        "Key values are openness, honesty and an approach that encourages and welcomes challenge."
    )
    assert plan["aspiration"].startswith("We aspire to keeping Norfolk one of the safest parts")
    assert plan["purpose"].count("\n- ") == 5
    assert plan["cycle"] == {
        "name": "CCSP Plan 2013/16",
        "start": "2013/14",
        "end": "2015/16",
        "year": 1,
    }


def test_dates_are_assigned_in_printed_order_and_keep_the_printed_words():
    c1, _, c3, c4 = _theme("priority-c")["actions"]
    dhr = c1["key_actions"][1]["steps"]
    assert [(s["text"], s["due"]["text"]) for s in dhr] == [
        ("Action group established", "Jul 2013"),
        ("Action plan agreed by CCSP", "Sept 2013"),
    ]
    assert dhr[1]["due"]["parts"] == [{"kind": "deadline", "by": "Sep 2013"}]
    mapping = c3["key_actions"][0]["steps"]
    assert [s["due"]["text"] for s in mapping] == ["Sep 2014", "Dec 2013", "Mar 2014"]
    sarc_children = c3["key_actions"][2]
    assert sarc_children["due"] == {"text": "TBC"}  # no date invented
    # The Linked priorities column of C objective 4 names no priority: no linked themes.
    assert "linked_themes" not in c4
    assert "Reduction in re- offending" in c4["notes"]


def test_leads_name_the_plans_sponsor_and_lead_officer():
    people = {p["id"] for p in _partnership()["people"]}
    organisations = {o["id"] for o in _partnership()["organisations"]}
    groups = {g["id"] for g in _partnership()["governance"]}
    expected = {
        "priority-a": "Sponsor Agency: Norfolk Constabulary Lead Officer: ACC Nick Dean",
        "priority-b": "Sponsor Agency: Norfolk YOT Lead Officer: Chris Small, YOT Manager",
        "priority-c": "Sponsor Agency: Victim Support Lead Officer: Kate Biles, Divisional Mgr",
        "priority-f": "Sponsor Agency: Probation Lead Officer: Martin Graham, Chief Exec, "
        "Norfolk & Suffolk Probation Trust",
    }
    for theme_id in THEMES:
        lead = _theme(theme_id)["lead"]
        if theme_id in expected:
            assert lead["text"] == expected[theme_id]
        assert lead["people"] and set(lead["people"]) <= people
        assert set(lead.get("organisations", [])) <= organisations
        assert set(lead.get("groups", [])) <= groups
        for action in _theme(theme_id)["actions"]:
            for key, known in (("people", people), ("organisations", organisations)):
                assert set(action.get("lead", {}).get(key, [])) <= known
            assert set(action.get("lead", {}).get("groups", [])) <= groups
    # The Q2 report's different leads for C and D are kept as people too (section 7, 10-11).
    assert {"lucy-macleod", "stephanie-butcher", "kate-biles", "anne-louise-schofield"} <= people


def test_partnership_members_are_the_printed_list_with_their_membership():
    organisations = _partnership()["organisations"]
    names = [o["name"] for o in organisations if "membership" in o]
    assert names[: len(MEMBERS)] == MEMBERS
    assert {o["name"] for o in organisations if o.get("membership") == "member"} == WIDER_PARTNERS
    responsible = [o for o in organisations if o.get("membership") == "responsible_authority"]
    assert len(responsible) == 16  # 7 districts, county, police, probation, 5 CCGs, fire


def test_governance_holds_the_board_scrutiny_opts_and_linked_partnerships():
    governance = _partnership()["governance"]
    kinds: dict[str, list[str]] = {}
    for body in governance:
        kinds.setdefault(body["kind"], []).append(body["id"])
    assert kinds["board"] == ["norfolk-ccsp"]
    assert kinds["scrutiny_committee"] == [
        "community-services-overview-and-scrutiny-panel",
        "ccsp-scrutiny-sub-panel",
    ]
    opts = [body_id for body_id in kinds["operational_group"] if body_id.startswith("opt-")]
    assert len(opts) == 7  # one Operational Partnership Team per district (L1512)
    assert len(kinds["local_partnership"]) == 6  # worksheet 1.5, "local partnerships"
    assert len(kinds["linked_partnership"]) == 10  # worksheet 1.6 less the PCC (an organisation)
    ids = {body["id"] for body in governance}
    assert all(body.get("reports_to") in ids for body in governance if body.get("reports_to"))
    assert {"dasvb", "one-eighty-norfolk-steering-group"} <= ids


def test_areas_are_the_districts_and_the_breakdown_localities():
    areas = _partnership()["areas"]
    by_kind: dict[str, list[str]] = {}
    for area in areas:
        by_kind.setdefault(area["kind"], []).append(area["id"])
    assert by_kind["county"] == ["norfolk"]
    assert len(by_kind["district"]) == 7
    assert by_kind["locality"] == [
        "west",
        "east",
        "central",
        "norwich-centre",
        "great-yarmouth-centre",
        "kings-lynn-centre",
    ]
    ids = {area["id"] for area in areas}
    assert all(area["part_of"] in ids for area in areas if "part_of" in area)
    assert "Rest of Norfolk" not in {area["name"] for area in areas}  # a comparator label


def test_status_rules_hold_the_printed_rag_key():
    rules = _partnership()["status_rules"]
    assert rules["theme_status"] == "worst"
    assert rules["red_requires_worsening"] is True
    assert rules["definitions"] == {
        "green": "Green – on or better than target",
        "amber": "Amber – just below or slightly worsening target",
        "red": "Red – below target and worsening",
    }
    assert "labels" not in rules  # the printed words are cspplan's own Green/Amber/Red


def test_doubtful_readings_are_said_in_transcription_notes():
    notes = {
        "partnership": " ".join(
            note
            for item in [_partnership(), *_partnership()["people"], *_partnership()["governance"]]
            for note in item.get("transcription_notes", [])
        )
    }
    for theme_id in THEMES:
        theme = _theme(theme_id)
        notes[theme_id] = " ".join(
            [
                *theme.get("transcription_notes", []),
                *(n for a in theme["actions"] for n in a.get("transcription_notes", [])),
            ]
        )
    assert '"lan Sturgess"' in notes["partnership"]  # item 33
    assert "6th March 2011" in notes["partnership"]  # item 30
    assert "every six months" in notes["partnership"]  # item 31
    assert "item 27" in notes["priority-a"]  # "shown at 3 above"
    assert "item 21" in notes["priority-a"]  # 10%/30% over 2012/15 vs 18%/40% over 2011/16
    assert "item 29" in notes["priority-c"]  # Sep 2014 first
    assert "item 28" in notes["priority-c"]  # pairing by order
    assert "item 10" in notes["priority-c"]  # Kate Biles vs Lucy MacLeod
    assert "items 11-12" in notes["priority-d"]  # Anne-Louise Schofield vs Stephanie Butcher
    assert "item 35" in notes["priority-d"]  # between 33% 66%


def test_ids_are_lowercase_hyphen():
    def ids(items: list[dict[str, Any]]) -> list[str]:
        return [item["id"] for item in items]

    partnership = _partnership()
    every = [
        *ids(partnership["organisations"]),
        *ids(partnership["people"]),
        *ids(partnership["governance"]),
        *ids(partnership["areas"]),
        *ids(_plan()["outcomes"]),
    ]
    for theme_id in THEMES:
        theme = _theme(theme_id)
        every += ids(theme["actions"])
    assert all(ID.match(item_id) for item_id in every)
    assert len(every) == len(set(every))


SOURCE = os.environ.get("CSPPLAN_SOURCES")


@pytest.mark.skipif(not SOURCE, reason="set CSPPLAN_SOURCES to the shared/sources folder")
def test_action_plan_texts_are_copied_from_the_source():
    """Every key action, sub-item and objective occurs in the source, whitespace aside,
    except where a page break split it (those joins are named in transcription_notes)."""
    text = (Path(SOURCE) / "004_a5ecdc33d2645170.txt").read_text(encoding="utf-8")
    flat = " ".join(text.split())
    joined_across_page_breaks = {
        "Mapping of services to identify gaps and duplication",
        "Increase in referrals in month following campaign",
        "2. Prevent violence from happening in the first place by challenging the attitudes "
        "and behaviours which foster it and intervening early where possible to prevent it",
        "3. Provide adequate levels of support where violence occurs, with a focus on those "
        "at high risk of serious harm",
    }
    for theme_id in THEMES:
        theme = _theme(theme_id)
        texts = [*theme["objectives"], *theme["targets"][:1]]
        for action in theme["actions"]:
            texts += [action["objective"], *action.get("measures", [])]
            texts += [step["text"] for step in _steps(action.get("key_actions", []))]
        for item in texts:
            item = " ".join(item.split("\n- ")[0].split())
            if item not in joined_across_page_breaks:
                assert item in flat, (theme_id, item)


def test_norfolk_validates_through_the_model():
    from tests.conftest import run_validate

    report = run_validate(NORFOLK)
    assert report.errors == 0, [(i.code, str(i.file), i.message) for i in report.issues]
