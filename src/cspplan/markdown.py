"""GitHub-flavoured Markdown pieces shared by the commands that write Markdown.

Plan text is data, not markup: it is escaped so that a stray `|`, `*` or `<details>` in a
title cannot break a table or a pull-request comment.
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


class Markup(str):
    """Markdown that cspplan wrote itself: passed through `text` unescaped."""


def bold(value: object) -> Markup:
    return Markup(f"**{text(value)}**")


def text(value: object) -> str:
    """Plain text on one line, safe inside a paragraph, list item or table cell."""
    if isinstance(value, Markup):
        return value
    return _SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def table(header: list[str], rows: list[list[object]]) -> list[str]:
    lines = ["| " + " | ".join(text(cell) for cell in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(text(value) for value in row) + " |" for row in rows]
    return [*lines, ""]


def lines(values: list[object] | tuple[object, ...]) -> Markup:
    """Several items in one table cell, one to a line and bulleted when there are several
    (GitHub renders <br> in a cell; so does the Word writer)."""
    items = [text(value) for value in values if value not in (None, "")]
    if len(items) > 1:
        items = [f"• {item}" for item in items]
    return Markup("<br>".join(items))


def anchor(value: object) -> str:
    """The id GitHub gives a heading, so that a contents list can link to it."""
    slug = re.sub(r"[^\w\- ]", "", " ".join(str(value).split()).lower())
    return slug.replace(" ", "-")
