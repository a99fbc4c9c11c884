"""Markdown that cannot be misread, and files other programs open (Word, spreadsheets)."""

from __future__ import annotations

import html
import re
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it.common.utils import escapeHtml
from tests.conftest import examples

from cspplan import markdown

# -- Escaping: any text renders to exactly that text --------------------------------------------

PIECES = [
    *"-+*_#>=<`~&|\\[]()!:.)'\"0123456789 \t\n",
    "1.",
    "2)",
    "10. ",
    "- ",
    "+ ",
    "* ",
    "# ",
    "## ",
    "> ",
    "===",
    "---",
    "***",
    "___",
    "```",
    "~~~",
    "~~",
    "    ",
    "<div>",
    "<br>",
    "</b>",
    "<!--",
    "<http://a.b>",
    "http://a.b",
    "www.a.b",
    "&amp;",
    "&#35;",
    "&copy;",
    "[x]: /u",
    "[^1]",
    "](u)",
    "![",
    "| --- |",
    "\u00a0",
    "\u2003",
    "£",
    "’",
    "—",
    "a",
    "Kernow",
    "a_b",
    "A&E",
]
"""Markdown's meaningful pieces, so that drawn text is mostly syntax rather than letters."""

plan_text = st.lists(
    st.sampled_from(PIECES)
    | st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=3),
    max_size=12,
).map("".join)
"""Any text a plan field could hold (NUL aside: CommonMark itself turns it into U+FFFD; YAML holds no lone surrogates)."""


def collapsed(value: str) -> str:
    return " ".join(value.split())


def _rendered(source: str) -> str:
    return markdown.parser().render(source)


def _table(value: str) -> str:
    """`value` as a header cell and a body cell, written by cspplan's own `table`."""
    return "\n".join(markdown.table([value, "b"], [[value, "b"]]))


CONTEXTS = {
    "paragraph": (lambda e: e, "<p>{}</p>\n"),
    "later line of a paragraph": (lambda e: f"Before\n{e}", "<p>Before\n{}</p>\n"),
    "list item": (lambda e: f"- {e}", "<ul>\n<li>{}</li>\n</ul>\n"),
    "heading": (lambda e: f"## {e}", "<h2>{}</h2>\n"),
    "link text": (lambda e: f"[{e}](#here)", '<p><a href="#here">{}</a></p>\n'),
}


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
@given(plan_text.filter(lambda value: value.split()))
def test_escaped_text_renders_to_exactly_the_text_in_every_position(value):
    escaped = markdown.text(value)
    shown = escapeHtml(collapsed(value))
    for name, (place, expected) in CONTEXTS.items():
        assert _rendered(place(escaped)) == expected.format(shown), name
    table = _rendered(_table(value))
    assert f"<th>{shown}</th>" in table and f"<td>{shown}</td>" in table, table


WEB_ADDRESS = re.compile(r"(?:https?://|ftp://|www\.)[^\s<]*|\S+@\S+")
"""What GitHub links without being asked (its 'extended autolinks'), generously."""


def _text_of(rendered_html: str) -> str:
    """What a reader sees: the HTML's text (every literal `<` in it is `&lt;`)."""
    return html.unescape(re.sub(r"<[^>]*>", "", rendered_html)).strip()


@pytest.mark.skipif(shutil.which("cmark-gfm") is None, reason="cmark-gfm is not installed")
@settings(max_examples=examples(60), deadline=None)
@given(plan_text.filter(lambda value: value.split()))
def test_github_renderer_shows_exactly_the_text(value):
    """GitHub's own renderer (cmark-gfm with its extensions) is the real reader of job
    summaries and pull-request comments. A web address it makes a link still reads the same;
    but GitHub finds web addresses in the raw text, before escapes are read, so one holding a
    character that must be escaped (say `*` or `[`) shows the backslash: drawn text with
    such an address is left out (see the README)."""
    escaped = markdown.text(value)
    assume(not any("\\" in span for span in WEB_ADDRESS.findall(escaped)))
    expected = collapsed(value)
    sources = {
        "paragraph": escaped,
        "later line of a paragraph": f"Before\n{escaped}",
        "list item": f"- {escaped}",
        "heading": f"## {escaped}",
        "table cell": f"| h |\n|---|\n| {escaped} |",
    }
    for name, source in sources.items():
        result = subprocess.run(
            ["cmark-gfm", "--unsafe", *("-e", "table", "-e", "strikethrough", "-e", "autolink")],
            input=source.encode(),
            capture_output=True,
            check=True,
        )
        shown = result.stdout.decode()
        if name == "table cell":
            shown = re.search(r"<td>(.*)</td>", shown, re.DOTALL).group(1)
        seen = _text_of(shown)
        expected_here = f"Before\n{expected}" if name.startswith("later") else expected
        assert seen == expected_here, (name, source, result.stdout.decode())


@pytest.mark.parametrize(
    "value",
    ["1. Reduce harm", "2) Reduce harm", "- Reduce harm", "+ Reduce harm", "---", "==="],
)
def test_block_starts_are_text(value):
    """The starts the issue names, checked one by one (the property test draws them too)."""
    assert _rendered(markdown.text(value)) == f"<p>{value}</p>\n"
    assert _rendered(f"- {markdown.text(value)}") == f"<ul>\n<li>{value}</li>\n</ul>\n"


# -- Plan text as typed, in status Markdown and in Word ---------------------------------------

ODD_NAME = "<Cornwall> *Kernow* & Scilly"
ODD_THEME = "2) Domestic abuse_ *and* <sexual> violence"
ODD_OUTCOME = "1. Reduce the risk of serious harm"


def _odd_tree(tree):
    tree["partnership.yaml"]["name"] = ODD_NAME
    for year in ("2017-18", "2018-19"):
        tree[f"{year}/themes/domestic-abuse.yaml"]["title"] = ODD_THEME
        tree[f"{year}/plan.yaml"]["outcomes"][0]["text"] = ODD_OUTCOME
    return tree.write()


def _headings(source: str) -> list[str]:
    rendered = markdown.parser().render(source)
    return [html.unescape(text) for text in re.findall(r"<h\d>(.*?)</h\d>", rendered)]


def test_status_markdown_headings_show_the_names_as_typed(tree):
    from tests.test_cli import run

    folder = _odd_tree(tree)
    result = run("status", str(folder / "2018-19"), "--format", "markdown")
    assert result.returncode == 0, result.stderr
    headings = _headings(result.stdout)
    assert headings[0] == f"{ODD_NAME} 2018/19: status as at 2018/19", headings
    assert ODD_THEME in headings


def _load(folder):
    import cspplan

    return cspplan.load(folder).partnerships[0]


def _word(data: bytes):
    import io

    from docx import Document as WordDocument

    return WordDocument(io.BytesIO(data))


def test_word_shows_plan_text_as_typed_without_list_numbering(tree):
    from cspplan.rendering.documents import Document, render

    plans = _load(_odd_tree(tree))
    word = _word(render(Document.PLAN, plans, plans.years[-1], word=True).main)
    paragraphs = {p.text: p.style.name for p in word.paragraphs}
    assert paragraphs[ODD_OUTCOME] == "List Bullet"  # one bullet, its number printed as text
    assert paragraphs[ODD_NAME] == "Normal"
    assert paragraphs[ODD_THEME].startswith("Heading")
    assert not [style for style in paragraphs.values() if style.startswith("List Number")]
