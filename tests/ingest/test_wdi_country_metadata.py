"""World Bank WDI country metadata: reference rows (region, income group, notes), aggregates excluded."""
import pytest
from support.adapter_checks import Sample, attribute, bad_input_test, check_result, rule_counts
from support import shared_file

from pipelines.ingest import detect_format, wdi_country_metadata as adapter

REAL = "wb_gni_per_capita_atlas/Metadata_Country_API_NY.GNP.PCAP.CD_DS2_en_csv_v2_3159868.csv"
GOOD = {"Country Code": "AFG", "Region": "South Asia", "IncomeGroup": "Low income", "SpecialNotes": "",
        "TableName": "Afghanistan"}
SAMPLE = Sample(adapter.FORMAT, adapter.COLUMNS, GOOD, economy="Country Code", staged_per_line=3)

test_bad_input = bad_input_test(SAMPLE)


@pytest.mark.integration
def test_real_reference_rows(shared_data):
    path = shared_file(shared_data, REAL)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, "meta_country.csv")
    check_result(result)
    assert result.observations.empty
    assert attribute(result, "AFG", "wb_income_group") == "LIC"
    assert attribute(result, "AFG", "wb_region") == "South Asia"
    assert attribute(result, "DEU", "wb_income_group") == "HIC"
    income = result.reference.query("attribute == 'wb_income_group'")["value"].value_counts().to_dict()
    # FY2022: 79 HIC less the Channel Islands (CHI, a World Bank grouping of Guernsey and Jersey: excluded);
    # Venezuela has a region but no income group
    assert income == {"HIC": 78, "UMC": 55, "LMC": 55, "LIC": 27}
    assert "wb_income_group" not in set(result.reference.query("ref_area == 'VEN'")["attribute"])
    assert (result.rows_read, result.rows_staged, rule_counts(result)) == (759, 710, {"not_an_economy": 49})


def test_unknown_income_group_is_named(tmp_path):
    rows = [GOOD, GOOD | {"Country Code": "ALB", "IncomeGroup": "Middle income"}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "meta.csv")
    check_result(result)
    assert result.quarantine[["line", "rule", "column"]].values.tolist() == [[3, "unknown_code", "IncomeGroup"]]
