"""A link from a plan to a framework item (`links:` on themes, actions, measures and
indicators). Its own module, below `plan` and `indicator`, so that both can use it and
`framework` (which reads `plan.SourceDocument`) can re-export it."""

from __future__ import annotations

from pydantic import Field

from cspplan.model.base import Id, PlanModel, TranscriptionNotes


class FrameworkLink(PlanModel):
    """A link from a theme, action, measure or indicator to a framework (or one of its
    items), as the plan prints it: Norfolk's Appendix 1 row 'CCSP priority ↔ Police and
    Crime Plan objective ↔ comment'."""

    framework: Id = Field(description="The framework (id: its file name in frameworks/).")
    item: Id | None = Field(
        None, description="The item (id) linked to; leave out for the framework as a whole."
    )
    measure: Id | None = Field(
        None,
        description="On a theme's links: which of the theme's measures (indicator id) the "
        "link is about.",
    )
    comment: str | None = Field(None, description="The comment printed with the link.")
    printed: dict[str, str] = Field(
        default_factory=dict,
        description="The alignment row's cells as printed: column heading -> text.",
    )
    transcription_notes: TranscriptionNotes
