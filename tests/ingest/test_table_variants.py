"""A table re-saved by a spreadsheet or another tool is read as the file it came from: semicolon- or tab-separated
text (the header says which), an .xlsx workbook of the same table, its columns in another order, a Windows-1252 file
whose first accented letter comes late; a decimal comma is still held back by its rule, not misread.

Each variant must give exactly the observations of the comma-separated original (the file's name aside), so nothing
is guessed: the adapters read columns by name.
"""
import csv
import datetime
import io

import pandas as pd
import pytest
from support import shared_file
from support.hardening_inputs import COLUMNS, datahub_text
from support.ods_files import EMPTY_REST, row, write_ods

from pipelines.core.parsing import encoding_note, header_delimiter
from pipelines.ingest import detect_format, read_file

ROWS = [("CIV", "Côte d´Ivoire", "1.2", 2023), ("DEU", "Germany", "45.6", 2023), ("KEN", "Kenya", "3.51914e+007", 2022)]
NOTE = "Données estimées"


def table(rows=ROWS) -> list[list[str]]:
    return list(csv.reader(io.StringIO(datahub_text(rows, note=NOTE))))


def write(path, rows, delimiter=",", encoding="utf-8"):
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def observations(path):
    result = read_file(path, detect_format(path), path.name)
    return result.observations.drop(columns=["file"]).reset_index(drop=True), result


@pytest.fixture
def original(tmp_path):
    found, result = observations(write(tmp_path / "original.csv", table()))
    assert len(found) == 3 and result.quarantine.empty
    assert found.loc[found["ref_area"] == "KEN", "obs_value"].item() == 35191400.0
    return found


@pytest.mark.parametrize("delimiter, suffix", [(";", ".csv"), ("\t", ".tsv"), ("\t", ".csv")])
def test_semicolon_and_tab_separated_copies_read_as_the_original(tmp_path, original, delimiter, suffix):
    path = write(tmp_path / f"copy{suffix}", table(), delimiter)
    assert detect_format(path) == "itu_datahub_csv"
    pd.testing.assert_frame_equal(observations(path)[0], original)


def test_columns_in_another_order_read_as_the_original(tmp_path, original):
    order = list(reversed(range(len(COLUMNS))))
    path = write(tmp_path / "reordered.csv", [[row[i] for i in order] for row in table()])
    assert detect_format(path) == "itu_datahub_csv"
    pd.testing.assert_frame_equal(observations(path)[0], original)


@pytest.mark.parametrize("suffix", [".xlsx", ".xlsm"])
def test_an_xlsx_workbook_of_the_table_reads_as_the_original(tmp_path, original, suffix):
    """The adapters of text formats read the first sheet of a workbook too; its rows are the file's lines. A workbook
    saved with macros enabled (.xlsm) is the same zipped XML."""
    header, *rows = table()
    path = tmp_path / f"copy{suffix}"
    pd.DataFrame(rows, columns=header).to_excel(path, index=False)
    assert detect_format(path) == "itu_datahub_csv"
    pd.testing.assert_frame_equal(observations(path)[0], original)


def test_a_windows_1252_file_whose_first_accent_comes_late_is_transcoded_not_quarantined(tmp_path):
    """The acute accent of "d´Ivoire" (byte 0xB4) is a mark such exports hold, not a sign of binary data."""
    filler = [("DEU", "Germany", str(n), 2000 + n % 20) for n in range(400)]     # more than the 8 KB of a head
    text = datahub_text(filler) + datahub_text(ROWS, note=NOTE).split("\n", 1)[1]  # accents in the last lines only
    path = tmp_path / "late.csv"
    path.write_bytes(text.encode("cp1252"))
    assert b"\xb4" in path.read_bytes() and path.read_bytes()[:8192].isascii()
    found, result = observations(path)
    assert result.quarantine.empty and len(found) == 403
    assert found["note"].tolist()[-3:] == [NOTE] * 3
    assert encoding_note(path) == "text encoding Windows-1252/Latin-1, transcoded to UTF-8 when read"


def test_a_decimal_comma_in_a_semicolon_file_is_held_back_by_its_rule(tmp_path):
    rows = table()
    rows[2][COLUMNS.index("dataValue")] = "45,6"
    result = read_file(write(tmp_path / "comma.csv", rows, ";"), "itu_datahub_csv", "comma.csv")
    assert len(result.observations) == 2
    assert result.quarantine[["line", "column", "rule", "value"]].values.tolist() == [
        [3, "dataValue", "comma_decimal", "45,6"]]


def test_the_declared_delimiter_wins_unless_only_another_splits_the_header():
    assert header_delimiter("a,b;c", ",", ["a", "b;c"]) == ","
    assert header_delimiter("a;b;c", ",", ["a", "c"]) == ";"
    assert header_delimiter("a\tb", "\t", ["a", "b"]) == "\t"
    assert header_delimiter("a,b", "\t", ["a", "b"]) == ","
    assert header_delimiter("a|b", ",", ["a", "b"]) == ","          # nothing splits it: the error names the column


@pytest.mark.integration
@pytest.mark.parametrize("relative", ["itu_datahub_native_csv/fixed_broadband_subscriptions.csv",
                                      "equals_ict_sex_disaggregated/sdg_2020Q4_IT_MOB_OWN_5b1.csv",
                                      "wb_wdi_ict_fixedtel_mobile_2024/API_IT.CEL.SETS.P2_DS2_en_csv_v2_2987.csv",
                                      "un_egov_survey/EGOV_DATA_2022.csv"])
@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_real_downloads_resaved_with_another_delimiter_read_alike(shared_data, tmp_path, relative, delimiter):
    source = shared_file(shared_data, relative)
    rows = list(csv.reader(io.StringIO(source.read_bytes().decode("utf-8-sig"))))
    copy = write(tmp_path / source.name, rows, delimiter)
    fmt = detect_format(source)
    assert detect_format(copy) == fmt
    one, other = read_file(source, fmt, source.name), read_file(copy, fmt, source.name)
    assert one.rows_read == other.rows_read and len(one.observations) > 100
    pd.testing.assert_frame_equal(one.observations, other.observations)
    pd.testing.assert_frame_equal(one.quarantine, other.quarantine.assign(value=one.quarantine["value"]))


def write_workbook(path, rows):
    """Rows (blank ones too, so that sheet rows number as the text's lines) as the first sheet of an .xlsx."""
    import openpyxl

    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


WDI = [["Data Source", "World Development Indicators", ""], [], ["Last Updated Date", "2024-02-21", ""], [],
       ["Country Name", "Country Code", "Indicator Name", "Indicator Code", "2021", "2022", ""],
       ["Kenya", "KEN", "Mobile cellular subscriptions (per 100 people)", "IT.CEL.SETS.P2", "114.2", "121.9", ""],
       ["Germany", "DEU", "Mobile cellular subscriptions (per 100 people)", "IT.CEL.SETS.P2", "", "128.3", ""]]


def test_a_wdi_workbook_with_its_preamble_reads_as_the_csv(tmp_path):
    """The World Bank's Excel download: the preamble rows above the header, the date as text or as a date cell."""
    text = read_file(write(tmp_path / "wdi.csv", WDI), "wdi_wide_csv", "wdi")
    assert len(text.observations) == 3 and text.vintage == "2024-02-21"
    dated = [row[:] for row in WDI]
    dated[2][1] = datetime.datetime(2024, 2, 21)
    for rows in (WDI, dated):
        path = write_workbook(tmp_path / "wdi.xlsx", rows)
        assert detect_format(path) == "wdi_wide_csv"
        book = read_file(path, "wdi_wide_csv", "wdi")
        assert book.vintage == "2024-02-21" and book.rows_read == text.rows_read
        pd.testing.assert_frame_equal(book.observations, text.observations)


@pytest.mark.integration
def test_a_real_wdi_download_saved_as_a_workbook_reads_as_the_csv(shared_data, tmp_path):
    source = shared_file(shared_data, "wb_wdi_ict_fixedtel_mobile_2024/API_IT.CEL.SETS.P2_DS2_en_csv_v2_2987.csv")
    rows = list(csv.reader(io.StringIO(source.read_bytes().decode("utf-8-sig"))))
    path = write_workbook(tmp_path / "API_IT.CEL.SETS.P2.xlsx", rows)
    assert detect_format(path) == "wdi_wide_csv"
    one, other = read_file(source, "wdi_wide_csv", "wdi"), read_file(path, "wdi_wide_csv", "wdi")
    assert len(one.observations) > 10_000 and one.vintage == other.vintage == "2024-02-21"
    pd.testing.assert_frame_equal(one.observations, other.observations)
    assert one.quarantine["rule"].tolist() == other.quarantine["rule"].tolist()


@pytest.mark.integration
def test_the_sdg_api_csv_with_bracketed_dimension_labels_reads_as_the_database_download(shared_data, tmp_path):
    """The SDG API's Series/DataCSV writes "[Sex]", "[Units]", "[Reporting Type]"... for the same columns."""
    source = shared_file(shared_data, "equals_ict_sex_disaggregated/sdg_2020Q4_SE_ADT_ACTS_441.csv")
    rows = list(csv.reader(io.StringIO(source.read_bytes().decode("utf-8-sig"))))
    first_dimension = rows[0].index("Age")
    rows[0] = rows[0][:first_dimension] + [f"[{h}]" for h in rows[0][first_dimension:]]
    assert "[Sex]" in rows[0] and "[Type of skill]" in rows[0]
    copy = write(tmp_path / "api.csv", rows)
    assert detect_format(copy) == "un_sdg_api_csv"
    one, other = read_file(source, "un_sdg_api_csv", "sdg"), read_file(copy, "un_sdg_api_csv", "sdg")
    assert len(one.observations) > 4000 and set(one.observations["breakdown"]) > {"SKILL_ICTCMFL"}
    pd.testing.assert_frame_equal(one.observations, other.observations)


def test_an_ods_spreadsheet_of_the_table_reads_as_the_original(tmp_path, original):
    """LibreOffice's .ods: numbers typed as numbers, and the empty rest of the sheet written as one repeated row."""
    header, *rows = table()
    typed = [[float(v) if i == COLUMNS.index("dataValue") else v for i, v in enumerate(r)] for r in rows]
    path = write_ods(tmp_path / "copy.ods", {"Sheet1": [row(header), *map(row, typed), EMPTY_REST]})
    assert detect_format(path) == "itu_datahub_csv"
    pd.testing.assert_frame_equal(observations(path)[0], original)
