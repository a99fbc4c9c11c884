"""The site's indicator pages: what a resident reads there (figures with their periods, the
target in words, the status and its reason for each plan year), the inline SVG chart and
its text equivalent, a lost figure shown as printed and unknown, and byte-identical builds."""

from __future__ import annotations

import re
import shutil
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cspplan.rendering.chart_data import prepare
from cspplan.site import urls
from cspplan.site.build import build
from cspplan.site.pages import SiteInput
from cspplan.status.assess import assess_year
from cspplan.workspace import open_plans

PLANS = Path(__file__).resolve().parents[1] / "plans"
CORNWALL = "safer-cornwall"
SATISFACTION = "asb-victim-satisfaction"


@pytest.fixture(scope="module")
def workspace():
    return open_plans([PLANS])


@pytest.fixture(scope="module")
def built(workspace):
    return build(SiteInput(workspace))


def _page(built, partnership: str, indicator: str) -> str:
    return built.files[urls.indicator(partnership, indicator)].decode()


def _section(html: str, heading: str) -> str:
    """The page from an h2 to the next h2."""
    start = html.index(f"<h2>{heading}</h2>")
    end = html.find("<h2>", start + 1)
    return html[start : end if end > 0 else None]


def _text(html: str) -> str:
    """The words of some HTML, as a reader (or screen reader) gets them, spaces collapsed."""

    class Words(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.words: list[str] = []

        def handle_data(self, data: str) -> None:
            self.words.append(data)

    reader = Words()
    reader.feed(html)
    return " ".join(" ".join(reader.words).split())


def test_every_indicator_of_every_partnership_has_a_page(built, workspace):
    for csp in workspace.partnerships:
        for indicator_id in csp.indicators:
            path = urls.indicator(csp.id, indicator_id)
            assert built.pages[path] == "indicators"


def test_cornwall_page_shows_figures_target_and_2018_19_status_with_reason(built, workspace):
    html = _page(built, CORNWALL, SATISFACTION)
    csp = workspace.partnership(CORNWALL)
    indicator = csp.indicators[SATISFACTION]
    figures = _text(_section(html, "Every figure printed"))
    for observation in indicator.series:  # every figure, with its period as printed
        assert f"{observation.period} {observation.text}" in figures
    year = next(year for year in csp.years if year.folder.name == "2018-19")
    status = next(s for s in assess_year(csp, year).measures if s.indicator.id == SATISFACTION)
    section = _text(_section(html, "In the 2018/19 plan"))
    assert "Target at least 80%" in section
    assert "Status as at 2018/19 (figures up to 31 March 2019) Successful —" in section
    assert status.reason in section
    assert re.search(r'<span class="status status--green">Successful</span>', html)
    assert "In the 2017/18 plan" in html  # each plan year that measures it


def test_the_chart_is_an_accessible_image_with_one_mark_per_figure(built, workspace):
    html = _page(built, CORNWALL, SATISFACTION)
    section = _section(html, "In the 2018/19 plan")
    (svg,) = re.findall(r"<svg class=\"chart\".*?</svg>", section, re.S)
    assert 'role="img"' in svg
    title_id = re.search(r'aria-labelledby="([^"]+)"', svg).group(1)
    title = re.search(rf'<title id="{title_id}">([^<]+)</title>', svg).group(1)
    assert "Victims of anti-social behaviour" in title and "2018/19" in title
    desc_id = re.search(r'aria-describedby="([^"]+)"', svg).group(1)
    desc = re.search(rf'<desc id="{desc_id}">([^<]+)</desc>', svg).group(1)
    assert desc.startswith("Line chart of") and "the target line is at 80%" in desc
    csp = workspace.partnership(CORNWALL)
    year = next(year for year in csp.years if year.folder.name == "2018-19")
    status = next(s for s in assess_year(csp, year).measures if s.indicator.id == SATISFACTION)
    shown = prepare(status, year.period).shown
    assert svg.count('class="chart-point"') == len(shown) > 1
    assert 'class="chart-target"' in svg
    table = _text(section[section.index("<table>") :])
    for point in shown:  # the data table beside the chart says every figure drawn
        assert str(point.period) in table


def test_series_differ_by_marker_and_dash_not_colour_alone(built):
    section = _section(_page(built, CORNWALL, SATISFACTION), "In the 2018/19 plan")
    marks = re.findall(r'class="chart-point" d="M[\d.]+ [\d.]+(.)', section)
    assert len(set(marks)) == 2  # a circle (arc) for one series, a square (line) for the other
    legend = re.findall(r"<li><svg[^>]*>(.*?)</svg>", section)
    assert len(set(legend)) == len(legend) == 3  # target, financial years, quarters


def test_a_lost_figure_shows_its_printed_text_and_unknown(built):
    html = _page(built, "norfolk-ccsp", "norfolk-youth-reoffending-rate")
    figures = _section(html, "Every figure printed")
    row = next(r for r in figures.split("<tr>") if "12 months to Sep 2010" in r)
    assert "<td>unknown</td>" in row
    assert "Oct 09 to Sep 10 Rate (Number)" in row


def test_an_indicator_no_plan_year_measures_still_has_a_page(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(PLANS / CORNWALL, plans / CORNWALL)
    (plans / CORNWALL / "indicators" / "spare-indicator.yaml").write_text(
        "name: A spare indicator\nunit: count\n"
        "series:\n  - {period: 2016/17, value: 12, text: '12', note: counted twice}\n"
    )
    built = build(SiteInput(open_plans([plans])))
    html = _text(_page(built, CORNWALL, "spare-indicator"))
    assert "Not measured in any plan year" in html
    assert "2016/17 12 12" in html and "counted twice" in html
    assert "<svg class" not in _page(built, CORNWALL, "spare-indicator")


def test_downloads_are_linked(built):
    html = _page(built, CORNWALL, SATISFACTION)
    assert f'href="{SATISFACTION}.csv"' in html and f'href="{SATISFACTION}.xlsx"' in html


def test_indicator_pages_are_byte_identical_across_builds(built, workspace):
    again = build(SiteInput(open_plans([PLANS])))
    pages = [path for path, kind in built.pages.items() if kind == "indicators"]
    assert pages and all(again.files[path] == built.files[path] for path in pages)


def test_building_every_indicator_page_is_quick(workspace):
    """No matplotlib: all the shipped plans' indicator pages in well under a few seconds."""
    from cspplan.site.kinds.indicators import indicators

    started = time.perf_counter()
    made = list(indicators(SiteInput(workspace)))
    assert len(made) > 60
    assert time.perf_counter() - started < 5


def test_the_charts_need_no_matplotlib():
    """Thousands of charts: drawn as SVG text, so building the site loads no plotting library."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from cspplan.site.build import build\n"
        "from cspplan.site.pages import SiteInput\n"
        "from cspplan.workspace import open_plans\n"
        f"built = build(SiteInput(open_plans([{str(PLANS)!r}])))\n"
        "assert any(b'<svg class=\"chart\"' in data for data in built.files.values())\n"
        "print(sorted(m for m in ('matplotlib', 'pandas') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("partnership", "indicator", "drawn", "row"),
    [
        (
            CORNWALL,
            "fatal-road-collisions",
            '<polyline class="chart-target"',
            "31 December 2020 22",
        ),
        (CORNWALL, "marac-repeat-incidents", '<rect class="chart-target"', "28% to 40%"),
        (
            "norfolk-ccsp",
            "norfolk-asb-reported-to-police",
            '<polyline class="chart-target"',
            "Q1-Q4 2013/14 30,820",
        ),
        (
            "norfolk-ccsp",
            "norfolk-dv-repeat-incidents",
            'stroke-dasharray="7 3 2 3"',
            "National average period not stated 24%",
        ),
    ],
    ids=["trajectory", "range", "profile", "comparator"],
)
def test_each_target_shape_and_comparator_is_drawn_and_tabled(
    built, partnership, indicator, drawn, row
):
    html = _page(built, partnership, indicator)
    chart = html[html.index('<svg class="chart"') :]
    chart = chart[: chart.index("</table>")]
    assert drawn in chart[: chart.index("</svg>")]
    assert row in _text(chart[chart.index("<table>") :])


def test_an_axis_not_from_zero_says_so_in_its_label_and_its_alt_text(built):
    svg = _section(_page(built, CORNWALL, "marac-repeat-incidents"), "In the 2018/19 plan")
    svg = svg[svg.index("<svg class") : svg.index("</svg>")]
    assert "starting at 25%, not zero" in svg  # the <desc>
    assert "(axis starts at 25%," in svg  # the drawn axis label
