"""`cspplan render`: every shipped plan to Markdown and Word, the structure a reader relies
on, and templates or text that try to break it."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from tests.conftest import SHIPPED, PlanTree, run

import cspplan
from cspplan.rendering.documents import Document, render
from cspplan.status.assess import assess_year

PLANS = cspplan.load(SHIPPED)
YEARS = [(plans, year) for plans in PLANS.partnerships for year in plans.years]
IDS = [f"{plans.id}-{year.folder.name}" for plans, year in YEARS]


def _word(data: bytes):
    return WordDocument(io.BytesIO(data))


def _all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize(("plans", "year"), YEARS, ids=IDS)
def test_every_shipped_plan_renders_with_its_actions_and_numbers(plans, year, shipped_document):
    plan = ("plan", plans.id, year.folder.name)
    markdown = shipped_document(*plan, word=False).main.decode()
    document = _word(shipped_document(*plan, word=True).main)
    text = _all_text(document)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert year.plan.title in headings[0]
    for theme in year.themes:
        assert theme.title in headings
        assert theme.title in markdown
    for _, action in year.actions():
        assert " ".join(action.title.split()) in text
    assessed = assess_year(plans, year)
    for status in assessed.measures:
        assert status.latest_words() in text  # the number in the text is the number in the data
        assert assessed.label(status.band) in text
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(cell.text for cell in table.rows[0].cells)
    measures = sum(1 for theme in year.themes if theme.indicators)
    action_tables = sum(1 for theme in year.themes if theme.actions)
    headline = 1 if year.plan.headline and year.plan.headline.indicators else 0
    key = 1 if plans.partnership.status_rules.definitions else 0  # "What the statuses mean"
    funding = len(year.funding.funding.schedules) if year.funding else 0  # a table each
    assert len(document.tables) == measures + action_tables + headline + key + funding
    footer = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer


def test_status_cells_are_shaded_and_worded(shipped_document):
    plans = PLANS.partnership("safer-cornwall")
    document = _word(
        shipped_document("plan", plans.id, plans.years[-1].folder.name, word=True).main
    )
    shaded = [
        cell.text
        for table in document.tables
        for row in table.rows[1:]
        for cell in row.cells
        if cell._tc.tcPr is not None and cell._tc.tcPr.find(qn("w:shd")) is not None
    ]
    assert "Needs improving" in shaded and "Successful" in shaded
    assert all(text.strip() for text in shaded)


def test_performance_report_has_a_chart_with_alt_text_for_every_series(shipped_document):
    plans = PLANS.partnership("safer-cornwall")
    year = plans.years[-1]
    performance = ("performance", plans.id, year.folder.name)
    rendered = shipped_document(*performance, word=True)
    document = _word(rendered.main)
    with_series = [s for s in assess_year(plans, year).measures if s.latest is not None]
    shapes = document.inline_shapes
    assert len(shapes) == len(with_series) > 30
    for shape in shapes:
        assert shape._inline.docPr.get("descr", "").startswith("Line chart of ")
    text = _all_text(document)
    assert "Exceptions" in text and "What is being done?" in text
    markdown = shipped_document(*performance, word=False)  # its charts in folder "c"
    assert len(markdown.images) == len(with_series)
    assert all(data.startswith(b"\x89PNG") for data in markdown.images.values())
    assert markdown.main.decode().count("](c/") == len(with_series)


def test_changes_document_lists_the_real_changes():
    plans = PLANS.partnership("safer-cornwall")
    text = render(Document.CHANGES, plans, plans.years[-1], word=False).main.decode()
    assert "- Safer towns" in text
    assert "target: at most 40% → between 28% and 40%" in text


def test_cli_writes_markdown_with_charts_and_word(tmp_path, charts_not_drawn):
    """Where the command writes the charts; what they show is tested in test_charts."""
    year = SHIPPED / "safer-cornwall" / "2018-19"
    result = run("render", str(year), "--document", "performance", "-o", str(tmp_path / "q.md"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "q_charts").is_dir()
    assert len(list((tmp_path / "q_charts").glob("*.png"))) > 30
    result = run("render", str(year), "--format", "docx", "-o", str(tmp_path / "plan.docx"))
    assert result.returncode == 0, result.stderr
    assert _word((tmp_path / "plan.docx").read_bytes()).paragraphs


def test_a_reference_document_supplies_the_styles(tmp_path):
    from docx.shared import RGBColor

    reference = WordDocument()
    reference.styles["Heading 1"].font.color.rgb = RGBColor(0x7A, 0x00, 0x3C)
    reference.add_paragraph("Council boilerplate that must not appear")
    reference.save(tmp_path / "council.docx")
    plans = PLANS.partnership("city-of-london")
    data = render(
        Document.PLAN, plans, plans.years[-1], word=True, reference=tmp_path / "council.docx"
    ).main
    document = _word(data)
    assert document.styles["Heading 1"].font.color.rgb == RGBColor(0x7A, 0x00, 0x3C)
    assert "Council boilerplate" not in _all_text(document)


@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="LibreOffice is not installed")
def test_word_output_opens_in_libreoffice(tmp_path):
    target = tmp_path / "plan.docx"
    assert (
        run(
            "render", str(SHIPPED / "safer-cornwall"), "--format", "docx", "-o", str(target)
        ).returncode
        == 0
    )
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(target),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "plan.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")


# -- bad input ------------------------------------------------------------------------------------


@pytest.fixture
def own_templates(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    return folder


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("# {{ title | md }\n", "plan.md.j2:1: template syntax error"),
        ("# {{ title }}\n\n{{ no_such_thing }}\n", "plan.md.j2:3: undefined in the template"),
        (
            "{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
            "plan.md.j2:1: refused by the sandbox",
        ),
    ],
    ids=["syntax", "undefined", "sandbox"],
)
def test_template_errors_name_the_file_and_line(own_templates, tmp_path, template, message):
    (own_templates / "plan.md.j2").write_text(template, encoding="utf-8")
    target = tmp_path / "plan.md"
    target.write_text("earlier output\n", encoding="utf-8")
    result = run(
        "render",
        str(SHIPPED / "city-of-london"),
        "--templates",
        str(own_templates),
        "-o",
        str(target),
    )
    assert result.returncode == 2
    assert message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert target.read_text(encoding="utf-8") == "earlier output\n"  # untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.md", "templates"]


def test_control_characters_and_long_cells_render_safely(tmp_path):
    tree = PlanTree(tmp_path)
    action = tree["2018-19/themes/domestic-abuse.yaml"]["actions"][0]
    action["description"] = "Bell\x07 and form feed\x0c | pipe <b>tag</b> " + "long " * 3000
    folder = tree.write()
    plans = cspplan.load(folder).partnerships[0]
    word = _word(render(Document.PLAN, plans, plans.years[-1], word=True).main)
    text = _all_text(word)
    assert "Bell and form feed | pipe <b>tag</b> long" in text
    markdown = render(Document.PLAN, plans, plans.years[-1], word=False).main.decode()
    assert "\\| pipe \\<b>tag\\</b>" in markdown  # `>` means nothing once `<` is escaped


def test_plans_with_errors_are_not_rendered(tmp_path):
    tree = PlanTree(tmp_path)
    tree["2018-19/plan.yaml"]["period"] = "2018/17"
    folder = tree.write()
    result = run("render", str(folder / "2018-19"), "-o", str(tmp_path / "out.md"))
    assert result.returncode == 1
    assert "cannot be rendered" in result.stderr
    assert not (tmp_path / "out.md").exists()


def test_a_reference_without_heading_styles_still_gets_real_headings(tmp_path):
    reference = WordDocument()
    for style in list(reference.styles):
        if style.name.startswith("Heading"):
            style.element.getparent().remove(style.element)
    reference.save(tmp_path / "bare.docx")
    plans = PLANS.partnership("city-of-london")
    data = render(
        Document.PLAN, plans, plans.years[-1], word=True, reference=tmp_path / "bare.docx"
    ).main
    headings = [p for p in _word(data).paragraphs if p.style.name == "Heading 2"]
    assert headings and all(
        p.style.element.pPr.find(qn("w:outlineLvl")) is not None for p in headings
    )


def test_a_missing_output_folder_writes_nothing(tmp_path):
    target = tmp_path / "no" / "such" / "report.md"
    result = run(
        "render", str(SHIPPED / "safer-cornwall"), "--document", "performance", "-o", str(target)
    )
    assert result.returncode == 2
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_word_columns_are_never_narrower_than_their_longest_word():
    """Norfolk's summary table has ten columns: 'Monitoring' was broken 'Monitorin g'."""
    from cspplan.rendering.word import CELL_PADDING, CHARACTER, _Cell, _column_widths, _Run

    def row(*texts: str) -> list:
        return [_Cell([_Run(text)]) for text in texts]

    header = ["Theme", "Theme status", "Published status", "Red", "Amber", "Green"]
    header += ["Cannot assess", "No data", "Monitoring", "Needs attention"]
    long = "AMBER – NDAP faces another year where significant system changes " * 3
    rows = [row(*header), row("Priority D: Reduce drug & alcohol", "Green", long, *"0022125")]
    usable = 25_000_000  # A4 landscape less margins, in EMU
    widths = _column_widths(rows, len(header), usable)
    assert widths[header.index("Monitoring")] >= len("Monitoring") * CHARACTER + CELL_PADDING
    assert usable - len(header) <= sum(widths) <= usable
    assert widths[2] == max(widths)  # the long text still gets the most room


def test_a_page_break_starts_the_next_block_and_leaves_no_blank_page(tmp_path):
    """Norfolk's Q2 performance report: the summary table fills page 1 to the bottom, and
    the break after it used to be a paragraph of its own, which made page 2 blank. A break
    is now Word's "page break before" on the heading after it."""
    output = tmp_path / "performance.docx"
    result = run(
        "render", str(SHIPPED / "norfolk-ccsp" / "2013-14"), "--document", "performance",
        "--as-of", "Q2 2013/14", "--format", "docx", "-o", str(output),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    paragraphs = WordDocument(str(output)).paragraphs
    page_breaks = f".//{qn('w:br')}[@{qn('w:type')}='page']"
    assert [p.text for p in paragraphs if p._p.findall(page_breaks)] == []
    starting = [p.text for p in paragraphs if p.paragraph_format.page_break_before]
    assert "Priority A: Reduce the incidence of crime and ASB" in starting
