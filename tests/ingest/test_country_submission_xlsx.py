"""Country submission workbook: template round trip, sheet-level file errors, bad cells, tariff plans."""
from pathlib import Path

import openpyxl
import pytest
from support.adapter_checks import check_result, rule_counts

from pipelines.core.canonical import FileError
from pipelines.core.submission_layout import (ABOUT, DATA_SHEETS, KEY_COLUMNS, SHEET_ORDER, TITLE, TRAILING_COLUMNS,
                                              YEARS)
from pipelines.core.submission_template import write_template
from pipelines.ingest import country_submission_xlsx as adapter, detect_format, read_file

COLUMNS = KEY_COLUMNS + YEARS + TRAILING_COLUMNS


def col(name: object) -> int:
    """1-based column of a header in the indicator sheets."""
    return COLUMNS.index(name) + 1


def find_row(ws, series: str, breakdown: str = "_T") -> int:
    return next(r[0].row for r in ws.iter_rows(min_row=2) if r[1].value == series and r[5].value == breakdown)


@pytest.fixture
def book_path(tmp_path) -> Path:
    return write_template(tmp_path / "KEN_2025.xlsx", economy="KEN")


def fill(path: Path, edit) -> Path:
    book = openpyxl.load_workbook(path)
    edit(book)
    book.save(path)
    return path


def test_template_layout(book_path):
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == SHEET_ORDER
    about = book[ABOUT]
    assert about["A1"].value == TITLE and about["B3"].value == "KEN"
    assert any(str(c.value).startswith("One workbook per economy") for c in about["B"])
    for spec in DATA_SHEETS:
        ws = book[spec.name]
        assert [c.value for c in ws[1]] == COLUMNS
        assert ws.freeze_panes == "G2" and ws["A1"].font.bold
        lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
        assert lists["C2:C501"] == '"_T,F,M"' and lists["E2:E501"] == '"_T,U,R"'
        assert lists["B2:B501"] == '"' + ",".join(spec.series) + '"'
        assert {r[1].value for r in ws.iter_rows(min_row=2)} == set(spec.series)   # a row per series is there
    assert [c.value for c in book["Tariffs"][1]][:6] == ["ref_area", "year", "operator", "market_share", "plan",
                                                         "plan_type"]
    assert detect_format(book_path) == adapter.FORMAT


def test_template_refuses_an_unknown_economy(tmp_path):
    with pytest.raises(ValueError, match="Kenya"):
        write_template(tmp_path / "x.xlsx", economy="Kenya")


def test_round_trip(book_path):
    def edit(book):
        book[ABOUT]["B4"] = "Communications Authority of Kenya"
        fixed = book["Fixed"]
        fixed.cell(find_row(fixed, "FTEL_SUBS"), col(2020), 62344)
        fixed.cell(find_row(fixed, "FBB_SUBS", "IS_GE10M"), col(2021), 120500)
        mobile = book["Mobile"]
        mobile.cell(find_row(mobile, "COV_4G_PCT"), col(2023), 96.5)
        people = book["Individuals"]
        people.append(["", "INET_USERS_PCT", "F", "Y15T24", "U", ""] + [None] * 22 + [35.2, 40.1]
                      + [None, None, "urban youth, LFS module", "", "y"])
    result = adapter.read(fill(book_path, edit), "KEN_2025.xlsx")
    o = result.observations
    got = {(r.file, r.line, r.ref_area, r.series, r.time_period, r.sex, r.age, r.urbanisation, r.breakdown,
            r.obs_value, r.nature) for r in o.itertuples()}
    assert got == {
        ("KEN_2025.xlsx#Fixed", 2, "KEN", "FTEL_SUBS", 2020, "_T", "_T", "_T", "_T", 62344.0, "C"),
        ("KEN_2025.xlsx#Fixed", 6, "KEN", "FBB_SUBS", 2021, "_T", "_T", "_T", "IS_GE10M", 120500.0, "C"),
        ("KEN_2025.xlsx#Mobile", 8, "KEN", "COV_4G_PCT", 2023, "_T", "_T", "_T", "_T", 96.5, "C"),
        ("KEN_2025.xlsx#Individuals", 16, "KEN", "INET_USERS_PCT", 2022, "F", "Y15T24", "U", "_T", 35.2, "E"),
        ("KEN_2025.xlsx#Individuals", 16, "KEN", "INET_USERS_PCT", 2023, "F", "Y15T24", "U", "_T", 40.1, "E"),
    }
    assert set(o["source"]) == {"Communications Authority of Kenya"}
    assert set(o.loc[o["series"] == "INET_USERS_PCT", "note"]) == {"urban youth, LFS module"}
    assert o.loc[o["series"] == "FTEL_SUBS", "note"].isna().all()
    assert result.quarantine.empty and result.rows_read == 5
    check_result(result)


def test_empty_template_reads_nothing(book_path):
    result = adapter.read(book_path, "KEN_2025.xlsx")
    assert result.rows_read == 0 and result.observations.empty and result.quarantine.empty


@pytest.mark.parametrize("change", ["rename", "delete"])
def test_missing_sheet_is_a_file_error_and_other_sheets_flow(book_path, change):
    def edit(book):
        book["Fixed"].cell(2, col(2020), 62344)
        book["Mobile"].cell(2, col(2020), 1000)
        if change == "rename":
            book["Mobile"].title = "Mobile data"
        else:
            del book["Mobile"]
    result = adapter.read(fill(book_path, edit), "KEN_2025.xlsx")
    [error] = result.quarantine.to_dict("records")
    assert (error["file"], error["rule"], error["severity"], error["column"]) == (
        "KEN_2025.xlsx#Mobile", "missing_sheet", "file_error", "Mobile")
    assert "'Mobile' is missing" in error["reason"] and "'Fixed'" in error["reason"]
    assert ("'Mobile data'" in error["reason"]) == (change == "rename")
    assert result.observations[["file", "obs_value"]].values.tolist() == [["KEN_2025.xlsx#Fixed", 62344.0]]
    check_result(result)


def test_renamed_header_is_a_file_error_for_that_sheet_only(book_path):
    def edit(book):
        book["Fixed"].cell(2, col(2020), 62344)
        book["WSIS"]["B1"] = "indicator"
        book["WSIS"].cell(2, col(2020), 80.0)
    result = adapter.read(fill(book_path, edit), "KEN_2025.xlsx")
    [error] = result.quarantine.to_dict("records")
    assert (error["file"], error["rule"], error["column"]) == ("KEN_2025.xlsx#WSIS", "missing_column", "series")
    assert error["value"] == "4 lines"                      # the four pre-filled rows of the sheet were not read
    assert len(result.observations) == 1
    check_result(result)


def test_bad_rows_and_cells_are_quarantined_with_sheet_row_column_and_rule(book_path):
    def edit(book):
        ws = book["Mobile"]
        ws.append(["", "MOB_FOO", "", "", "", ""] + [None] * 20 + [5.0])                      # row 10
        ws.append(["XXX", "MOB_SUBS", "", "", "", ""] + [None] * 20 + [5.0])                  # row 11
        ws.append(["", "MOB_SUBS", "X", "", "", ""] + [None] * 20 + [5.0])                    # row 12
        ws.append(["", "MOB_SUBS", "", "", "", ""] + [None] * 20 + [5.0] + [None] * 5 + ["", "", "maybe"])  # 13
        row = find_row(ws, "MOB_SUBS")
        for year, text in ((2020, "1,234,567"), (2021, "12,5"), (2022, "about 40"), (2023, "..."), (2024, 7.0)):
            ws.cell(row, col(year), text)
    result = adapter.read(fill(book_path, edit), "KEN_2025.xlsx")
    q = result.quarantine
    assert set(q["file"]) == {"KEN_2025.xlsx#Mobile"}
    found = {(r.line, r.column, r.rule) for r in q.itertuples()}
    assert found == {(10, "series", "unknown_series"), (11, "economy", "unknown_economy"),
                     (12, "sex", "unknown_code"), (13, "estimate", "unknown_code"),
                     (2, "2020", "thousands_separator"), (2, "2021", "comma_decimal"), (2, "2022", "not_a_number"),
                     (2, "2023", "missing_value")}
    assert q.set_index("line").loc[10, "value"] == "MOB_FOO"
    assert "column '2021'" in q.set_index("column").loc["2021", "reason"]
    assert result.observations[["line", "time_period", "obs_value"]].values.tolist() == [[2, 2024, 7.0]]
    assert rule_counts(result)["missing_value"] == 1 and q.set_index("column").loc["2023", "severity"] == "excluded"
    check_result(result)


def test_out_of_range_values_pass_raw_model_but_fail_staged_model(book_path):
    def edit(book):
        book["Individuals"].cell(find_row(book["Individuals"], "INET_USERS_PCT"), col(2020), 140)
        book["Fixed"].cell(find_row(book["Fixed"], "FTEL_SUBS"), col(2020), -5)
    result = adapter.read(fill(book_path, edit), "KEN_2025.xlsx")
    assert len(result.observations) == 2 and result.quarantine.empty
    check_result(result, {"negative_value": 1, "percent_out_of_range": 1})


def test_blank_economy_needs_the_about_sheet(tmp_path):
    def edit(book):
        book["Mobile"].cell(2, col(2020), 1000)
    result = adapter.read(fill(write_template(tmp_path / "x.xlsx"), edit), "x.xlsx")
    assert result.quarantine[["line", "column", "rule"]].values.tolist() == [[2, "economy", "missing_code"]]


def test_tariff_rows_are_staged_as_plans_and_bad_plans_quarantined(book_path):
    def edit(book):
        ws = book["Tariffs"]
        ws.append(["KEN", 2024, "Safaricom", 0.62, "Data bundle 1 GB", "prepaid", "KES", 250, 30, 1, 0, 0, "", "", "",
                   "", "Y", "N"])
        ws.append(["", 2024, "Airtel", 0.28, "Weekly 5 GB", "prepaid", "KES", 120, 7, 5, "", "", 0.5, "", "", "",
                   "Y", "N", "mobile"])
        ws.append(["KEN", 2024, "Airtel", 0.28, "Broken", "prepaid", "KSH", -5, 0, 1, 0, 0, "", "", "", "", "Y", "N"])
    result = adapter.read(fill(book_path, edit), "KEN_2025.xlsx")
    plans = result.tables["tariff_plans"]
    assert plans[["ref_area", "operator", "plan", "monthly_fee", "validity_days", "file", "line"]].values.tolist() == [
        ["KEN", "Safaricom", "Data bundle 1 GB", 250.0, 30, "KEN_2025.xlsx#Tariffs", 2],
        ["KEN", "Airtel", "Weekly 5 GB", 120.0, 7, "KEN_2025.xlsx#Tariffs", 3]]   # empty ref_area: About's economy
    assert plans["minutes"].isna().tolist() == [False, True]   # empty allowance = unlimited
    assert plans["taxes_included"].tolist() == [True, True] and plans["service"].tolist() == ["mobile", "mobile"]
    bad = result.quarantine
    assert bad[["file", "line"]].values.tolist() == [["KEN_2025.xlsx#Tariffs", 4]]
    assert bad.iloc[0]["rule"] in {"unknown_currency", "negative_price", "invalid_validity"}
    assert all(r in bad.iloc[0]["reason"] for r in ("ISO 4217", "negative", "validity"))
    assert result.rows_read == 3 and result.rows_staged == 2
    check_result(result)


def test_empty_file_and_empty_workbook(tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(FileError) as err:
        adapter.read(empty, "empty.xlsx")
    assert err.value.rule == "empty_file"
    assert read_file(empty, adapter.FORMAT, "empty.xlsx").quarantine.iloc[0]["severity"] == "file_error"
    blank = tmp_path / "blank.xlsx"
    openpyxl.Workbook().save(blank)
    assert detect_format(blank) is None
    result = adapter.read(blank, "blank.xlsx")
    assert set(result.quarantine["rule"]) == {"missing_sheet"} and len(result.quarantine) == 7
    assert result.rows_read == 0 and result.observations.empty
