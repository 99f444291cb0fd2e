"""IMF World Economic Outlook by-country workbook: PPPEX staged (projections as E), other subjects excluded by name,
the footer a note, and every line accounted for."""
import openpyxl
import pytest
from support.adapter_checks import check_result, rule_counts, value
from support import shared_file

from pipelines.ingest import detect_format, imf_weo_xlsx as adapter

REAL = "imf_weo_ppp/WEOOct2023all.xlsx"
HEADER = ["WEO Country Code", "ISO", "WEO Subject Code", "Country", "Subject Descriptor", "Subject Notes", "Units",
          "Scale", "Country/Series-specific Notes", 2021, 2022, 2023, "Estimates Start After"]


def line(iso: str, subject: str, values: list, after) -> list:
    return [134, iso, subject, iso, "Implied PPP conversion rate" if subject == "PPPEX" else "Gross domestic product",
            "", "National currency per current international dollar", None, "", *values, after]


def workbook(tmp_path, rows: list[list]):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    path = tmp_path / "WEOOct2023all.xlsx"
    book.save(path)
    return path


def test_pppex_staged_projections_estimated_other_subjects_excluded(tmp_path):
    path = workbook(tmp_path, [
        line("DEU", "PPPEX", [0.744, 0.722, 0.735], 2022),          # 2023 is after 2022: a projection
        line("DEU", "NGDP", [3601.75, 3876.81, 4124.93], 2022),     # a subject not staged: one excluded record
        line("POL", "PPPEX", ["n/a", "--", 2.043], 2021),           # missing markers are not records
        line("XXX", "PPPEX", [1, 1, 1], 2022),                      # unknown economy: the line is one record
        line("GEO", "PPPEX", [0.9, "abc", 0.95], 2022),             # a bad cell holds back that cell only
        [None] * len(HEADER),
        ["International Monetary Fund, World Economic Outlook Database, October 2023"]])
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, path.name)
    check_result(result)
    assert (result.rows_read, result.rows_staged, result.rows_quarantined) == (2 + 7, 6, 3)   # 7 cells with values
    assert rule_counts(result) == {"subject_not_staged": 1, "unknown_economy": 1, "not_a_number": 1}
    excluded = result.quarantine[result.quarantine["rule"] == "subject_not_staged"].iloc[0]
    assert excluded["line"] == 3 and excluded["severity"] == "excluded" and "'NGDP'" in excluded["reason"]
    obs = result.observations.set_index(["ref_area", "time_period"])
    assert obs.loc[("DEU", 2022), ["obs_value", "nature", "series"]].tolist() == [0.722, "C", "PPP_FACTOR_IMF"]
    assert obs.loc[("DEU", 2023), "nature"] == "E" and "estimates start after 2022" in obs.loc[("DEU", 2023), "note"]
    assert obs.loc[("POL", 2023), ["obs_value", "nature"]].tolist() == [2.043, "E"]
    assert obs.loc[("GEO", 2021), "line"] == 6 and ("GEO", 2022) not in obs.index
    assert result.notes == ["footer: International Monetary Fund, World Economic Outlook Database, October 2023"]


def test_a_workbook_without_the_weo_columns_is_a_file_error(tmp_path):
    path = workbook(tmp_path, [])
    book = openpyxl.load_workbook(path)
    book.active.delete_cols(13)   # "Estimates Start After"
    book.save(path)
    with pytest.raises(adapter.FileError, match="Estimates Start After"):
        adapter.read(path, path.name)


@pytest.mark.integration
def test_real_weo_pppex(shared_data):
    path = shared_file(shared_data, REAL)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, "WEOOct2023all.xlsx")
    check_result(result)
    # PROVENANCE.md: 8,624 data lines, 196 of them PPPEX; the other 8,428 are excluded by subject
    assert rule_counts(result) == {"subject_not_staged": 8428}
    assert result.rows_read == result.rows_staged + result.rows_quarantined == 8428 + result.rows_staged
    for iso3, year, expected in (("DEU", 2017, 0.741), ("POL", 2022, 1.874), ("GEO", 2017, 0.805),
                                 ("KEN", 2022, 42.92), ("JPN", 2017, 105.379)):
        assert value(result, iso3, "PPP_FACTOR_IMF", year) == expected
    obs = result.observations.set_index(["ref_area", "time_period"])
    assert obs.loc[("POL", 2023), "nature"] == "E" and obs.loc[("POL", 2022), "nature"] == "C"
    assert {"XKX", "PSE"} <= set(result.observations["ref_area"])   # IMF codes UVK and WBG
    assert obs.xs(2017, level="time_period").shape[0] == 194          # non-missing 2017 values (PROVENANCE.md)
