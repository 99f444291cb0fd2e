"""Open Data Watch 2021 codes: reference rows (M49, World Bank income group FY2021...), footnotes excluded."""
import pytest
from support.adapter_checks import Sample, attribute, bad_input_test, check_result, rule_counts
from support import shared_file

from pipelines.ingest import detect_format, odw_country_codes as adapter

REAL = "country_codes_m49_iso/ODW_2021_country_region_codes_wb_income.csv"
HEADER = [adapter.CODE, "Country name", "ODW Region Code", "OECD Member", "UN M49 Code",
          "World Bank  Lending Code (July 2020)", "World Bank Income Group Code (July 2020)",
          "World Bank (All income) region code", "See notes"]
GOOD = {adapter.CODE: "AFG", "Country name": "Afghanistan", "ODW Region Code": "ASZ", "UN M49 Code": "004",
        "World Bank  Lending Code (July 2020)": "IDA", "World Bank Income Group Code (July 2020)": "LIC",
        "World Bank (All income) region code": "SAS"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy=adapter.CODE, staged_per_line=7)

test_bad_input = bad_input_test(SAMPLE)


@pytest.mark.integration
def test_real_reference_rows(shared_data):
    path = shared_file(shared_data, REAL)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, "odw.csv")
    check_result(result)
    assert result.observations.empty
    assert [attribute(result, "AFG", a) for a in ("m49", "wb_income_group", "wb_region", "wb_lending_category")] == [
        "4", "LIC", "SAS", "IDA"]
    assert attribute(result, "ALB", "wb_income_group") == "UMC"
    assert attribute(result, "XKX", "name") == "Kosovo"                           # ODW code KSV
    assert attribute(result, "DEU", "oecd_member") == "true"
    # 5 footnotes, the heading/legend/count lines and empty lines below the table; CHI is a WB grouping;
    # Sark (GGS) and former Yugoslavia have no economy; Faroe Islands appears twice (as Faeroe and Faroe)
    assert rule_counts(result) == {"footnote": 12, "unknown_economy": 2, "not_an_economy": 1, "duplicate_economy": 1}
    footnotes = result.quarantine.query("rule == 'footnote'")
    assert footnotes["severity"].eq("excluded").all()
    assert footnotes["value"].str.match(r"\d/ ").sum() == 5
    assert (result.rows_read, result.rows_staged) == (1557, 1541)


def test_footnotes_below_the_table_are_excluded(tmp_path):
    rows = [GOOD, {}, {adapter.CODE: ".. No code assigned", "World Bank Income Group Code (July 2020)": "LIC"},
            {adapter.CODE: "1/ World Bank country code for Democratic Republic of Congo is ZAR."}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "odw.csv")
    check_result(result)
    assert result.rows_staged == 7
    assert result.quarantine[["line", "rule", "severity"]].values.tolist() == [
        [3, "footnote", "excluded"], [4, "footnote", "excluded"], [5, "footnote", "excluded"]]
    assert "1/ World Bank country code" in result.quarantine["reason"].iloc[2]
