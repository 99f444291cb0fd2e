"""ITU legacy CSV by economy name: real-file values and accounting, and named errors for bad input."""
from pathlib import Path

import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts
from support.accounting import staged_failures
from support import shared_file

from pipelines.core.canonical import FileError
from pipelines.ingest import detect_format, itu_legacy_names_csv as adapter, read_file

REAL = "itu_wti_fts_mts_iu_2000_2015/itu_fts_mts_iu_2000_2015.csv"
HEADER = "country,indicator,year,value\n"
SAMPLE = Sample(adapter.FORMAT, ["country", "indicator", "year", "value"],
                {"country": "Kenya", "indicator": "IU", "year": "2015", "value": "45.62"},
                economy="country", year="year", value="value", name="legacy.csv")

test_bad_input = bad_input_test(SAMPLE)   # unknown economy, empty file, missing column, truncated row, non-UTF-8...


@pytest.fixture(scope="module")
def real(shared_data):
    path = shared_file(shared_data, REAL)
    return path, adapter.read(path, "itu_legacy.csv")


def value(result, iso3, series, year):
    o = result.observations
    hit = o[(o.ref_area == iso3) & (o.series == series) & (o.time_period == year)]
    assert len(hit) == 1, (iso3, series, year)
    return hit.iloc[0]


@pytest.mark.integration
def test_real_file_values(real):
    path, result = real
    assert detect_format(path) == adapter.FORMAT
    assert value(result, "DNK", "FTEL_SUBS_P100", 2015).obs_value == 29.92
    assert value(result, "DNK", "MOB_SUBS_P100", 2015).obs_value == 128.34
    assert value(result, "DNK", "INET_USERS_PCT", 2015).obs_value == 96.33
    assert value(result, "KEN", "INET_USERS_PCT", 2015).obs_value == 45.62
    assert value(result, "ISL", "INET_USERS_PCT", 2015).obs_value == 98.2
    # ITU spellings mapped through the hand-checked rows of economy_names.csv
    assert value(result, "KOR", "INET_USERS_PCT", 2015).obs_value > 80
    assert value(result, "COD", "MOB_SUBS_P100", 2015).source_code == "MTS"
    row = value(result, "HKG", "FTEL_SUBS_P100", 2015)
    assert (row.nature, row.source, row.sex, row.breakdown) == ("C", adapter.ORIGIN, "_T", "_T")


@pytest.mark.integration
def test_real_file_accounting_and_unmapped_names(real):
    _, result = real
    assert result.rows_read == 10944
    assert len(result.observations) == 10155
    assert rule_counts(result) == {"missing_value": 760, "unknown_economy": 29}
    check_result(result)
    unknown = result.quarantine[result.quarantine["rule"] == "unknown_economy"]
    # Ascension: ITU reports it apart from St. Helena (SHN), so it has no economy of its own in economies.csv;
    # Netherlands Antilles: dissolved in 2010, not an economy in economies.csv.
    assert set(unknown["value"]) == {"Ascension", "Neth. Antilles"}
    assert unknown["reason"].str.contains("Ascension|Neth. Antilles").all()


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "legacy.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_bad_values_are_quarantined_with_named_rules(tmp_path):
    """Name-specific and legacy-specific cases beyond the shared bad-input test."""
    path = write(tmp_path, "Kenya,IU,2015,45.62\n"
                           "Narnia,IU,2015,10\n"
                           "Kenya,IU,two thousand,10\n"
                           "Kenya,FTS,2014,\"1,234.5\"\n"
                           "Kenya,FTS,2013,\"12,5\"\n"
                           "Kenya,XYZ,2012,1\n"
                           "Kenya,MTS,2011,\n")
    result = adapter.read(path, "legacy.csv")
    assert len(result.observations) == 1
    q = result.quarantine.set_index("line")
    assert q.loc[3, "rule"] == "unknown_economy" and "Narnia" in q.loc[3, "reason"]
    assert q.loc[4, ["rule", "column"]].tolist() == ["year_not_integer", "year"]
    assert q.loc[5, "rule"] == "thousands_separator"
    assert q.loc[6, "rule"] == "comma_decimal"
    assert q.loc[7, "rule"] == "unknown_source_code"
    assert q.loc[8, ["rule", "severity"]].tolist() == ["missing_value", "excluded"]
    check_result(result)


def test_out_of_range_values_pass_raw_model_but_fail_staged_model(tmp_path):
    result = adapter.read(write(tmp_path, "Kenya,IU,2015,140\nKenya,FTS,2015,-3\n"), "legacy.csv")
    check_result(result, {"percent_out_of_range": 1, "negative_value": 1})
    bad = staged_failures(result).set_index("line")
    assert bad.loc[2, "rule"] == "percent_out_of_range"
    assert bad.loc[3, "rule"] == "negative_value"


def test_empty_file_is_a_file_error(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_text("")
    with pytest.raises(FileError) as err:
        adapter.read(path, "legacy.csv")
    assert err.value.rule == "empty_file"
    result = read_file(path, adapter.FORMAT, "legacy.csv")
    assert result.quarantine.iloc[0][["rule", "severity"]].tolist() == ["empty_file", "file_error"]


def test_header_only_file_reads_nothing(tmp_path):
    result = adapter.read(write(tmp_path, ""), "legacy.csv")
    assert result.rows_read == 0 and result.observations.empty and result.quarantine.empty
