"""ITU's economies list (price-basket workbook, 2025): ITU region, income group and LDC/LLDC/SIDS per economy, as
reference rows; unknown economies and region labels quarantined."""
from collections import Counter

import pytest
from support.adapter_checks import Sample, attribute, bad_input_test, check_result, rule_counts
from support import shared_file

from pipelines.ingest import detect_format, itu_regions_csv as adapter

REL = "itu_regions/itu_regions_2025.csv"
HEADER = ["iso3", "economy", "itu_region", "wb_income_2025", "LDC", "LLDC", "SIDS"]
GOOD = {"iso3": "KEN", "economy": "Kenya", "itu_region": "Africa", "wb_income_2025": "Lower middle income",
        "LDC": "0", "LLDC": "0", "SIDS": "0"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy="iso3", staged_per_line=5)

test_bad_input = bad_input_test(SAMPLE)


@pytest.fixture(scope="module")
def real(shared_data):
    path = shared_file(shared_data, REL)
    assert detect_format(path) == adapter.FORMAT
    return adapter.read(path, REL)


@pytest.mark.integration
def test_real_membership_spot_values(real):
    # PROVENANCE.md spot values
    for iso3 in ("ISR", "GEO", "MDA", "UKR", "TUR"):
        assert attribute(real, iso3, "itu_region") == "ITU_EUR"
    for iso3 in ("SOM", "DJI", "COM", "MRT", "SDN"):
        assert attribute(real, iso3, "itu_region") == "ITU_ARB"
    for iso3 in ("MNG", "IRN", "AFG"):
        assert attribute(real, iso3, "itu_region") == "ITU_ASP"
    for iso3 in ("TWN", "PRI", "ABW"):
        assert attribute(real, iso3, "itu_region") == "ITU_OTHER"
    regions = real.reference[real.reference["attribute"] == "itu_region"]
    assert sorted(regions.loc[regions["value"] == "ITU_CIS", "ref_area"]) == [
        "ARM", "AZE", "BLR", "KAZ", "KGZ", "RUS", "TJK", "TKM", "UZB"]
    assert Counter(regions["value"]) == {"ITU_EUR": 45, "ITU_AFR": 44, "ITU_ASP": 40, "ITU_AMS": 35, "ITU_OTHER": 26,
                                         "ITU_ARB": 22, "ITU_CIS": 9}
    assert (attribute(real, "AFG", "wb_income_group"), attribute(real, "AFG", "ldc"), attribute(real, "AFG", "lldc"),
            attribute(real, "AFG", "sids")) == ("LIC", "true", "true", "false")
    assert attribute(real, "HKG", "wb_income_group") == "HIC"                  # "Hong Kong, China": quoted name
    assert attribute(real, "AIA", "sids") == "true"
    assert not ((real.reference["ref_area"] == "AIA") & (real.reference["attribute"] == "wb_income_group")).any()
    assert set(real.reference["source"]) == {adapter.ORIGIN} and real.vintage == "2025-12"


@pytest.mark.integration
def test_real_accounting(real):
    check_result(real)
    # 221 economies x (region + 3 flags) + 212 income groups (9 territories have none); every economy is known
    assert (real.rows_read, real.rows_staged, rule_counts(real)) == (1096, 1096, {})


def test_unknown_region_label_and_unknown_economy_are_quarantined_naming_line_and_value(tmp_path):
    rows = [GOOD, GOOD | {"iso3": "GHA", "itu_region": "Sub-Saharan Africa"}, GOOD | {"iso3": "QQQ"},
            GOOD | {"iso3": "ZAF", "itu_region": "Other Economies", "wb_income_2025": ""}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "regions.csv")
    check_result(result)
    q = result.quarantine.set_index("line")
    assert q.loc[3, ["rule", "column", "value"]].tolist() == ["unknown_region", "itu_region", "Sub-Saharan Africa"]
    assert q.loc[4, ["rule", "column", "value"]].tolist() == ["unknown_economy", "iso3", "QQQ"]
    assert "regions.csv line 4" in q.loc[4, "reason"]
    assert attribute(result, "ZAF", "itu_region") == "ITU_OTHER"
    assert sorted(result.reference["line"].unique()) == [2, 5] and result.rows_read == 2 + 5 + 4
