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
"""Any text a plan field could hold (NUL aside: CommonMark itself turns it into U+FFFD;
and YAML holds no lone surrogates)."""


def collapsed(value: str) -> str:
    """What a reader sees of `value`: its whitespace collapsed, without bidi controls."""
    from cspplan.bidi import without_controls

    return " ".join(without_controls(value).split())


def _unmentioned(rendered: str) -> str:
    """The rendering read as text: an "@" that would mention someone on GitHub carries an
    invisible zero-width space after it (see tests/test_hostile_markup.py)."""
    return rendered.replace("@" + markdown.MENTION_BREAK, "@")


def _rendered(source: str) -> str:
    return _unmentioned(markdown.parser().render(source))


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
@given(plan_text.filter(lambda value: collapsed(value)))
def test_escaped_text_renders_to_exactly_the_text_in_every_position(value):
    escaped = markdown.text(value)
    shown = escapeHtml(collapsed(value))
    for name, (place, expected) in CONTEXTS.items():
        assert _rendered(place(escaped)) == expected.format(shown), name
    table = _rendered(_table(value))
    assert f"<th>{shown}</th>" in table and f"<td>{shown}</td>" in table, table
    entry = _rendered(f"- {markdown.bold(value)}: {escaped}.")  # as status and diff list them
    assert entry == f"<ul>\n<li><strong>{shown}</strong>: {shown}.</li>\n</ul>\n"


WEB_ADDRESS = re.compile(r"(?:https?://|ftp://|www\.)[^\s<]*|\S+@\S+")
"""What GitHub links without being asked (its 'extended autolinks'), generously."""


def _text_of(rendered_html: str) -> str:
    """What a reader sees: the HTML's text (every literal `<` in it is `&lt;`)."""
    return html.unescape(re.sub(r"<[^>]*>", "", rendered_html)).strip()


@pytest.mark.skipif(shutil.which("cmark-gfm") is None, reason="cmark-gfm is not installed")
@settings(max_examples=examples(60), deadline=None)
@given(plan_text.filter(lambda value: collapsed(value)))
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
        seen = _unmentioned(_text_of(shown))
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
    from tests.conftest import run

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


# -- Word: what the file says about itself ------------------------------------------------------

W_LANG = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}lang"
W_VAL = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"


def _default_language(word) -> str:
    return word.styles.element.find(f".//{W_LANG}").get(W_VAL)


def test_word_says_who_wrote_it_when_and_in_which_language(tree):
    import io
    import zipfile
    from datetime import UTC, datetime, timedelta

    from cspplan.rendering.documents import Document, render

    plans = _load(tree.write())
    before = datetime.now(UTC).replace(microsecond=0)
    data = render(Document.PLAN, plans, plans.years[-1], word=True).main
    word = _word(data)
    core = word.core_properties
    assert core.author == "Testshire Community Safety Partnership"
    assert core.title == "Testshire Community Safety Partnership: Delivery Plan 2018/19"
    assert core.language == "en-GB" and _default_language(word) == "en-GB"
    assert before <= core.created <= datetime.now(UTC) + timedelta(seconds=1)
    assert core.modified == core.created
    assert core.comments == ""  # not "generated by python-docx"
    package = zipfile.ZipFile(io.BytesIO(data))
    assert "docProps/thumbnail.jpeg" not in package.namelist()  # python-docx's blank page
    assert b"<Application>cspplan</Application>" in package.read("docProps/app.xml")


def test_word_render_is_the_same_bytes_at_the_same_source_date_epoch(tree, monkeypatch):
    import io
    import time
    import zipfile
    from datetime import UTC, datetime

    from cspplan.rendering.documents import Document, render

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1543622400")
    plans = _load(tree.write())
    first = render(Document.PERFORMANCE, plans, plans.years[-1], word=True).main
    time.sleep(1.05 - time.time() % 1)  # into the next second, as a second build would be
    second = render(Document.PERFORMANCE, plans, plans.years[-1], word=True).main
    assert first == second
    assert _word(first).core_properties.created == datetime(2018, 12, 1, tzinfo=UTC)
    dates = {entry.date_time for entry in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert dates == {(2018, 12, 1, 0, 0, 0)}


def test_bad_source_date_epoch_is_a_message_and_writes_nothing(tree, tmp_path):
    from tests.conftest import run

    folder = tree.write()
    target = tmp_path / "plan.docx"
    result = run(
        "render", str(folder), "--format", "docx", "-o", str(target),
        env={"SOURCE_DATE_EPOCH": "yesterday"},
    )  # fmt: skip
    assert result.returncode == 2
    assert "SOURCE_DATE_EPOCH is 'yesterday'" in result.stderr
    assert "Traceback" not in result.stderr and not target.exists()


def test_council_template_keeps_its_language_but_not_its_title_or_author(tree, tmp_path):
    from docx import Document as WordDocument

    from cspplan.rendering.documents import Document, render

    reference = WordDocument()
    reference.core_properties.title = "Council house style"
    reference.core_properties.author = "Template author"
    reference.styles.element.find(f".//{W_LANG}").set(W_VAL, "cy-GB")
    reference.save(tmp_path / "style.docx")
    tree["partnership.yaml"]["name"] = "Cyngor " + "Testshire " * 30  # past Word's 255
    plans = _load(tree.write())
    data = render(
        Document.PLAN, plans, plans.years[-1], word=True, reference=tmp_path / "style.docx"
    ).main
    core = _word(data).core_properties
    assert core.author == plans.partnership.name[:255]
    assert core.title.startswith("Cyngor Testshire") and len(core.title) == 255
    assert core.language == "cy-GB" and _default_language(_word(data)) == "cy-GB"


# -- CSV for spreadsheets -----------------------------------------------------------------------

TYPED = "Spend per victim £5 — it’s falling"


def _status_csv(tree, *args: str):
    from tests.conftest import run

    for year in ("2017-18", "2018-19"):
        tree[f"{year}/themes/domestic-abuse.yaml"]["indicators"][0]["wording"] = TYPED
    folder = tree.write()
    return run("status", str(folder / "2018-19"), "--format", "csv", *args)


def _rows(text: str) -> list[dict[str, str]]:
    import csv
    import io

    return list(csv.DictReader(io.StringIO(text)))


def test_status_csv_file_starts_with_a_bom_for_excel_and_standard_output_does_not(tree, tmp_path):
    target = tmp_path / "status.csv"
    written = _status_csv(tree, "-o", str(target))
    assert written.returncode == 0, written.stderr
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfpartnership,")  # Excel then reads it as UTF-8
    assert _rows(data.decode("utf-8-sig"))[0]["measure"] == TYPED
    piped = _status_csv(tree)
    assert piped.stdout.startswith("partnership,")  # a pipe to another program: no mark
    assert _rows(piped.stdout)[0]["measure"] == TYPED


def test_csv_byte_order_mark_can_be_turned_off_or_on(tree, tmp_path):
    target = tmp_path / "status.csv"
    assert _status_csv(tree, "-o", str(target), "--no-bom").returncode == 0
    assert target.read_bytes().startswith(b"partnership,")
    piped = _status_csv(tree, "--bom")
    assert piped.returncode == 0, piped.stderr
    assert piped.stdout.startswith("\ufeffpartnership,")


# -- Word: a numbered list counts from its own start --------------------------------------------

LISTS_TEMPLATE = (
    "# {{ title | md }}\n\n1. one\n2. two\n\n## Next\n\n1. again\n2. and again\n\n"
    "## Later\n\n7. seventh\n8. eighth\n"
)
SHOWN = ["1. one", "2. two", "1. again", "2. and again", "7. seventh", "8. eighth"]


def _numbers_word_shows(word) -> list[str]:
    """Each numbered paragraph as Word counts it: its w:num's start, plus the paragraphs
    before it in the same w:num."""
    from docx.oxml.ns import qn

    numbering = word.part.numbering_part.element
    seen: dict[str, int] = {}
    shown = []
    for paragraph in word.paragraphs:
        number = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        if number is None:
            properties = paragraph.style.element.pPr
            if properties is None or properties.numPr is None:
                continue
            number = properties.numPr.numId
        num_id = number.get(qn("w:val"))
        start = numbering.find(
            f"{qn('w:num')}[@{qn('w:numId')}='{num_id}']//{qn('w:startOverride')}"
        )
        first = int(start.get(qn("w:val"))) if start is not None else 1
        shown.append(f"{first + seen.get(num_id, 0)}. {paragraph.text}")
        seen[num_id] = seen.get(num_id, 0) + 1
    return shown


def test_each_numbered_list_in_word_counts_from_its_own_start(tree, tmp_path):
    from cspplan.rendering.documents import Document, render

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "plan.md.j2").write_text(LISTS_TEMPLATE, encoding="utf-8")
    plans = _load(tree.write())
    data = render(Document.PLAN, plans, plans.years[-1], word=True, template_folder=templates).main
    assert _numbers_word_shows(_word(data)) == SHOWN
    if shutil.which("soffice") is None:
        return
    (tmp_path / "lists.docx").write_bytes(data)  # and as LibreOffice shows it
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", str(tmp_path),
         str(tmp_path / "lists.docx")],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    lines = (tmp_path / "lists.txt").read_text(encoding="utf-8-sig").split("\n")
    assert [line.strip() for line in lines if line.strip()[:1].isdigit()] == SHOWN
