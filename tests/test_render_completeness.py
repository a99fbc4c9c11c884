"""The documents print everything the plans hold: every text field a shipped plan year's
files fill, and its partnership.yaml, reaches the delivery plan in Markdown and Word; every
text field of the indicator files it uses reaches the performance report in both. The status
the plan printed is shown as printed, beside the one cspplan works out (labelled, with its
as-of period)."""

from __future__ import annotations

import io
import re
import types
import typing
import unicodedata
from pathlib import Path

import pytest
from docx import Document as WordDocument
from docx.oxml.ns import qn
from markdown_it import MarkdownIt
from pydantic import BaseModel
from tests.conftest import SHIPPED, run

import cspplan
from cspplan.model.collection import LoadedPartnership, LoadedYear
from cspplan.model.periods import parse_period

PLANS = cspplan.load(SHIPPED)
YEARS = [year for plans in PLANS.partnerships for year in plans.years]
IDS = [f"{year.folder.parent.name}-{year.folder.name}" for year in YEARS]

NOT_PRINTED = {
    # Ours, never printed by design (the model says so): how a source was read.
    "transcription_notes",
    # Ours: how the plan year's period was read when the source lost it.
    "PlanFile.period_note",
    # Ours: where the plan was transcribed from (title, file path, fidelity notes).
    "PlanFile.source",
    "FundingFile.source",
    # The previous year's items this plan does not carry forward: the plan document itself
    # never mentions them (the changes document does).
    "PlanFile.dropped",
    # Links to ids in an earlier plan year, with our note on the link: the changes document
    # reports them; the plan itself does not print where an action came from.
    "Action.lineage",
    "Theme.lineage",
    # A lossy scrape's run-together row, kept to check the transcription; its cells are
    # printed in their own columns (wording, target, published status).
    "Measure.printed",
    # Structured readings of a printed text that is itself printed (Timescale.text,
    # the target's `text`): the reading is for the status engine.
    "Timescale.parts",
    "Rank.group",
    # People are printed as the contacts each theme names, with the details the plan printed
    # that year (a contact's own role, team, email or phone win): the plan document lists no
    # one else, so it publishes no personal details the plan did not print. `_contacts`
    # below walks the people as each year's contacts show them.
    "Partnership.people",
    # Links to framework items, with the comment and cells printed beside each: the
    # alignment document prints them (tests/test_frameworks.py checks every one reaches it).
    "PlanFile.links",
    "Theme.links",
    "Action.links",
    "Measure.links",
    "Indicator.links",
    # The words computed statuses are reported in (`cspplan status`, the performance report,
    # whose tests check them): the delivery plan prints the statuses its document published.
    "StatusRules.labels",
}
"""Fields not printed, by name ('Model.field', or a bare name for every model). Identifiers
(ids, references to other files) and enums are not text, so the walk never collects them."""

PRINTED_AS = {
    # The lead column is headed "Lead": the printed "Lead:" label and the comma the scrape
    # left after it are not repeated in every cell.
    "Lead.text": lambda value: re.sub(r"^Lead:\s*", "", value).rstrip(","),
}
"""Fields printed in a form that differs from the stored text, and how."""


def _is_text(annotation) -> bool:
    """True for str, optional str and lists of str with no pattern (a pattern means an id)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        if any(getattr(item, "pattern", None) for item in metadata):
            return False
        return _is_text(base)
    if origin in (typing.Union, types.UnionType):
        return any(_is_text(arm) for arm in typing.get_args(annotation) if arm is not type(None))
    if origin is list:
        return _is_text(typing.get_args(annotation)[0])
    return annotation is str


def _field_is_text(model: type[BaseModel], name: str) -> bool:
    info = model.model_fields[name]
    if any(getattr(item, "pattern", None) for item in info.metadata):
        return False
    return _is_text(info.annotation)


def _texts(value, where: str = "") -> list[tuple[str, str]]:
    """(field, text) for every text field a model instance fills, walking nested models
    from their field definitions."""
    found: list[tuple[str, str]] = []
    if isinstance(value, list):
        for item in value:
            found += _texts(item, where)
        return found
    if not isinstance(value, BaseModel):
        return found
    model = type(value)
    for name in model.model_fields:
        qualified = f"{model.__name__}.{name}"
        if name in NOT_PRINTED or qualified in NOT_PRINTED:
            continue
        content = getattr(value, name)
        if name == "marker" and content:
            # A marker means nothing alone: it must lead the note it belongs to.
            found.append((qualified, f"{content} {value.text}"))
        elif _field_is_text(model, name):
            items = content if isinstance(content, list) else [content]
            found += [(qualified, item) for item in items if isinstance(item, str) and item]
        else:
            found += _texts(content, qualified)
    return found


def _plan_texts(year: LoadedYear) -> list[tuple[str, str]]:
    found = _texts(year.plan)
    for theme in year.themes:
        found += _texts(theme)
    if year.funding is not None:
        found += _texts(year.funding.funding)
    return [(name, PRINTED_AS.get(name, lambda v: v)(text)) for name, text in found]


def _contacts(csp: LoadedPartnership, year: LoadedYear) -> list[tuple[str, str]]:
    """Each person a theme names as a contact, with the details that contact printed."""
    people = {person.id: person for person in csp.partnership.people}
    found: list[tuple[str, str]] = []
    for theme in year.themes:
        for contact in theme.contacts:
            printed = {
                name: getattr(contact, name)
                for name in ("role", "team", "email", "phone")
                if getattr(contact, name)
            }
            found += _texts(people[contact.person].model_copy(update=printed))
    return found


def _partnership_texts(year: LoadedYear) -> list[tuple[str, str]]:
    """partnership.yaml as the delivery plan of `year` prints it."""
    plans = _plans_of(year)
    return _texts(plans.partnership) + _contacts(plans, year)


def _indicator_texts(year: LoadedYear) -> list[tuple[str, str]]:
    """The indicator files the plan year's measures use, with the figures and comparators
    that year printed (`reported_in`): another year's document printed its own."""
    plans = _plans_of(year)
    found: list[tuple[str, str]] = []
    for indicator_id in dict.fromkeys(measure.indicator for _, measure in year.measures()):
        indicator = plans.indicators[indicator_id]
        printed = indicator.model_copy(
            update={
                "series": [o for o in indicator.series if year.period in o.reported_in],
                "comparators": [c for c in indicator.comparators if year.period in c.reported_in],
            }
        )
        found += _texts(printed)
    return found


def _plans_of(year: LoadedYear) -> LoadedPartnership:
    return next(plans for plans in PLANS.partnerships if year in plans.years)


def _normal(text: str) -> str:
    """Compare words, not layout: superscript markers as digits (NFKC), list lines (the
    plan's own '- ', the '• ' of a list in a table cell) as their items, any run of
    whitespace as one space."""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(?m)^\s*[-•] ", "", text)
    return " ".join(text.split())


def _markdown_text(source: str) -> str:
    """What a reader of the rendered Markdown sees: inline text with escapes undone."""
    parts = []
    for token in MarkdownIt("commonmark", {"html": True}).enable("table").parse(source):
        if token.type != "inline":
            continue
        for child in token.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak", "html_inline"):
                parts.append("\n")
        parts.append("\n")
    return "".join(parts)


def _word_text(data: bytes) -> str:
    document = WordDocument(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _render(year: LoadedYear, tmp_path: Path, *options: str) -> bytes:
    name = re.sub(r"\W+", "-", " ".join(options)).strip("-") or "plan"
    output = tmp_path / f"{name}.out"
    result = run("render", str(year.folder), "-o", str(output), "-q", *options)
    assert result.returncode == 0, result.stderr
    return output.read_bytes()


def _missing(texts: list[tuple[str, str]], rendered: str) -> list[str]:
    shown = _normal(rendered)
    return [f"{name}: {text[:70]!r}" for name, text in texts if _normal(text) not in shown]


@pytest.mark.parametrize("year", YEARS, ids=IDS)
def test_every_text_the_plan_holds_reaches_markdown_and_word(year, shipped_document):
    texts = _plan_texts(year)
    partnership = _partnership_texts(year)
    assert len(texts) > 50  # the walk found the plan's text, not nothing
    assert len(partnership) > 10  # and the partnership's
    plan = ("plan", year.folder.parent.name, year.folder.name)
    markdown = _markdown_text(shipped_document(*plan, word=False).main.decode("utf-8"))
    word = _word_text(shipped_document(*plan, word=True).main)
    assert _missing(texts + partnership, markdown) == []
    assert _missing(texts + partnership, word) == []


INDICATOR_YEARS = [year for year in YEARS if year.measures()]


@pytest.mark.parametrize(
    "year", INDICATOR_YEARS, ids=[IDS[YEARS.index(year)] for year in INDICATOR_YEARS]
)
def test_every_text_the_indicators_hold_reaches_the_performance_report(
    year, tmp_path, charts_not_drawn
):
    """The charts are pictures, not text (their alt text is tested in test_charts)."""
    texts = _indicator_texts(year)
    assert len(texts) > 80  # names and printed figures of some forty indicators
    performance = ("--document", "performance")
    markdown = _markdown_text(_render(year, tmp_path, *performance).decode("utf-8"))
    word = _word_text(_render(year, tmp_path, *performance, "--format", "docx"))
    assert _missing(texts, markdown) == []
    assert _missing(texts, word) == []


def test_the_walk_reaches_the_fields_the_issue_names():
    """The walk itself: it collects objectives, outputs, evaluation, footnotes with their
    markers and published labels from the shipped plans (so the test above checks them)."""
    names = {name for year in YEARS for name, _ in _plan_texts(year)}
    for expected in (
        "Theme.objectives",
        "Action.measures",
        "Action.evaluation",
        "Footnote.marker",
        "Footnote.text",
        "PublishedStatus.label",
        "Theme.monitoring",
    ):
        assert expected in names
    assert not any(name.endswith(".transcription_notes") for name in names)
    assert "Action.id" not in names and "Measure.indicator" not in names  # ids are not text


def test_the_walk_reaches_the_indicator_and_partnership_fields():
    """Definitions, sources, caveats, comparators and printed figures of the indicators; the
    partnership's bodies, organisations, contact point and the people it names as contacts."""
    names = {name for year in YEARS for name, _ in _indicator_texts(year)}
    for expected in (
        "Indicator.name",
        "Indicator.definition",
        "Indicator.source",
        "Indicator.population",
        "Indicator.reference",
        "Indicator.notes",
        "SeriesBreak.note",
        "Observation.text",
        "ComparatorValue.text",
        "ComparatorValue.note",
    ):
        assert expected in names
    names = {name for year in YEARS for name, _ in _partnership_texts(year)}
    for expected in (
        "Partnership.name",
        "Partnership.other_names",
        "Partnership.area",
        "Partnership.vision",
        "Partnership.description",
        "Organisation.name",
        "Organisation.short_name",
        "GovernanceBody.name",
        "GovernanceBody.short_name",
        "GovernanceBody.description",
        "ContactDetails.address",
        "ContactDetails.website",
        "Person.name",
        "Person.email",
        "Person.phone",
    ):
        assert expected in names
    assert "Indicator.replaces" not in names and "GovernanceBody.reports_to" not in names


def _measure_tables(document):
    return [table for table in document.tables if table.rows[0].cells[0].text == "Measure"]


def _shaded(cell) -> bool:
    return cell._tc.tcPr is not None and cell._tc.tcPr.find(qn("w:shd")) is not None


def test_published_status_is_printed_as_printed_beside_the_labelled_computed_status(tmp_path):
    year = PLANS.partnership("safer-cornwall").year(parse_period("2018/19"))
    document = WordDocument(
        io.BytesIO(_render(year, tmp_path, "--format", "docx", "--as-of", "Q2 2018/19"))
    )
    tables = _measure_tables(document)
    assert tables
    header = [cell.text for cell in tables[0].rows[0].cells]
    assert "Published status" in header
    assert "Computed status (as at Q2 2018/19)" in header
    published = header.index("Published status")
    computed = header.index("Computed status (as at Q2 2018/19)")
    rows = [row.cells for table in tables for row in table.rows[1:]]
    cells = {row[0].text: row for row in rows}
    crime = cells[next(name for name in cells if name.startswith("All recorded crime rate"))]
    assert crime[published].text == "Close to target; direction ↑ up"  # as the plan printed it
    assert crime[computed].text in ("Successful", "Close to target", "Needs improving", "No data")
    for row in rows:
        assert not _shaded(row[published])  # printed status: text, never colour
        assert row[computed].text and _shaded(row[computed])  # computed: colour and words


def test_a_measure_without_a_published_status_says_so(tree, tmp_path):
    measure = tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]
    del measure["published"]
    folder = tree.write()
    output = tmp_path / "plan.md"
    result = run("render", str(folder / "2018-19"), "-o", str(output), "-q")
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| Repeat victims"))
    assert "| Not published |" in row
    assert "Computed status (as at 2018/19)" in text


def test_a_status_the_partnership_set_says_so_and_keeps_the_computed_one(tree, tmp_path):
    measure = tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]
    measure["override"] = {"status": "green", "reason": "Agreed at the March board"}
    folder = tree.write()
    output = tmp_path / "plan.docx"
    result = run("render", str(folder / "2018-19"), "-o", str(output), "-q", "--format", "docx")
    assert result.returncode == 0, result.stderr
    document = WordDocument(str(output))
    row = _measure_tables(document)[0].rows[1].cells
    assert "Set by the partnership: Agreed at the March board (computed:" in row[-1].text
    assert _shaded(row[-1])  # still shaded by its status word, the cell's first line


def test_footnotes_are_led_by_their_markers_in_word(shipped_document):
    year = PLANS.partnership("safer-cornwall").years[-1]
    plan = ("plan", "safer-cornwall", year.folder.name)
    document = WordDocument(io.BytesIO(shipped_document(*plan, word=True).main))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert any(text.startswith("¹ Frequent changes in recording practice") for text in paragraphs)
    assert "Notes" in [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def test_caveats_printed_with_a_measure_or_an_action_are_printed(tree, tmp_path):
    theme = tree["2018-19/themes/domestic-abuse.yaml"]
    theme["indicators"][0]["notes"] = ["Figures for Q3 are provisional"]
    theme["actions"][0]["notes"] = ["A statutory duty placed on the partnership"]
    theme["actions"][0]["tags"] = ["strategy principle: Prevent"]
    folder = tree.write()
    output = tmp_path / "plan.docx"
    result = run("render", str(folder / "2018-19"), "-o", str(output), "-q", "--format", "docx")
    assert result.returncode == 0, result.stderr
    text = _word_text(output.read_bytes())
    assert "Repeat victims within 28-40%\nFigures for Q3 are provisional" in text
    assert "A statutory duty placed on the partnership" in text
    assert "Domestic Abuse Strategy\nstrategy principle: Prevent" in text


def test_columns_the_plan_never_fills_are_left_out(tree, tmp_path):
    action = tree["2018-19/themes/domestic-abuse.yaml"]["actions"][0]
    del action["timescale"]
    action["measures"] = ["Strategy published"]
    folder = tree.write()
    output = tmp_path / "plan.md"
    result = run("render", str(folder / "2018-19"), "-o", str(output), "-q")
    assert result.returncode == 0, result.stderr
    header = next(line for line in output.read_text().splitlines() if line.startswith("| Project"))
    assert header == "| Project/activity | Description | Measures/outputs |"


def test_a_printed_status_that_is_also_a_status_word_is_not_shaded(tree, tmp_path):
    """Colour means a status cspplan worked out: a plan that printed 'Amber' gets the word,
    not the shading, in its published column."""
    measure = tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]
    measure["published"] = {"status": "amber", "label": "Amber"}
    folder = tree.write()
    output = tmp_path / "plan.docx"
    result = run("render", str(folder / "2018-19"), "-o", str(output), "-q", "--format", "docx")
    assert result.returncode == 0, result.stderr
    table = _measure_tables(WordDocument(str(output)))[0]
    header = [cell.text for cell in table.rows[0].cells]
    row = table.rows[1].cells
    assert row[header.index("Published status")].text == "Amber"
    assert not _shaded(row[header.index("Published status")])
    assert _shaded(row[-1])


def _render_tree(tree, tmp_path: Path, *options: str) -> WordDocument:
    folder = tree.write()
    output = tmp_path / "document.docx"
    result = run(
        "render", str(folder / "2018-19"), "-o", str(output), "-q", "--format", "docx", *options
    )
    assert result.returncode == 0, result.stderr
    return WordDocument(str(output))


def _paragraphs_after(document, heading: str) -> list[str]:
    """The paragraph texts from a heading to the next heading of any level."""
    texts, inside = [], False
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            if inside:
                break
            inside = paragraph.text == heading
        elif inside and paragraph.text:
            texts.append(paragraph.text)
    return texts


def test_the_performance_report_says_what_a_measure_counts_and_its_caveats(tree, tmp_path):
    indicator = tree["indicators/repeat-victims.yaml"]
    indicator["definition"] = "Victims referred to MARAC again within 12 months"
    indicator["source"] = "MARAC records"
    indicator["reference"] = "DA01"
    indicator["notes"] = ["Excludes cases heard outside the county"]
    indicator["breaks"] = [{"period": "2016/17", "note": "Counted per victim from 2016/17"}]
    document = _render_tree(tree, tmp_path, "--document", "performance")
    about = _paragraphs_after(document, "Repeat victims of domestic abuse")
    assert about[about.index("About this measure") + 1 :] == [
        "Definition: Victims referred to MARAC again within 12 months",
        "Source: MARAC records",
        "Reference: DA01",
        "Caveat: Excludes cases heard outside the county",
        "Caveat: Break in the series at 2016/17: Counted per victim from 2016/17",
    ]


def _figures_as_printed(document) -> list[list[str]]:
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Period")
    assert table.rows[0].cells[1].text == "Figure as printed in the 2018/19 plan"
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def test_figures_are_shown_as_the_plan_year_printed_them(tree, tmp_path):
    """Only the figures this plan year printed, in its own words ('27% (provisional)', not
    our '27%'); a figure printed only by the 2017/18 plan is not in the 2018/19 report."""
    series = tree["indicators/repeat-victims.yaml"]["series"]
    series[2]["text"] = "27% (provisional)"
    series.append({"period": "Q4 2017/18", "status": "not_yet_known", "reported_in": ["2018/19"]})
    document = _render_tree(tree, tmp_path, "--document", "performance")
    assert _figures_as_printed(document) == [
        ["2016/17", "30%"],
        ["Q3 2017/18", "27% (provisional)"],
        ["Q4 2017/18", "not yet known"],  # no text kept: why there is no figure, in words
    ]


def test_comparators_are_shown_only_as_the_plan_year_printed_them(tree, tmp_path):
    tree["indicators/repeat-victims.yaml"]["comparators"] = [
        {
            "group": "national",
            "period": "2016/17",
            "value": 25,
            "text": "National: 25% (2016/17)",
            "note": "England and Wales",
            "reported_in": ["2018/19"],
        },
        {"group": "regional", "value": 31, "text": "Region 31%", "reported_in": ["2017/18"]},
    ]
    document = _render_tree(tree, tmp_path, "--document", "performance")
    about = _paragraphs_after(document, "Repeat victims of domestic abuse")
    assert "Compared with the national average: National: 25% (2016/17) (England and Wales)" in (
        about
    )
    assert not any("Region 31%" in text for text in about)


def test_the_plan_says_who_delivers_it(tree, tmp_path):
    partnership = tree["partnership.yaml"]
    partnership["other_names"] = ["Testshire Diogel"]
    partnership["vision"] = "A safe Testshire for everyone"
    partnership["organisations"][0]["membership"] = "responsible_authority"
    partnership["governance"].append(
        {
            "id": "da-group",
            "name": "Domestic Abuse Group",
            "short_name": "DAG",
            "kind": "thematic_group",
            "reports_to": "board",
            "organisation": "council",
            "description": "Oversees the domestic abuse strategy",
        }
    )
    partnership["contact"] = {"name": "Community Safety Team", "phone": "0300 000 000"}
    document = _render_tree(tree, tmp_path)
    assert _paragraphs_after(document, "Who delivers this plan") == [
        "Testshire Community Safety Partnership (also known as Testshire Diogel) is the "
        "community safety partnership for Testshire."
    ]
    assert _paragraphs_after(document, "Our vision") == ["A safe Testshire for everyone"]
    assert _paragraphs_after(document, "How the partnership is governed") == [
        "Partnership Board",
        "Domestic Abuse Group (DAG) (reports to Partnership Board; hosted by Testshire "
        "Council): Oversees the domestic abuse strategy",
    ]
    assert _paragraphs_after(document, "Partner organisations") == [
        "Testshire Council (responsible authority)",
        "Community Safety Team, part of Testshire Council",
    ]
    assert _paragraphs_after(document, "Contact the partnership") == [
        "Community Safety Team",
        "Phone: 0300 000 000",
    ]


def test_people_the_plan_does_not_name_as_contacts_are_not_published(tree, tmp_path):
    """partnership.yaml keeps everyone the plans ever named; a year's plan prints the
    details of its own contacts only."""
    tree["partnership.yaml"]["people"].append(
        {"id": "sam-lead", "name": "Sam Lead", "email": "sam.lead@testshire.gov.uk"}
    )
    text = "\n".join(paragraph.text for paragraph in _render_tree(tree, tmp_path).paragraphs)
    assert "Alex Lead, Strategy Lead, Testshire Council, alex.lead@testshire.gov.uk" in text
    assert "Sam Lead" not in text and "sam.lead@testshire.gov.uk" not in text


PROGRESS_YEARS = [year for year in YEARS if year.progress]


@pytest.mark.parametrize(
    "year", PROGRESS_YEARS, ids=[IDS[YEARS.index(year)] for year in PROGRESS_YEARS]
)
def test_every_progress_answer_reaches_the_performance_report(year, tmp_path, charts_not_drawn):
    """Each theme's answers, the questions as printed, the published status words and the
    notes of the as-of quarter's progress report; `source` is ours (where it was read)."""
    loaded = year.progress[-1]
    texts = [
        (name, text)
        for name, text in _texts(loaded.progress)
        if not name.startswith("SourceDocument.")
    ]
    assert len(texts) > 20  # questions, six themes' answers and statuses
    performance = ("--document", "performance", "--as-of", str(loaded.period))
    markdown = _markdown_text(_render(year, tmp_path, *performance).decode("utf-8"))
    word = _word_text(_render(year, tmp_path, *performance, "--format", "docx"))
    assert _missing(texts, markdown) == []
    assert _missing(texts, word) == []
