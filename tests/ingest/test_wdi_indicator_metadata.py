"""World Bank WDI indicator metadata: reference rows for the indicator (ref_area _Z), no observations."""
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result
from support import shared_file

from pipelines.ingest import detect_format, wdi_indicator_metadata as adapter

REAL = "wb_gni_per_capita_atlas/Metadata_Indicator_API_NY.GNP.PCAP.CD_DS2_en_csv_v2_3159868.csv"
GOOD = {"INDICATOR_CODE": "NY.GNP.PCAP.CD", "INDICATOR_NAME": "GNI per capita, Atlas method (current US$)",
        "SOURCE_NOTE": "GNI per capita is ...", "SOURCE_ORGANIZATION": "World Bank"}
SAMPLE = Sample(adapter.FORMAT, adapter.COLUMNS, GOOD, required="INDICATOR_CODE", staged_per_line=4)

test_bad_input = bad_input_test(SAMPLE)


@pytest.mark.integration
def test_real_reference_rows(shared_data):
    path = shared_file(shared_data, REAL)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, "meta_indicator.csv")
    check_result(result)
    ref = result.reference.set_index("attribute")["value"]
    assert set(result.reference["ref_area"]) == {"_Z"}
    assert ref["indicator_code"] == "NY.GNP.PCAP.CD"
    assert ref["indicator_definition"].startswith("GNI per capita (formerly GNP per capita) is the gross national")
    assert (result.rows_read, result.rows_staged) == (4, 4)
