"""OpenDocument spreadsheets (.ods, LibreOffice and Google Sheets) are read as .xlsx workbooks are: cell texts as a
person sees them, sheet rows numbered as in the spreadsheet, error cells as their text, and a sheet whose repeats
declare more than the workbook limits refused from content.xml before python-calamine expands them."""
import tracemalloc

import pytest
from support.ods_files import EMPTY_REST, error_cell, row, write_ods

from pipelines.cli import main
from pipelines.core.canonical import FileError
from pipelines.ingest import _excel, read_file

TABLE = ('<table:table-row><table:table-cell office:value-type="string" table:number-columns-repeated="{n}">'
         '<text:p>x</text:p></table:table-cell></table:table-row>')


def test_cells_read_as_text_with_their_sheet_rows(tmp_path):
    path = write_ods(tmp_path / "cells.ods", {
        "Data": [row(["year", 2019, 2019.5, 0.15, -3, "ünï", None, "after a gap"]),
                 row([None]), row([], repeated=3),                     # empty rows, one written as three
                 row(["repeated", 1], repeated=2),
                 row(["x", error_cell("#DIV/0!"), error_cell("#N/A"), 5]),
                 EMPTY_REST],
        "Notes": [row(["only"])]})
    sheets = _excel.workbook_sheets(path, path.name)
    assert list(sheets) == ["Data", "Notes"] and sheets["Notes"] == [(1, ["only"])]
    assert [(n, cells) for n, cells in sheets["Data"] if cells] == [
        (1, ["year", "2019", "2019.5", "0.15", "-3", "ünï", "", "after a gap"]),
        (6, ["repeated", "1"]), (7, ["repeated", "1"]),
        (8, ["x", "#DIV/0!", "#N/A", "5"])]                        # errors as their text, not LibreOffice's cached 0
    assert len(sheets["Data"]) == 8                                  # the empty rest of the sheet is not read


def test_an_error_cell_is_held_back_by_its_rule_not_read_as_zero(tmp_path):
    from support.hardening_inputs import COLUMNS
    header = list(COLUMNS)
    values = dict.fromkeys(header, "")
    values.update(seriesCode="i99H", entityIso="KEN", entityName="Kenya", dataYear="2023", dataSource="ITU")
    cells = [error_cell() if c == "dataValue" else values[c] for c in header]
    path = write_ods(tmp_path / "errors.ods", {"Sheet1": [row(header), row(cells)]})
    result = read_file(path, "itu_datahub_csv", path.name)
    assert result.observations.empty and result.rows_read == 1
    assert result.quarantine[["line", "column", "rule", "value"]].values.tolist() == [
        [2, "dataValue", "not_a_number", "#DIV/0!"]]


@pytest.mark.parametrize("rows, limit", [
    ([row(["seriesCode"]), TABLE.format(n=16384)], "columns: 16384 > 2000 in row 2"),
    ([row(["seriesCode"]), row(["x"], repeated=1_000_000)], "rows: more than 500000"),
    ([TABLE.format(n=1000).replace("<table:table-row>", '<table:table-row table:number-rows-repeated="30000">')],
     "cells: 30000 rows x 1000 columns > 20000000")])
def test_a_sheet_whose_repeats_pass_the_limits_is_refused_before_it_is_expanded(tmp_path, rows, limit):
    path = write_ods(tmp_path / "runaway.ods", {"Data": rows})
    assert path.stat().st_size < 2000
    tracemalloc.start()
    try:
        with pytest.raises(FileError) as refused:
            _excel.workbook_sheets(path, path.name)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.value.rule == "workbook_limit" and f"(sheet 'Data') is past the workbook limit on {limit}" in \
        refused.value.reason
    assert peak < 20 * 2 ** 20


def test_validate_and_snapshot_add_take_an_ods_file(tmp_path, capsys):
    from support.hardening_inputs import ROWS, datahub_text
    import csv
    import io

    header, *rows = list(csv.reader(io.StringIO(datahub_text(ROWS))))
    path = write_ods(tmp_path / "datahub.ods", {"Sheet1": [row(header), *map(row, rows), EMPTY_REST]})
    assert main(["validate", str(path)]) == 0
    assert f"rows read {len(rows)}, would be staged {len(rows)}" in capsys.readouterr().out
    assert main(["snapshot", "add", "--release", "r1", str(path), "--raw-root", str(tmp_path / "raw")]) == 0
    assert "1 file(s) added" in capsys.readouterr().out


def test_a_sheet_the_scan_did_not_count_is_not_read(tmp_path, monkeypatch):
    """python-calamine and the scan of content.xml must name the same sheets; one the scan missed is refused, not read
    without its limits checked."""
    path = write_ods(tmp_path / "odd.ods", {"Data": [row(["x"])]})
    monkeypatch.setattr(_excel, "ods_layouts", lambda content, wide: {})
    with pytest.raises(FileError) as refused:
        _excel.workbook_sheets(path, path.name)
    assert refused.value.rule == "unreadable_workbook" and "sheet 'Data'" in refused.value.reason


def test_a_damaged_repeat_count_is_a_file_error_not_a_traceback(tmp_path):
    damaged = row(["x"]).replace("<table:table-row>", '<table:table-row table:number-rows-repeated="many">')
    path = write_ods(tmp_path / "bad.ods", {"Data": [damaged]})
    [problem] = read_file(path, "itu_datahub_csv", path.name).quarantine.to_dict("records")
    assert (problem["rule"], problem["severity"]) == ("unreadable_workbook", "file_error")
    assert "bad.ods cannot be opened as an Excel workbook (ValueError" in problem["reason"]
