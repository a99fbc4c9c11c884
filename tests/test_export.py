"""`cspplan export`: tidy tables as CSV, XLSX and Parquet, the site's downloads, and the
round trip of an edited figures sheet back through `cspplan import`."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from tests.conftest import REPO, SHIPPED, PlanTree, run

from cspplan.export.columns import ARROW_TYPES, FIGURES, TABLES, markdown


@pytest.fixture
def plans(tree: PlanTree) -> PlanTree:
    """The `tree` partnership with text Excel must read (£, ’), a title a spreadsheet would
    run as a formula, and a figure no plan printed (so an import may update it)."""
    victims = tree["indicators/repeat-victims.yaml"]
    victims["series"][1]["note"] = "Women’s Aid counted £2,000 of cases"
    referrals = tree["indicators/referrals.yaml"]
    referrals["series"].append({"period": "Q2 2017/18", "value": 12})
    actions = tree["2018-19/themes/domestic-abuse.yaml"]["actions"]
    actions[0]["title"] = '=HYPERLINK("http://evil.example","click")'
    tree.write()
    return tree


def _export(tree: PlanTree, name: str, *options: str) -> Path:
    output = tree.root / name
    result = run("export", str(tree.folder), "-o", str(output), *options)
    assert result.returncode == 0, result.stderr
    return output


def _csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"))))


def test_csv_starts_with_a_byte_order_mark_and_keeps_pound_and_apostrophe(plans):
    output = _export(plans, "figures.csv")
    data = output.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = _csv_rows(output)
    assert list(rows[0]) == FIGURES.names
    notes = [row["note"] for row in rows if row["note"]]
    assert notes == ["Women’s Aid counted £2,000 of cases"]
    # Excel on a UK machine reads the mark and then UTF-8: the same text comes back
    assert "Women’s Aid counted £2,000".encode() in data


def test_each_figure_has_the_status_as_at_its_own_period(plans):
    rows = _csv_rows(_export(plans, "figures.csv"))
    victims = {row["period"]: row for row in rows if row["indicator_id"] == "repeat-victims"}
    q2, q3 = victims["Q2 2017/18"], victims["Q3 2017/18"]
    assert (q2["plan_year"], q2["theme_id"], q2["target"]) == (
        "2017/18",
        "domestic-abuse",
        "between 28% and 40%",
    )
    assert q2["status_as_of"] == "Q2 2017/18" and q2["status_band"] == "green"
    assert q3["status_as_of"] == "Q3 2017/18" and q3["status_band"] != "green"
    assert (q2["period_start"], q2["period_end"], q2["quarter"]) == (
        "2017-07-01",
        "2017-09-30",
        "2",
    )
    assert q2["printed_in"] == "2017/18" and q2["value"] == "28" and q2["unit"] == "percentage"
    # a figure for a year before any plan year has no plan year, target or status
    assert victims["2016/17"]["plan_year"] == "" and victims["2016/17"]["status_band"] == ""


def test_xlsx_has_a_cover_contents_notes_and_a_named_table_a_sheet(plans):
    from openpyxl import load_workbook

    book = load_workbook(_export(plans, "plans.xlsx"))
    assert book.sheetnames[:3] == ["Cover", "Contents", "Notes"]
    assert "Figures" in book.sheetnames and "Actions" in book.sheetnames
    assert "Funding" not in book.sheetnames  # no funding in these plans: no empty sheet
    cover = book["Cover"]
    assert cover["A1"].value == "Community safety partnership plans"
    cover_text = [row[0] for row in cover.iter_rows(values_only=True)]
    assert "Testshire Community Safety Partnership" in cover_text
    notes = book["Notes"]
    assert list(notes.tables) == ["notes"]
    assert notes["A4"].value == "[note 1]"
    figures = book["Figures"]
    assert list(figures.tables) == ["figures"]
    table = figures.tables["figures"]
    top = int(table.ref.split(":")[0][1:])
    header = [cell.value for cell in figures[top]]
    assert header == FIGURES.names
    assert [column.name for column in table.tableColumns] == FIGURES.names
    assert figures["A1"].value == FIGURES.title
    rows = [
        dict(zip(header, values, strict=True))
        for values in figures.iter_rows(min_row=top + 1, values_only=True)
    ]
    q2 = next(
        row
        for row in rows
        if row["indicator_id"] == "repeat-victims" and row["period"] == "Q2 2017/18"
    )
    assert q2["value"] == 28 and isinstance(q2["value"], int | float)
    assert q2["period_start"] == datetime(2017, 7, 1)
    assert q2["provisional"] is False and q2["quarter"] == 2
    assert q2["note"] == "Women’s Aid counted £2,000 of cases"
    assert int(table.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == top + len(rows)


def test_formula_like_text_is_neutralised_in_csv_and_xlsx_but_not_in_the_plan(plans):
    from openpyxl import load_workbook

    title = '=HYPERLINK("http://evil.example","click")'
    rows = _csv_rows(_export(plans, "actions.csv", "--table", "actions"))
    assert [row["title"] for row in rows if row["plan_year"] == "2018/19"] == ["'" + title]
    book = load_workbook(_export(plans, "plans.xlsx"))
    titles = [row[6] for row in book["Actions"].iter_rows(min_row=5, values_only=True)]
    assert "'" + title in titles and title not in titles
    theme = plans.path("2018-19/themes/domestic-abuse.yaml").read_text(encoding="utf-8")
    assert "'=HYPERLINK" not in theme and "=HYPERLINK" in theme
    parquet = _export(plans, "actions.parquet", "--table", "actions")
    import pandas as pd

    assert title in set(pd.read_parquet(parquet)["title"])


def test_parquet_has_the_documented_types(plans):
    import pandas as pd
    import pyarrow as pa

    frame = pd.read_parquet(_export(plans, "figures.parquet"), dtype_backend="pyarrow")
    assert list(frame.columns) == FIGURES.names
    for column in FIGURES.columns:
        expected = pd.ArrowDtype(pa.type_for_alias(ARROW_TYPES[column.kind]))
        assert frame.dtypes[column.name] == expected, column.name
    q2 = frame[(frame["indicator_id"] == "repeat-victims") & (frame["period"] == "Q2 2017/18")]
    assert q2["value"].iloc[0] == 28.0


def test_two_exports_are_byte_identical(plans):
    for name in ("a.xlsx", "a.csv", "a.parquet"):
        first = _export(plans, name).read_bytes()
        again = _export(plans, name).read_bytes()
        assert first == again, name


def test_an_edited_figures_sheet_goes_back_in_through_import(plans):
    from openpyxl import load_workbook

    exported = _export(plans, "plans.xlsx")
    book = load_workbook(exported)
    sheet = book["Figures"]
    header = [cell.value for cell in sheet[4]]
    at = {name: index for index, name in enumerate(header)}
    for row in sheet.iter_rows(min_row=5):
        if row[at["indicator_id"]].value == "referrals" and row[at["period"]].value == "Q2 2017/18":
            row[at["value"]].value = 15
    edited = plans.root / "edited.xlsx"
    book.save(edited)
    result = run("import", str(edited), "--sheet", "Figures", "--partnership", str(plans.folder))
    assert result.returncode == 0, result.stderr
    assert "Recorded 1 figure: 1 updated" in result.stdout
    assert "unchanged" in result.stdout  # the rest were passed over, said so
    text = plans.path("indicators/referrals.yaml").read_text(encoding="utf-8")
    assert "value: 15" in text and "value: 12" not in text
    # once recorded, the same sheet has nothing left to record
    again = run("import", str(edited), "--sheet", "Figures", "--partnership", str(plans.folder))
    assert again.returncode == 0 and "Recorded 0 figures" in again.stdout


def test_an_exported_csv_goes_back_in_too(plans):
    exported = _export(plans, "figures.csv")
    text = (
        exported.read_bytes()
        .decode("utf-8-sig")
        .replace(
            "referrals,Referrals,,,,Q2 2017/18,Q2 2017/18,2017-07-01,2017-09-30,2017/18,2,12,",
            "referrals,Referrals,,,,Q2 2017/18,Q2 2017/18,2017-07-01,2017-09-30,2017/18,2,13,",
        )
    )
    assert ",13," in text
    exported.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = run("import", str(exported), "--partnership", str(plans.folder))
    assert result.returncode == 0, result.stderr
    assert "value: 13" in plans.path("indicators/referrals.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("figures.txt", "name a .csv, .xlsx or .parquet file"),
        ("missing-folder/figures.csv", "does not exist"),
    ],
)
def test_bad_output_gets_a_message_and_exit_2(plans, name, message):
    output = plans.root / name
    result = run("export", str(plans.folder), "-o", str(output))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not output.exists()


def test_an_output_that_is_a_folder_or_an_unknown_table_is_refused(plans):
    folder = plans.root / "out.csv"
    folder.mkdir()
    result = run("export", str(plans.folder), "-o", str(folder))
    assert result.returncode == 2 and "it is a folder" in result.stderr
    result = run("export", str(plans.folder), "-o", str(plans.root / "x.csv"), "--table", "nope")
    assert result.returncode == 2 and "the tables are figures, actions" in result.stderr


def test_plans_with_errors_are_not_exported_and_an_earlier_file_is_kept(plans):
    output = plans.root / "figures.csv"
    output.write_bytes(b"earlier export")
    plans.path("indicators/referrals.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    result = run("export", str(plans.folder), "-o", str(output))
    assert result.returncode == 1
    assert "cannot be exported" in result.stderr and "Traceback" not in result.stderr
    assert output.read_bytes() == b"earlier export"
    assert [p.name for p in plans.root.iterdir() if p.name.startswith(".figures")] == []


def test_every_table_is_written_from_the_shipped_plans(tmp_path):
    from openpyxl import load_workbook

    output = tmp_path / "figures.xlsx"
    result = run("export", str(SHIPPED), "-o", str(output))
    assert result.returncode == 0, result.stderr
    book = load_workbook(output, read_only=True)
    for name, table in TABLES.items():
        assert name.capitalize() in book.sheetnames, name
        first = next(book[name.capitalize()].iter_rows(min_row=4, max_row=4, values_only=True))
        assert list(first) == table.names


def test_the_columns_document_is_current():
    written = (REPO / "docs" / "export-columns.md").read_text(encoding="utf-8")
    assert written == markdown(), (
        "docs/export-columns.md is out of date: "
        ".venv/bin/python -m cspplan.export.columns > docs/export-columns.md"
    )
    for table in TABLES.values():
        for column in table.columns:
            assert f"| `{column.name}` | {column.kind.value} |" in written


def test_the_site_offers_every_indicator_and_partnership_download():
    from openpyxl import load_workbook

    from cspplan.site import urls
    from cspplan.site.pages import SiteInput, page_kinds
    from cspplan.workspace import open_plans

    workspace = open_plans([SHIPPED])
    files = {item.path: item.data for item in page_kinds()["downloads"](SiteInput(workspace))}
    for csp in workspace.partnerships:
        for indicator_id in csp.indicators:
            sheet = files[urls.indicator_download(csp.id, indicator_id, "csv")]
            rows = list(csv.DictReader(io.StringIO(sheet.decode("utf-8-sig"))))
            assert {row["indicator_id"] for row in rows} <= {indicator_id}
            assert len(rows) == len(csp.indicators[indicator_id].series)
            book = load_workbook(
                io.BytesIO(files[urls.indicator_download(csp.id, indicator_id, "xlsx")])
            )
            assert csp.indicators[indicator_id].name in book["Cover"]["A1"].value
        assert files[urls.downloads(csp.id, "csv")].startswith(b"\xef\xbb\xbf")
        assert urls.downloads(csp.id, "xlsx") in files
    assert urls.all_downloads("csv") in files and urls.all_downloads("xlsx") in files
