"""Quarterly progress reports: `<yyyy-yy>/progress/<yyyy-yy>-q<N>.yaml`.

Each quarter a scrutiny panel asks every theme (priority) the same questions: a summary,
the milestones reached and missed, and the prospects and risks. The answers are that
quarter's, not the plan's, so they live in their own files beside the plan year, one file
per quarter, and a quarter's file can be compared with the one before.
"""

from __future__ import annotations

from pydantic import Field

from cspplan.model.base import DueField, Id, PeriodField, PlanModel, Text, TranscriptionNotes
from cspplan.model.plan import PublishedStatus, SourceDocument

ANSWERS = ("summary", "milestones_reached", "milestones_missed", "prospects_and_risks")
"""The four answers, in the order a scrutiny pack asks for them."""

DEFAULT_QUESTIONS = {
    "summary": "Summary",
    "milestones_reached": "Milestones reached",
    "milestones_missed": "Milestones missed",
    "prospects_and_risks": "Prospects and risks",
}
"""How a document heads each answer when the file does not print its own question."""


class Questions(PlanModel):
    """The questions as the pack printed them; a question left out is headed plainly."""

    summary: str | None = Field(None, description="The summary question, as printed.")
    milestones_reached: str | None = Field(
        None, description="The milestones-reached question, as printed."
    )
    milestones_missed: str | None = Field(
        None, description="The milestones-missed question, as printed."
    )
    prospects_and_risks: str | None = Field(
        None, description="The prospects-and-risks question, as printed."
    )

    def heading(self, answer: str) -> str:
        """The question for `answer` as printed, else its plain default wording."""
        return getattr(self, answer) or DEFAULT_QUESTIONS[answer]


class ThemeProgress(PlanModel):
    """One theme's progress report for the quarter: its answers and published status."""

    theme: Id = Field(description="The theme (id in plan.yaml's themes) reported on.")
    published: PublishedStatus | None = Field(
        None, description="The status the report printed for the theme."
    )
    summary: str | None = Field(
        None, description="The summary answer, verbatim; left out when nothing was printed."
    )
    milestones_reached: str | None = Field(
        None, description="The milestones reached, verbatim; left out when nothing was printed."
    )
    milestones_missed: str | None = Field(
        None, description="The milestones missed, verbatim; left out when nothing was printed."
    )
    prospects_and_risks: str | None = Field(
        None, description="The prospects and risks, verbatim; left out when nothing was printed."
    )
    notes: list[Text] = Field(default_factory=list, description="Caveats printed with the report.")
    transcription_notes: TranscriptionNotes

    def answer(self, name: str) -> str | None:
        """One of the four answers by name (see ANSWERS)."""
        return getattr(self, name)


class ProgressFile(PlanModel):
    """A quarter's progress reports for the themes of a plan year."""

    period: PeriodField = Field(
        description="The quarter reported on, e.g. 'Q2 2013/14'; inside the plan year."
    )
    date: DueField | None = Field(
        None,
        description="The date of the report or meeting, where printed: '2013-11-13' (quoted), "
        "or the month it was in.",
    )
    title: str | None = Field(None, description="The report's title, as printed.")
    source: SourceDocument | None = Field(
        None, description="The document the reports were transcribed from."
    )
    questions: Questions | None = Field(
        None, description="The questions as the pack printed them (headings in documents)."
    )
    reports: list[ThemeProgress] = Field(
        default_factory=list, description="One report per theme, in printed order."
    )
    transcription_notes: TranscriptionNotes

    def report(self, theme_id: str) -> ThemeProgress | None:
        return next((report for report in self.reports if report.theme == theme_id), None)

    def heading(self, answer: str) -> str:
        """How a document heads `answer`: the printed question, or the plain wording."""
        return (self.questions or Questions()).heading(answer)
