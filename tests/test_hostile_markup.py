"""Plan text that other programs interpret (issue 22, part B): GitHub's workflow commands and
its Markdown (job summaries, pull-request comments), Word, the site's HTML and the terminal.

Each test runs the real command and looks at what the program that reads the output would
do with it: the runner's own parsing of workflow commands, GitHub's renderer (cmark-gfm)
for Markdown, python-docx and LibreOffice for Word, the HTML for the site.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import PlanTree, run

CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
"""The bidi controls the issue names (written out here, not taken from cspplan.bidi)."""

BIDI = "\u202eevil\u202c \u2066x\u2069 \u200f\u061c"
"""A right-to-left override (the letters after it read backwards), an isolate and marks."""

HOSTILE = (
    "<img src=x onerror=alert(1)> <script>alert(2)</script> </details> "
    "[x](javascript:alert(3)) <javascript:alert(4)> @octocat cc @org/team | a & \"q\" 'a' " + BIDI
)
"""Everything the issue names, in one piece of plan text."""

SHOWN = " ".join("".join(ch for ch in HOSTILE if ch not in CONTROLS).split())
"""What a reader should see."""

MENTION = re.compile(r"(?:^|[^A-Za-z0-9_])@[A-Za-z0-9]")
"""GitHub's mention (html-pipeline's MentionFilter): an "@" not after a word character,
before a letter or digit. It runs on the rendered HTML's text, so escapes do not stop it."""

CMARK = shutil.which("cmark-gfm")
needs_cmark = pytest.mark.skipif(
    CMARK is None, reason="cmark-gfm is not installed (Debian: apt-get install cmark-gfm)"
)


def _hostile_tree(root: Path) -> Path:
    tree = PlanTree(root)
    tree["partnership.yaml"]["name"] = f"Testshire {HOSTILE}"
    theme = tree["2018-19/themes/domestic-abuse.yaml"]
    theme["title"] = f"Domestic abuse {HOSTILE}"
    theme["actions"].append({"id": "new-one", "title": f"New {HOSTILE}"})
    theme["indicators"][0]["wording"] = f"Repeat {HOSTILE}"
    return tree.write()


# -- GitHub workflow commands -------------------------------------------------------------------


def _unescape_data(text: str) -> str:
    return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _unescape_property(text: str) -> str:
    return (
        text.replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%3A", ":")
        .replace("%2C", ",")
        .replace("%25", "%")
    )


def _workflow_commands(output: str) -> list[tuple[str, dict[str, str], str]]:
    """The workflow commands GitHub's runner finds in `output`, parsed as it parses them
    (actions/runner ActionCommand.cs): a line that starts with `::` after leading space
    (the current form), else `##[` anywhere in a line (the legacy form)."""
    commands = []
    for line in re.split(r"\r\n|\r|\n", output):
        message = line.lstrip()
        if message.startswith("::") and "::" in message[2:]:
            end = message.index("::", 2)
            name, _, props = message[2:end].partition(" ")
            properties = dict(
                (key, _unescape_property(value))
                for key, _, value in (p.partition("=") for p in props.split(",") if p)
            )
            commands.append((name, properties, _unescape_data(message[end + 2 :])))
        elif "##[" in line:
            commands.append(("legacy", {}, line))
    return commands


INJECTED = "x\n::stop-commands::t\r\n::add-mask::s%0A::error::f,t:y\n##[error]o"
"""Under the 80 characters an id may have, so that the message quotes it whole."""


def test_github_annotations_cannot_start_another_workflow_command(tmp_path):
    """Already safe before issue 22: messages are escaped as data, the file and title as
    properties. A value and a file name holding newlines, `::stop-commands::`,
    `::add-mask::`, `%0A` and `:`/`,` give exactly one annotation each, which reads back
    (unescaped, as the runner does) as the message and path cspplan meant."""
    tree = PlanTree(tmp_path)
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["indicator"] = INJECTED
    folder = tree.write()
    odd_name = "n\n::warning::evil%0A,x:y.yaml"
    (folder / "2018-19" / "themes" / odd_name).write_text("title: [\n", encoding="utf-8")

    result = run("validate", str(folder), "--format", "github", cwd=tmp_path)
    report = run("validate", str(folder), "--format", "json", cwd=tmp_path)

    import json

    issues = json.loads(report.stdout)["issues"]
    assert result.returncode == 1, result.stderr
    commands = _workflow_commands(result.stdout + result.stderr)
    assert [name for name, _, _ in commands] == [
        "error" if issue["severity"] == "error" else "warning" for issue in issues
    ]
    for (_, properties, message), issue in zip(commands, issues, strict=True):
        assert properties["file"] == issue["file"]
        assert properties["title"] == f"{issue['code']} {issue['name']}"
        assert message.startswith(f"{issue['path']}: {issue['message']}" if issue["path"] else "")
    from cspplan.paths import shown

    # the id is quoted whole, on one line (its line breaks shown as escapes, `paths.shown`)
    assert any(shown(INJECTED) in message for _, _, message in commands)
    assert any(properties["file"].endswith(odd_name) for _, properties, _ in commands)


def test_github_annotations_read_in_the_order_typed(tmp_path):
    """An annotation is read by people on the pull request: no bidi controls in it."""
    tree = PlanTree(tmp_path)
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["indicator"] = f"id {BIDI}"
    folder = tree.write()
    result = run("validate", str(folder), "--format", "github", cwd=tmp_path)
    assert result.returncode == 1
    assert "is not a valid id" in result.stdout
    assert not set(result.stdout) & set(CONTROLS), result.stdout


# -- GitHub Markdown (job summaries, pull-request comments) -------------------------------------


def _github_html(markdown: str, *, unsafe: bool) -> str:
    """The HTML GitHub makes of `markdown` (cmark-gfm with GitHub's extensions; the tag
    filter is GitHub's, --unsafe shows what would get through without it)."""
    options = ["-e", "table", "-e", "autolink", "-e", "tagfilter", "-e", "strikethrough"]
    return subprocess.run(
        [CMARK, *options, *(["--unsafe"] if unsafe else [])],
        input=markdown.encode(),
        capture_output=True,
        check=True,
    ).stdout.decode()


def _without(text: str, characters: str) -> str:
    return "".join(ch for ch in text if ch not in characters)


def _text_nodes(rendered: str) -> list[str]:
    return [html.unescape(piece) for piece in re.split(r"<[^>]*>", rendered) if piece.strip()]


def _markdown_outputs(tmp_path: Path) -> dict[str, str]:
    folder = _hostile_tree(tmp_path)
    outputs = {}
    commands = {
        "status": ["status", str(folder / "2018-19"), "--format", "markdown"],
        "diff": ["diff", str(folder), "--format", "markdown"],
    }
    for document in ("plan", "performance", "changes"):
        output = tmp_path / f"{document}.md"
        commands[document] = ["render", str(folder / "2018-19"), "--document", document]
        commands[document] += ["-o", str(output)]
    for name, arguments in commands.items():
        result = run(*arguments, cwd=tmp_path)
        assert result.returncode == 0, (name, result.stderr)
        output = tmp_path / f"{name}.md"
        outputs[name] = output.read_text(encoding="utf-8") if output.exists() else result.stdout
    return outputs


@needs_cmark
def test_markdown_through_githubs_renderer_carries_no_html_links_or_broken_tables(tmp_path):
    """Already safe before issue 22 (the `md` filter escapes `<`, `[`, `|`): with or without
    GitHub's tag filter, plan text makes no element, no `javascript:` link, no stray
    `</details>`, and a `|` stays inside its table cell; the text reads as typed."""
    for name, markdown in _markdown_outputs(tmp_path).items():
        for unsafe in (False, True):
            rendered = _github_html(markdown, unsafe=unsafe)
            tags = re.findall(r"<(/?[a-z0-9]+)([^>]*)>", rendered)
            assert "script" not in {tag for tag, _ in tags}, name
            assert not [tag for tag in tags if re.search(r"\son\w+=", tag[1])], name
            images = re.findall(r'<img src="([^"]*)"', rendered)  # only cspplan's own charts
            assert all(re.fullmatch(r"[\w-]+_charts/[\w-]+\.png", src) for src in images), images
            assert "javascript:" not in "".join(re.findall(r'href="[^"]*"', rendered)), name
            assert rendered.count("<details>") == rendered.count("</details>"), name
            hrefs = re.findall(r'<a href="([^"]*)"', rendered)
            assert all(href.startswith(("#", "https://", "mailto:")) for href in hrefs), hrefs
            shown = [_without(node, CONTROLS + "\u200b") for node in _text_nodes(rendered)]
            assert any(SHOWN in node for node in shown), (name, shown)
            for cells in re.findall(r"<tr>(.*?)</tr>", rendered, re.DOTALL):
                if "onerror" in cells:  # the hostile row: its `|` did not add a column
                    assert any("| a" in node for node in _text_nodes(cells)), cells


@needs_cmark
def test_markdown_mentions_nobody_and_reads_in_the_order_typed(tmp_path):
    """New in issue 22: "@octocat" in plan text would notify that GitHub user when a diff is
    posted as a pull-request comment; a right-to-left override would show a title
    backwards. The rendered text holds no mention and no bidi control, yet reads the same."""
    for name, markdown in _markdown_outputs(tmp_path).items():
        rendered = _github_html(markdown, unsafe=False)
        nodes = _text_nodes(rendered)
        assert not [node for node in nodes if MENTION.search(node)], name
        assert not set(rendered) & set(CONTROLS), name
        assert "@\u200boctocat" in rendered and "@\u200borg/team" in rendered, name


def test_email_addresses_are_not_mentions_and_stay_as_typed():
    from cspplan import markdown

    assert markdown.text("mail@safercornwall.co.uk") == "mail@safercornwall.co.uk"
    assert markdown.text("Follow @SaferCornwall") == "Follow @\u200bSaferCornwall"


# -- Word -----------------------------------------------------------------------------------------


def _word_texts(path: Path) -> list[str]:
    from docx import Document

    document = Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return [*texts, document.core_properties.title, document.core_properties.author]


def test_word_shows_hostile_text_as_typed_without_bidi_controls(tmp_path):
    """XML's special characters were already safe (python-docx escapes them). New in issue
    22: no bidi control reaches the document (a title cannot read backwards, in the text
    or in the file's properties), and the Markdown's mention guard is not left in it."""
    folder = _hostile_tree(tmp_path)
    output = tmp_path / "plan.docx"
    result = run("render", str(folder / "2018-19"), "--format", "docx", "-o", str(output))
    assert result.returncode == 0, result.stderr
    texts = _word_texts(output)
    everything = "\n".join(texts)
    assert not set(everything) & set(CONTROLS)
    assert "\u200b" not in everything
    assert any(f"Domestic abuse {SHOWN}" == text for text in texts), texts
    assert any(SHOWN in text for text in texts if text.startswith("New "))


LONG_WORD = "Kernow" * 60
"""360 letters with nowhere to break."""


@pytest.mark.skipif(
    shutil.which("libreoffice") is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice and poppler-utils (pdftotext)",
)
def test_word_long_words_stay_on_the_page(tmp_path):
    """Already safe before issue 22: a 360-letter word in a title and in a table cell.
    LibreOffice lays the document out with every letter of it on the page (wrapped within
    the margins and the cell, not cut off); the pages were also looked at as PNG."""
    tree = PlanTree(tmp_path)
    theme = tree["2018-19/themes/domestic-abuse.yaml"]
    theme["title"] = f"Domestic abuse {LONG_WORD}"
    theme["actions"][0]["title"] = LONG_WORD
    folder = tree.write()
    output = tmp_path / "plan.docx"
    result = run("render", str(folder / "2018-19"), "--format", "docx", "-o", str(output))
    assert result.returncode == 0, result.stderr
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), output],
        capture_output=True,
        check=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pdf = tmp_path / "plan.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    joined = re.sub(r"\s+", "", text)
    assert joined.count(LONG_WORD) >= 2, text[:2000]  # heading and table cell, every letter
    width = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, text=True).stdout
    page = re.search(r"Page size:\s+([\d.]+) x", width)
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox))
    assert right <= float(page.group(1)), "text runs off the page"


# -- The site and the terminal ------------------------------------------------------------------


def test_site_pages_escape_hostile_text_and_drop_bidi_controls(tmp_path):
    """Escaping was already safe (Jinja autoescape): the text shows as typed, no element is
    made. New in issue 22: no bidi control on any page."""
    folder = _hostile_tree(tmp_path)
    result = run("site", str(folder), "-o", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    pages = list((tmp_path / "site").rglob("*.html"))
    assert pages
    seen = False
    for page in pages:
        content = page.read_text(encoding="utf-8")
        assert "<img src=x" not in content and "<script>alert" not in content, page
        assert not set(content) & set(CONTROLS), page
        seen = seen or "&lt;img src=x onerror=alert(1)&gt;" in content
    assert seen


def test_terminal_output_drops_bidi_controls(tmp_path):
    """`status` and `diff` as text, and `validate`'s messages, read in the order typed."""
    folder = _hostile_tree(tmp_path)
    tree = PlanTree(tmp_path / "bad")
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["indicator"] = f"id {BIDI}"
    bad = tree.write()
    for arguments in (
        ["status", str(folder / "2018-19")],
        ["diff", str(folder)],
        ["validate", str(bad)],
    ):
        result = run(*arguments, cwd=tmp_path)
        assert result.stdout.strip(), arguments
        assert not set(result.stdout + result.stderr) & set(CONTROLS), arguments
        if arguments[0] != "validate":
            assert "evil" in result.stdout


# -- Workflow commands in the other outputs a CI job prints ---------------------------------------


def test_text_output_in_a_ci_log_starts_no_workflow_command(tmp_path):
    """New in issue 22: `validate` as text quoted a value or file name holding a line break
    as it is, so a line of the log could start `::stop-commands::` (hiding every later
    annotation) or `::error::` (a fake one); so could `fmt --check`, which the workflow
    `cspplan init` writes runs on every pull request. Now no line of their output is a
    workflow command, and the text still says what the file holds."""
    tree = PlanTree(tmp_path)
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["indicator"] = INJECTED
    folder = tree.write()
    odd = folder / "2018-19" / "themes" / "n\n::warning::evil.yaml"
    odd.write_text("title:   odd\n", encoding="utf-8")  # valid, but fmt would reformat it
    for arguments in (["validate", str(folder)], ["fmt", "--check", str(folder)]):
        result = run(*arguments, cwd=tmp_path)
        assert result.returncode == 1, (arguments, result.stderr)
        output = result.stdout + result.stderr
        assert _workflow_commands(output) == [], (arguments, output)
        assert "::warning::evil.yaml" in output, output  # still named, with a backslash before
    result = run("fmt", "--diff", str(odd), cwd=tmp_path)
    assert _workflow_commands(result.stdout + result.stderr) == []
