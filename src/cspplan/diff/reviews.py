"""What changed in the review trackers (`reviews/<id>.yaml`) between two copies of the plans
(two revisions, two folders): a review or a recommendation added or removed, a progress
update added, a status moved, a date slipped, and every other edit field by field.

Reviews are the partnership's, not a plan year's: they are compared with the partnership's
own files (`diff/files.compare_partnerships`), once, not once per plan year.
"""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.diff.changes import Area, Change, one_side_only
from cspplan.diff.fields import other_fields, value_change
from cspplan.model.collection import LoadedPartnership
from cspplan.model.periods import Period
from cspplan.model.review import PrintedDate, Recommendation, Review, Update
from cspplan.wording import plural


def compare_reviews(old: LoadedPartnership, new: LoadedPartnership) -> Iterator[Change]:
    before = {loaded.id: loaded.review for loaded in old.reviews}
    after = {loaded.id: loaded.review for loaded in new.reviews}
    for key in [*before, *(k for k in after if k not in before)]:
        x, y = before.get(key), after.get(key)
        if x == y:
            continue
        if x is None or y is None:
            only = x or y
            count = plural(len(only.recommendations), "recommendation")
            yield one_side_only(Area.REVIEW, key, only.title, None, count, on_old_side=y is None)
            continue
        yield from _review(x, y)


def _review(x: Review, y: Review) -> Iterator[Change]:
    ids = {"old_id": x.id, "new_id": y.id, "old_label": x.title, "new_label": y.title}
    yield from other_fields(Area.REVIEW, x, y, {"id", "recommendations"}, same_year=True, **ids)
    a = {rec.id: rec for rec in x.recommendations}
    b = {rec.id: rec for rec in y.recommendations}
    for rec_id in [*a, *(k for k in b if k not in a)]:
        ra, rb = a.get(rec_id), b.get(rec_id)
        if ra == rb:
            continue
        if ra is None or rb is None:
            only = ra or rb
            yield one_side_only(
                Area.REVIEW,
                f"{y.id}:{rec_id}",
                f"{y.title}: {only.label}",
                None,
                None,
                on_old_side=rb is None,
            )
            continue
        yield from _recommendation(y, ra, rb)


def _recommendation(review: Review, x: Recommendation, y: Recommendation) -> Iterator[Change]:
    label = f"{review.title}: {y.label}"
    ids = {
        "old_id": f"{review.id}:{x.id}",
        "new_id": f"{review.id}:{y.id}",
        "old_label": label,
        "new_label": label,
    }
    yield from value_change(Area.REVIEW, "status", _status(x), _status(y), **ids)
    if x.target_date != y.target_date:
        yield Change(
            Area.REVIEW,
            "target date",
            old=_printed(x.target_date),
            new=_printed(y.target_date),
            note=_moved(x.target_date.read if x.target_date else None, y.due()),
            **ids,
        )
    elif x.due() != y.due():
        yield Change(
            Area.REVIEW,
            "due date (the latest action target date)",
            old=str(x.due()) if x.due() else None,
            new=str(y.due()) if y.due() else None,
            note=_moved(x.due(), y.due()),
            **ids,
        )
    old_updates = [_update(u) for u in x.updates]
    new_updates = [_update(u) for u in y.updates]
    for text in new_updates:
        if text not in old_updates:
            yield Change(Area.REVIEW, "progress update", new=text, form="item", **ids)
    for text in old_updates:
        if text not in new_updates:
            yield Change(Area.REVIEW, "progress update", old=text, form="item", **ids)
    if x.completed != y.completed:
        old, new = _printed(x.completed), _printed(y.completed)
        yield Change(Area.REVIEW, "completed", old=old, new=new, **ids)
    handled = {"id", "status", "target_date", "completed", "updates"}
    if len(x.actions) == len(y.actions):  # the same rows: say which row changed, and how
        handled.add("actions")
        for number, (ax, ay) in enumerate(zip(x.actions, y.actions, strict=True), start=1):
            prefix = f"action {number}: "
            yield from other_fields(Area.REVIEW, ax, ay, (), same_year=True, prefix=prefix, **ids)
    yield from other_fields(Area.REVIEW, x, y, handled, same_year=True, **ids)


def _status(rec: Recommendation) -> str | None:
    status = rec.status
    return status.value.replace("_", " ") if status else None


def _printed(date: PrintedDate | None) -> str | None:
    if date is None:
        return None
    if date.read is None or str(date.read) == date.printed:
        return date.printed
    return f"{date.printed} (read as {date.read})"


def _update(update: Update) -> str:
    status = f" [{update.status.value.replace('_', ' ')}]" if update.status else ""
    by = f" ({update.by})" if update.by else ""
    return f"{update.on}: {update.text}{status}{by}"


def _moved(old: Period | None, new: Period | None) -> str | None:
    """'slipped 3 months', 'brought forward 1 month' or None."""
    if old is None or new is None or old.end == new.end:
        return None
    months = (new.end.year - old.end.year) * 12 + new.end.month - old.end.month
    days = (new.end - old.end).days
    amount = plural(abs(days), "day") if months == 0 else plural(abs(months), "month")
    return f"slipped {amount}" if days > 0 else f"brought forward {amount}"
