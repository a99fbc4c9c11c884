"""GitHub-flavoured Markdown pieces shared by the commands that write Markdown.

Plan text is data, not markup: it is escaped so that a stray `|`, `*` or `<details>` in a
title cannot break a table or a pull-request comment, and a title that begins "1. " or
"- " stays a title rather than becoming a list (in Word, a numbered one).

Two things GitHub does beyond CommonMark are defused too: an "@name" notifies that person or
team when a comment is posted, so plan text such as "@SaferCornwall" gets an invisible
zero-width space after its "@" (what Dependabot does in the release notes it quotes); and
bidi controls are dropped (`cspplan.bidi`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cspplan.bidi import without_controls

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_INLINE = re.compile(r"[\\`*\[\]<|~]|(?<![^\W_])_|_(?![^\W_])|&(?=#?\w+;)|(?<= )#(?=#*$)")
"""What means something within a line, and only that (so that the Markdown stays readable
and a web address GitHub links keeps its characters): emphasis (`*`, `~`, and `_` unless
between two letters or digits, where it never is), code, links and images (`!` is an image
only before `[`), HTML and autolinks (`<`), table cells, entities ("&amp;", not "A&E"), and
a heading's closing `#`s."""

_BLOCK_START = re.compile(r"^(?:[-+=>#]|\d+(?=[.)](?: |$)))")
"""What makes a line start a block: a bullet ("- ", "+ "), a setext underline or thematic
break ("===", "---"), a quote, a heading, or an ordered list item ("1. ", "2) "; the escape
goes before its `.` or `)`). Other starts (`*`, `_`, backtick and `~` fences, `<` HTML) are
escaped wherever they are; leading spaces (indented code) are collapsed away."""

_MENTION = re.compile(r"(?<![A-Za-z0-9_])@(?=[A-Za-z0-9])")
"""An "@" that GitHub reads as a mention: not after a letter, digit or `_` (so e-mail
addresses are left alone), and before a letter or digit."""

MENTION_BREAK = "\u200b"
"""Put after such an "@": GitHub's mention needs a letter or digit right after it. The Word
writer takes it out again (`word.clean`)."""


class Markup(str):
    """Markdown that cspplan wrote itself: passed through `text` unescaped."""


def bold(value: object) -> Markup:
    return Markup(f"**{text(value)}**")


def text(value: object) -> str:
    """Plain text on one line, safe anywhere a line of Markdown can hold text: a paragraph
    (its first line or a later one), a list item, a table cell, a heading or link text. It
    renders to exactly the text, with its whitespace collapsed."""
    if isinstance(value, Markup):
        return value
    escaped = _INLINE.sub(r"\\\g<0>", " ".join(without_controls(str(value)).split()))
    escaped = _MENTION.sub("@" + MENTION_BREAK, escaped)
    start = _BLOCK_START.match(escaped)
    if start is None:
        return escaped
    if start.group()[0].isdigit():  # "1. " -> "1\. "
        return f"{start.group()}\\{escaped[start.end() :]}"
    return f"\\{escaped}"


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


def parser() -> MarkdownIt:
    """The Markdown reader cspplan itself uses (for Word): CommonMark with GitHub's tables and
    inline HTML (for <br> in cells), close to what GitHub shows."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")
