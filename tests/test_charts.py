"""Performance report charts: figures against time with their length, one series per kind
of period, the target drawn as the status engine reads it, comparators by name, the unit
on the value axis, and print resolution.

Tests that need the Figure import the chart module inside the test; the ones about the
rendered report go through `render`, as a user does."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from docx import Document as WordDocument
from docx.shared import Inches
from PIL import Image
from tests.conftest import SHIPPED

import cspplan
from cspplan.status.assess import assess_year
from cspplan.status.evaluators import trajectory

PLANS = cspplan.load(SHIPPED)
CORNWALL = PLANS.partnership("safer-cornwall")
CORNWALL_2018 = CORNWALL.years[-1]


def _status(plans, year, indicator_id):
    return next(s for s in assess_year(plans, year).measures if s.indicator.id == indicator_id)


def _figure(status, year):
    from cspplan.rendering.charts import figure, points

    return figure(status, points(status), "Status", year.period)


def _lines(drawn) -> dict[str, list]:
    """Labelled lines of the chart by legend label (a series drawn in stretches keeps its
    label on the first stretch only)."""
    found: dict[str, list] = {}
    for line in drawn.axes[0].get_lines():
        found.setdefault(line.get_label(), []).append(line)
    return found


def _legend(drawn) -> list[str]:
    return [text.get_text().replace("\n", " ") for text in drawn.legends[0].get_texts()]


def _days(value) -> date:
    """A date as drawn (matplotlib may hold dates or day numbers)."""
    if isinstance(value, date):
        return value
    from matplotlib.dates import num2date

    return num2date(value).date()


def _alt_texts(markdown: str) -> dict[str, str]:
    return dict(
        (path.rsplit("/", 1)[-1].removesuffix(".png"), alt)
        for alt, path in re.findall(r"!\[([^\]]*)\]\(([^)]+\.png)\)", markdown)
    )


PERFORMANCE_2018 = ("performance", CORNWALL.id, CORNWALL_2018.folder.name)


@pytest.fixture
def cornwall_markdown(shipped_document):
    return shipped_document(*PERFORMANCE_2018, word=False)


# -- time and kinds of period ------------------------------------------------------------


def test_domestic_homicides_year_and_quarter_are_separate_series_at_their_end_dates():
    status = _status(CORNWALL, CORNWALL_2018, "domestic-homicides")
    drawn = _figure(status, CORNWALL_2018)
    lines = _lines(drawn)
    (year,) = lines["Financial year"]
    (quarter,) = lines["Quarterly"]
    assert [_days(x) for x in year.get_xdata()] == [date(2015, 3, 31)]
    assert list(year.get_ydata()) == [1]
    assert [_days(x) for x in quarter.get_xdata()] == [date(2017, 9, 30)]
    assert list(quarter.get_ydata()) == [3]
    for line in drawn.axes[0].get_lines():  # no line joins the year to the quarter
        assert len(line.get_xdata()) <= 1 or line.get_label().startswith("Target")
    assert {"Financial year", "Quarterly"} <= set(_legend(drawn))


def test_each_figure_has_a_bar_from_its_start_to_its_end_date():
    from matplotlib.dates import date2num

    status = _status(CORNWALL, CORNWALL_2018, "fatal-road-collisions")
    drawn = _figure(status, CORNWALL_2018)
    bars = [
        tuple(tuple(point) for point in segment)
        for collection in drawn.axes[0].collections
        for segment in collection.get_segments()
    ]
    # the 3 year average covers three years, the rolling year one: both are visible
    assert ((date2num(date(2007, 4, 1)), 28), (date2num(date(2010, 3, 31)), 28)) in bars
    assert ((date2num(date(2016, 7, 1)), 25), (date2num(date(2017, 6, 30)), 25)) in bars


def test_year_to_date_quarters_and_profile_are_apart_and_the_profile_is_cumulative(tree):
    tree.files["indicators/referrals.yaml"] = {
        "name": "Referrals",
        "unit": "count",
        "polarity": "higher_is_better",
        "series": [
            {"period": "Q1 2017/18", "value": 10},
            {"period": "Q1-Q2 2017/18", "value": 25},
            {"period": "Q2 2017/18", "value": 15},
            {"period": "Q3 2017/18", "value": 12},
        ],
    }
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"].append(
        {
            "indicator": "referrals",
            "wording": "Referrals to the service",
            "target": {"kind": "quarterly_profile", "quarters": [10, 10, 10, 10]},
        }
    )
    plans = cspplan.load(tree.write()).partnerships[0]
    year = plans.years[0]
    status = _status(plans, year, "referrals")
    drawn = _figure(status, year)
    lines = _lines(drawn)
    (quarters,) = lines["Quarterly"]
    (to_date,) = lines["Year to date"]
    assert list(quarters.get_ydata()) == [10, 15, 12]
    assert list(to_date.get_ydata()) == [25]
    (profile,) = [
        line for label, found in lines.items() if label.startswith("Target") for line in found
    ]
    assert [_days(x) for x in profile.get_xdata()] == [
        date(2017, 4, 1),
        date(2017, 6, 30),
        date(2017, 9, 30),
        date(2017, 12, 31),
        date(2018, 3, 31),
    ]
    assert list(profile.get_ydata()) == [0, 10, 20, 30, 40]
    # the engine added Q1-Q3 up from the quarters (37) and judged it against 30 by then
    (added,) = lines["Year to date, added up from the quarters"]
    assert [_days(x) for x in added.get_xdata()] == [date(2017, 12, 31)]
    assert list(added.get_ydata()) == [37]
    assert status.computed.aimed_at == 30 == profile.get_ydata()[3]


def test_a_series_is_not_joined_across_a_redefinition(tree):
    indicator = tree["indicators/repeat-victims.yaml"]
    indicator["series"] = [
        {"period": "2016/17", "value": 30},
        {"period": "Q1 2017/18", "value": 30},
        {"period": "Q2 2017/18", "value": 29},
        {"period": "Q3 2017/18", "value": 35},
        {"period": "Q4 2017/18", "value": 34},
    ]
    indicator["breaks"] = [{"period": "Q3 2017/18", "note": "counted per victim from Q3"}]
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"][0]["latest"] = "Q4 2017/18"
    plans = cspplan.load(tree.write()).partnerships[0]
    year = plans.years[0]
    drawn = _figure(_status(plans, year, "repeat-victims"), year)
    drawn_lines = [list(line.get_ydata()) for line in drawn.axes[0].get_lines()]
    assert [30, 29] in drawn_lines and [35, 34] in drawn_lines
    assert _legend(drawn).count("Quarterly") == 1


# -- targets as the status engine reads them -------------------------------------------------


def test_a_reduction_target_is_the_sloped_trajectory_the_status_was_judged_on():
    from matplotlib.dates import date2num

    status = _status(CORNWALL, CORNWALL_2018, "fatal-road-collisions")
    target = status.measure.target
    baseline = status.series.at(target.baseline)
    drawn = _figure(status, CORNWALL_2018)
    (line,) = [
        line
        for label, found in _lines(drawn).items()
        if label.startswith("Target")
        for line in found
    ]
    xs = [_days(x) for x in line.get_xdata()]
    ys = list(line.get_ydata())
    start, end = baseline.period.end, target.by.end
    assert xs == [start, end]
    assert (
        ys
        == [
            trajectory(baseline.value, start, 22, end, start),
            trajectory(baseline.value, start, 22, end, end),
        ]
        == [28, 22]
    )
    # read at the latest figure's end date, the drawn line is what the figure was judged against
    when = date2num(status.latest.period.end)
    share = (when - date2num(start)) / (date2num(end) - date2num(start))
    assert ys[0] + (ys[1] - ys[0]) * share == pytest.approx(status.computed.aimed_at)
    assert "20% reduction" in " ".join(_legend(drawn))


def test_a_range_target_is_a_shaded_band_from_low_to_high(tree):
    plans = cspplan.load(tree.write()).partnerships[0]
    year = plans.years[0]
    drawn = _figure(_status(plans, year, "repeat-victims"), year)
    (band,) = [patch for patch in drawn.axes[0].patches if patch.get_label().startswith("Target")]
    extent = band.get_path().transformed(band.get_patch_transform()).get_extents()
    assert (extent.y0, extent.y1) == (28, 40)
    assert "Target range: 28% to 40%" in _legend(drawn)


def test_a_comparator_is_drawn_under_its_own_name_and_never_as_target():
    status = _status(CORNWALL, CORNWALL_2018, "youth-proven-reoffending-rate")
    drawn = _figure(status, CORNWALL_2018)
    legend = _legend(drawn)
    assert "Family group average" in legend
    assert not any(text.startswith("Target") for text in legend)
    (line,) = _lines(drawn)["Family group average"]
    assert [_days(x) for x in line.get_xdata()] == [date(2016, 3, 31)]
    assert list(line.get_ydata()) == [39] == [status.computed.aimed_at]


def test_an_undated_comparator_is_a_level_at_the_figure_the_engine_used():
    status = _status(CORNWALL, CORNWALL_2018, "alcohol-treatment-successful-completions")
    drawn = _figure(status, CORNWALL_2018)
    (line,) = _lines(drawn)["National average (period not stated)"]
    assert set(line.get_ydata()) == {status.computed.aimed_at} == {39}


# -- the value axis --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("indicator_id", "label"),
    [
        ("fatal-road-collisions", "Number"),
        ("marac-repeat-incidents", "Per cent (%)"),
        ("youth-first-time-entrants-rate", "Rate per 100,000 residents aged 10-17"),
    ],
)
def test_the_value_axis_names_the_unit(indicator_id, label):
    drawn = _figure(_status(CORNWALL, CORNWALL_2018, indicator_id), CORNWALL_2018)
    assert drawn.axes[0].get_ylabel().replace("\n", " ").startswith(label)


def test_counts_start_at_zero_and_a_truncated_axis_says_so(cornwall_markdown):
    counts = _figure(_status(CORNWALL, CORNWALL_2018, "fatal-road-collisions"), CORNWALL_2018)
    assert counts.axes[0].get_ylim()[0] == 0
    percent = _figure(
        _status(CORNWALL, CORNWALL_2018, "alcohol-treatment-successful-completions"), CORNWALL_2018
    )
    low = percent.axes[0].get_ylim()[0]
    assert low > 0
    assert "axis starts at 28%, not zero" in percent.axes[0].get_ylabel().replace("\n", " ")
    alt = _alt_texts(cornwall_markdown.main.decode())["alcohol-treatment-successful-completions"]
    assert "Vertical axis: Per cent (%), starting at 28%, not zero." in alt


# -- print resolution and alt text -----------------------------------------------------------


def test_charts_are_200_dpi_and_sharp_at_the_size_word_prints_them(
    cornwall_markdown, shipped_document
):
    for data in cornwall_markdown.images.values():
        image = Image.open(io.BytesIO(data))
        assert round(image.info["dpi"][0]) >= 200
    document = WordDocument(io.BytesIO(shipped_document(*PERFORMANCE_2018, word=True).main))
    for shape in document.inline_shapes:
        assert shape.width == Inches(6)
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        data = document.part.related_parts[blip.embed].blob
        pixels = Image.open(io.BytesIO(data)).width
        assert pixels / 6 >= 200  # dots per inch on the printed page


def test_alt_text_names_the_series_the_target_line_and_the_comparator(cornwall_markdown):
    alts = _alt_texts(cornwall_markdown.main.decode())
    homicides = alts["domestic-homicides"]
    assert "financial year: one figure, 1 (2014/15)" in homicides
    assert "quarterly: one figure, 3 (Q2 2017/18)" in homicides
    assert "kept apart by kind of period" in homicides
    fatal = alts["fatal-road-collisions"]
    assert "straight line from 28 at 31 Mar 2010 to 22 at 31 Dec 2020" in fatal
    assert "the target line is at" not in fatal
    youth = alts["youth-proven-reoffending-rate"]
    assert "family group average: 39% (2015/16)" in youth
    assert "Vertical axis: Per cent (%)" in youth


def test_no_title_legend_or_axis_label_runs_off_the_image():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    for status in assess_year(CORNWALL, CORNWALL_2018).measures:
        if status.latest is None:
            continue
        drawn = _figure(status, CORNWALL_2018)
        FigureCanvasAgg(drawn).draw()
        page = drawn.get_window_extent()
        axes = drawn.axes[0]
        ticks = {id(label) for label in axes.get_xticklabels() + axes.get_yticklabels()}
        texts = [
            text
            for text in drawn.findobj(Text)
            if text.get_text() and text.get_visible() and id(text) not in ticks
        ]  # titles, axis labels, legend entries (ticks outside the view are not drawn)
        assert len(texts) >= 4  # title, two axis labels, a legend entry
        for text in texts:
            box = text.get_window_extent()
            inside = box.x0 >= 0 and box.y0 >= 0 and box.x1 <= page.x1 and box.y1 <= page.y1
            assert inside, (status.indicator.id, text.get_text())


def _measure(tree, indicator: dict, target: dict, **measure):
    """Add indicator 'extra' to the 2017/18 plan with `target`; its status and plan year."""
    tree.files["indicators/extra.yaml"] = {"name": "Extra", **indicator}
    tree["2017-18/themes/domestic-abuse.yaml"]["indicators"].append(
        {"indicator": "extra", "wording": "Extra measure", "target": target, **measure}
    )
    plans = cspplan.load(tree.write()).partnerships[0]
    year = plans.years[0]
    return _status(plans, year, "extra"), year


def _target_lines(drawn) -> list:
    return [
        line
        for label, found in _lines(drawn).items()
        if label.startswith("Target")
        for line in found
    ]


def test_a_long_term_target_with_a_baseline_is_the_line_to_its_due_date(tree):
    from matplotlib.dates import date2num

    indicator = {
        "unit": "percentage",
        "polarity": "higher_is_better",
        "series": [{"period": "2016/17", "value": 40}, {"period": "Q2 2017/18", "value": 44}],
    }
    target = {"kind": "long_term", "value": 60, "by": "2020/21", "baseline": "2016/17"}
    status, year = _measure(tree, indicator, target)
    (line,) = _target_lines(_figure(status, year))
    assert [_days(x) for x in line.get_xdata()] == [date(2017, 3, 31), date(2021, 3, 31)]
    assert list(line.get_ydata()) == [40, 60]
    share = (date2num(date(2017, 9, 30)) - date2num(date(2017, 3, 31))) / (
        date2num(date(2021, 3, 31)) - date2num(date(2017, 3, 31))
    )
    assert 40 + 20 * share == pytest.approx(status.computed.aimed_at)


def test_a_year_to_date_starts_a_new_line_each_year(tree):
    indicator = {
        "unit": "count",
        "polarity": "higher_is_better",
        "series": [
            {"period": "Q1-Q2 2016/17", "value": 20},
            {"period": "Q1-Q3 2016/17", "value": 30},
            {"period": "Q1-Q1 2017/18", "value": 12},
            {"period": "Q1-Q2 2017/18", "value": 22},
        ],
    }
    status, year = _measure(tree, indicator, {"kind": "at_least", "value": 40})
    drawn = _figure(status, year)
    series = [list(line.get_ydata()) for line in drawn.axes[0].get_lines()]
    assert [20, 30] in series and [12, 22] in series
    assert _legend(drawn).count("Year to date") == 1


def test_a_rank_is_drawn_first_at_the_top_with_its_target_position(tree):
    indicator = {
        "unit": "rank",
        "polarity": "lower_is_better",
        "series": [{"period": "2016/17", "value": 5}, {"period": "Q2 2017/18", "value": 2}],
    }
    target = {"kind": "rank", "within": 3, "group": "family group"}
    status, year = _measure(tree, indicator, target)
    drawn = _figure(status, year)
    assert drawn.axes[0].yaxis_inverted()
    assert drawn.axes[0].get_ylabel() == "Rank (1st is best)"
    (line,) = _target_lines(drawn)
    assert set(line.get_ydata()) == {3}


def test_alt_text_says_a_rank_target_of_a_rate_is_not_drawn(cornwall_markdown):
    alt = _alt_texts(cornwall_markdown.main.decode())["all-recorded-crime-rate"]
    assert "the target, top 3 in the family group" in alt
    assert "is a position and is not drawn on this scale" in alt


def test_time_ticks_fall_on_period_ends_so_a_year_sits_on_its_tick():
    from matplotlib.dates import date2num

    status = _status(CORNWALL, CORNWALL_2018, "marac-repeat-incidents")
    drawn = _figure(status, CORNWALL_2018)
    ticks = set(drawn.axes[0].get_xticks())
    years = [p for p in status.series.points if p.period.kind.name == "FINANCIAL_YEAR"]
    assert years
    assert all(date2num(point.period.end) in ticks for point in years)
    labels = [label.get_text() for label in drawn.axes[0].get_xticklabels()]
    assert "Mar 2015" in labels
