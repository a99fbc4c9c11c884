"""The import use case called directly, without click: what is written, what is recorded,
and which rows are refused (by row, column and reason)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import SHIPPED

from cspplan.editing.importing import import_spreadsheet, read_figures, record_figures
from cspplan.exceptions import UsageError
from cspplan.model.periods import parse_period

CORNWALL = Path("plans/safer-cornwall")
MARAC = CORNWALL / "indicators/marac-repeat-incidents.yaml"
HOMICIDES = CORNWALL / "indicators/domestic-homicides.yaml"


@pytest.fixture
def plans(tmp_path: Path) -> Path:
    shutil.copytree(SHIPPED, tmp_path / "plans")
    return tmp_path


def _texts(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*.yaml"))}


def _sheet(folder: Path, text: str, name: str = "q.csv") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_good_rows_are_written_to_their_indicator_files(plans):
    sheet = _sheet(
        plans,
        "indicator,period,value\n"
        "marac-repeat-incidents,Q3 2018/19,31%\n"
        "domestic-homicides,2018/19,2\n",
    )
    before = _texts(plans / "plans")
    result = import_spreadsheet(sheet, plans / CORNWALL)
    assert (result.rejected, result.failed, result.writes, result.saved) == ([], False, True, True)
    assert result.counts == {"added": 2}
    assert (result.figures_changed, result.files_changed) == (2, 2)
    assert "  - {period: Q3 2018/19, value: 31}\n" in (plans / MARAC).read_text()
    assert "{period: 2018/19, value: 2}" in (plans / HOMICIDES).read_text()
    after = _texts(plans / "plans")
    assert {path for path in after if after[path] != before[path]} == {
        plans / MARAC,
        plans / HOMICIDES,
    }
    assert [(row.row, done.indicator, str(done.period)) for row, done in result.by_row()] == [
        (2, "marac-repeat-incidents", "Q3 2018/19"),
        (3, "domestic-homicides", "2018/19"),
    ]


def test_a_rejected_row_stops_every_write_and_is_located_by_row(plans):
    sheet = _sheet(
        plans,
        "indicator,period,value\n"
        "marac-repeat-incidents,Q3 2018/19,31%\n"
        "no-such-indicator,Q3 2018/19,4\n"
        "da-crimes-charged,Q5 2018/19,4\n",
    )
    before = _texts(plans / "plans")
    result = import_spreadsheet(sheet, plans / CORNWALL)
    assert result.failed and not result.writes and not result.saved
    assert [rejection.row for rejection in result.rejected] == [3, 4]
    assert result.rejected[0].reason.startswith("no indicator 'no-such-indicator'")
    assert "there is no quarter 5" in result.rejected[1].reason
    assert _texts(plans / "plans") == before
    assert result.counts == {"added": 1}  # what would have been recorded


def test_skip_rejected_writes_the_good_rows_and_still_lists_the_bad(plans):
    sheet = _sheet(
        plans, "indicator,period,value\nnope,Q3 2018/19,4\nmarac-repeat-incidents,Q4 2018/19,30\n"
    )
    result = import_spreadsheet(sheet, plans / CORNWALL, skip_rejected=True)
    assert [rejection.row for rejection in result.rejected] == [2]
    assert not result.failed and result.saved
    assert "{period: Q4 2018/19, value: 30}" in (plans / MARAC).read_text()


def test_a_printed_figure_is_refused_by_its_file_and_joins_the_rejections(plans):
    sheet = _sheet(
        plans,
        "indicator,period,value\n"
        "marac-repeat-incidents,Q4 2018/19,30\n"
        "marac-repeat-incidents,2015/16,35\n",
    )
    result = import_spreadsheet(sheet, plans / CORNWALL, skip_rejected=True)
    assert [(rejection.row, rejection.column) for rejection in result.rejected] == [(3, None)]
    assert "2015/16 is already recorded as '37%' as printed" in result.rejected[0].reason
    assert result.counts == {"added": 1}  # the refused row is not counted
    assert [row.row for row, _ in result.by_row()] == [2]


def test_restating_a_printed_figure_records_the_year_that_reports_it(plans):
    sheet = _sheet(plans, "indicator,period,value\nmarac-repeat-incidents,2015/16,35\n")
    result = import_spreadsheet(sheet, plans / CORNWALL, reported_in=parse_period("2019/20"))
    assert result.rejected == [] and result.counts == {"restated": 1}
    assert "{period: 2015/16, value: 35, reported_in: [2019/20]}" in (plans / MARAC).read_text()


def test_a_wide_sheet_rejects_a_bad_cell_by_row_and_column(plans):
    sheet = _sheet(
        plans,
        "indicator,Q3 2018/19,Q4 2018/19,provisional\n"
        "marac-repeat-incidents,31,0.29,maybe\n"
        "domestic-homicides,1,2,no\n",
    )
    figures = read_figures(sheet, plans / CORNWALL)
    assert figures.reading.layout == "wide"
    result = record_figures(figures, dry_run=True)
    assert [(r.row, r.column) for r in result.rejected] == [(2, "provisional")]
    assert "'maybe' is not yes or no" in result.rejected[0].reason
    assert [(row.row, row.column) for row, _ in result.by_row()] == [
        (3, "Q3 2018/19"),
        (3, "Q4 2018/19"),
    ]


def test_a_period_heading_that_cannot_be_read_is_rejected_on_row_one(plans):
    sheet = _sheet(plans, "indicator,Q5 2018/19\nmarac-repeat-incidents,3\n")
    result = import_spreadsheet(sheet, plans / CORNWALL)
    assert [(r.row, r.column) for r in result.rejected] == [(1, "Q5 2018/19")]
    assert result.failed and not result.saved


def test_a_fraction_is_recorded_with_a_warning_naming_its_cell(plans):
    sheet = _sheet(plans, "indicator,Q3 2018/19,Q4 2018/19\nmarac-repeat-incidents,31,0.29\n")
    result = import_spreadsheet(sheet, plans / CORNWALL)
    assert [(w.row, w.column) for w in result.warnings] == [(2, "Q4 2018/19")]
    assert "'0.29' is recorded as 0.29%" in result.warnings[0].reason
    assert "{period: Q4 2018/19, value: 0.29}" in (plans / MARAC).read_text()


def test_a_dry_run_records_in_memory_only(plans):
    sheet = _sheet(plans, "indicator,period,value\ndomestic-homicides,2018/19,2\n")
    before = _texts(plans / "plans")
    result = import_spreadsheet(sheet, plans / CORNWALL, dry_run=True)
    assert not result.writes and not result.saved
    assert list(result.outputs) == [plans / HOMICIDES]
    assert "{period: 2018/19, value: 2}" in result.outputs[plans / HOMICIDES]
    assert _texts(plans / "plans") == before
    result.save()  # saving a dry run writes nothing
    assert _texts(plans / "plans") == before


def test_importing_the_same_sheet_again_changes_nothing(plans):
    sheet = _sheet(plans, "indicator,period,value\ndomestic-homicides,2018/19,2\n")
    import_spreadsheet(sheet, plans / CORNWALL)
    again = import_spreadsheet(sheet, plans / CORNWALL)
    assert again.counts == {"unchanged": 1}
    assert (again.figures_changed, again.files_changed, again.outputs) == (0, 0, {})


def test_a_sheet_without_indicators_or_periods_is_a_usage_error(plans):
    sheet = _sheet(plans, "a,b\n1,2\n")
    with pytest.raises(UsageError, match="no indicator column"):
        import_spreadsheet(sheet, plans / CORNWALL)
