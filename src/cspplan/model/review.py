"""Statutory reviews and inspections: `<partnership>/reviews/<review-id>.yaml`.

A Domestic Homicide Review, a Safeguarding Adults Review or an inspection ends with
recommendations, and the partnership keeps a tracker of what is being done about each:
the actions, their lead agencies, milestones and target dates, the outcome sought, and
dated progress updates. One review a file; its id is the file's name. Dates are kept as
printed (`printed`) with the date they are read as (`read`), at the precision printed.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BeforeValidator, Field, PlainSerializer

from cspplan.model.base import (
    Choice,
    DueField,
    Id,
    NonNegativeWhole,
    PlanModel,
    Text,
    TranscriptionNotes,
    _period_of,
    _period_schema,
)
from cspplan.model.periods import Period, PeriodKind, coerce_period
from cspplan.model.plan import SourceDocument

DayField = Annotated[
    Period,
    BeforeValidator(_period_of((PeriodKind.DAY,), "a day such as '2014-01-15' (quoted)")),
    PlainSerializer(str, return_type=str),
    _period_schema("Due"),
]
"""A progress update's day: '2014-01-15' (quoted)."""


class ReviewKind(Choice):
    DOMESTIC_HOMICIDE_REVIEW = "domestic_homicide_review", "A Domestic Homicide Review (DHR)."
    SAFEGUARDING_ADULTS_REVIEW = "safeguarding_adults_review", "A Safeguarding Adults Review."
    SERIOUS_CASE_REVIEW = "serious_case_review", "A Serious Case Review (children)."
    INSPECTION = "inspection", "An inspection (for example by HMIC or Ofsted)."
    OTHER = "other", "Another review with recommendations."


class Scope(Choice):
    NATIONAL = "national", "Enacted at national level."
    REGIONAL = "regional", "Enacted at regional level."
    COUNTY = "county", "Enacted at county level."
    LOCAL = "local", "Enacted at local (district) level."


class ProgressStatus(Choice):
    NOT_STARTED = "not_started", "Work on the recommendation has not started."
    IN_PROGRESS = "in_progress", "Work is under way."
    COMPLETE = "complete", "The recommendation has been completed."
    SUPERSEDED = "superseded", "Overtaken by other work; no longer pursued as written."


class PrintedDate(PlanModel):
    """A date as printed, and the date (or span) it is read as."""

    printed: Text = Field(description="The date as printed, e.g. 'End Jan 14'.")
    read: DueField | None = Field(
        None,
        description="The date read at the precision printed: '2014-01-31' (quoted), Jan 2014, "
        "Q2 2013/14, 2013/14 or 2014; left out when the text is open-ended ('ongoing').",
    )


class LeadAgency(PlanModel):
    """A lead agency as printed, and the organisation it is (when listed)."""

    printed: Text = Field(description="The lead agency as printed.")
    organisation: Id | None = Field(
        None, description="The organisation (id under organisations in partnership.yaml)."
    )


class Milestone(PlanModel):
    """A key milestone of an action, with its due date when printed."""

    text: Text = Field(description="The milestone, as printed.")
    due: PrintedDate | None = Field(None, description="When it is due, where printed.")


class Outcome(PlanModel):
    """The outcome sought (or reached), with its date when printed."""

    text: Text = Field(description="The outcome, as printed.")
    date: PrintedDate | None = Field(None, description="The date printed with it, if any.")


class ReviewAction(PlanModel):
    """One action row of the tracker."""

    text: Text = Field(description="The action to be taken, as printed.")
    lead_agencies: list[LeadAgency] = Field(
        default_factory=list, description="The lead agencies, in printed order."
    )
    milestones: list[Milestone] = Field(
        default_factory=list, description="The key milestones, in printed order."
    )
    target_dates: list[PrintedDate] = Field(
        default_factory=list, description="The target dates, as printed."
    )
    outcome: Outcome | None = Field(None, description="The outcome column, as printed.")
    rating: str | None = Field(None, description="The progress (RAG) rating, as printed.")
    transcription_notes: TranscriptionNotes


class Update(PlanModel):
    """A dated progress update on a recommendation."""

    on: DayField = Field(description="The day of the update: '2014-01-15' (quoted).")
    text: Text = Field(description="What was reported.")
    status: ProgressStatus | None = Field(None, description="The status reported with it.")
    by: str | None = Field(None, description="Who reported it.")


class Recommendation(PlanModel):
    """A recommendation of the review and what is being done about it."""

    id: Id = Field(description="A stable id, unique in the file, e.g. 'rec-1'.")
    number: str | None = Field(
        None, description="The number as printed; null when the source lost it."
    )
    number_note: str | None = Field(None, description="Why the number is null.")
    text: Text = Field(description="The recommendation, as printed.")
    scope: list[Scope] = Field(
        default_factory=list, description="The scope as printed; [] when none is printed."
    )
    footnotes: list[Text] = Field(default_factory=list, description="Footnotes, as printed.")
    target_date: PrintedDate | None = Field(
        None, description="The recommendation's own due date, where printed."
    )
    status: ProgressStatus | None = Field(None, description="The progress recorded.")
    completed: PrintedDate | None = Field(None, description="When it was completed.")
    evidence: str | None = Field(None, description="The evidence that it is complete.")
    actions: list[ReviewAction] = Field(
        default_factory=list, description="The tracker's action rows, in printed order."
    )
    updates: list[Update] = Field(
        default_factory=list, description="Dated progress updates, earliest first."
    )
    transcription_notes: TranscriptionNotes

    def due(self) -> Period | None:
        """The recommendation's due date: its target date, else the latest of its actions'
        target dates (None when none is read)."""
        if self.target_date is not None and self.target_date.read is not None:
            return self.target_date.read
        dates = [d.read for a in self.actions for d in a.target_dates if d.read is not None]
        return max(dates, key=lambda period: period.end) if dates else None

    def recorded_status(self) -> ProgressStatus | None:
        """The status as recorded: the recommendation's own, else its latest update's."""
        if self.status is not None:
            return self.status
        dated = [u for u in self.updates if u.status is not None]
        return max(dated, key=lambda u: u.on.end).status if dated else None

    @property
    def complete(self) -> bool:
        """Marked complete: status complete (its own or its latest update's), or a
        completion date given."""
        return self.recorded_status() is ProgressStatus.COMPLETE or self.completed is not None

    def overdue(self, as_of: Period) -> bool:
        """Due before the end of `as_of` and neither complete nor superseded."""
        due = self.due()
        if due is None or self.complete or self.recorded_status() is ProgressStatus.SUPERSEDED:
            return False
        return due.end < as_of.end

    def due_path(self) -> tuple[str | int, ...]:
        """Where the due date is written, within the recommendation: its target date, else
        the action target date that gives it (empty when there is none)."""
        if self.target_date is not None and self.target_date.read is not None:
            return ("target_date",)
        due = self.due()
        for a, action in enumerate(self.actions):
            for d, printed in enumerate(action.target_dates):
                if due is not None and printed.read == due:
                    return ("actions", a, "target_dates", d)
        return ()

    def due_printed(self) -> str | None:
        """The due date as printed (the text of the date that gives it)."""
        path = self.due_path()
        if path == ("target_date",):
            return self.target_date.printed if self.target_date else None
        if path:
            return self.actions[path[1]].target_dates[path[3]].printed
        return None

    @property
    def heading(self) -> str:
        """How a document heads it: 'Recommendation 3', or says the number was lost."""
        if self.number:
            return f"Recommendation {self.number}"
        return "Recommendation (number lost in the source)"

    @property
    def label(self) -> str:
        return f"recommendation {self.number}" if self.number else f"recommendation '{self.id}'"


class TrackerLayout(PlanModel):
    """The tracker's printed layout: its column headings, guidance and rating key."""

    columns: list[Text] = Field(default_factory=list, description="Headings as printed.")
    guidance: list[str] = Field(default_factory=list, description="Guidance as printed.")
    rating_key: list[Text] = Field(
        default_factory=list, description="The printed key lines, verbatim."
    )


class Review(PlanModel):
    """A statutory review or inspection and its recommendations tracker."""

    id: Id = Field(description="The review's id (the file name).")
    title: Text = Field(description="The title, as printed.")
    kind: ReviewKind = Field(description="What kind of review it is.")
    commissioned_by: Id | None = Field(
        None, description="The governance body (id in partnership.yaml) that commissioned it."
    )
    implementation_group: Id | None = Field(
        None, description="The governance body (id) that oversees the recommendations."
    )
    monitored_by: str | None = Field(None, description="Who monitors delivery, as printed.")
    author: str | None = Field(None, description="The independent chair or author, as printed.")
    dates: dict[str, PrintedDate] = Field(
        default_factory=dict,
        description="Named dates (decided, completed, published, ...), as printed.",
    )
    as_at: PrintedDate | None = Field(
        None, description="The date the tracker reports to (the default as-of for overdue)."
    )
    summary: str | None = Field(None, description="A summary, as printed.")
    printed_counts: dict[str, NonNegativeWhole] = Field(
        default_factory=dict,
        description="Counts the source prints, e.g. recommendations: 15.",
    )
    tracker: TrackerLayout | None = Field(None, description="The tracker's printed layout.")
    source: SourceDocument | None = Field(
        None, description="The document the review was transcribed from."
    )
    recommendations: list[Recommendation] = Field(
        default_factory=list, description="The recommendations, in printed order."
    )
    transcription_notes: TranscriptionNotes

    def judged_at(self, today: date | None = None) -> Period:
        """The date the review is judged at when none is asked for: its `as_at` (the date
        the tracker reports to), else today."""
        if self.as_at is not None and self.as_at.read is not None:
            return self.as_at.read
        return coerce_period(today or date.today())

    def recommendation(self, rec_id: str) -> Recommendation | None:
        return next((r for r in self.recommendations if r.id == rec_id), None)
