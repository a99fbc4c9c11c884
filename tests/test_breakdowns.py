"""Breakdowns: figures for an area (or another dimension) live in the same series as the
whole, status and charts read the whole unless a measure names an area, and the checks
(R012, R014, C018) and `record --area` keep the two apart."""

from __future__ import annotations

from tests.conftest import PlanTree, codes, expected_position, only, run, run_validate
from tests.test_status import status_of

from cspplan.issues import Severity
from cspplan.loading.reader import plain_data
from cspplan.model.indicator import Indicator

AREAS = [
    {"id": "north", "name": "North District", "kind": "district"},
    {"id": "south", "name": "South District", "kind": "district"},
]


def _with_areas(tree, *series: dict) -> None:
    """The fixture with two districts, and referrals (a count) given `series`."""
    tree["partnership.yaml"]["areas"] = [dict(area) for area in AREAS]
    tree["indicators/referrals.yaml"]["series"] = list(series)


WHOLE = {"period": "Q1 2017/18", "value": 10, "text": "10", "reported_in": ["2017/18"]}


def _part(area: str, value: float, **extra) -> dict:
    return {"period": "Q1 2017/18", "area": area, "value": value} | extra


# -- status and series read the whole unless asked ---------------------------------------------


SERIES = [
    {"period": "Q1 2018/19", "value": 40},
    {"period": "Q2 2018/19", "value": 44},
    {"period": "Q2 2018/19", "area": "north", "value": 70},
    {"period": "Q3 2018/19", "area": "north", "value": 20},
    {"period": "Q3 2018/19", "dimension": "offence", "category": "burglary", "value": 90},
]


def test_status_ignores_area_and_other_breakdown_figures():
    status = status_of(SERIES, {"kind": "at_least", "value": 46})
    assert status.latest_words() == "44% (Q2 2018/19)"
    assert [point.value for point in status.series.points] == [40, 44]
    assert status.reason.startswith("44%")


def test_a_measure_with_an_area_is_judged_on_that_area_alone():
    status = status_of(SERIES, {"kind": "at_least", "value": 46}, measure={"area": "north"})
    assert status.latest_words() == "20% (Q3 2018/19)"
    assert [point.value for point in status.series.points] == [70, 20]
    assert status.travel.previous.value == 70


def test_the_chart_draws_the_whole_only():
    from cspplan.rendering.charts import alt_text

    status = status_of(SERIES, {"kind": "at_least", "value": 46})
    words = alt_text(status, status.series.points, status.series.as_of)
    assert "40%" in words and "44%" in words
    assert "70%" not in words and "90%" not in words and "20%" not in words


def test_an_indicator_looks_up_the_whole_or_one_area():
    indicator = Indicator.model_validate(
        {"id": "x", "name": "X", "unit": "count"} | {"series": SERIES}
    )
    from cspplan.model.periods import parse_period

    q2 = parse_period("Q2 2018/19")
    assert indicator.observation(q2).value == 44
    assert indicator.observation(q2, area="north").value == 70
    assert indicator.observation(parse_period("Q3 2018/19")) is None


def test_a_category_needs_its_dimension(tree):
    _with_areas(tree, WHOLE, {"period": "Q1 2017/18", "category": "burglary", "value": 3})
    report = run_validate(tree.write())
    assert report.exit_code() == 1
    assert any("a category belongs to a dimension" in issue.message for issue in report.issues)


# -- R012: the identity of a figure is its period and its breakdown -----------------------------


def test_figures_for_two_areas_of_one_period_are_not_duplicates(tree):
    _with_areas(tree, WHOLE, _part("north", 6), _part("south", 4))
    assert run_validate(tree.write()).issues == []


def test_the_same_area_twice_in_a_period_is_r012(tree):
    _with_areas(tree, WHOLE, _part("north", 6), _part("north", 7))
    issue = only(run_validate(tree.write()), "R012")
    assert issue.message == (
        "Q1 2017/18 (area north) appears more than once for the same plan year(s) in this series"
    )
    assert issue.field_path == "series[2].period"
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


def test_the_same_category_twice_is_r012_but_two_categories_are_not(tree):
    burglary = {"period": "Q1 2017/18", "dimension": "offence", "category": "burglary", "value": 3}
    robbery = dict(burglary, category="robbery", value=2)
    _with_areas(tree, WHOLE, burglary, robbery)
    assert "R012" not in codes(run_validate(tree.write()))
    tree["indicators/referrals.yaml"]["series"].append(dict(burglary, value=4))
    assert only(run_validate(tree.write()), "R012").field_path == "series[3].period"


# -- R014: unknown areas ------------------------------------------------------------------------


def test_an_observation_for_an_unknown_area_is_r014(tree):
    _with_areas(tree, WHOLE, _part("nrth", 6))
    issue = only(run_validate(tree.write()), "R014")
    assert issue.message == "no area with id 'nrth' in partnership.yaml"
    assert issue.hint == "did you mean 'north'?"
    assert issue.field_path == "series[1].area"
    assert (issue.line, issue.column) == expected_position(issue.file, issue.path)


def test_a_measure_comparator_or_area_naming_an_unknown_area_is_r014(tree):
    _with_areas(tree, WHOLE)
    tree["partnership.yaml"]["areas"][0]["part_of"] = "county"
    tree["indicators/referrals.yaml"]["comparators"] = [
        {"group": "local", "label": "Rest of Testshire", "area": "east", "value": 3}
    ]
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["area"] = "west"
    report = run_validate(tree.write())
    found = sorted(
        (issue.file.name, issue.field_path) for issue in report.issues if issue.code == "R014"
    )
    assert found == [
        ("domestic-abuse.yaml", "indicators[0].area"),
        ("partnership.yaml", "areas[0].part_of"),
        ("referrals.yaml", "comparators[0].area"),
    ]


def test_two_areas_with_one_id_are_r006(tree):
    _with_areas(tree, WHOLE)
    tree["partnership.yaml"]["areas"].append(dict(AREAS[0], name="North again"))
    assert (
        "the area id 'north' is used more than once"
        in only(run_validate(tree.write()), "R006").message
    )


# -- C018: a full breakdown adds up to the whole ------------------------------------------------


def test_c018_warns_where_the_source_printed_figures_that_do_not_add_up(tree):
    printed = {"text": "x", "reported_in": ["2017/18"]}
    _with_areas(tree, WHOLE, _part("north", 6, **printed), _part("south", 5, **printed))
    report = run_validate(tree.write())
    issue = only(report, "C018")
    assert issue.severity is Severity.WARNING
    assert issue.message == (
        "the Q1 2017/18 figures for north, south add up to 11, but the figure for the whole "
        "is 10 (both sides as the source printed them)"
    )
    assert issue.field_path == "series[0].value"
    assert report.exit_code() == 0


def test_c018_is_an_error_where_a_figure_was_typed_in(tree):
    _with_areas(tree, WHOLE, _part("north", 6, reported_in=["2017/18"]), _part("south", 5))
    issue = only(run_validate(tree.write()), "C018")
    assert issue.severity is Severity.ERROR
    assert "typed, not printed: the Q1 2017/18 figure for south" in issue.message


def test_c018_is_quiet_when_the_areas_add_up_or_one_is_missing(tree):
    _with_areas(tree, WHOLE, _part("north", 6), _part("south", 4))
    assert "C018" not in codes(run_validate(tree.write()))
    _with_areas(tree, WHOLE, _part("north", 6))
    assert "C018" not in codes(run_validate(tree.write()))


def test_c018_adds_areas_up_to_the_area_they_are_part_of(tree):
    _with_areas(tree, WHOLE, _part("north", 6), _part("south", 4))
    tree["partnership.yaml"]["areas"] += [
        {"id": "north-town", "name": "North Town", "part_of": "north"},
        {"id": "north-rural", "name": "North Rural", "part_of": "north"},
    ]
    tree["indicators/referrals.yaml"]["series"] += [_part("north-town", 2), _part("north-rural", 3)]
    issue = only(run_validate(tree.write()), "C018")
    assert "figures for north-town, north-rural add up to 5, but the figure for north is 6" in (
        issue.message
    )


def test_c018_is_only_for_units_that_add_up(tree):
    _with_areas(tree, WHOLE, _part("north", 6), _part("south", 5))
    tree["indicators/referrals.yaml"]["unit"] = "rate"
    tree["indicators/referrals.yaml"]["rate_per"] = 1000
    assert "C018" not in codes(run_validate(tree.write()))


def test_area_quarters_are_not_added_into_the_whole_year(tree):
    """C004 adds each breakdown's quarters to its own year to date, never into the whole's."""
    _with_areas(
        tree,
        {"period": "Q1 2017/18", "value": 10},
        {"period": "Q2 2017/18", "value": 12},
        {"period": "Q1-Q2 2017/18", "value": 22},
        {"period": "Q1 2017/18", "area": "north", "value": 10},
    )
    assert "C004" not in codes(run_validate(tree.write()))


# -- record --area ------------------------------------------------------------------------------


def _figures(folder) -> list[tuple[str | None, float]]:
    data = plain_data((folder / "indicators/referrals.yaml").read_text())
    return [(obs.get("area"), obs["value"]) for obs in data["series"]]


def test_record_with_an_area_writes_that_areas_entry_and_leaves_the_whole(tree):
    _with_areas(tree, WHOLE)
    folder = tree.write()
    result = run("record", "referrals", "Q1 2017/18", "6", "--area", "north", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "Added referrals Q1 2017/18 (north): 6" in result.stdout
    assert _figures(folder) == [(None, 10), ("north", 6)]
    again = run("record", "referrals", "Q1 2017/18", "7", "--area", "north", cwd=folder)
    assert "Updated referrals Q1 2017/18 (north): 7 " in again.stdout
    assert _figures(folder) == [(None, 10), ("north", 7)]
    assert run_validate(folder).issues == []


def test_record_refuses_an_area_the_partnership_does_not_list(tree):
    _with_areas(tree, WHOLE)
    folder = tree.write()
    before = (folder / "indicators/referrals.yaml").read_text()
    result = run("record", "referrals", "Q1 2017/18", "6", "--area", "nort", cwd=folder)
    assert result.returncode == 2
    assert "no area 'nort'" in result.stderr and "did you mean north?" in result.stderr
    assert (folder / "indicators/referrals.yaml").read_text() == before


def test_import_reads_an_area_column_and_refuses_an_unlisted_area(tree):
    """A spreadsheet of district figures: the area column writes each area's entry, never the
    whole's; an area partnership.yaml does not list is a rejected row and nothing is written."""
    _with_areas(tree, WHOLE)
    folder = tree.write()
    (folder / "q1.csv").write_text(
        "indicator,period,area,value\nreferrals,Q1 2017/18,north,6\nreferrals,Q1 2017/18,,10\n",
        encoding="utf-8",
    )
    result = run("import", "q1.csv", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert _figures(folder) == [(None, 10), ("north", 6)]
    assert run_validate(folder).issues == []
    before = (folder / "indicators/referrals.yaml").read_text()
    (folder / "q2.csv").write_text(
        "indicator,period,district,value\nreferrals,Q2 2017/18,nort,6\n", encoding="utf-8"
    )
    refused = run("import", "q2.csv", cwd=folder)
    assert refused.returncode == 1
    assert "row 2, column 'district': no area 'nort'" in refused.stderr
    assert "did you mean north?" in refused.stderr
    assert (folder / "indicators/referrals.yaml").read_text() == before


# -- documents ----------------------------------------------------------------------------------


def _performance(tree, tmp_path) -> str:
    folder = tree.write()
    output = tmp_path / "performance.md"
    result = run(
        "render", str(folder / "2018-19"), "--document", "performance", "-o", str(output), "-q"
    )
    assert result.returncode == 0, result.stderr
    return output.read_text()


def test_the_performance_report_prints_the_breakdown_by_area_as_a_table(tree, tmp_path):
    tree["partnership.yaml"]["areas"] = [dict(area) for area in AREAS]
    series = tree["indicators/repeat-victims.yaml"]["series"]
    series += [
        {"period": "Q3 2017/18", "area": "south", "value": 25, "reported_in": ["2018/19"]},
        {"period": "Q3 2017/18", "area": "north", "value": 29, "reported_in": ["2018/19"]},
    ]
    document = _performance(tree, tmp_path)
    assert (
        "**Figures by area, Q3 2017/18**\n\n"
        "| Area | Figure |\n|---|---|\n"
        "| North District | 29% |\n| South District | 25% |\n"
    ) in document
    assert "| Q3 2017/18 (North District) | 29% |" in document  # and among the printed figures
    assert "| 27% (Q3 2017/18) |" in document  # the status row: the whole's latest figure


def test_a_local_comparator_is_named_by_its_label(tree, tmp_path):
    tree["indicators/repeat-victims.yaml"]["comparators"] = [
        {
            "group": "local",
            "label": "Rest of Testshire",
            "period": "Q3 2017/18",
            "value": 16,
            "text": "Rest of Testshire 16%",
            "reported_in": ["2018/19"],
        }
    ]
    document = _performance(tree, tmp_path)
    assert (
        "- Compared with Rest of Testshire (Q3 2017/18): 16% (as printed: Rest of Testshire 16%)"
    ) in document
    assert "local comparator" not in document


def test_a_comparator_target_against_a_local_figure_says_whose_figure():
    status = status_of(
        [{"period": "Q2 2018/19", "value": 10}],
        {"kind": "comparator", "group": "local"},
        polarity="lower_is_better",
        extra={
            "comparators": [
                {
                    "group": "local",
                    "label": "Rest of Testshire",
                    "period": "Q2 2018/19",
                    "value": 16,
                }
            ]
        },
    )
    assert "the Rest of Testshire figure of 16% (Q2 2018/19)" in status.reason


def test_the_delivery_plan_lists_the_areas(tree, tmp_path):
    tree["partnership.yaml"]["areas"] = [
        {"id": "county", "name": "Testshire", "kind": "county"},
        {"id": "north", "name": "North District", "kind": "district", "part_of": "county"},
    ]
    folder = tree.write()
    output = tmp_path / "plan.md"
    assert run("render", str(folder / "2018-19"), "-o", str(output), "-q").returncode == 0
    assert (
        "### Areas\n\n- Testshire (county)\n- North District (district), part of Testshire\n"
        in (output.read_text())
    )


def test_a_measure_judged_on_an_area_says_whose_figure_it_is(tree, tmp_path):
    tree["partnership.yaml"]["areas"] = [dict(area) for area in AREAS]
    tree["indicators/repeat-victims.yaml"]["series"] += [
        {"period": "2016/17", "area": "north", "value": 33, "reported_in": ["2018/19"]},
        {"period": "Q3 2017/18", "area": "north", "value": 41, "reported_in": ["2018/19"]},
    ]
    tree["2018-19/themes/domestic-abuse.yaml"]["indicators"][0]["area"] = "north"
    document = _performance(tree, tmp_path)
    assert "| North District: 41% (Q3 2017/18) |" in document
    assert "41% (Q3 2017/18, ended 3 months before 2018/19) against a target range" in document


def test_diff_says_which_areas_figure_changed(tmp_path):
    sides = []
    for name, value in (("old", 6), ("new", 7)):
        side = PlanTree(tmp_path / name)
        _with_areas(side, WHOLE, _part("north", 6), _part("south", value))
        sides.append(side.write() / "2018-19")
    result = run("diff", *map(str, sides))
    assert result.returncode == 0, result.stderr
    assert "figure for Q1 2017/18 (area south): 6 → 7" in result.stdout
    assert "area north" not in result.stdout


def test_record_with_an_area_says_when_partnership_yaml_cannot_be_read(tree):
    folder = tree.write()
    for text, said in [
        ("name: a\nname: b\n", "partnership.yaml cannot be read (run cspplan validate)"),
        ("areas: 5\n", "partnership.yaml lists no areas; add it under areas: first"),
    ]:
        (folder / "partnership.yaml").write_text(text)
        result = run("record", "referrals", "Q1 2017/18", "6", "--area", "north", cwd=folder)
        assert result.returncode == 2 and said in result.stderr, result.stderr
