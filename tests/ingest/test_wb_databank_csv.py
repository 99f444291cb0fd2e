"""World Bank DataBank wide CSV (Global Findex): sex and age from column labels, '..' not a record, footer lines."""
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts, value
from support import shared_file

from pipelines.ingest import detect_format, read_file, wb_databank_csv as adapter

REAL = "equals_ict_sex_disaggregated/findex_made_or_received_digital_payments.csv"
TOTAL_2017 = "Made or received digital payments in the past year (% age 15+) [g20.t] - 2017 [YR2017]"
FEMALE_2017 = "Made or received digital payments in the past year, female  (% age 15+) [g20.t.2] - 2017 [YR2017]"
HEADER = ["Country Name", "Country Code", TOTAL_2017, FEMALE_2017]
GOOD = {"Country Name": "Afghanistan", "Country Code": "AFG", TOTAL_2017: "10.82680035", FEMALE_2017: "4.080884457"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy="Country Code", value=FEMALE_2017, staged_per_line=2,
                bad_year_label=FEMALE_2017.replace("2017 [YR2017]", "20l7 [YR20l7]"))

test_bad_input = bad_input_test(SAMPLE)


@pytest.mark.integration
def test_real_values_and_accounting(shared_data):
    path = shared_file(shared_data, REAL)
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, "findex.csv")
    check_result(result)
    assert value(result, "AFG", "FIN_DIGITAL_PAYMENTS_PCT", 2017, sex="_T") == pytest.approx(10.82680035)
    assert value(result, "AFG", "FIN_DIGITAL_PAYMENTS_PCT", 2014, sex="F") == pytest.approx(1.118879318)
    assert value(result, "ALB", "FIN_DIGITAL_PAYMENTS_PCT", 2017, sex="M") == pytest.approx(29.95547867)
    assert set(result.observations["age"]) == {"Y_GE15"}
    assert set(result.observations["source"]) == {
        "World Bank DataBank: Global Financial Inclusion (last updated 10/15/2018)"}
    # 2011 is '..' everywhere; CAM and SAM are DataBank regions; 3 empty lines and 2 source lines close the file
    assert 2011 not in set(result.observations["time_period"])
    assert (result.rows_read, result.rows_staged) == (865, 858)
    assert rule_counts(result) == {"footnote": 5, "not_an_economy": 2}


def test_footer_lines_are_footnotes_and_an_unknown_series_label_is_a_file_error(tmp_path):
    path = SAMPLE.write(tmp_path, [GOOD, GOOD | {"Country Code": "ALB", TOTAL_2017: ".."}, {},
                                   {"Country Name": "Last Updated: 10/15/2018"}])
    result = adapter.read(path, "findex.csv")
    check_result(result)
    assert result.observations[["ref_area", "sex", "line"]].values.tolist() == [["AFG", "_T", 2], ["AFG", "F", 2],
                                                                             ["ALB", "F", 3]]
    assert result.quarantine[["line", "rule", "severity"]].values.tolist() == [[4, "footnote", "excluded"],
                                                                              [5, "footnote", "excluded"]]
    assert set(result.observations["source"]) == {"World Bank DataBank (last updated 10/15/2018)"}
    unknown = SAMPLE.write(tmp_path, [GOOD], HEADER[:3] + [FEMALE_2017.replace("g20.t.2", "g99.x")])
    q = read_file(unknown, adapter.FORMAT, "findex.csv").quarantine
    assert q[["rule", "severity"]].values.tolist() == [["unknown_source_code", "file_error"]]
