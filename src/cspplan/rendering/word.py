"""Turn the Markdown a template wrote into a Word document (python-docx), so that Markdown and
Word come from one template.

Headings become Word headings (the navigation pane works), tables get a header row that
repeats on every page, status cells are shaded as well as worded, images carry their alt
text, and every page is numbered. A council's own template (`--reference-docx`) supplies
the styles: headings, tables and fonts.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from cspplan.bidi import without_controls
from cspplan.exceptions import UsageError
from cspplan.markdown import MENTION_BREAK
from cspplan.status.bands import SHADES, Band

TABLE_TEXT = 114300
"""9 point (in EMU), for table cells."""

_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
"""Characters Word's XML cannot hold: dropped rather than let them break the file."""


def clean(text: str) -> str:
    """Text as Word shows it: no characters its XML cannot hold, no bidi controls (a title
    cannot be made to read backwards), and no zero-width space that the Markdown put after
    an "@" for GitHub's sake (`markdown.MENTION_BREAK`)."""
    text = without_controls(_NOT_IN_XML.sub("", text))
    return text.replace("@" + MENTION_BREAK, "@") if MENTION_BREAK in text else text


@dataclass
class _Run:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    image: tuple[str, str] | None = None
    """(source, alt text) for an image."""
    line_break: bool = False


@dataclass
class _Cell:
    runs: list[_Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs).strip()

    @property
    def first_line(self) -> str:
        """What a status cell says before any note under it (the word that is shaded)."""
        ends = [i for i, run in enumerate(self.runs) if run.line_break]
        head = self.runs[: ends[0]] if ends else self.runs
        return "".join(run.text for run in head).strip()


@dataclass
class _List:
    ordered: bool
    start: int = 1
    number: str | None = None
    """The Word numbering (w:num) of an ordered list, made at its first item so that every
    list counts from its own start instead of running on from the list before."""


def _inline(token) -> list[_Run]:
    """The runs of one inline token: text with bold, italic and code, breaks and images."""
    runs: list[_Run] = []
    bold = italic = False
    for child in token.children or []:
        kind = child.type
        if kind == "text":
            runs.append(_Run(child.content, bold, italic))
        elif kind == "code_inline":
            runs.append(_Run(child.content, bold, italic, code=True))
        elif kind == "strong_open":
            bold = True
        elif kind == "strong_close":
            bold = False
        elif kind == "em_open":
            italic = True
        elif kind == "em_close":
            italic = False
        elif kind == "softbreak":
            runs.append(_Run(" ", bold, italic))
        elif kind == "hardbreak" or (
            kind == "html_inline" and child.content.lower() in ("<br>", "<br/>", "<br />")
        ):
            runs.append(_Run("", line_break=True))
        elif kind == "image":
            alt = "".join(grand.content for grand in child.children or [])
            runs.append(_Run("", image=(child.attrGet("src") or "", alt)))
    return runs


class _Writer:
    def __init__(
        self,
        reference: Path | None,
        images: dict[str, bytes],
        shades: dict[str, Band],
        unshaded: frozenset[str] = frozenset(),
    ):
        from docx import Document

        if reference is not None:
            from cspplan.rendering.word_package import check_reference

            check_reference(reference)
            try:
                self.document = Document(str(reference))
            except Exception as error:  # python-docx raises several kinds for a bad file
                raise UsageError(
                    f"{reference}: not a Word document cspplan can use as a reference ({error})"
                ) from None
            body = self.document.element.body
            for child in list(body):
                if not child.tag.endswith("}sectPr"):
                    body.remove(child)
        else:
            self.document = Document()
            self._house_style()
        self.images = images
        self.shades = shades
        self.unshaded = unshaded
        """Column headings whose cells are text only (statuses as a plan printed them)."""
        self.styles = {style.name for style in self.document.styles}
        self.lists: list[_List] = []
        self.new_page = False
        """A page break (`---`) waits for the block after it: that block starts the page."""

    def _new_paragraph(self, style: str | None = None):
        """A paragraph, starting a new page if a break came before it. Word's own "page
        break before" rather than a paragraph holding a break: when the page before is full
        to the bottom, the break's paragraph would fill a page of its own, left blank."""
        paragraph = self.document.add_paragraph(style=style)
        if self.new_page:
            paragraph.paragraph_format.page_break_before = True
            self.new_page = False
        return paragraph

    def _house_style(self) -> None:
        """Without a council template: A4 landscape (plan tables are wide, as in the printed
        plans), Arial, and smaller text in tables."""
        from docx.enum.section import WD_ORIENT
        from docx.shared import Cm, Pt

        for section in self.document.sections:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Cm(29.7), Cm(21.0)
            for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
                setattr(section, side, Cm(1.8))
        self.document.styles["Normal"].font.name = "Arial"
        self.document.styles["Normal"].font.size = Pt(11)

    def _usable_width(self) -> int:
        section = self.document.sections[-1]
        return section.page_width - section.left_margin - section.right_margin

    def _style(self, *names: str) -> str | None:
        return next((name for name in names if name in self.styles), None)

    def _fill(self, paragraph, runs: list[_Run], *, shade_words: bool = False) -> None:
        """`shade_words`: a bold run that is exactly a status word (a theme's status in a
        line of text) is shaded as a status cell is, so the status is colour as well as
        words outside tables too."""
        from docx.enum.text import WD_BREAK
        from docx.shared import Inches

        for part in runs:
            if part.image is not None:
                source, alt = part.image
                data = self.images.get(source)
                if data is None:
                    paragraph.add_run(clean(f"[{alt}]"))
                    continue
                shape = paragraph.add_run().add_picture(io.BytesIO(data), width=Inches(6))
                shape._inline.docPr.set("descr", clean(alt))
                shape._inline.docPr.set("title", clean(alt[:100]))
                continue
            if part.line_break:
                paragraph.add_run().add_break(WD_BREAK.LINE)
                continue
            run = paragraph.add_run(clean(part.text))
            run.bold = part.bold or None
            run.italic = part.italic or None
            if part.code:
                run.font.name = "Consolas"
            band = self.shades.get(part.text.strip()) if shade_words and part.bold else None
            if band is not None:
                self._shade_run(run, band)

    @staticmethod
    def _shade_run(run, band: Band) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), SHADES[band])
        run._r.get_or_add_rPr().append(shading)

    def heading(self, level: int, runs: list[_Run]) -> None:
        name = f"Heading {min(level, 9)}"
        if name not in self.styles:
            self._add_heading_style(name, min(level, 9))
        paragraph = self._new_paragraph(name)
        self._fill(paragraph, runs)

    def _add_heading_style(self, name: str, level: int) -> None:
        """A council template made in Word may hold only 'latent' heading styles, which
        python-docx cannot use: add a plain one with an outline level, so the heading still
        shows in the navigation pane."""
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn
        from docx.shared import Pt

        style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = self.document.styles["Normal"]
        style.font.bold = True
        style.font.size = Pt(max(18 - 2 * level, 11))
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        style.element.get_or_add_pPr().append(outline)
        self.styles.add(name)

    def paragraph(self, runs: list[_Run]) -> None:
        style = None
        if self.lists:
            depth = len(self.lists)
            base = "List Number" if self.lists[-1].ordered else "List Bullet"
            style = self._style(f"{base} {depth}" if depth > 1 else base, base)
        paragraph = self._new_paragraph(style)
        if style is not None and self.lists[-1].ordered:
            self._number(paragraph, style, self.lists[-1])
        self._fill(paragraph, runs, shade_words=not self.lists)

    def _number(self, paragraph, style: str, current: _List) -> None:
        """Number the item in its own list: a w:num of the style's numbering that starts at
        the list's first number (Word would otherwise run on from the last list)."""
        properties = self.document.styles[style].element.pPr
        numbering_style = properties.numPr if properties is not None else None
        if numbering_style is None or numbering_style.numId is None:
            return  # a council's list style without numbering: leave it as it is
        level = numbering_style.ilvl.val if numbering_style.ilvl is not None else 0
        if current.number is None:
            numbering = self.document.part.numbering_part.element
            try:
                abstract = numbering.num_having_numId(numbering_style.numId.val).abstractNumId
            except KeyError:
                return
            num = numbering.add_num(abstract.val)
            num.add_lvlOverride(ilvl=level).add_startOverride(current.start)
            current.number = num.numId
        numbered = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbered.get_or_add_ilvl().val = level
        numbered.get_or_add_numId().val = current.number

    def table(self, rows: list[list[_Cell]]) -> None:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        if not rows:
            return
        if self.new_page:  # Word keeps no "page break before" on a table: a break before it
            from docx.enum.text import WD_BREAK

            self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            self.new_page = False
        width = max(len(row) for row in rows)
        table = self.document.add_table(rows=len(rows), cols=width)
        style = self._style("Table Grid", "Light Grid", "Table Normal")
        if style:
            table.style = style
        widths = _column_widths(rows, width, self._usable_width())
        headings = [cell.text for cell in rows[0]]
        table.autofit = False
        for column, column_width in zip(table.columns, widths, strict=True):
            column.width = column_width  # the grid, which LibreOffice reads
        for r, row in enumerate(rows):
            for c in range(width):
                cell = table.cell(r, c)
                cell.width = widths[c]
                content = row[c] if c < len(row) else _Cell()
                paragraph = cell.paragraphs[0]
                runs = content.runs
                if r == 0:
                    runs = [replace(run, bold=True) for run in runs]
                self._fill(paragraph, runs)
                for run in paragraph.runs:
                    run.font.size = TABLE_TEXT
                plain = r == 0 or (c < len(headings) and headings[c] in self.unshaded)
                band = None if plain else self.shades.get(content.first_line)
                if band is not None:
                    shading = OxmlElement("w:shd")
                    shading.set(qn("w:val"), "clear")
                    shading.set(qn("w:color"), "auto")
                    shading.set(qn("w:fill"), SHADES[band])
                    cell._tc.get_or_add_tcPr().append(shading)
        header = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header.append(repeat)
        self.document.add_paragraph()

    def page_break(self) -> None:
        self.new_page = True  # a break at the very end makes no empty last page

    def page_numbers(self) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        for section in self.document.sections:
            footer = section.footer.paragraphs[0]
            footer.text = ""
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            footer.add_run("Page ")
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), "PAGE")
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            field.append(run)
            footer._p.append(field)


CHARACTER = 82_550
"""About one character of the body text (6.5 pt in EMU), for the widest word of a column."""
CELL_PADDING = 2 * 91_440
"""Word's default left and right cell margins (0.08 inch each, in EMU)."""


def _column_widths(rows: list[list[_Cell]], width: int, usable: int) -> list[int]:
    """Half the page shared equally between columns, half by how much text each holds: a
    description gets room, and a title column still fits its words. No column is narrower
    than its longest word (a heading such as 'Monitoring' is not broken mid-word) while the
    page has room: the columns above their minimum give up the difference."""
    lengths = [
        sum(len(row[c].text) for row in rows if c < len(row)) / max(len(rows), 1) + 8
        for c in range(width)
    ]
    total = sum(lengths)
    widths = [int(usable * (0.5 / width + 0.5 * length / total)) for length in lengths]
    longest = [
        max((len(word) for row in rows if c < len(row) for word in row[c].text.split()), default=0)
        for c in range(width)
    ]
    floors = [word * CHARACTER + CELL_PADDING for word in longest]
    if sum(floors) > usable:
        return widths
    short = sum(max(floor - w, 0) for floor, w in zip(floors, widths, strict=True))
    spare = sum(max(w - floor, 0) for floor, w in zip(floors, widths, strict=True))
    if short == 0 or spare == 0:
        return widths
    return [
        floor if w <= floor else int(w - (w - floor) * short / spare)
        for floor, w in zip(floors, widths, strict=True)
    ]


def write(
    markdown_text: str,
    *,
    title: str,
    author: str = "",
    images: dict[str, bytes] | None = None,
    reference: Path | None = None,
    shades: dict[str, Band] | None = None,
    unshaded: frozenset[str] = frozenset(),
) -> bytes:
    """The .docx bytes for `markdown_text` (GitHub-flavoured: headings, lists, tables, images),
    by `author` (the partnership), dated now or at `SOURCE_DATE_EPOCH`. A table cell whose
    text is a status word in `shades` is shaded, unless its column heading is in `unshaded`."""
    from cspplan.markdown import parser
    from cspplan.rendering import word_package

    when = word_package.document_time()  # first: a bad SOURCE_DATE_EPOCH stops before any work
    writer = _Writer(reference, images or {}, shades or {}, unshaded)
    word_package.describe(
        writer.document,
        title=clean(title),
        author=clean(author),
        when=when,
        own_style=reference is None,
    )
    tokens = parser().parse(markdown_text)
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            writer.heading(int(token.tag[1]), _inline(tokens[index + 1]))
            index += 3
            continue
        if kind == "paragraph_open":
            writer.paragraph(_inline(tokens[index + 1]))
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            ordered = kind == "ordered_list_open"
            writer.lists.append(_List(ordered, int(token.attrGet("start") or 1)))
        elif kind in ("bullet_list_close", "ordered_list_close"):
            writer.lists.pop()
        elif kind == "table_open":
            rows: list[list[_Cell]] = []
            index += 1
            while tokens[index].type != "table_close":
                if tokens[index].type == "tr_open":
                    rows.append([])
                elif tokens[index].type == "inline":
                    rows[-1].append(_Cell(_inline(tokens[index])))
                index += 1
            writer.table(rows)
        elif kind == "hr":
            writer.page_break()
        elif kind in ("fence", "code_block"):
            writer.paragraph([_Run(token.content.rstrip("\n"), code=True)])
        index += 1
    writer.page_numbers()
    buffer = io.BytesIO()
    writer.document.save(buffer)
    return word_package.fixed_dates(buffer.getvalue(), when)
