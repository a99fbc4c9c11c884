"""Adding a dated progress update to a review recommendation, without click.

`cspplan record-review REVIEW RECOMMENDATION --on DATE --update TEXT` comes here: the
update is appended to the recommendation's `updates` (and its `status`, `completed` and
`evidence` set when given) in the review file, edited in place so its comments and layout
stay. The recommendation is found by its id or its printed number; an unknown one is
refused with the file and line of the review's recommendations. The new text is validated
as a review file before anything may be written; nothing is written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cspplan.editing.lookup import did_you_mean
from cspplan.editing.observations import EntryError
from cspplan.model.collection import LoadedPartnership, LoadedReview
from cspplan.model.periods import Period, PeriodError, PeriodKind, parse_period
from cspplan.model.review import ProgressStatus, Recommendation

RECOMMENDATION_KEYS = tuple(Recommendation.model_fields)
"""A recommendation's keys in the model's order: a new key goes before the first later one."""


@dataclass(frozen=True)
class ReviewUpdate:
    """What to record: a dated update, and optionally a status, completion and evidence."""

    on: Period
    text: str
    status: ProgressStatus | None = None
    completed: tuple[str, Period] | None = None
    """(as typed, as read)."""
    evidence: str | None = None
    by: str | None = None


@dataclass
class ReviewChange:
    path: Path
    before: str
    after: str
    recommendation: Recommendation

    @property
    def altered(self) -> bool:
        return self.before != self.after


def read_day(text: str) -> Period:
    """The day of an update: '2014-01-15'."""
    try:
        day = parse_period(str(text).strip())
    except PeriodError as error:
        raise EntryError(str(error)) from None
    if day.kind is not PeriodKind.DAY:
        raise EntryError(f"'{text}' is not a day; write it as e.g. 2014-01-15")
    return day


def read_completed(text: str) -> tuple[str, Period]:
    """A completion date as typed ('2014-01-31', 'Jan 2014'): the text and its reading."""
    from cspplan.model.base import DUE_KINDS

    try:
        read = parse_period(str(text).strip())
    except PeriodError as error:
        raise EntryError(str(error)) from None
    if read.kind not in DUE_KINDS:
        raise EntryError(f"'{text}' is not a date; write e.g. 2014-01-31 or Jan 2014")
    return str(text).strip(), read


def find_review(csp: LoadedPartnership, reference: str) -> LoadedReview:
    """A review by its id or its file; an unknown one names the near ones."""
    wanted = Path(reference)
    for loaded in csp.reviews:
        if loaded.id == reference or (
            wanted.suffix in (".yaml", ".yml") and loaded.file.resolve() == wanted.resolve()
        ):
            return loaded
    known = [loaded.id for loaded in csp.reviews]
    have = ", ".join(known) or "none"
    raise EntryError(
        f"no review '{reference}' in {csp.folder / 'reviews'} (it has {have})"
        f"{did_you_mean(reference, known)}"
    )


def find_recommendation(loaded: LoadedReview, reference: str) -> tuple[int, Recommendation]:
    """A recommendation by its id ('rec-3') or printed number ('3')."""
    recs = loaded.review.recommendations
    for index, rec in enumerate(recs):
        if rec.id == reference:
            return index, rec
    numbered = [(i, rec) for i, rec in enumerate(recs) if rec.number == reference.rstrip(".")]
    if len(numbered) == 1:
        return numbered[0]
    known = [rec.id for rec in recs]
    raise EntryError(
        f"no recommendation '{reference}' in the review '{loaded.id}' (give an id such as "
        f"'{known[0] if known else 'rec-1'}' or a printed number){did_you_mean(reference, known)}"
    )


def record_update(loaded: LoadedReview, index: int, update: ReviewUpdate) -> ReviewChange:
    """The review file's new text with the update written in (not saved)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from cspplan.editing.yaml_file import YamlFile, flow_text, refuse_invalid
    from cspplan.model.review import Review

    path = loaded.file
    document = YamlFile.open(path)
    rec_id = loaded.review.recommendations[index].id

    def change(data: Any) -> None:
        recs = data["recommendations"]
        rec = next(item for item in recs if isinstance(item, dict) and item.get("id") == rec_id)
        entry = CommentedMap([("on", str(update.on)), ("text", update.text)])
        if update.status is not None:
            entry["status"] = update.status.value
        if update.by:
            entry["by"] = update.by
        updates = rec.get("updates")
        if updates is None:
            updates = CommentedSeq()
            _set(rec, "updates", updates)
        updates.append(entry)
        if update.status is not None:
            _set(rec, "status", update.status.value)
        if update.completed is not None:
            typed, read = update.completed
            completed = CommentedMap([("printed", flow_text(typed)), ("read", str(read))])
            completed.fa.set_flow_style()
            _set(rec, "completed", completed)
        if update.evidence is not None:
            _set(rec, "evidence", update.evidence)

    after = document.edited(change)
    refuse_invalid(path, after, Review, (path.stem, "file"))
    return ReviewChange(path, document.as_read, after, loaded.review.recommendations[index])


def _set(rec: Any, key: str, value: Any) -> None:
    from cspplan.editing.yaml_file import set_key

    set_key(rec, key, value, order=RECOMMENDATION_KEYS)
