"""Frameworks other plans set, and the links a plan makes to them.

A framework is data shared by every partnership in a repository: the Police and Crime
Plan's objectives, the seven reducing re-offending pathways, Public Service Agreements,
National Indicators, a council's corporate plan. One file each, `frameworks/<id>.yaml`
beside the partnership folders. Themes, actions, measures and indicators point at its
items with `links:`.
"""

from __future__ import annotations

from pydantic import Field

from cspplan.model.base import Choice, Id, PlanModel, Text, TranscriptionNotes
from cspplan.model.links import FrameworkLink
from cspplan.model.plan import SourceDocument


class FrameworkKind(Choice):
    POLICE_AND_CRIME_PLAN = "police_and_crime_plan", "A Police and Crime Commissioner's plan."
    PATHWAYS = "pathways", "A set of pathways (e.g. the seven reducing re-offending pathways)."
    PUBLIC_SERVICE_AGREEMENTS = "public_service_agreements", "Public Service Agreements (PSAs)."
    NATIONAL_INDICATORS = "national_indicators", "A national indicator set."
    CORPORATE_PLAN = "corporate_plan", "A council's (or other body's) corporate plan."
    STRATEGY = "strategy", "A strategy of another body."
    OTHER = "other", "Another kind of framework."


class FrameworkItem(PlanModel):
    """One item of a framework: an objective, a pathway, a PSA, an indicator."""

    id: Id = Field(description="Unique in the file; links name it.")
    number: str | None = Field(None, description="The item's number, as printed.")
    title: Text = Field(description="The item, as printed.")
    code: str | None = Field(
        None,
        description="An indicator or PSA code, only as the source prints it (never invented).",
    )
    description: str | None = Field(None, description="What the item is, as printed.")
    targets: list[Text] = Field(default_factory=list, description="The item's targets, as printed.")
    parent: Id | None = Field(None, description="The item (id) this one sits under.")
    transcription_notes: TranscriptionNotes


class Framework(PlanModel):
    """A framework: `frameworks/<id>.yaml`, beside the partnership folders."""

    id: Id
    title: Text = Field(description="The framework's title, as printed.")
    kind: FrameworkKind = Field(description="What sort of framework it is.")
    publisher: str | None = Field(
        None, description="Who publishes it, as printed (or where it was read from)."
    )
    covers: str | None = Field(None, description="The period it covers, as printed.")
    description: str | None = Field(None, description="What the framework is, as printed.")
    source: SourceDocument | None = Field(
        None, description="The document the framework was transcribed from."
    )
    items: list[FrameworkItem] = Field(
        default_factory=list, description="Its items, in printed order."
    )
    transcription_notes: TranscriptionNotes

    def item(self, item_id: str) -> FrameworkItem | None:
        return next((item for item in self.items if item.id == item_id), None)


__all__ = ["Framework", "FrameworkItem", "FrameworkKind", "FrameworkLink"]
