"""Workbooks are read within limits (pipelines/ingest/workbook_limits.yaml): a zip bomb or a runaway sheet is refused
from its archive directory or while streaming, with a file error naming the limit and the sheet, by `isoc snapshot
add`, `isoc validate`, format detection and a run (issue 12: failure 4)."""
import tracemalloc
import zipfile

import openpyxl
import pytest

from pipelines.cli import main
from pipelines.core.canonical import FileError
from pipelines.ingest import _excel, detect_format, read_file
from pipelines.ingest._common import first_row

SHEET = "xl/worksheets/sheet1.xml"
HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
        'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
TAIL = "</sheetData></worksheet>"


def workbook_with_sheet(path, sheet_xml_chunks):
    """A valid .xlsx (one sheet 'Data') whose sheet XML is replaced by the streamed chunks, deflated."""
    template = path.with_suffix(".template.xlsx")
    book = openpyxl.Workbook()
    book.active.title = "Data"
    book.active.append(["seriesCode", "entityIso"])
    book.save(template)
    with zipfile.ZipFile(template) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for item in src.infolist():
            if item.filename != SHEET:
                out.writestr(item, src.read(item))
        with out.open(SHEET, "w", force_zip64=True) as sheet:
            for chunk in sheet_xml_chunks:
                sheet.write(chunk.encode())
    template.unlink()
    return path


def bomb(path, megabytes: int):
    """A sheet whose one cell holds `megabytes` MB of the letter A: tiny on disk, huge unpacked."""
    block = "A" * (1 << 20)
    return workbook_with_sheet(path, [HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>',
                                      *([block] * megabytes), "</t></is></c></row>" + TAIL])


@pytest.fixture
def big_bomb(tmp_path):
    path = bomb(tmp_path / "bomb.xlsx", 120)
    assert path.stat().st_size < 1 << 20          # under 1 MB on disk, 120 MB unpacked
    return path


def test_a_zip_bomb_is_refused_from_its_declared_size_within_bounded_memory(big_bomb):
    tracemalloc.start()
    try:
        result = read_file(big_bomb, "country_submission_xlsx", big_bomb.name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    [problem] = result.quarantine.to_dict("records")
    assert (problem["rule"], problem["severity"]) == ("workbook_limit", "file_error")
    assert "uncompressed size: 120 MB > 100 MB" in problem["reason"] and "workbook_limits.yaml" in problem["reason"]
    assert peak < 20 << 20                          # nothing was unpacked


def test_a_zip_bomb_is_refused_by_snapshot_add_and_validate_and_detection(big_bomb, tmp_path, capsys):
    raw = tmp_path / "raw"
    assert main(["snapshot", "add", "--release", "r1", str(big_bomb), "--raw-root", str(raw)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "past the workbook limit on uncompressed size" in err
    assert not (raw / "r1" / "bomb.xlsx").exists()
    assert main(["validate", str(big_bomb)]) == 1
    out = capsys.readouterr().out
    assert "past the workbook limit on uncompressed size" in out and "ERRORS FOUND (rule workbook_limit)" in out
    with pytest.raises(FileError, match="uncompressed size"):
        first_row(big_bomb, b"")
    assert detect_format(big_bomb) is None


def test_a_member_unpacking_past_the_ratio_limit_is_refused(tmp_path):
    path = bomb(tmp_path / "ratio.xlsx", 20)        # 20 MB: under the size limit, but ~1000 times its packed size
    with pytest.raises(FileError, match=r"compression ratio: xl/worksheets/sheet1.xml unpacks \d+ times"):
        _excel.check_workbook(path, path.name)


def test_rows_past_the_limit_stop_streaming_and_name_the_sheet(tmp_path, monkeypatch):
    monkeypatch.setitem(_excel.limits(), "max_rows", 1000)
    # a sheet that jumps to row 1,048,576: small, but it streams a million empty rows unless stopped
    path = workbook_with_sheet(tmp_path / "rows.xlsx", [HEAD, '<row r="1"><c r="A1" t="inlineStr"><is><t>seriesCode'
                                                        '</t></is></c></row><row r="1048576"><c r="A1048576">'
                                                        '<v>1</v></c></row>', TAIL])
    with pytest.raises(FileError, match=r"\(sheet 'Data'\) is past the workbook limit on rows: more than 1000"):
        _excel.workbook_sheets(path, path.name)
    result = read_file(path, "country_submission_xlsx", path.name)
    assert result.quarantine["rule"].tolist() == ["workbook_limit"]


def test_columns_past_the_limit_name_the_sheet(tmp_path):
    path = workbook_with_sheet(tmp_path / "cols.xlsx", [HEAD, '<row r="1"><c r="ZZZ1"><v>1</v></c></row>', TAIL])
    with pytest.raises(FileError, match=r"\(sheet 'Data'\) is past the workbook limit on columns: 18278 > 2000"):
        _excel.workbook_sheets(path, path.name)


def test_sheets_past_the_limit_are_refused(tmp_path):
    book = openpyxl.Workbook()
    for i in range(_excel.limits()["max_sheets"]):
        book.create_sheet(f"s{i}")
    path = tmp_path / "sheets.xlsx"
    book.save(path)
    with pytest.raises(FileError, match="sheets: 101 > 100"):
        _excel.check_workbook(path, path.name)


def test_streamed_rows_keep_their_sheet_row_numbers(tmp_path):
    """Read-only streaming: rows a sheet skips still count, so row n of the result is sheet row n."""
    book = openpyxl.Workbook()
    book.active["A1"], book.active["B4"], book.active["A7"] = "head", 2.0, "x"
    path = tmp_path / "gaps.xlsx"
    book.save(path)
    rows = _excel.workbook_sheets(path, path.name)["Sheet"]
    assert [(n, cells) for n, cells in rows if any(cells)] == [(1, ["head"]), (4, ["", "2"]), (7, ["x"])]


@pytest.mark.parametrize("fmt", ["imf_weo_xlsx", "itu_basket_workbook", "country_submission_xlsx"])
def test_every_workbook_adapter_reads_within_the_limits(fmt, tmp_path):
    path = bomb(tmp_path / "ratio.xlsx", 20)
    [problem] = read_file(path, fmt, path.name).quarantine.to_dict("records")
    assert (problem["rule"], problem["severity"]) == ("workbook_limit", "file_error")
    assert "compression ratio" in problem["reason"]
