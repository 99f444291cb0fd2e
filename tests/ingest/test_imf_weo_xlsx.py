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


def imf_text(rows: list[list], encoding: str) -> bytes:
    """The IMF's own export of the database: tab-delimited text named .xls, numbers with thousands separators."""
    def cell(index: int, value) -> str:
        if value is None:
            return ""
        return f"{value:,}" if isinstance(value, float) and 9 <= index < len(HEADER) - 1 else str(value)

    text = "\r\n".join("\t".join(cell(i, v) for i, v in enumerate(row)) for row in [HEADER, *rows]) + "\r\n"
    return ("\ufeff" + text).encode("utf-16-le") if encoding == "utf-16-le" else text.encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-16-le", "latin-1"])
def test_the_imfs_tab_delimited_xls_reads_as_the_workbook(tmp_path, encoding):
    """Since October 2020 in UTF-16 LE with a byte order mark, Latin-1 before; "16,790.37" is 16790.37."""
    rows = [line("DEU", "PPPEX", [0.744, 0.722, 0.735], 2022), line("IRN", "PPPEX", [16790.37, 21104.5, 28000.0], 2022),
            line("DEU", "NGDP", [3601.75, 3876.81, 4124.93], 2022), [None] * len(HEADER),
            ["International Monetary Fund, World Economic Outlook Database, October 2023"]]
    book = adapter.read(workbook(tmp_path, rows), "WEOOct2023all")
    path = tmp_path / "WEOOct2023all.xls"
    path.write_bytes(imf_text(rows, encoding))
    assert detect_format(path) == adapter.FORMAT
    text = adapter.read(path, "WEOOct2023all")
    check_result(text)
    assert value(text, "IRN", "PPP_FACTOR_IMF", 2021) == 16790.37
    assert text.observations.equals(book.observations) and text.quarantine.equals(book.quarantine)
    assert text.notes == book.notes and text.rows_read == book.rows_read == 7


@pytest.mark.integration
def test_the_real_database_as_the_imf_distributes_it_reads_as_its_excel_resave(shared_data, tmp_path):
    from pipelines.ingest._excel import workbook_sheets

    source = shared_file(shared_data, REAL)
    sheet = next(iter(workbook_sheets(source, source.name).values()))
    assert [n for n, _ in sheet] == list(range(1, len(sheet) + 1))           # every row, so lines number alike
    numbers = [[float(c) if 9 <= i < 58 and c.replace(".", "").replace("-", "").isdigit() else c
                for i, c in enumerate(cells)] for _, cells in sheet]
    path = tmp_path / "WEOOct2023all.xls"
    path.write_bytes(("\ufeff" + "\r\n".join("\t".join(f"{c:,}" if isinstance(c, float) else c for c in row)
                                             for row in numbers)).encode("utf-16-le"))
    assert b"," in path.read_bytes() and detect_format(path) == adapter.FORMAT
    one, other = adapter.read(source, "WEOOct2023all"), adapter.read(path, "WEOOct2023all")
    assert len(one.observations) > 1000
    assert one.observations.equals(other.observations) and one.quarantine.equals(other.quarantine)
