"""Checks on review trackers (`reviews/<review-id>.yaml`): known lead agencies and bodies,
overdue and completed recommendations, dates that contradict each other, unique ids.

`validate` judges "overdue" as at the date the tracker reports to (the review's `as_at`),
else today; `cspplan status --as-of PERIOD` judges the trackers as at any other date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

from cspplan.checks.references import _suggest
from cspplan.checks.registry import Finding, check, found
from cspplan.issues import Severity
from cspplan.model.collection import LoadedPartnership
from cspplan.model.review import PrintedDate


@check(
    "R016",
    "unknown-lead-agency",
    title="Unknown lead agency",
    template="lead agency '{printed}' names '{ref}', which is neither an organisation nor a "
    "governance body in partnership.yaml",
)
def unknown_lead_agency(csp: LoadedPartnership) -> Iterator[Finding]:
    """A lead agency of a review action names an `organisation` id that is listed neither
    under `organisations` nor under `governance` in partnership.yaml (a tracker may make a
    board, such as a domestic abuse board, the lead). Leave `organisation` out when the
    agency (a national body, say) is not one of the partnership's."""
    known = {organisation.id for organisation in csp.partnership.organisations}
    known |= {body.id for body in csp.partnership.governance}
    for loaded in csp.reviews:
        for r, rec in enumerate(loaded.review.recommendations):
            for a, action in enumerate(rec.actions):
                for i, lead in enumerate(action.lead_agencies):
                    ref = lead.organisation
                    if ref is not None and ref not in known:
                        path = ("recommendations", r, "actions", a, "lead_agencies", i)
                        yield found(
                            loaded.file,
                            (*path, "organisation"),
                            ref=ref,
                            printed=lead.printed,
                            hint=_suggest(ref, known),
                        )


@check(
    "R017",
    "unknown-review-body",
    title="Review names an unknown governance body",
    template="no governance body with id '{ref}' in partnership.yaml ({field})",
)
def unknown_review_body(csp: LoadedPartnership) -> Iterator[Finding]:
    """A review's `commissioned_by` or `implementation_group` names a board or group that is
    not listed under `governance` in partnership.yaml."""
    known = {body.id for body in csp.partnership.governance}
    for loaded in csp.reviews:
        for field in ("commissioned_by", "implementation_group"):
            ref = getattr(loaded.review, field)
            if ref is not None and ref not in known:
                yield found(loaded.file, (field,), ref=ref, field=field, hint=_suggest(ref, known))


@check(
    "C021",
    "overdue-recommendation",
    title="Recommendation overdue",
    template="{label} was due {due} and is not complete as at {as_of}",
    severity=Severity.WARNING,
    hint="record progress (cspplan record-review), mark it complete, or agree a new date",
)
def overdue_recommendation(csp: LoadedPartnership) -> Iterator[Finding]:
    """A recommendation's due date (its `target_date`, else the latest of its actions'
    target dates) ended before the review's `as_at` (the date the tracker reports to; today
    when it has none), and it is neither complete nor superseded. `validate` has no
    `--as-of`: `cspplan status --as-of PERIOD` judges the trackers at another date."""
    for loaded in csp.reviews:
        review = loaded.review
        as_of = review.judged_at()
        for r, rec in enumerate(review.recommendations):
            if rec.overdue(as_of):
                yield found(
                    loaded.file,
                    ("recommendations", r, *rec.due_path()),
                    label=rec.label.capitalize(),
                    due=f"'{rec.due_printed()}'",
                    as_of=as_of,
                )


@check(
    "C022",
    "completed-without-evidence",
    title="Recommendation complete without a date or evidence",
    template="{label} is marked complete but has no {missing}",
    severity=Severity.WARNING,
    hint="add `completed: {printed: ..., read: ...}` and `evidence: ...` to the recommendation",
)
def completed_without_evidence(csp: LoadedPartnership) -> Iterator[Finding]:
    """A recommendation marked complete (status `complete`, or a `completed` date given)
    lacks its completion date or the evidence that it is complete: a scrutiny panel asks
    for both before it signs a recommendation off."""
    for loaded in csp.reviews:
        for r, rec in enumerate(loaded.review.recommendations):
            if not rec.complete:
                continue
            missing = [
                words
                for words, absent in (
                    ("completion date", rec.completed is None),
                    ("evidence", not rec.evidence),
                )
                if absent
            ]
            if missing:
                where = "status" if rec.status is not None else "completed"
                if rec.status is None and rec.completed is None:
                    where = "updates"
                yield found(
                    loaded.file,
                    ("recommendations", r, where),
                    label=rec.label.capitalize(),
                    missing=" or ".join(missing),
                )


def _wholly_before(first: PrintedDate | None, second: PrintedDate | None) -> bool:
    """Does `first` end before `second` begins (both read)?"""
    if first is None or second is None or first.read is None or second.read is None:
        return False
    return first.read.end < second.read.start


@check(
    "C023",
    "contradictory-review-dates",
    title="Dates in a review tracker contradict each other",
    template="{label}: {subject} '{date}', {relation} '{other}'",
    severity=Severity.WARNING,
    hint="keep the dates as printed if the source prints them so; otherwise correct one",
)
def contradictory_review_dates(csp: LoadedPartnership) -> Iterator[Finding]:
    """Dates of one tracker row that cannot all be right: an outcome dated before one of
    the action's own milestones (or before the earliest target date of an action with
    milestones), or a milestone due after the action's latest target date.
    Sources do print such dates; keep them as printed, and this warning says where a
    reader will trip."""
    for loaded in csp.reviews:
        for r, rec in enumerate(loaded.review.recommendations):
            for a, action in enumerate(rec.actions):
                base = ("recommendations", r, "actions", a)
                outcome = action.outcome.date if action.outcome else None
                early = False
                for m, milestone in enumerate(action.milestones):
                    if not early and _wholly_before(outcome, milestone.due):
                        early = True
                        assert outcome is not None and milestone.due is not None
                        yield found(
                            loaded.file,
                            (*base, "outcome", "date"),
                            label=rec.label.capitalize(),
                            subject="the outcome is dated",
                            date=outcome.printed,
                            relation=f"before milestone {m + 1} ('{_short(milestone.text)}') due",
                            other=milestone.due.printed,
                        )
                targets = [d for d in action.target_dates if d.read is not None]
                if not targets:
                    continue
                earliest = min(targets, key=lambda d: d.read.start if d.read else date.max)
                if action.milestones and not early and _wholly_before(outcome, earliest):
                    assert outcome is not None
                    yield found(
                        loaded.file,
                        (*base, "outcome", "date"),
                        label=rec.label.capitalize(),
                        subject="the outcome is dated",
                        date=outcome.printed,
                        relation="before the first of the target dates its milestones are due by,",
                        other=earliest.printed,
                    )
                latest = max(targets, key=lambda d: d.read.end if d.read else date.min)
                for m, milestone in enumerate(action.milestones):
                    if _wholly_before(latest, milestone.due):
                        assert milestone.due is not None
                        yield found(
                            loaded.file,
                            (*base, "milestones", m, "due"),
                            label=rec.label.capitalize(),
                            subject=f"milestone {m + 1} ('{_short(milestone.text)}') is due",
                            date=milestone.due.printed,
                            relation="after the action's target date",
                            other=latest.printed,
                        )


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@check(
    "C024",
    "duplicate-recommendation-id",
    title="Two recommendations with one id",
    template="recommendation id '{ref}' is used {count} times in this review",
    hint="ids must be unique in the file: record-review, status and diff find a "
    "recommendation by its id",
)
def duplicate_recommendation_id(csp: LoadedPartnership) -> Iterator[Finding]:
    """Two recommendations of one review share an `id`, so `record-review`, `status` and
    `diff` could not tell them apart."""
    for loaded in csp.reviews:
        recs = loaded.review.recommendations
        counts = Counter(rec.id for rec in recs)
        seen: set[str] = set()
        for r, rec in enumerate(recs):
            if counts[rec.id] > 1 and rec.id in seen:
                yield found(
                    loaded.file, ("recommendations", r, "id"), ref=rec.id, count=counts[rec.id]
                )
            seen.add(rec.id)
