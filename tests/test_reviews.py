"""Review trackers (`reviews/<id>.yaml`): loaded as their own file kind, checked (R016-R017,
C021-C024), judged by status, rendered as a panel reads them, compared by diff and added to
by `record-review`."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest
from tests.conftest import SHIPPED, expected_position, only, run, run_validate

import cspplan
from cspplan.model.periods import parse_period

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


# -- status -----------------------------------------------------------------------------------


def _judged(tree, change=None, as_of=None):
    from cspplan.status.reviews import partnership_reviews

    csp = cspplan.load(_with_review(tree, change)).partnerships[0]
    (judged,) = partnership_reviews(csp, parse_period(as_of) if as_of else None)
    return judged


def test_each_recommendation_gets_a_state_and_a_reason_as_at_the_trackers_date(tree):
    judged = _judged(tree)
    assert str(judged.as_of) == "2017-11-13"
    assert [(item.state.value, item.reason) for item in judged.recommendations] == [
        ("on track", "updated 2 October 2017; target date ‘April 2018’, not yet passed"),
        ("overdue", "target date ‘July '17’ passed, not complete as at 13 November 2017"),
        ("complete", "completed Sept 2017"),
    ]
    assert judged.state.value == "overdue"
    assert judged.reason == "3 recommendations: 1 overdue, 1 on track, 1 complete"


def test_no_update_this_quarter_and_not_started(tree):
    def change(review):
        _rec(review, 1)["actions"][0]["target_dates"][0] = {"printed": "2019", "read": 2019}

    judged = _judged(tree, change, as_of="Q1 2018/19")
    states = [item.state.value for item in judged.recommendations]
    assert states == ["overdue", "not started or unknown", "complete"]
    judged = _judged(tree, change, as_of="2018-01-15")
    first = judged.recommendations[0]
    assert first.state.value == "no update this quarter"
    assert first.reason.startswith("last update 2 October 2017, none in Q4 2017/18")


def test_an_update_after_the_as_of_date_is_not_counted(tree):
    judged = _judged(tree, as_of="2017-09-30")
    assert judged.recommendations[0].state.value == "not started or unknown"


def test_status_prints_a_reviews_block_in_text_markdown_and_json(tree, tmp_path):
    folder = _with_review(tree)
    text = run("status", str(folder), "-o", str(tmp_path / "s.txt"))
    assert text.returncode == 0, text.stderr
    written = (tmp_path / "s.txt").read_text(encoding="utf-8")
    assert "Reviews" in written and "Domestic Homicide Review: Adult A" in written
    assert "not complete as at 13 November 2017" in written
    markdown = run("status", str(folder), "--format", "markdown").stdout
    assert "## Reviews" in markdown
    assert "| Recommendation 2 | overdue | target date ‘July '17’ passed" in markdown
    assert "| Recommendation (number lost in the source) | complete |" in markdown
    data = json.loads(
        run("status", str(folder), "--format", "json", "--as-of", "Q1 2018/19").stdout
    )
    (review,) = data["reviews"]
    assert review["as_of"] == "Q1 2018/19" and review["counts"] == {"overdue": 2, "complete": 1}
    assert [r["state"] for r in review["recommendations"]] == ["overdue", "overdue", "complete"]


def test_status_of_a_partnership_without_reviews_has_no_reviews_block(tree):
    folder = tree.write()
    assert "reviews" not in json.loads(run("status", str(folder), "--format", "json").stdout)
    assert "Reviews" not in run("status", str(folder), "--format", "markdown").stdout


# -- documents --------------------------------------------------------------------------------


def test_render_reviews_writes_the_tracker_as_a_panel_reads_it(tree, tmp_path):
    folder = _with_review(tree)
    out = tmp_path / "reviews.md"
    done = run("render", str(folder), "--document", "reviews", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Testshire Community Safety Partnership: review recommendations")
    assert "## Domestic Homicide Review: Adult A" in text
    assert "### Recommendation (number lost in the source)" in text
    assert "| Number | not printed: lost in extraction |" in text
    assert "State: **Overdue** — target date ‘July '17’ passed" in text
    assert "| Action to be taken | Lead agency | Key milestones | Target date | Outcome |" in text
    assert (
        "| Multi-agency training. | Testshire Council | Course written. (due Dec 17) "
        "| April 2018 | Staff recognise abuse. |"
    ) in text
    assert "| 2 October 2017 | Course drafted. | in progress | – |" in text
    assert "| Commissioned by | Partnership Board |" in text


def test_render_reviews_in_word_has_real_headings_and_table_headers(tree, tmp_path):
    from docx import Document as WordDocument

    folder = _with_review(tree)
    out = tmp_path / "reviews.docx"
    assert (
        run(
            "render", str(folder), "--document", "reviews", "--format", "docx", "-o", str(out)
        ).returncode
        == 0
    )
    document = WordDocument(str(out))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "Recommendation (number lost in the source)" in headings
    assert "How the recommendations stand" in headings
    headers = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    assert [
        "Action to be taken",
        "Lead agency",
        "Key milestones",
        "Target date",
        "Outcome",
    ] in headers


def test_render_reviews_for_a_partnership_without_reviews_says_so(tree, tmp_path):
    done = run("render", str(tree.write()), "--document", "reviews", "-o", str(tmp_path / "r.md"))
    assert done.returncode == 2
    assert "keeps no review trackers" in done.stderr
    assert not (tmp_path / "r.md").exists()


def test_performance_report_has_a_reviews_section_only_where_there_are_reviews(
    tree, tmp_path, charts_not_drawn
):
    from cspplan.rendering.documents import Document, render

    without = cspplan.load(tree.write()).partnerships[0]
    text = render(Document.PERFORMANCE, without, without.years[-1], word=False).main.decode()
    assert "Review recommendations" not in text
    csp = cspplan.load(_with_review(tree)).partnerships[0]
    text = render(Document.PERFORMANCE, csp, csp.years[-1], word=False).main.decode()
    section = text[text.index("## Review recommendations") :]
    assert "| Overdue | 1 |" in section and "| On track | 1 |" in section
    assert "- Recommendation 2: target date ‘July '17’ passed" in section


# -- record-review ----------------------------------------------------------------------------


def test_record_review_adds_a_dated_update_keeping_comments(tree, monkeypatch):
    folder = _with_review(tree)
    path = folder / REVIEW
    path.write_text("# kept comment\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(folder)
    done = run(
        "record-review", "testshire-dhr-2017", "2", "--on", "2017-11-20",
        "--update", "Checks made on every application.", "--status", "complete",
        "--completed", "Nov 2017", "--evidence", "Audit of 20 applications.", "--by", "Police",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Added the update of 2017-11-20 to recommendation 2" in done.stdout
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# kept comment\n")
    assert run_validate(folder).issues == []  # no longer overdue, complete with evidence
    rec = cspplan.load(folder).partnerships[0].reviews[0].review.recommendations[1]
    assert rec.status.value == "complete" and rec.evidence == "Audit of 20 applications."
    assert str(rec.completed.read) == "Nov 2017" and rec.completed.printed == "Nov 2017"
    (update,) = rec.updates
    assert (str(update.on), update.text, update.by) == (
        "2017-11-20",
        "Checks made on every application.",
        "Police",
    )


@pytest.mark.parametrize(
    ("review", "recommendation", "on", "said"),
    [
        ("testshire-dhr-2071", "2", "2017-11-20", "no review 'testshire-dhr-2071'"),
        ("testshire-dhr-2017", "rec-9", "2017-11-20", "no recommendation 'rec-9'"),
        ("testshire-dhr-2017", "2", "Nov 2017", "'Nov 2017' is not a day"),
    ],
)
def test_record_review_refuses_bad_input_and_writes_nothing(
    tree, monkeypatch, review, recommendation, on, said
):
    folder = _with_review(tree)
    before = (folder / REVIEW).read_bytes()
    monkeypatch.chdir(folder)
    done = run("record-review", review, recommendation, "--on", on, "--update", "x")
    assert done.returncode == 2 and said in done.stderr
    assert (folder / REVIEW).read_bytes() == before


def test_record_review_locates_an_unknown_recommendation(tree, monkeypatch):
    folder = _with_review(tree)
    monkeypatch.chdir(folder)
    done = run(
        "record-review", str(folder / REVIEW), "rec-9", "--on", "2017-11-20", "--update", "x"
    )
    line = (folder / REVIEW).read_text(encoding="utf-8").splitlines().index("recommendations:") + 1
    assert f"testshire-dhr-2017.yaml:{line}:1: no recommendation 'rec-9'" in done.stderr


# -- diff -------------------------------------------------------------------------------------


def test_diff_shows_an_update_added_a_status_moved_a_date_slipped_and_a_recommendation_added(
    tree, tmp_path
):
    old = _with_review(tree)
    new_tree = type(tree)(tmp_path / "copy")
    new_tree.files = copy.deepcopy(tree.files)
    review = new_tree.files[REVIEW]
    _rec(review, 0)["updates"].append({"on": "2017-12-01", "text": "Course approved."})
    _rec(review, 0)["status"] = "in_progress"
    _rec(review, 0)["actions"][0]["target_dates"][0] = {"printed": "June 2018", "read": "Jun 2018"}
    _rec(review, 1)["completed"] = {"printed": "2017-12-20", "read": "2017-12-20"}
    review["recommendations"].append({"id": "rec-4", "number": "4", "text": "A new one."})
    del review["recommendations"][2]
    new = new_tree.write()
    done = run("diff", str(old / "2018-19"), str(new / "2018-19"), "--format", "json")
    changes = [c for part in json.loads(done.stdout)["parts"] for c in part["changes"]]
    said = {(c["field"], c["old"], c["new"], c["note"]) for c in changes if c["area"] == "review"}
    assert ("status", None, "in progress", None) in said
    assert ("completed", None, "2017-12-20", None) in said  # read as printed: said once
    assert ("progress update", None, "2017-12-01: Course approved.", None) in said
    assert (
        "due date (the latest action target date)",
        "Apr 2018",
        "Jun 2018",
        "slipped 2 months",
    ) in said
    added = [c for c in changes if c["area"] == "review" and c["field"] is None]
    assert sorted((c["old"] is None, c["new_label"] or c["old_label"]) for c in added) == [
        (False, "Domestic Homicide Review: Adult A: recommendation 'rec-3'"),
        (True, "Domestic Homicide Review: Adult A: recommendation 4"),
    ]
    text = run("diff", str(old / "2018-19"), str(new / "2018-19")).stdout
    assert "Review trackers" in text and "slipped 2 months" in text


# -- the shipped Norfolk tracker --------------------------------------------------------------

NORFOLK = SHIPPED / "norfolk-ccsp"


def test_norfolk_dhr_loads_with_its_fifteen_recommendations_and_the_lost_number():
    csp = cspplan.load(NORFOLK).partnership("norfolk-ccsp")
    (loaded,) = csp.reviews
    review = loaded.review
    assert review.id == "north-norfolk-dhr-2013" and str(review.as_at.read) == "2013-11-13"
    assert len(review.recommendations) == review.printed_counts["recommendations"] == 15
    lost = review.recommendation("rec-10")
    assert lost.number is None and lost.number_note


def test_norfolk_dhr_warnings_are_the_ones_the_source_deserves():
    report = run_validate(NORFOLK / "reviews")
    found = sorted((issue.code, issue.field_path) for issue in report.issues)
    assert found == [
        ("C021", "recommendations[10].target_date"),
        ("C023", "recommendations[4].actions[0].milestones[1].due"),
        ("C023", "recommendations[7].actions[0].outcome.date"),
    ]
    assert report.exit_code() == 0


def _word_text(data: bytes) -> str:
    from docx import Document as WordDocument

    document = WordDocument(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return " ".join(" ".join(parts).split())


NOT_PRINTED = {"transcription_notes", "read", "organisation", "on", "file", "url", "notes"}
"""Keys whose text is not printed as stored: our notes, dates as read (printed as printed),
organisation ids, an update's day (printed in words), the source's file, address and notes."""


def _texts(value, key=None):
    if key in NOT_PRINTED:
        return
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _texts(v, k)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, key)
    elif isinstance(value, str) and key not in ("id", "kind", "status", "scope"):
        if key in ("commissioned_by", "implementation_group"):
            return
        for line in value.splitlines():
            line = line.removeprefix("- ").strip()
            if line:
                yield " ".join(line.split())


def test_every_printed_text_of_the_norfolk_tracker_reaches_the_reviews_document():
    from cspplan.rendering.documents import Document, render

    csp = cspplan.load(NORFOLK).partnership("norfolk-ccsp")
    data = render(Document.REVIEWS, csp, csp.years[-1], word=True).main
    text = _word_text(data)
    review = csp.reviews[0].review.model_dump(mode="json", exclude_none=True)
    missing = [line for line in _texts(review) if line not in text]
    assert missing == []
