"""What changed in the quarterly progress reports: per theme, which answers and which
published status.

Two progress files are compared theme by theme: the Q1 file with the Q2 file of a year
(`cspplan diff 2013-14/progress/2013-14-q1.yaml 2013-14/progress/2013-14-q2.yaml`), or
each quarter's file at two revisions. Between two plan years, each quarter is compared
with the same quarter of the other year. The answers are long text, compared as every
other long text is (`fields.other_fields`); the published status as a measure's is.
"""

from __future__ import annotations

from collections.abc import Iterator

from cspplan.diff.changes import Area, Change, one_side_only
from cspplan.diff.fields import detail_change, other_fields, published_words
from cspplan.model.collection import LoadedProgress, LoadedYear
from cspplan.wording import plural


def compare_progress(old: LoadedYear, new: LoadedYear) -> Iterator[Change]:
    """Each quarter's progress file against the other year's for the same quarter (the
    same file, when both sides are one plan year)."""
    before = {loaded.period.number: loaded for loaded in old.progress}
    after = {loaded.period.number: loaded for loaded in new.progress}
    same_year = old.period == new.period
    for quarter in sorted(before.keys() | after.keys()):
        x, y = before.get(quarter), after.get(quarter)
        if x is None or y is None:
            only = x or y
            count = plural(len(only.progress.reports), "theme")
            yield one_side_only(
                Area.PROGRESS,
                only.label,
                f"progress report for {only.label}",
                None,
                count,
                on_old_side=y is None,
            )
            continue
        yield from compare_files(x, old, y, new, same_year=same_year)


def compare_files(
    x: LoadedProgress, old: LoadedYear, y: LoadedProgress, new: LoadedYear, *, same_year: bool
) -> Iterator[Change]:
    """Two progress files: the file's own fields (date, title, questions), then each theme's
    report: added, removed, or its answers and published status changed."""
    same_period = x.period == y.period
    ids = {
        "old_id": x.label,
        "new_id": y.label,
        "old_label": f"progress report for {x.label}",
        "new_label": f"progress report for {y.label}",
    }
    handled = {"period", "reports"}
    yield from other_fields(
        Area.PROGRESS, x.progress, y.progress, handled, same_year=same_year, **ids
    )
    a = {report.theme: report for report in x.progress.reports}
    b = {report.theme: report for report in y.progress.reports}
    for theme in [*a, *(key for key in b if key not in a)]:
        rx, ry = a.get(theme), b.get(theme)
        title = _title(new, theme) if ry is not None else _title(old, theme)
        label = f"{title} ({y.label})" if same_period else title
        if rx is None or ry is None:
            side = x if ry is None else y
            yield one_side_only(
                Area.PROGRESS,
                f"{side.label}:{theme}",
                f"{title}: progress report for {side.label}",
                None,
                None,
                on_old_side=ry is None,
            )
            continue
        if rx == ry:
            continue
        theme_ids = {
            "old_id": f"{x.label}:{theme}",
            "new_id": f"{y.label}:{theme}",
            "old_label": label,
            "new_label": label,
        }
        yield from detail_change(
            Area.PROGRESS,
            "published status",
            (published_words(rx.published), rx.published),
            (published_words(ry.published), ry.published),
            **theme_ids,
        )
        yield from other_fields(
            Area.PROGRESS, rx, ry, {"theme", "published"}, same_year=True, **theme_ids
        )


def _title(year: LoadedYear, theme_id: str) -> str:
    theme = year.theme(theme_id)
    return theme.title if theme is not None else theme_id
