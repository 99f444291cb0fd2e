"""Every real Excel file of ../shared/data, read by the adapter its format is detected as: records read, staged and
quarantined (by rule) pinned, so a change of workbook reader cannot silently change the accounting (issue 11).
Figures read from the files on 2026-11-30 with openpyxl (.xlsx) and xlrd (.xls)."""
import pytest
from support import shared_file

from pipelines.ingest import detect_format, read_file

WORKBOOKS = {
    "equals_ict_sex_disaggregated/ITU_individuals_using_internet_by_gender_urban_rural_2020.xls":
        ("itu_excel_table", 1010, 575, {"footnote": 2, "missing_value": 433}),
    "imf_weo_ppp/WEOOct2023all.xlsx": ("imf_weo_xlsx", 17082, 8654, {"subject_not_staged": 8428}),
    "itu_price_baskets_33countries/itu_fixed_broad_price_processed.xlsx":
        ("itu_basket_workbook", 1485, 1476, {"missing_value": 9}),
    "itu_price_baskets_33countries/itu_int_bandwidth_processed.xlsx": ("itu_basket_workbook", 1145, 1145, {}),
    "itu_price_baskets_33countries/itu_mobile_broad_price_processed.xlsx":
        ("itu_basket_workbook", 693, 691, {"missing_value": 2}),
    "unsd_gender_ict_sdg/I_17__I13151395_source.xlsx": ("un_gender_portal_tsv", 794, 774, {"unknown_age": 20}),
    "unsd_gender_ict_sdg/I_18__Ib8e91664_source.xlsx": ("un_gender_portal_tsv", 723, 723, {}),
}


@pytest.mark.parametrize("relative", sorted(WORKBOOKS))
def test_real_workbook_accounting(shared_data, relative):
    fmt, read, staged, rules = WORKBOOKS[relative]
    path = shared_file(shared_data, relative)
    assert detect_format(path) == fmt
    result = read_file(path, fmt, relative)
    quarantined = result.quarantine["rule"].value_counts().to_dict()
    assert (result.rows_read, result.rows_staged, quarantined) == (read, staged, rules)
    assert result.rows_read == result.rows_staged + len(result.quarantine)
    assert set(result.quarantine["file"]) <= {relative}
