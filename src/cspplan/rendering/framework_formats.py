"""`cspplan status --by FRAMEWORK`: measures by framework item, as text, Markdown, JSON
or CSV. The rows are the same in every format (`_rows`)."""

from __future__ import annotations

import json

from cspplan import wording
from cspplan.rendering import templates
from cspplan.status.by_framework import FrameworkRollup, ItemRollup, Remark, Serving

HEADER = ["Item", "Partnership", "Plan year", "Theme", "Measure", "Status", "Linked by", "Comment"]
WHOLE = "The framework as a whole"


def _item_name(rollup: ItemRollup) -> str:
    item = rollup.item
    if item is None:
        return WHOLE
    number = f"{item.number}. " if item.number else ""
    return f"{number}{' '.join(item.title.split())}"


def _counts(rollup: ItemRollup) -> str:
    if not rollup.serving:
        return "no measure serves it"
    words = {}
    for serving in rollup.serving:
        words.setdefault(serving.band, serving.label)
    parts = [f"{count} {words[band]}" for band, count in rollup.counts]
    return f"{wording.plural(len(rollup.serving), 'measure')}: " + ", ".join(parts)


VIA_WORDS = {
    "measure": "the measure itself",
    "indicator": "its indicator",
    "theme": "the theme as a whole",
    "theme (this measure)": "the theme, naming this measure",
}
"""How a person reads what carries a link (JSON keeps the short forms)."""


def _via_words(via: str) -> str:
    return VIA_WORDS.get(via, via)


def _cells(serving: Serving) -> list[str]:
    status = serving.status
    return [
        serving.year.csp.partnership.name,
        serving.year.year.label,
        status.section,
        " ".join(status.measure.wording.split()),
        serving.label,
        "; ".join(_via_words(via) for via in serving.via),
        "; ".join(serving.comments),
    ]


def _groups(rollup: FrameworkRollup) -> list[ItemRollup]:
    """The items in printed order, then the framework as a whole where anything links to it."""
    whole = rollup.whole
    return rollup.items + ([whole] if whole.serving or whole.remarks else [])


def _title(rollup: FrameworkRollup) -> str:
    framework = rollup.framework.framework
    as_of = sorted({str(year.as_of) for year in rollup.years})
    when = f" as at {', '.join(as_of)}" if as_of else ""
    return f"{' '.join(framework.title.split())} ({framework.id}): measures by item{when}"


def render(rollup: FrameworkRollup, output_format: str) -> str:
    if output_format == "json":
        return _json(rollup)
    if output_format == "csv":
        return _csv(rollup)
    if output_format == "markdown":
        return _markdown(rollup)
    return _text(rollup)


def _text(rollup: FrameworkRollup) -> str:
    lines = [_title(rollup), ""]
    for group in _groups(rollup):
        lines.append(f"{_item_name(group)} — {_counts(group)}")
        for serving in group.serving:
            _name, year, theme, measure, status, via, comment = _cells(serving)
            lines.append(f"  {status}: {measure}")
            lines.append(f"      {serving.year.csp.id} {year}, {theme}; linked by {via}")
            if comment:
                lines.append(f"      comment: {comment}")
        lines += [f"  {remark.words()}" for remark in group.remarks]
        lines.append("")
    if rollup.unserved:
        lines.append(f"Items no measure serves: {len(rollup.unserved)} of {len(rollup.items)}")
    return "\n".join(lines).rstrip() + "\n"


def _markdown(rollup: FrameworkRollup) -> str:
    groups = [
        {
            "name": _item_name(group),
            "counts": _counts(group),
            "rows": [_cells(serving) for serving in group.serving],
            "remarks": [remark.words() for remark in group.remarks],
        }
        for group in _groups(rollup)
    ]
    data = {
        "title": _title(rollup),
        "header": HEADER[1:],
        "groups": groups,
        "unserved": [_item_name(ItemRollup(item)) for item in rollup.unserved],
    }
    return templates.render("status-framework.md.j2", data)


def _record(group: ItemRollup, serving: Serving) -> dict[str, object]:
    status = serving.status
    return {
        "partnership": serving.year.csp.id,
        "plan_year": serving.year.year.label,
        "theme": status.theme.id if status.theme is not None else None,
        "indicator": status.indicator.id,
        "measure": " ".join(status.measure.wording.split()),
        "band": status.band.value,
        "status": serving.label,
        "as_of": str(status.as_of),
        "linked_by": serving.via,
        "comments": serving.comments,
    }


def _remark(remark: Remark) -> dict[str, object]:
    return {
        "partnership": remark.partnership,
        "plan_year": remark.plan_year,
        "comment": remark.comment,
    }


def _json(rollup: FrameworkRollup) -> str:
    framework = rollup.framework.framework
    data = {
        "framework": framework.id,
        "title": framework.title,
        "items": [
            {
                "id": group.item.id if group.item else None,
                "title": _item_name(group),
                "counts": {band.value: count for band, count in group.counts},
                "measures": [_record(group, serving) for serving in group.serving],
                "remarks": [_remark(remark) for remark in group.remarks],
            }
            for group in rollup.items
        ],
        "framework_as_a_whole": [_record(rollup.whole, s) for s in rollup.whole.serving],
        "unserved": [item.id for item in rollup.unserved],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _csv(rollup: FrameworkRollup) -> str:
    """A row per measure serving an item; formula-like text neutralised (`export/cells.py`)."""
    import csv
    import io

    from cspplan.export.cells import neutralised_row

    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["framework", "item", "item_title", *[h.lower() for h in HEADER[1:]]])
    for group in _groups(rollup):
        item_id = group.item.id if group.item else ""
        name = _item_name(group)
        if not group.serving:
            said = "; ".join(remark.words() for remark in group.remarks)
            writer.writerow(neutralised_row([rollup.framework.id, item_id, name, *[""] * 6, said]))
        for serving in group.serving:
            writer.writerow(neutralised_row([rollup.framework.id, item_id, name, *_cells(serving)]))
    return stream.getvalue()
