""".xlsx workbooks are read through python-calamine into the very cell texts openpyxl gave (the reference reader,
tests/support/reference_excel.py), so no record, quarantine record or sentence changes with the reader (issue 11);
a sheet whose used area would exhaust memory is refused from its XML before calamine reads it."""
import datetime as dt
import zipfile

import openpyxl
from openpyxl.chart import BarChart
import pandas as pd
import pytest
from support import shared_file
from support.reference_excel import reference_sheets, trimmed

from pipelines.core.canonical import FileError
from pipelines.ingest import _excel, detect_format, read_file

REAL_XLSX = ["imf_weo_ppp/WEOOct2023all.xlsx",
             "itu_price_baskets_33countries/itu_fixed_broad_price_processed.xlsx",
             "itu_price_baskets_33countries/itu_int_bandwidth_processed.xlsx",
             "itu_price_baskets_33countries/itu_mobile_broad_price_processed.xlsx",
             "unsd_gender_ict_sdg/I_17__I13151395_source.xlsx",
             "unsd_gender_ict_sdg/I_18__Ib8e91664_source.xlsx"]
SHEET = "xl/worksheets/sheet1.xml"


def fresh_sheets(path):
    _excel._last_read = None   # the last workbook read is kept; these tests read each one anew
    return _excel.workbook_sheets(path, path.name)


def test_every_real_xlsx_of_the_shared_data_is_listed_here(shared_data):
    assert sorted(p.relative_to(shared_data).as_posix() for p in shared_data.rglob("*.xlsx")) == sorted(REAL_XLSX)


@pytest.mark.parametrize("relative", REAL_XLSX)
def test_real_workbooks_read_into_the_texts_openpyxl_gave(shared_data, relative):
    path = shared_file(shared_data, relative)
    assert fresh_sheets(path) == trimmed(reference_sheets(path))


@pytest.mark.parametrize("relative", REAL_XLSX)
def test_real_workbooks_give_the_same_records_through_either_reader(shared_data, relative, monkeypatch):
    path = shared_file(shared_data, relative)
    fmt = detect_format(path)
    new = read_file(path, fmt, relative)
    _excel._last_read = None
    monkeypatch.setattr(_excel, "_xlsx_sheets", lambda p, label: reference_sheets(p))
    old = read_file(path, fmt, relative)
    assert (new.rows_read, new.notes, sorted(new.tables)) == (old.rows_read, old.notes, sorted(old.tables))
    pd.testing.assert_frame_equal(new.observations, old.observations)
    pd.testing.assert_frame_equal(new.quarantine, old.quarantine)


def test_the_weo_notes_keep_excel_escapes_of_control_characters(shared_data):
    """IMF's notes hold control characters that Excel stores as '_x001D_'; openpyxl gave them escaped, calamine
    decodes them: they stay escaped (a record's text does not change, and no control character reaches a CSV)."""
    rows = fresh_sheets(shared_file(shared_data, REAL_XLSX[0]))["WEOOct2023all"]
    notes = [cells[8] for _, cells in rows if len(cells) > 8]
    assert sum("_x001D_" in n for n in notes) > 0
    assert not any(ch < " " and ch not in "\t\n" for n in notes for ch in n)


@pytest.fixture
def odd_workbook(tmp_path):
    """Every kind of cell the readers could disagree on, then edited to hold what only Excel writes: cached values
    of formulas, error cells and a control character stored escaped."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Data"
    ws.append(["year", 2019, 2019.0, 2019.5, 0.3, -3, 1e-20, 123456789.123, True, False, "  pad  ", "ünï"])
    ws.append([dt.datetime(2020, 1, 2), dt.datetime(2020, 1, 2, 13, 45, 10), dt.date(2021, 3, 4), dt.time(12, 30),
               dt.timedelta(hours=30)])
    ws["A3"], ws["B3"], ws["C3"], ws["D3"] = 0.15, "=1+1", '="a"&"b"', "=1/0"
    ws["A3"].number_format = "0%"
    ws["A6"], ws["D6"] = "after a gap", 5
    ws.merge_cells("A7:C7")
    ws["A7"] = "merged"
    ws["F10"].number_format = "0.00"   # formatted, empty: openpyxl gave this row as six empty cells
    for n in range(11, 5011):          # a long sheet
        ws.append([f"economy {n}", n * 1.5, None, "x"])
    ws.append(["NOTE_x001D_end", "tab\there", "line\nbreak"])
    hidden = book.create_sheet("Hidden")
    hidden.sheet_state = "hidden"
    hidden["B2"] = "hidden text"
    book.create_sheet("Empty")
    book.create_chartsheet("Chart").add_chart(BarChart())
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    path = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == SHEET:
                data = (data.replace(b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>")
                        .replace(b'<c r="C3"><f>"a"&amp;"b"</f><v />', b'<c r="C3" t="str"><f>"a"&amp;"b"</f><v>ab</v>')
                        .replace(b'<c r="D3"><f>1/0</f><v />', b'<c r="D3" t="e"><f>1/0</f><v>#DIV/0!</v>')
                        .replace(b'<row r="6">', b'<row r="5"><c r="E5" t="e"><v>#N/A</v></c></row><row r="6">'))
            out.writestr(item, data)
    return path


def test_every_kind_of_cell_reads_as_openpyxl_read_it(odd_workbook):
    sheets = fresh_sheets(odd_workbook)
    assert sheets == trimmed(reference_sheets(odd_workbook))
    data = dict(sheets["Data"])
    assert data[1] == ["year", "2019", "2019", "2019.5", "0.3", "-3", "1e-20", "123456789.123",
                       "TRUE", "FALSE", "pad", "ünï"]
    assert data[2] == ["2020-01-02T00:00:00", "2020-01-02T13:45:10", "2021-03-04T00:00:00", "12:30:00",
                       "1 day, 6:00:00"]
    assert data[3] == ["0.15", "2", "ab", "#DIV/0!"]          # cached values and an error cell
    assert (data[4], data[5], data[6], data[7]) == ([], ["", "", "", "", "#N/A"], ["after a gap", "", "", "5"],
                                                    ["merged"])
    assert data[5010] == ["economy 5010", "7515", "", "x"] and data[5011] == ["NOTE_x001D_end", "tab\there",
                                                                               "line\nbreak"]
    assert list(sheets) == ["Data", "Hidden", "Empty"] and sheets["Hidden"] == [(1, []), (2, ["", "hidden text"])]
    assert sheets["Empty"] == []


def corner_cells(tmp_path, name: str, far: str):
    """A tiny workbook with a value in A1 and one in cell `far`: calamine would allocate every cell between."""
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active["A1"] = 1
    template = tmp_path / "template.xlsx"
    book.save(template)
    row = "".join(ch for ch in far if ch.isdigit())
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="{row}"><c r="{far}">'
           '<v>2</v></c></row></sheetData></worksheet>')
    path = tmp_path / name
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, xml if item.filename == SHEET else src.read(item))
    return path


def test_two_cells_at_the_far_corners_are_refused_before_calamine_reads_them(tmp_path):
    """calamine allocates the used area at once: 1,048,576 x 16,384 cells (550 GB) would abort the process."""
    path = corner_cells(tmp_path, "corners.xlsx", "XFD1048576")
    with pytest.raises(FileError, match=r"\(sheet 'Data'\) is past the workbook limit on rows: more than 500000"):
        fresh_sheets(path)
    [problem] = read_file(path, "itu_basket_workbook", path.name).quarantine.to_dict("records")
    assert (problem["rule"], problem["severity"]) == ("workbook_limit", "file_error")


def test_a_used_area_past_the_cell_limit_is_refused(tmp_path):
    path = corner_cells(tmp_path, "area.xlsx", "ZZ30000")      # 30,000 rows x 702 columns: 21 million cells
    with pytest.raises(FileError, match=r"cells: 30000 rows x 702 columns > 20000000"):
        fresh_sheets(path)


def test_cells_without_a_reference_count_against_the_limits(tmp_path, monkeypatch):
    """A cell without `r` takes the next column: counted as one more row and column, the most it can add."""
    monkeypatch.setitem(_excel.limits(), "max_columns", 3)
    layout = _excel._scan_sheet(b'<sheetData><row r="1"><c r="C1"><v>1</v></c><c><v>2</v></c></row></sheetData>')
    assert (layout.height, layout.width) == (2, 4)
