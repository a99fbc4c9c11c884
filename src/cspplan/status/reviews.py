"""How each review's recommendations stand as at a date: complete, on track, overdue, no
update this quarter, or not started / unknown, each with its reason in words.

A recommendation is judged in this order:
- complete: marked complete (status `complete`, or a completion date given);
- superseded: recorded as superseded (no longer pursued as written);
- overdue: its due date (target date, else the latest action target date) ended before
  the as-of date;
- not started / unknown: no status and no update recorded, or status `not_started`;
- no update this quarter: work is under way but no update is dated in the as-of quarter;
- on track: an update is dated in the as-of quarter and it is not overdue.

The as-of date is the one asked for (`status --as-of`), else the review's `as_at` (the
date the tracker reports to), else today. Updates dated after the as-of date are left out;
the recommendation's own `status` and `completed` are taken as they stand. A review takes the worst state of its
recommendations (overdue, then no update this quarter, not started, on track, complete).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from cspplan import wording
from cspplan.model.collection import LoadedPartnership, LoadedReview
from cspplan.model.periods import Period, PeriodKind
from cspplan.model.review import ProgressStatus, Recommendation, Review


class ReviewState(StrEnum):
    OVERDUE = "overdue"
    NO_UPDATE = "no update this quarter"
    NOT_STARTED = "not started or unknown"
    ON_TRACK = "on track"
    SUPERSEDED = "superseded"
    COMPLETE = "complete"


WORST_FIRST = list(ReviewState)
"""States from the one most needing attention to the least."""


@dataclass(frozen=True)
class RecommendationStatus:
    recommendation: Recommendation
    state: ReviewState
    reason: str

    @property
    def heading(self) -> str:
        return self.recommendation.heading


@dataclass(frozen=True)
class ReviewStatus:
    loaded: LoadedReview
    as_of: Period
    recommendations: list[RecommendationStatus]

    @property
    def review(self) -> Review:
        return self.loaded.review

    @property
    def counts(self) -> dict[ReviewState, int]:
        """How many recommendations are in each state (only states that occur), worst first."""
        found = {state: 0 for state in WORST_FIRST}
        for status in self.recommendations:
            found[status.state] += 1
        return {state: count for state, count in found.items() if count}

    @property
    def state(self) -> ReviewState | None:
        """The worst state of its recommendations (None: it has none)."""
        return next(iter(self.counts), None)

    @property
    def reason(self) -> str:
        total = len(self.recommendations)
        if not total:
            return "the review lists no recommendations"
        parts = [f"{count} {state.value}" for state, count in self.counts.items()]
        noun = "recommendation" if total == 1 else "recommendations"
        return f"{total} {noun}: " + ", ".join(parts)

    def in_state(self, state: ReviewState) -> list[RecommendationStatus]:
        return [status for status in self.recommendations if status.state is state]


def quarter_of(day: date) -> Period:
    """The financial quarter a day falls in (Q1 = April to June)."""
    start_year = day.year if day.month >= 4 else day.year - 1
    return Period(PeriodKind.QUARTER, start_year, (day.month - 4) % 12 // 3 + 1)


def judge(rec: Recommendation, as_of: Period) -> RecommendationStatus:
    """One recommendation's state as at `as_of`, with the reason in words."""
    due = rec.due()
    due_words = f"target date ‘{rec.due_printed()}’" if due is not None else "no target date read"
    updates = [u for u in rec.updates if u.on.end <= as_of.end]  # none from after as_of
    latest = max(updates, key=lambda u: u.on.end) if updates else None
    reported = [u.status for u in sorted(updates, key=lambda u: u.on.end) if u.status]
    status = rec.status or (reported[-1] if reported else None)
    if rec.complete:
        on = f" {rec.completed.printed}" if rec.completed else ""
        return RecommendationStatus(rec, ReviewState.COMPLETE, f"completed{on}")
    if status is ProgressStatus.SUPERSEDED:
        return RecommendationStatus(rec, ReviewState.SUPERSEDED, "recorded as superseded")
    if rec.overdue(as_of):
        return RecommendationStatus(
            rec,
            ReviewState.OVERDUE,
            f"{due_words} passed, not complete as at {wording.day_or_period(as_of)}",
        )
    if latest is None and status in (None, ProgressStatus.NOT_STARTED):
        started = "recorded as not started" if status else "no progress recorded"
        return RecommendationStatus(rec, ReviewState.NOT_STARTED, f"{started}; {due_words}")
    quarter = quarter_of(as_of.end)
    this_quarter = [u for u in updates if u.on.end >= quarter.start]
    if not this_quarter:
        last = f"last update {wording.day_or_period(latest.on)}" if latest else "no dated update"
        return RecommendationStatus(
            rec, ReviewState.NO_UPDATE, f"{last}, none in {quarter}; {due_words}"
        )
    newest = max(this_quarter, key=lambda u: u.on.end)
    return RecommendationStatus(
        rec,
        ReviewState.ON_TRACK,
        f"updated {wording.day_or_period(newest.on)}; {due_words}, not yet passed",
    )


def review_status(
    loaded: LoadedReview, as_of: Period | None = None, today: date | None = None
) -> ReviewStatus:
    at = as_of if as_of is not None else loaded.review.judged_at(today)
    return ReviewStatus(loaded, at, [judge(rec, at) for rec in loaded.review.recommendations])


def partnership_reviews(
    csp: LoadedPartnership, as_of: Period | None = None, today: date | None = None
) -> list[ReviewStatus]:
    """Every review of the partnership, judged as at `as_of` (else each review's `Review.judged_at`)."""
    return [review_status(loaded, as_of, today) for loaded in csp.reviews]
