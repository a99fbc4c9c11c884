"""Every reference (R) and semantic (C) check: triggered by one small change, located precisely."""

from __future__ import annotations

import pytest
from tests.conftest import codes, expected_position, only, run_validate

from cspplan.catalogue import all_issue_types
from cspplan.config import Config
from cspplan.issues import Severity


def test_the_fixture_is_clean(tree):
    report = run_validate(tree.write())
    assert report.issues == []
    assert report.exit_code() == 0
    assert report.files == 7


def _located(issue, file_suffix: str, path: str):
    assert issue.file is not None and issue.file.as_posix().endswith(file_suffix), issue.file
    assert issue.field_path == path
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


# -- references ---------------------------------------------------------------------------------


def test_unknown_organisation_in_a_lead(tree):
    tree["2017-18/themes/domestic-abuse.yaml"]["actions"][0]["lead"]["organisations"] = [
        "saftey-team"
    ]
    issue = only(run_validate(tree.write()), "R001")
    _located(issue, "2017-18/themes/domestic-abuse.yaml", "actions[0].lead.organisations[0]")
    assert "saftey-team" in issue.message
    assert issue.hint == "did you mean 'safety-team'?"


def test_unknown_organisation_as_a_parent(tree):
    tree["partnership.yaml"]["organisations"][1]["parent"] = "county"
    _located(
        only(run_validate(tree.write()), "R001"), "partnership.yaml", "organisations[1].parent"
    )


def test_unknown_person_in_a_contact(tree):
    tree["2018-19/themes/domestic-abuse.yaml"]["contacts"][0]["person"] = "alex-leed"
    issue = only(run_validate(tree.write()), "R002")
    _located(issue, "2018-19/themes/domestic-abuse.yaml", "contacts[0].person")
    assert issue.hint == "did you mean 'alex-lead'?"


def test_unknown_indicator(tree):
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"][0]["indicator"] = "repeat-victim"
    report = run_validate(tree.write())
    _located(only(report, "R003"), "2017-18/themes/domestic-abuse.yaml", "indicators[0].indicator")


def test_replaces_an_unknown_indicator(tree):
    tree["indicators/referrals.yaml"]["replaces"] = "old-referrals"
    _located(only(run_validate(tree.write()), "R003"), "indicators/referrals.yaml", "replaces")


def test_unknown_outcome(tree):
    tree["2018-19/themes/domestic-abuse.yaml"]["outcomes"] = ["less-harms"]
    _located(
        only(run_validate(tree.write()), "R004"),
        "2018-19/themes/domestic-abuse.yaml",
        "outcomes[0]",
    )


def test_unknown_lineage_target(tree):
    tree["2018-19/themes/domestic-abuse.yaml"]["actions"][0]["lineage"]["from"] = ["da-stratgy"]
    issue = only(run_validate(tree.write()), "R005")
    _located(issue, "2018-19/themes/domestic-abuse.yaml", "actions[0].lineage.from[0]")
    assert "2017/18" in issue.message


def test_dropped_item_that_never_existed(tree):
    tree["2018-19/plan.yaml"]["dropped"][0]["id"] = "trainnig"
    _located(only(run_validate(tree.write()), "R005"), "2018-19/plan.yaml", "dropped[0].id")


def test_lineage_into_a_year_not_in_the_repository_is_not_checked(tree):
    tree["2017-18/themes/domestic-abuse.yaml"]["actions"][0]["lineage"] = {
        "kind": "same_as",
        "from": ["x"],
    }
    assert "R005" not in codes(run_validate(tree.write()))


def test_duplicate_ids(tree):
    actions = tree["2017-18/themes/domestic-abuse.yaml"]["actions"]
    actions[1]["id"] = "da-strategy"
    issue = only(run_validate(tree.write()), "R006")
    _located(issue, "2017-18/themes/domestic-abuse.yaml", "actions[1].id")
    assert "action" in issue.message


def test_duplicate_person(tree):
    people = tree["partnership.yaml"]["people"]
    people.append(dict(people[0]))
    _located(only(run_validate(tree.write()), "R006"), "partnership.yaml", "people[1].id")


def test_missing_theme_file(tree):
    tree["2018-19/plan.yaml"]["themes"].append("reoffending")
    _located(only(run_validate(tree.write()), "R007"), "2018-19/plan.yaml", "themes[1]")


def test_unlisted_theme_file_is_a_warning(tree):
    tree.files["2018-19/themes/reoffending.yaml"] = {"title": "Reoffending"}
    report = run_validate(tree.write())
    issue = only(report, "R008")
    assert issue.severity is Severity.WARNING
    assert report.exit_code() == 0 and report.exit_code(strict=True) == 1


def test_unknown_governance_body(tree):
    tree["2017-18/themes/domestic-abuse.yaml"]["actions"][0]["governance"] = ["bored"]
    _located(
        only(run_validate(tree.write()), "R009"),
        "2017-18/themes/domestic-abuse.yaml",
        "actions[0].governance[0]",
    )


def test_period_not_in_series(tree):
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["latest"] = "Q4 2017/18"
    issue = only(run_validate(tree.write()), "R010")
    _located(issue, "2018-19/themes/domestic-abuse.yaml", "indicators[0].latest")
    assert "Q4 2017/18" in issue.message


def test_reported_in_a_plan_year_that_is_not_here(tree):
    tree["indicators/referrals.yaml"]["series"][0]["reported_in"] = ["2016/17"]
    issue = only(run_validate(tree.write()), "R011")
    assert issue.severity is Severity.WARNING
    _located(issue, "indicators/referrals.yaml", "series[0].reported_in[0]")


def test_duplicate_observation(tree):
    series = tree["indicators/referrals.yaml"]["series"]
    series.append(dict(series[0], value=11))
    _located(
        only(run_validate(tree.write()), "R012"), "indicators/referrals.yaml", "series[1].period"
    )


def test_unknown_linked_theme(tree):
    tree["2017-18/themes/domestic-abuse.yaml"]["actions"][1]["linked_themes"] = ["domestic"]
    issue = only(run_validate(tree.write()), "R013")
    _located(issue, "2017-18/themes/domestic-abuse.yaml", "actions[1].linked_themes[0]")
    assert issue.message == "no theme 'domestic' in this plan year's plan.yaml"


def test_unknown_area(tree):
    tree["indicators/referrals.yaml"]["series"][0]["area"] = "north"
    issue = only(run_validate(tree.write()), "R014")
    _located(issue, "indicators/referrals.yaml", "series[0].area")


# -- semantic checks ---------------------------------------------------------------------------


def test_due_after_plan_year(tree):
    parts = tree["2017-18/themes/domestic-abuse.yaml"]["actions"][1]["timescale"]["parts"]
    parts[0]["by"] = "Jun 2018"
    issue = only(run_validate(tree.write()), "C001")
    assert issue.severity is Severity.WARNING
    _located(issue, "2017-18/themes/domestic-abuse.yaml", "actions[1].timescale.parts[0].by")
    assert (
        issue.message
        == "'Training' is due Jun 2018, after the 2017/18 plan year ends (31 March 2018)"
    )


def test_milestone_after_action(tree):
    action = tree["2017-18/themes/domestic-abuse.yaml"]["actions"][1]
    action["key_actions"] = [
        {
            "text": "Book trainers",
            "due": {"text": "Jan 2018", "parts": [{"kind": "deadline", "by": "Jan 2018"}]},
        },
        {
            "text": "Train staff",
            "due": {"text": "Apr 2018", "parts": [{"kind": "deadline", "by": "Apr 2018"}]},
        },
    ]
    action["timescale"]["parts"][0]["by"] = "Feb 2018"
    issue = only(run_validate(tree.write()), "C020")
    assert issue.severity is Severity.WARNING
    _located(
        issue, "2017-18/themes/domestic-abuse.yaml", "actions[1].key_actions[1].due.parts[0].by"
    )
    assert issue.message == (
        "'Train staff' is due Apr 2018, after its action 'Training' is due to end (28 February 2018)"
    )


def test_latest_after_plan_year(tree):
    series = tree["indicators/repeat-victims.yaml"]["series"]
    series.append({"period": "Q1 2018/19", "value": 20, "reported_in": ["2017/18"]})
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"][0]["latest"] = "Q1 2018/19"
    report = run_validate(tree.write())
    found = [i for i in report.issues if i.code == "C002"]
    assert {i.field_path for i in found} == {"indicators[0].latest", "series[3].period"}


def test_percentage_out_of_range(tree):
    tree["indicators/repeat-victims.yaml"]["series"][1]["value"] = 280
    issue = only(run_validate(tree.write()), "C003")
    _located(issue, "indicators/repeat-victims.yaml", "series[1].value")
    assert "280%" in issue.message


def test_percentage_target_out_of_range(tree):
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["target"]["high"] = 140
    _located(
        only(run_validate(tree.write()), "C003"),
        "2018-19/themes/domestic-abuse.yaml",
        "indicators[0].target.high",
    )


def test_quarters_do_not_add_up(tree):
    tree["indicators/referrals.yaml"]["series"] = [
        {"period": "Q1 2017/18", "value": 10},
        {"period": "Q2 2017/18", "value": 12},
        {"period": "Q1-Q2 2017/18", "value": 23, "text": "23"},
    ]
    issue = only(run_validate(tree.write()), "C004")
    assert issue.message == (
        "the quarterly figures for Q1 to Q2 2017/18 add up to 22, but the year-to-date figure "
        "for Q1-Q2 2017/18 is 23 (typed, not printed: Q1 2017/18, Q2 2017/18)"
    )
    assert issue.severity is Severity.ERROR
    _located(issue, "indicators/referrals.yaml", "series[2].value")


def test_quarters_that_add_up_pass(tree):
    tree["indicators/referrals.yaml"]["series"] = [
        {"period": "Q1 2017/18", "value": 10},
        {"period": "Q2 2017/18", "value": 12},
        {"period": "Q1-Q2 2017/18", "value": 22},
    ]
    assert "C004" not in codes(run_validate(tree.write()))


def test_quarterly_profile_does_not_add_up(tree):
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"].append(
        {
            "indicator": "referrals",
            "wording": "Referrals",
            "target": {"kind": "quarterly_profile", "quarters": [10, 10, 10, 10], "annual": 50},
        }
    )
    tree["indicators/referrals.yaml"]["polarity"] = "higher_is_better"
    _located(
        only(run_validate(tree.write()), "C004"),
        "2017-18/themes/domestic-abuse.yaml",
        "indicators[1].target.annual",
    )


def test_profile_year_to_date_differs_from_its_quarters(tree):
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"].append(
        {
            "indicator": "referrals",
            "wording": "Referrals",
            "target": {
                "kind": "quarterly_profile",
                "quarters": [10, 10, 10, 10],
                "year_to_date": [{"period": "Q2 2017/18", "value": 21, "text": "21"}],
            },
        }
    )
    tree["indicators/referrals.yaml"]["polarity"] = "higher_is_better"
    issue = only(run_validate(tree.write()), "C015")
    assert issue.message == (
        "the profile's quarters Q1 to Q2 add up to 20, but its printed year-to-date target to "
        "Q2 2017/18 is 21 (both sides as the source printed them)"
    )
    assert issue.severity is Severity.WARNING
    _located(
        issue, "2017-18/themes/domestic-abuse.yaml", "indicators[1].target.year_to_date[0].value"
    )


def test_breakdown_does_not_add_up(tree):
    tree["partnership.yaml"]["areas"] = [{"id": "north", "name": "North"}]
    tree["indicators/referrals.yaml"]["series"].append(
        {"period": "Q1 2017/18", "area": "north", "value": 9}
    )
    issue = only(run_validate(tree.write()), "C018")
    assert issue.severity is Severity.ERROR
    _located(issue, "indicators/referrals.yaml", "series[0].value")


def test_unknown_theme_status_rule(tree):
    tree["partnership.yaml"]["status_rules"] = {"theme_status": "average"}
    issue = only(run_validate(tree.write()), "C016")
    assert issue.message == (
        "no theme status rule called 'average'; the known rules are worst, majority, count"
    )
    _located(issue, "partnership.yaml", "status_rules.theme_status")


def test_count_rule_without_its_counts(tree):
    tree["partnership.yaml"]["status_rules"] = {"theme_status": "count"}
    issue = only(run_validate(tree.write()), "C016")
    assert "needs status_rules.theme_status_counts" in issue.message


def test_cycle_year_not_advancing(tree):
    tree["2018-19/plan.yaml"]["cycle"]["year"] = 2
    issue = only(run_validate(tree.write()), "C005")
    _located(issue, "2018-19/plan.yaml", "cycle.year")
    assert issue.message.endswith("the 2017/18 plan was year 2, so year 3 was expected")


def test_target_without_polarity(tree):
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"].append(
        {
            "indicator": "referrals",
            "wording": "At least 10 referrals",
            "target": {"kind": "at_least", "value": 10},
        }
    )
    _located(
        only(run_validate(tree.write()), "C006"),
        "2017-18/themes/domestic-abuse.yaml",
        "indicators[1].target",
    )


def test_tbc_target_needs_no_polarity(tree):
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"].append(
        {"indicator": "referrals", "wording": "Referrals", "target": {"kind": "tbc", "text": "TBC"}}
    )
    assert "C006" not in codes(run_validate(tree.write()))


def test_malformed_email(tree):
    tree["2018-19/themes/domestic-abuse.yaml"]["contacts"][0]["email"] = "alex.lead@testshire"
    _located(
        only(run_validate(tree.write()), "C007"),
        "2018-19/themes/domestic-abuse.yaml",
        "contacts[0].email",
    )


def test_malformed_phone(tree):
    tree["partnership.yaml"]["people"][0]["phone"] = "01234 5678"
    _located(only(run_validate(tree.write()), "C008"), "partnership.yaml", "people[0].phone")


def test_baseline_restated(tree):
    series = tree["indicators/repeat-victims.yaml"]["series"]
    series[0]["reported_in"] = ["2017/18"]
    series.insert(1, {"period": "2016/17", "value": 31, "text": "31%", "reported_in": ["2018/19"]})
    issue = only(run_validate(tree.write()), "C009")
    assert issue.severity is Severity.WARNING
    assert (
        issue.message
        == "2016/17 was printed as 30% in the 2017/18 plan and as 31% in the 2018/19 plan"
    )


def test_lineage_cycle(tree):
    tree["2018-19/themes/domestic-abuse.yaml"]["actions"][0]["lineage"] = {
        "kind": "same_as",
        "from": ["2018/19:da-strategy"],
    }
    issue = only(run_validate(tree.write()), "C010")
    assert "2018/19 da-strategy → 2018/19 da-strategy" in issue.message


def test_indicator_replacement_cycle(tree):
    tree["indicators/referrals.yaml"]["replaces"] = "repeat-victims"
    tree["indicators/repeat-victims.yaml"]["replaces"] = "referrals"
    assert codes(run_validate(tree.write())).count("C010") == 1


def test_folder_period_mismatch(tree):
    tree["2018-19/plan.yaml"]["period"] = "2019/20"
    tree["2018-19/plan.yaml"]["cycle"]["end"] = "2019/20"
    tree["2018-19/plan.yaml"]["cycle"]["year"] = 4
    report = run_validate(tree.write())
    _located(only(report, "C011"), "2018-19/plan.yaml", "period")


def test_negative_count(tree):
    tree["indicators/referrals.yaml"]["series"][0]["value"] = -3
    _located(
        only(run_validate(tree.write()), "C012"), "indicators/referrals.yaml", "series[0].value"
    )


def test_rate_population_implausible(tree):
    """More cases in tests/test_rate_population.py."""
    tree.files["indicators/fte.yaml"] = {
        "name": "First time entrants",
        "unit": "rate",
        "rate_per": 1000,
        "population_size": 75000,
        "series": [{"period": "2011/12", "value": 723, "count": 554}],
    }
    issue = only(run_validate(tree.write()), "C019")
    assert issue.severity is Severity.WARNING
    assert issue.message.endswith("per 100,000 would fit")
    _located(issue, "indicators/fte.yaml", "series[0].value")


def test_action_cycle_year_not_advancing(tree):
    parts = tree["2018-19/themes/domestic-abuse.yaml"]["actions"][0]["timescale"]["parts"]
    parts[0]["year"] = 1
    issue = only(run_validate(tree.write()), "C013")
    assert issue.severity is Severity.WARNING
    assert issue.message.endswith("in 2017/18 it was year 1, so year 2 was expected")
    _located(issue, "2018-19/themes/domestic-abuse.yaml", "actions[0].timescale.parts[0].year")


def test_dropped_item_carried_forward(tree):
    tree["2018-19/plan.yaml"]["dropped"][0]["id"] = "da-strategy"
    _located(only(run_validate(tree.write()), "C014"), "2018-19/plan.yaml", "dropped[0].id")


# -- configuration ------------------------------------------------------------------------------


def test_a_disabled_check_is_not_reported(tree):
    tree["indicators/referrals.yaml"]["series"][0]["value"] = -3
    report = run_validate(tree.write(), config=Config(disabled={"C012"}))
    assert report.issues == []


# -- progress reports ---------------------------------------------------------------------------

PROGRESS = "2018-19/progress/2018-19-q2.yaml"


def _progress(**changes):
    report = {"theme": "domestic-abuse", "summary": "On track.", "published": {"status": "green"}}
    return {"period": "Q2 2018/19", "reports": [report], **changes}


def test_a_progress_file_is_clean(tree):
    tree.files[PROGRESS] = _progress()
    report = run_validate(tree.write())
    assert report.issues == [] and report.files == 8


def test_progress_outside_plan_year(tree):
    tree.files[PROGRESS] = _progress(period="Q2 2017/18")
    issue = only(run_validate(tree.write()), "C017")
    _located(issue, PROGRESS, "period")
    assert "Q2 2017/18" in issue.message and "2018/19" in issue.message


def test_progress_for_an_unknown_theme(tree):
    tree.files[PROGRESS] = _progress()
    tree.files[PROGRESS]["reports"][0]["theme"] = "domestic-abuses"
    issue = only(run_validate(tree.write()), "R015")
    _located(issue, PROGRESS, "reports[0].theme")
    assert issue.hint == "did you mean 'domestic-abuse'?"


def test_a_theme_reported_twice_in_one_progress_file(tree):
    tree.files[PROGRESS] = _progress()
    tree.files[PROGRESS]["reports"].append({"theme": "domestic-abuse"})
    issue = only(run_validate(tree.write()), "R006")
    _located(issue, PROGRESS, "reports[1].theme")


def test_two_progress_files_for_one_quarter(tree):
    tree.files[PROGRESS] = _progress()
    tree.files["2018-19/progress/second-q2.yaml"] = _progress()
    issue = only(run_validate(tree.write()), "R006")
    _located(issue, "2018-19/progress/second-q2.yaml", "period")
    assert "Q2 2018/19" in issue.message


def test_severity_override(tree):
    tree.files["2018-19/themes/reoffending.yaml"] = {"title": "Reoffending"}
    report = run_validate(tree.write(), config=Config(severity={"R008": Severity.ERROR}))
    assert only(report, "R008").severity is Severity.ERROR
    assert report.exit_code() == 1


# -- partnerships within partnerships: parent and linked partnerships (county_tree) -------------------------------------------------------------------------------


def test_a_county_and_its_districts_validate(county_tree):
    report = run_validate(county_tree.write())
    assert report.errors == 0 and report.warnings == 0, [i.message for i in report.issues]


def test_unknown_parent_partnership(county_tree):
    county_tree.districts[0]["partnership.yaml"]["parent"]["partnership"] = "testshir"
    issue = only(run_validate(county_tree.write()), "R023")
    _located(issue, "north-testshire/partnership.yaml", "parent.partnership")
    assert "'testshir'" in issue.message
    assert issue.hint == "did you mean 'testshire'?"
    assert issue.severity is Severity.ERROR


def test_unknown_linked_partnership(county_tree):
    county_tree.county["partnership.yaml"]["linked_partnerships"][1]["partnership"] = "south"
    issue = only(run_validate(county_tree.write()), "R023")
    _located(issue, "testshire/partnership.yaml", "linked_partnerships[1].partnership")
    # the district is now not listed back by its parent
    assert "C030" in codes(run_validate(county_tree.root))


def test_one_partnership_checked_alone_is_judged_as_in_the_whole_repository(county_tree):
    root = county_tree.write()
    assert run_validate(root / "north-testshire").issues == []
    county_tree.districts[0]["partnership.yaml"]["parent"]["partnership"] = "elsewhere"
    county_tree.write()
    only(run_validate(root / "north-testshire"), "R023")


def test_a_partnership_alone_in_its_folder_is_not_checked(tree):
    """As when diff exports one partnership from a git revision: no false error."""
    tree["partnership.yaml"]["parent"] = {"name": "Some County CSP", "partnership": "county"}
    assert run_validate(tree.write()).issues == []


def test_parent_cycle(county_tree):
    county_tree.county["partnership.yaml"]["parent"] = {
        "name": "North Testshire CSP",
        "partnership": "north-testshire",
    }
    report = run_validate(county_tree.write())
    cycles = [issue for issue in report.issues if issue.code == "C029"]
    assert sorted(issue.file.parent.name for issue in cycles) == ["north-testshire", "testshire"]
    for issue in cycles:
        _located(issue, "partnership.yaml", "parent.partnership")
    county = next(issue for issue in cycles if issue.file.parent.name == "testshire")
    assert "testshire → north-testshire → testshire" in county.message
    assert "south-testshire" not in {issue.file.parent.name for issue in cycles}


def test_a_partnership_that_is_its_own_parent(county_tree):
    county_tree.districts[1]["partnership.yaml"]["parent"]["partnership"] = "south-testshire"
    issue = only(run_validate(county_tree.write()), "C029")
    _located(issue, "south-testshire/partnership.yaml", "parent.partnership")
    assert "south-testshire → south-testshire" in issue.message


def test_parent_that_does_not_list_the_district_back(county_tree):
    del county_tree.county["partnership.yaml"]["linked_partnerships"][0]
    issue = only(run_validate(county_tree.write()), "C030")
    _located(issue, "north-testshire/partnership.yaml", "parent.partnership")
    assert issue.severity is Severity.WARNING
    assert "'testshire' does not list 'north-testshire'" in issue.message


def test_unknown_linked_governance_body(tree):
    tree["partnership.yaml"]["linked_partnerships"] = [
        {"governance": "bord", "relationship": "close links"}
    ]
    issue = only(run_validate(tree.write()), "R009")
    _located(issue, "partnership.yaml", "linked_partnerships[0].governance")
    assert issue.hint == "did you mean 'board'?"


def test_a_linked_partnership_needs_a_name_or_a_body(tree):
    tree["partnership.yaml"]["linked_partnerships"] = [{"relationship": "close links"}]
    report = run_validate(tree.write())
    assert report.errors == 1
    issue = report.issues[0]
    assert issue.file.name == "partnership.yaml"
    assert issue.field_path.startswith("linked_partnerships[0]")
    assert "a name or a governance body id" in issue.message


def _break_review(code: str):
    """A change to the test review that sets off `code` (tests/test_reviews.py has the
    located tests of each)."""

    def first_action(review):
        return review["recommendations"][0]["actions"][0]

    breaks = {
        "R016": lambda r: first_action(r)["lead_agencies"][0].update(organisation="counci"),
        "R017": lambda r: r.update(implementation_group="sub-group"),
        "C021": lambda r: None,  # recommendation 2 is overdue as at the tracker's date
        "C022": lambda r: r["recommendations"][2].pop("evidence"),
        "C023": lambda r: first_action(r)["outcome"].update(
            date={"printed": "Sept 2017", "read": "Sep 2017"}
        ),
        "C024": lambda r: r["recommendations"][2].update(id="rec-1"),
    }
    return breaks[code]


@pytest.mark.parametrize("code", ["R016", "R017", "C021", "C022", "C023", "C024"])
def test_review_checks_locate_their_issue_in_the_review_file(tree, code):
    from tests.test_reviews import REVIEW, _with_review

    report = run_validate(_with_review(tree, _break_review(code)))
    issue = next(issue for issue in report.issues if issue.code == code)
    assert issue.file.as_posix().endswith(REVIEW) and issue.line and issue.column
    assert issue.field_path.startswith(("recommendations[", "implementation_group"))


def test_the_framework_checks_are_tested_with_the_frameworks():
    """R018, R019, R020, C025 and C026 need a framework file beside the tree: their located
    tests are in test_frameworks.py."""
    import inspect

    from tests import test_frameworks

    source = inspect.getsource(test_frameworks)
    for code in ("R018", "R019", "R020", "C025", "C026"):
        assert f'"{code}"' in source


def test_every_r_and_c_code_has_a_test():
    """Each check code in the catalogue is exercised somewhere in this file."""
    import inspect
    import sys

    source = inspect.getsource(sys.modules[__name__])
    for issue_type in all_issue_types():
        if issue_type.code[0] in "RC":
            assert f'"{issue_type.code}"' in source, f"no test for {issue_type.code}"


def test_a_template_cannot_shadow_the_issue_parameters():
    import pytest

    from cspplan.issues import IssueType

    with pytest.raises(RuntimeError, match="clash"):
        IssueType("C999", "x", "X", "cannot read {path}")


# -- funding (tests/test_funding.py has the rest) -----------------------------------------------


def _funding_tree(tree, change):
    from tests.test_funding import FUNDING, _funding

    data = _funding()
    change(data)
    tree.files[FUNDING] = data
    return tree.write()


def test_funding_total_that_differs_from_its_parts(tree):
    def change(data):
        data["schedules"][0]["totals"][0]["amount"] = {"printed": "240", "value": 240}

    issue = only(run_validate(_funding_tree(tree, change)), "C027")
    _located(issue, "funding.yaml", "schedules[0].totals[0].amount")
    assert "240 £'000" in issue.message and "241 £'000" in issue.message


def test_funding_figure_printed_differently(tree):
    def change(data):
        data["schedules"][0]["totals"][0]["also_printed"] = [
            {"amount": {"printed": "£100k", "value": 100}, "where": "the text"}
        ]

    issue = only(run_validate(_funding_tree(tree, change)), "C028")
    _located(issue, "funding.yaml", "schedules[0].totals[0].also_printed[0].amount")


def test_funding_linked_to_an_unknown_action(tree):
    def change(data):
        data["schedules"][0]["lines"][0]["action"] = "da-strateg"

    issue = only(run_validate(_funding_tree(tree, change)), "R021")
    _located(issue, "funding.yaml", "schedules[0].lines[0].action")
    assert issue.hint == "did you mean 'da-strategy'?"


def test_funding_total_naming_an_unknown_part(tree):
    def change(data):
        data["schedules"][0]["totals"][0]["parts"] = ["b1", "b9"]

    issue = only(run_validate(_funding_tree(tree, change)), "R022")
    _located(issue, "funding.yaml", "schedules[0].totals[0].parts[1]")
