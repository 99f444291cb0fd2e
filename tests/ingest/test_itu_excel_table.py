"""ITU Excel table (Internet use by gender and urban/rural location): real .xls and .csv, and bad input."""
import csv
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from support.adapter_checks import check_result, rule_counts
from support import shared_file

from pipelines.core.canonical import FileError
from pipelines.ingest import detect_format, itu_excel_table as adapter, read_file

REAL = "equals_ict_sex_disaggregated/ITU_individuals_using_internet_by_gender_urban_rural_2020"
TITLE = "Individuals using the Internet (from any location), by gender and urban/rural location (%)"
GROUPS = ["", "", "", "Latest", "All", "", "Gender", "", "", "", "", "Urban", "", "", "", "", "", "", "Rural", "", "",
          "", "", ""]
LABELS = ["", "Economy name", "", "year", "Individuals", "", "Male", "", "Female", "", "", "Total", "", "Male", "",
          "Female", "", "", "Total", "", "Male", "", "", "Female"]
VALUE_AT = [4, 6, 8, 11, 13, 15, 18, 20, 23]   # the data columns in the published layout (spacers in between)


@pytest.fixture(scope="module", params=["xls", "csv"])
def real(request, shared_data):
    path = shared_file(shared_data, f"{REAL}.{request.param}")
    return path, adapter.read(path, path.name)


def values(result, iso3):
    o = result.observations[result.observations.ref_area == iso3]
    return {(r.sex, r.urbanisation): r.obs_value for r in o.itertuples()}, set(o.time_period)


@pytest.mark.integration
def test_real_table_spot_checks(real):
    path, result = real
    assert detect_format(path) == adapter.FORMAT
    dza, years = values(result, "DZA")
    assert years == {2018}
    assert dza == {("_T", "_T"): 49.0, ("M", "_T"): 55.1, ("F", "_T"): 42.9, ("_T", "U"): 56.2, ("M", "U"): 61.7,
                   ("F", "U"): 50.8, ("_T", "R"): 34.1, ("M", "R"): 41.9, ("F", "R"): 25.9}
    deu, years = values(result, "DEU")
    assert years == {2019} and deu == {("_T", "_T"): 88.1, ("M", "_T"): 91.1, ("F", "_T"): 85.3}
    idn, _ = values(result, "IDN")
    assert (idn[("_T", "U")], idn[("_T", "R")]) == (50.9, 26.6)
    gbr, years = values(result, "GBR")
    assert years == {2018} and gbr == {("_T", "_T"): 94.9, ("M", "_T"): 94.5, ("F", "_T"): 95.3}
    row = result.observations.iloc[0]
    assert (row.series, row.nature, row.source, row.note) == ("INET_USERS_PCT", "C", adapter.ORIGIN, adapter.NOTE)


@pytest.mark.integration
def test_real_table_accounting(real):
    _, result = real
    # 112 economy lines x 9 value cells + 2 footnote lines; '...' cells are excluded as missing_value
    assert result.rows_read == 112 * 9 + 2
    assert len(result.observations) == 575
    assert rule_counts(result) == {"missing_value": 433, "footnote": 2}
    assert set(result.quarantine["severity"]) == {"excluded"}
    assert result.observations["ref_area"].nunique() == 112     # every ITU spelling in the table maps to ISO3
    check_result(result)


def table(rows: list[list[str]], groups=GROUPS, labels=LABELS, footer=True) -> list[list[str]]:
    """The published layout: title, group row, label row, economy rows (name, year, 9 values), footnotes."""
    body = []
    for name, year, *cells in rows:
        line = [""] * len(labels)
        line[1], line[3] = name, year
        for at, text in zip(VALUE_AT, cells + ["..."] * (9 - len(cells))):
            line[at] = text
        body.append(line)
    tail = [[""] * 24, ["", "Source:", "ITU World Telecommunication/ICT Indicators database."],
            ["", "Age scope of population varies across countries."]] if footer else []
    return [["", TITLE], groups, labels, *body, *tail]


def write_csv(tmp_path: Path, grid: list[list[str]], delimiter: str = ",") -> Path:
    path = tmp_path / "itu_table.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, delimiter=delimiter).writerows(grid)
    return path


def write_semicolons(tmp_path: Path, grid: list[list[str]]) -> Path:
    """As a spreadsheet in a comma-decimal locale saves it (the values keep their points here)."""
    return write_csv(tmp_path, grid, ";")


def write_tabs(tmp_path: Path, grid: list[list[str]]) -> Path:
    return write_csv(tmp_path, grid, "\t")


def write_xlsx(tmp_path: Path, grid: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    for row in grid:
        book.active.append([float(c) if c.replace(".", "").isdigit() else c or None for c in row])
    path = tmp_path / "itu_table.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("writer", [write_csv, write_semicolons, write_tabs, write_xlsx])
def test_small_table_every_format(tmp_path, writer):
    path = writer(tmp_path, table([["Kenya", "2019", "22.6", "25.0", "20.2"], ["Korea (Rep. of)", "2018", "96.0"]]))
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, path.name)
    o = result.observations.set_index(["ref_area", "sex", "urbanisation"])["obs_value"]
    assert o[("KEN", "F", "_T")] == 20.2 and o[("KOR", "_T", "_T")] == 96.0
    assert result.rows_read == 2 * 9 + 2
    check_result(result)


def test_moved_columns_are_found_by_their_labels(tmp_path):
    grid = table([["Kenya", "2019", "22.6", "25.0", "20.2", "40.1", "41.0", "39.2", "15.3", "18.0", "12.7"]])
    order = [0, 1, 2, *range(18, 24), 3, *range(4, 18)]          # the Rural block moved before "Latest year"
    moved = [[row[i] if i < len(row) else "" for i in order] for row in grid]
    result = adapter.read(write_csv(tmp_path, moved), "moved.csv")
    o = result.observations.set_index(["sex", "urbanisation"])
    assert o.loc[("F", "R"), "obs_value"] == 12.7 and o.loc[("_T", "U"), "obs_value"] == 40.1
    assert set(o["time_period"]) == {2019}


def test_missing_header_is_a_file_error_naming_it(tmp_path):
    groups = [("Countryside" if g == "Rural" else g) for g in GROUPS]
    with pytest.raises(FileError) as err:
        adapter.read(write_csv(tmp_path, table([["Kenya", "2019", "22.6"]], groups=groups)), "t.csv")
    assert err.value.rule == "missing_column" and err.value.column == "rural total"
    assert "rural total" in err.value.reason


def test_bad_cells_are_quarantined_with_their_column(tmp_path):
    path = write_csv(tmp_path, table([["Narnia", "2019", "50.0"],
                                      ["Kenya", "2019*", "22.6"],
                                      ["Ghana", "2018", "1,234.5", "", "", "", "49,0"],
                                      ["Algeria", "2018", "140", "-5"]]))
    result = adapter.read(path, "t.csv")
    q = result.quarantine[result.quarantine["severity"] == "error"]
    by_line = {line: group for line, group in q.groupby("line")}
    # a problem with the line itself holds the line back as one record; a bad cell holds back that cell only
    assert by_line[4][["rule", "value"]].values.tolist() == [["unknown_economy", "Narnia"]]
    assert "Narnia" in by_line[4]["reason"].iloc[0]
    assert by_line[5][["rule", "column", "value"]].values.tolist() == [["year_not_integer", "Latest year", "2019*"]]
    assert sorted(by_line[6][["column", "rule"]].values.tolist()) == [["all individuals", "thousands_separator"],
                                                                       ["urban male", "comma_decimal"]]
    assert "column 'urban male'" in by_line[6].set_index("rule").loc["comma_decimal", "reason"]
    assert result.rows_read == 2 + 9 + 9 + 2            # two held-back lines, two lines of cells, two footnotes
    # 140 % and a negative share pass the raw model but not the staged model
    check_result(result, {"negative_value": 1, "percent_out_of_range": 1})


@pytest.mark.parametrize("suffix", ["csv", "xls", "xlsx"])
def test_empty_file_is_a_file_error(tmp_path, suffix):
    path = tmp_path / f"empty.{suffix}"
    path.write_bytes(b"")
    with pytest.raises(FileError, match="empty"):
        adapter.read(path, path.name)
    assert read_file(path, adapter.FORMAT, path.name).quarantine.iloc[0]["severity"] == "file_error"


def test_workbook_with_an_empty_sheet_is_a_file_error(tmp_path):
    path = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(FileError) as err:
        adapter.read(path, path.name)
    assert err.value.rule == "empty_file"


def test_damaged_workbook_is_a_file_error(tmp_path):
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(b"this is not a zip archive")
    with pytest.raises(FileError) as err:
        adapter.read(path, path.name)
    assert err.value.rule == "unreadable_workbook"


@pytest.mark.integration
@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_the_real_csv_resaved_with_another_delimiter_reads_alike(shared_data, tmp_path, delimiter):
    """The title holds a comma, so a semicolon- or tab-separated copy is recognised by its line as written, and its
    rows are split by the delimiter that splits them into the most cells."""
    source = shared_file(shared_data, f"{REAL}.csv")
    with source.open(newline="", encoding="utf-8-sig") as f:
        grid = list(csv.reader(f))
    copy = write_csv(tmp_path, grid, delimiter)
    assert detect_format(copy) == adapter.FORMAT
    one, other = adapter.read(source, source.name), adapter.read(copy, source.name)
    assert one.rows_read == other.rows_read and len(one.observations) > 500
    pd.testing.assert_frame_equal(one.observations, other.observations)
    pd.testing.assert_frame_equal(one.quarantine, other.quarantine)
