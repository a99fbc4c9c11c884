"""Review trackers (`reviews/<id>.yaml`): loaded as their own file kind, checked (R016-R017,
C021-C024), judged by status, rendered as a panel reads them, compared by diff and added to
by `record-review`."""

from __future__ import annotations

import copy
from pathlib import Path

from tests.conftest import expected_position, only, run_validate

import cspplan

REVIEW = "reviews/testshire-dhr-2017.yaml"

BASE_REVIEW: dict = {
    "title": "Domestic Homicide Review: Adult A",
    "kind": "domestic_homicide_review",
    "commissioned_by": "board",
    "author": "An Independent Chair",
    "dates": {"completed": {"printed": "21st June 2017", "read": "2017-06-21"}},
    "as_at": {"printed": "13 November 2017", "read": "2017-11-13"},
    "printed_counts": {"recommendations": 3},
    "recommendations": [
        {
            "id": "rec-1",
            "number": "1",
            "text": "That the council trains its staff.",
            "scope": ["county"],
            "actions": [
                {
                    "text": "Multi-agency training.",
                    "lead_agencies": [{"printed": "Testshire Council", "organisation": "council"}],
                    "milestones": [
                        {
                            "text": "Course written.",
                            "due": {"printed": "Dec 17", "read": "Dec 2017"},
                        }
                    ],
                    "target_dates": [{"printed": "April 2018", "read": "Apr 2018"}],
                    "outcome": {"text": "Staff recognise abuse."},
                }
            ],
            "updates": [{"on": "2017-10-02", "text": "Course drafted.", "status": "in_progress"}],
        },
        {
            "id": "rec-2",
            "number": "2",
            "text": "That firearms applications are checked.",
            "scope": ["national", "county"],
            "actions": [
                {
                    "text": "Check applications.",
                    "lead_agencies": [{"printed": "Police"}],
                    "target_dates": [{"printed": "July '17", "read": "Jul 2017"}],
                }
            ],
        },
        {
            "id": "rec-3",
            "number": None,
            "number_note": "lost in extraction",
            "text": "helplines are signposted.",
            "scope": [],
            "status": "complete",
            "completed": {"printed": "Sept 2017", "read": "Sep 2017"},
            "evidence": "Leaflets issued.",
        },
    ],
}


def _with_review(tree, change=None) -> Path:
    review = copy.deepcopy(BASE_REVIEW)
    if change:
        change(review)
    tree.files[REVIEW] = review
    return tree.write()


def _rec(review: dict, index: int) -> dict:
    return review["recommendations"][index]


# -- loading ----------------------------------------------------------------------------------


def test_a_review_file_loads_onto_the_partnership_with_its_id_from_the_file_name(tree):
    folder = _with_review(tree)
    workspace = cspplan.load(folder)
    assert [(i.code, i.field_path) for i in workspace.issues] == [
        ("C021", "recommendations[1].actions[0].target_dates[0]")
    ]
    (loaded,) = workspace.partnerships[0].reviews
    assert (
        loaded.review.id == "testshire-dhr-2017" and loaded.file.name == "testshire-dhr-2017.yaml"
    )
    assert [rec.id for rec in loaded.review.recommendations] == ["rec-1", "rec-2", "rec-3"]
    assert str(loaded.review.recommendations[0].due()) == "Apr 2018"


def test_a_schema_error_in_a_review_file_is_located(tree):
    folder = _with_review(tree, lambda r: _rec(r, 0).update(scope=["county", "parish"]))
    issue = only(run_validate(folder), "S004")
    assert issue.file.as_posix().endswith(REVIEW)
    assert issue.field_path == "recommendations[0].scope[1]" and "'parish'" in issue.message
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


def test_an_id_that_differs_from_the_file_name_is_refused(tree):
    folder = _with_review(tree, lambda r: r.update(id="another-review"))
    issue = only(run_validate(folder), "S007")
    assert issue.file.as_posix().endswith(REVIEW)


def test_validating_the_review_file_alone_reports_it_in_its_partnership(tree):
    folder = _with_review(tree, lambda r: r.update(commissioned_by="bord"))
    report = run_validate(folder / REVIEW)
    issue = only(report, "R017")
    assert issue.file.as_posix().endswith(REVIEW) and issue.field_path == "commissioned_by"
    assert "did you mean 'board'?" in issue.hint


# -- checks -----------------------------------------------------------------------------------


def test_r016_an_unknown_lead_agency_suggests_a_partnership_organisation(tree):
    def change(review):
        _rec(review, 0)["actions"][0]["lead_agencies"][0]["organisation"] = "counci"

    folder = _with_review(tree, change)
    issue = only(run_validate(folder), "R016")
    assert issue.field_path == "recommendations[0].actions[0].lead_agencies[0].organisation"
    assert issue.message == (
        "lead agency 'Testshire Council' names 'counci', which is neither an organisation "
        "nor a governance body in partnership.yaml"
    )
    assert issue.hint == "did you mean 'council'?"
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


def test_r017_an_unknown_implementation_group(tree):
    folder = _with_review(tree, lambda r: r.update(implementation_group="sub-group"))
    issue = only(run_validate(folder), "R017")
    assert issue.field_path == "implementation_group" and "'sub-group'" in issue.message
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


def test_c021_overdue_as_at_the_trackers_date_and_not_once_complete(tree):
    folder = _with_review(tree)
    issue = only(run_validate(folder), "C021")
    assert issue.message == (
        "Recommendation 2 was due 'July '17' and is not complete as at 2017-11-13"
    )
    assert issue.severity.value == "warning"
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)

    def done(review):
        _rec(review, 1).update(
            status="complete",
            completed={"printed": "Aug 2017", "read": "Aug 2017"},
            evidence="Checked.",
        )

    assert run_validate(_with_review(tree, done)).issues == []


def test_c021_the_as_at_moves_what_is_overdue(tree):
    folder = _with_review(
        tree, lambda r: r.update(as_at={"printed": "June 2017", "read": "Jun 2017"})
    )
    assert run_validate(folder).issues == []


def test_c022_complete_without_evidence_or_date(tree):
    def change(review):
        del _rec(review, 2)["evidence"]
        del _rec(review, 2)["completed"]

    issue = only(run_validate(_with_review(tree, change)), "C022")
    assert issue.message == (
        "Recommendation 'rec-3' is marked complete but has no completion date or evidence"
    )
    assert issue.field_path == "recommendations[2].status"
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


def test_c023_an_outcome_dated_before_its_own_milestone(tree):
    def change(review):
        _rec(review, 0)["actions"][0]["outcome"]["date"] = {
            "printed": "Sept 2017",
            "read": "Sep 2017",
        }

    issue = only(run_validate(_with_review(tree, change)), "C023")
    assert issue.field_path == "recommendations[0].actions[0].outcome.date"
    assert issue.message == (
        "Recommendation 1: the outcome is dated 'Sept 2017', before milestone 1 "
        "('Course written.') due 'Dec 17'"
    )
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


def test_c023_a_milestone_after_the_target_date(tree):
    def change(review):
        _rec(review, 0)["actions"][0]["milestones"][0]["due"] = {
            "printed": "May 18",
            "read": "May 2018",
        }

    issue = only(run_validate(_with_review(tree, change)), "C023")
    assert issue.field_path == "recommendations[0].actions[0].milestones[0].due"
    assert "after the action's target date 'April 2018'" in issue.message


def test_c024_two_recommendations_with_one_id(tree):
    issue = only(run_validate(_with_review(tree, lambda r: _rec(r, 2).update(id="rec-1"))), "C024")
    assert issue.field_path == "recommendations[2].id" and "'rec-1'" in issue.message
    assert issue.severity.value == "error"
