"""UN E-Government Survey CSV: names mapped to ISO3 through the aliases, real values of 11 editions, accounting."""
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts, value
from support import shared_file

from pipelines.ingest import detect_format, un_egov_survey_csv as adapter

EDITIONS = [2003, 2004, 2005, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022]
HEADER = adapter.ID_COLUMNS + adapter.VALUE_COLUMNS
GOOD = {"Survey Year": "2022", "Country Name": "Denmark ", "E-Government Rank": "1",
        "E-Government Index": "0.97170", "E-Participation Index": "0.88640", "Online Service Index": "0.97970",
        "Human Capital Index": "0.95590", "Telecommunication Infrastructure Index": "0.97950"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy="Country Name", year="Survey Year",
                value="E-Government Index", staged_per_line=6, name="EGOV_DATA_2022.csv")

test_bad_input = bad_input_test(SAMPLE)


@pytest.fixture(scope="module")
def real(shared_data):
    return {year: adapter.read(shared_file(shared_data, f"un_egov_survey/EGOV_DATA_{year}.csv"),
                               f"EGOV_DATA_{year}.csv") for year in EDITIONS}


@pytest.mark.integration
def test_real_values(real, shared_data):
    assert detect_format(shared_data / "un_egov_survey/EGOV_DATA_2022.csv") == adapter.FORMAT
    # PROVENANCE.md spot checks: Denmark 2022 rank 1, EGDI 0.9717, OSI 0.9797, TII 0.9795
    assert value(real[2022], "DNK", "EGOV_EGDI", 2022) == 0.9717
    assert value(real[2022], "DNK", "EGOV_EGDI_RANK", 2022) == 1
    assert value(real[2022], "DNK", "EGOV_OSI", 2022) == 0.9797
    assert value(real[2022], "DNK", "EGOV_TII", 2022) == 0.9795
    assert value(real[2003], "DNK", "EGOV_EGDI_RANK", 2003) == 4
    assert value(real[2018], "KEN", "EGOV_OSI", 2018) == 0.625
    assert value(real[2022], "IND", "EGOV_EGDI", 2022) == 0.5883
    assert value(real[2022], "EST", "EGOV_OSI", 2022) == 1.0
    # "Georgia (Country)" through the aliases, never guessed
    assert value(real[2022], "GEO", "EGOV_EGDI", 2022) == 0.7501
    # the 2003 edition published a Human Capital Index above 1 for Micronesia: staged as published (warn_above 1)
    assert value(real[2003], "FSM", "EGOV_HCI", 2003) == 1.422
    row = real[2022].observations.query("ref_area == 'DNK' and series == 'EGOV_EGDI'").iloc[0]
    assert (row.nature, row.source, row.source_code) == ("G", "UN DESA E-Government Survey 2022",
                                                          "E-Government Index")


@pytest.mark.integration
def test_real_accounting_every_edition(real):
    for year, result in real.items():
        check_result(result)
        assert rule_counts(result) == {}, (year, result.quarantine.head().to_string())
        obs = result.observations
        assert obs["ref_area"].nunique() == 193 and set(obs["time_period"]) == {year}
        egdi = obs[obs["series"] == "EGOV_EGDI"].set_index("ref_area")["obs_value"]
        rank = obs[obs["series"] == "EGOV_EGDI_RANK"].set_index("ref_area")["obs_value"]
        assert egdi.idxmax() == rank.idxmin()          # the highest EGDI holds rank 1
    # 2003-2010: states not ranked leave the rank empty, which is not a record; the notes say how many
    assert any("without an E-Government rank" in n for r in real.values() for n in r.notes)
    assert real[2022].rows_read == 193 * 6


def test_unmatched_name_is_quarantined_with_the_name(tmp_path):
    rows = [GOOD, GOOD | {"Country Name": "Republic of Atlantis "}, GOOD | {"Country Name": "Georgia (Country)"}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "EGOV_DATA_2022.csv")
    check_result(result)
    q = result.quarantine
    assert q[["line", "rule", "column", "value"]].values.tolist() == [
        [3, "unknown_economy", "Country Name", "Republic of Atlantis"]]
    assert "'Republic of Atlantis'" in q.iloc[0]["reason"] and "EGOV_DATA_2022.csv line 3" in q.iloc[0]["reason"]
    assert sorted(result.observations["ref_area"].unique()) == ["DNK", "GEO"] and result.rows_staged == 12
