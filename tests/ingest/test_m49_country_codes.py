"""ISO 3166 / UN M49 country codes: reference rows (M49, regions, LDC/LLDC/SIDS flags, ITU code), no observations."""
import pytest
from support.adapter_checks import Sample, attribute, bad_input_test, check_result
from support import shared_file

from pipelines.ingest import detect_format, m49_country_codes as adapter

REAL = "country_codes_m49_iso/country-codes.csv"
HEADER = ["FIFA", adapter.CODE, *adapter.ATTRIBUTES]
GOOD = {"FIFA": "AFG", adapter.CODE: "AFG", "M49": "4", "Region Name": "Asia", "Sub-region Name": "Southern Asia",
        "Least Developed Countries (LDC)": "x", "Land Locked Developing Countries (LLDC)": "x", "ITU": "AFG",
        "official_name_en": "Afghanistan"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy=adapter.CODE, staged_per_line=8)

test_bad_input = bad_input_test(SAMPLE)


@pytest.mark.integration
def test_real_reference_rows(shared_data):
    path = shared_file(shared_data, REAL)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, "country-codes.csv")
    check_result(result)
    assert result.observations.empty and result.quarantine.empty
    assert [attribute(result, "AFG", a) for a in ("m49", "ldc", "lldc", "sids", "m49_subregion")] == [
        "4", "true", "true", "false", "Southern Asia"]
    assert attribute(result, "DZA", "itu_code") == "ALG"
    flags = result.reference.query("value == 'true'")["attribute"].value_counts().to_dict()
    assert flags == {"sids": 53, "ldc": 45, "lldc": 32}
    assert (result.rows_read, result.rows_staged) == (2079, 2079)


def test_flags_and_m49_are_checked(tmp_path):
    rows = [GOOD, GOOD | {adapter.CODE: "ALB", "M49": "8a"}, GOOD | {adapter.CODE: "DZA", "Small Island Developing "
                                                                     "States (SIDS)": "yes"}, GOOD]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "codes.csv")
    check_result(result)
    q = result.quarantine.sort_values("line")
    assert q[["line", "rule", "column"]].values.tolist() == [
        [3, "not_a_number", "M49"], [4, "unknown_code", "Small Island Developing States (SIDS)"],
        [5, "duplicate_economy", adapter.CODE]]
    assert "already described on line 2" in q["reason"].iloc[2]
