"""OpenDocument spreadsheets (.ods, LibreOffice and Google Sheets) are read as .xlsx workbooks are: cell texts as a
person sees them, sheet rows numbered as in the spreadsheet, error cells as their text, and a sheet whose repeats
declare more than the workbook limits refused from content.xml before python-calamine expands them."""
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from support.ods_files import EMPTY_REST, cell, error_cell, row, write_ods

from pipelines.cli import main
from pipelines.core.canonical import FileError
from pipelines.ingest import _excel, read_file
from pipelines.ingest._ods import ErrorRun, ods_layouts

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


REPEATED_ROWS = '<table:table-row table:number-rows-repeated="{n}">{cell}</table:table-row>'
UNTYPED = '<table:table-cell office:value="1"/>'                   # a value without a type: calamine reads it
FORMULA = '<table:table-cell table:formula="of:=1+1" table:number-columns-repeated="100"/>'


@pytest.mark.parametrize("rows, limit", [
    ([row(["seriesCode"]), TABLE.format(n=16384)], "columns: 16384 > 2000 in row 2"),
    ([row(["seriesCode"]), row(["x"], repeated=1_000_000)], "rows: more than 500000"),
    ([TABLE.format(n=1000).replace("<table:table-row>", '<table:table-row table:number-rows-repeated="30000">')],
     "cells: 30000 rows x 1000 columns > 20000000"),
    ([row(["seriesCode"]), REPEATED_ROWS.format(n=600_000, cell=UNTYPED)], "rows: more than 500000"),
    ([row(["seriesCode"]), REPEATED_ROWS.format(n=300_000, cell=FORMULA)], "cells: 300001 rows x 100 columns")])
def test_a_sheet_whose_repeats_pass_the_limits_is_refused_before_calamine_opens_it(tmp_path, rows, limit):
    """calamine expands every sheet as it opens an .ods, so the limits are checked from content.xml before: the
    refusal costs the interpreter's memory, not the sheet's (measured in a process of its own: calamine allocates
    outside Python's view)."""
    path = write_ods(tmp_path / "runaway.ods", {"Data": rows})
    assert path.stat().st_size < 2000
    rule, reason, peak_mb = refused_in_a_process(path)
    assert rule == "workbook_limit" and f"(sheet 'Data') is past the workbook limit on {limit}" in reason
    assert peak_mb < 400


def test_every_sheet_is_checked_before_any_is_read(tmp_path):
    within = TABLE.format(n=1000).replace("<table:table-row>", '<table:table-row table:number-rows-repeated="15000">')
    path = write_ods(tmp_path / "two.ods", {"One": [within], "Two": [within]})
    with pytest.raises(FileError, match="cells: 30000000 in all sheets together > 20000000"):
        _excel.workbook_sheets(path, path.name)


@pytest.mark.parametrize("content, why", [
    ('<t:table-row xmlns:t="urn:oasis:names:tc:opendocument:xmlns:table:1.0"><t:table-cell office:value-type="string">'
     '<text:p>x</text:p></t:table-cell></t:table-row>', "the prefix 't' is bound to"),
    ('<table:table-row xmlns:table="urn:elsewhere" table:number-rows-repeated="600000"><table:table-cell '
     'office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>',
     "the prefix 'table' is bound to 'urn:elsewhere'"),
    ('<table:table-row><table:table-cell><table:table table:name="Data"/></table:table-cell></table:table-row>',
     "a table inside a sheet's cell")])
def test_xml_calamine_and_the_count_could_read_apart_is_refused(tmp_path, content, why):
    path = write_ods(tmp_path / "odd.ods", {"Data": [row(["x"]), content]})
    with pytest.raises(FileError) as refused:
        _excel.workbook_sheets(path, path.name)
    assert refused.value.rule == "unreadable_workbook" and why in refused.value.reason
    assert "cannot be read as an OpenDocument spreadsheet" in refused.value.reason


def test_error_cells_repeated_over_rows_and_columns_read_as_their_text_and_are_kept_as_runs(tmp_path):
    repeated = '<table:table-row table:number-rows-repeated="3">' + cell("x") + error_cell("#N/A").replace(
        "<table:table-cell ", '<table:table-cell table:number-columns-repeated="2" ') + "</table:table-row>"
    path = write_ods(tmp_path / "runs.ods", {"Data": [row(["a", "b", "c"]), repeated]})
    assert [cells for _, cells in _excel.workbook_sheets(path, path.name)["Data"]] == [
        ["a", "b", "c"], ["x", "#N/A", "#N/A"], ["x", "#N/A", "#N/A"], ["x", "#N/A", "#N/A"]]
    spread = error_cell().replace("<table:table-cell ", '<table:table-cell table:number-columns-repeated="1999" ')
    many = write_ods(tmp_path / "errors.ods", {"Data": [f'<table:table-row table:number-rows-repeated="3000">{spread}'
                                                        "</table:table-row>"]})
    with zipfile.ZipFile(many) as archive, archive.open("content.xml") as content:
        [layout] = ods_layouts(content, 2000).values()
    assert layout.errors == [ErrorRun(1, 3000, 1, 1999, "#DIV/0!")]     # 6 million error cells, one run


def refused_in_a_process(path) -> tuple[str, str, float]:
    """(rule, reason) of the FileError reading `path` raised, or ("read", ""), and the process's peak resident memory
    (MB; VmHWM, which starts afresh with the process, where ru_maxrss would carry the parent's over)."""
    script = ("import json, sys\n"
              "from pathlib import Path\n"
              "from pipelines.core.canonical import FileError\n"
              "from pipelines.ingest import _excel\n"
              "path = Path(sys.argv[1])\n"
              "try:\n"
              "    _excel.workbook_sheets(path, path.name)\n"
              "    found = ['read', '']\n"
              "except FileError as err:\n"
              "    found = [err.rule, err.reason]\n"
              "status = Path('/proc/self/status').read_text().splitlines()\n"
              "peak = next(int(line.split()[1]) for line in status if line.startswith('VmHWM:'))\n"
              "print(json.dumps(found + [peak / 1024]))\n")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    rule, reason, peak_mb = json.loads(done.stdout.strip().splitlines()[-1])
    return rule, reason, peak_mb


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
    assert "bad.ods cannot be opened as an OpenDocument spreadsheet (ValueError" in problem["reason"]


def test_validate_and_snapshot_add_name_the_limit_a_sheet_passes(tmp_path, capsys):
    """A sheet past the limits is only found while reading: validate and snapshot add read a workbook within its
    limits before detecting its format, so they give the limit, not 'format not recognised'."""
    path = write_ods(tmp_path / "runaway.ods", {"Data": [row(["seriesCode"]), row(["x"], repeated=1_000_000)]})
    assert main(["validate", str(path)]) == 1
    assert "(sheet 'Data') is past the workbook limit on rows: more than 500000" in capsys.readouterr().out
    assert main(["snapshot", "add", "--release", "r1", str(path), "--raw-root", str(tmp_path / "raw")]) == 2
    assert "past the workbook limit on rows" in capsys.readouterr().err
