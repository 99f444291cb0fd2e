"""ITU DataHub bulk CSV: real values (unit from seriesCode), accounting on the real files, named errors."""
from pathlib import Path

import pandas as pd
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts, value
from support import shared_folder

from pipelines.ingest import detect_format, itu_datahub_csv as adapter

FOLDER = "itu_datahub_native_csv"
HEADER = adapter.COLUMNS
GOOD = {"seriesID": "19303", "seriesCode": "i992b", "seriesName": "Fixed-broadband subscriptions per 100 inhabitants",
        "seriesUnits": "per 100 people", "entityID": "1", "entityIso": "DEU", "entityName": "Germany",
        "dataValue": "45.6069", "dataYear": "2024", "dataNote": "", "dataSource": "", "seriesDescription": "d"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy="entityIso", year="dataYear", value="dataValue")

test_bad_input = bad_input_test(SAMPLE)


@pytest.fixture(scope="module")
def real(shared_data):
    return {p.name: adapter.read(p, p.name) for p in sorted(shared_folder(shared_data, FOLDER).glob("*.csv"))}


@pytest.mark.integration
def test_real_values(real):
    fbb, cov = real["fixed_broadband_subscriptions.csv"], real["population_coverage_mobile_network.csv"]
    assert value(fbb, "DEU", "FBB_SUBS_P100", 2024) == 45.6069
    assert value(fbb, "DEU", "FBB_SUBS_P100", 2016) == pytest.approx(38.50, abs=0.01)
    assert value(cov, "KEN", "COV_4G_PCT", 2024) == 97.3
    assert value(cov, "KEN", "COV_5G_PCT", 2024) == 14
    # exponent notation as in the file ("3.51914e+007")
    assert 35191400.0 in set(fbb.observations["obs_value"])
    # the 5 GB basket file labels its USD series "% GNI per capita": the unit comes from the code
    basket = real["fixed_broadband_internet_5GB.csv"].observations
    deu = basket[(basket.ref_area == "DEU") & (basket.time_period == 2023)].set_index("series")
    assert deu.loc["BASKET_PRICE_USD", ["obs_value", "unit_measure", "breakdown"]].tolist() == [41.32, "USD", "FBB_5GB"]
    assert deu.loc["BASKET_PRICE_PCT_GNI", "obs_value"] == 0.96
    assert deu.loc["BASKET_PRICE_PPP", "obs_value"] == 48.87
    # ITU's own code for Kosovo (KSO) is an alias
    assert value(real["data_only_mobile_broadband_5GB.csv"], "XKX", "BASKET_PRICE_USD", 2023,
                 breakdown="MBB_DATA_5GB") > 0


@pytest.mark.integration
def test_real_nature_source_and_notes(real):
    hh = real["households_with_internet_access_at_home.csv"].observations
    assert hh["note"].str.contains("IDI series; may include ITU estimates").all()
    estimates = hh[hh["nature"] == "E"]
    said = (estimates["source"] + " " + estimates["note"].fillna("")).str.lower().str.contains("itu estimate")
    assert len(estimates) == 1802 and said.all()
    fbb = real["fixed_broadband_subscriptions.csv"].observations
    assert (fbb.loc[fbb["source"] == "ITU DataHub", "nature"] == "C").all()


@pytest.mark.integration
def test_real_accounting(real):
    for result in real.values():
        check_result(result)
    assert {n: (r.rows_read, r.rows_staged, rule_counts(r)) for n, r in real.items()} == {
        "active_mobile_broadband_subscriptions.csv": (6271, 6255, {"unknown_economy": 16}),
        "average_download_throughput_fixed_broadband.csv": (266, 266, {}),
        "data_only_mobile_broadband_5GB.csv": (1861, 1861, {}),
        "fixed_broadband_internet_5GB.csv": (4568, 4568, {}),
        "fixed_broadband_subscriptions.csv": (8844, 8832, {"unknown_economy": 12}),
        "households_with_internet_access_at_home.csv": (3964, 3964, {}),
        "lit_equipped_international_bandwidth_capacity.csv": (1308, 1305, {"unknown_economy": 3}),
        "packet_latency_fixed_broadband.csv": (255, 255, {}),
        "population_coverage_mobile_network.csv": (9609, 9578, {"unknown_economy": 31})}
    # Ascension and the Netherlands Antilles are ITU entities without an economy of their own
    unknown = {v for r in real.values() for v in r.quarantine.loc[r.quarantine.rule == "unknown_economy", "value"]}
    assert unknown == {"ASC", "ANT"}


def test_unit_comes_from_series_code_and_unknown_code_is_named(tmp_path):
    rows = [GOOD | {"seriesCode": "i154_FBB5$", "seriesUnits": "% GNI per capita", "dataValue": "3.51914e+001"},
            GOOD | {"seriesCode": "i999zz"},
            GOOD | {"dataValue": ""}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "hub.csv")
    check_result(result)
    [obs] = result.observations.itertuples()
    assert (obs.series, obs.unit_measure, obs.breakdown) == ("BASKET_PRICE_USD", "USD", "FBB_5GB")
    assert obs.obs_value == 35.1914
    assert (obs.source, obs.nature) == ("ITU DataHub", "C")
    q = result.quarantine.set_index("line")
    assert q.loc[3, ["rule", "column", "severity"]].tolist() == ["unknown_source_code", "seriesCode", "error"]
    assert q.loc[4, ["rule", "severity"]].tolist() == ["missing_value", "excluded"]


def test_itu_estimate_is_nature_e(tmp_path):
    rows = [GOOD | {"dataSource": "ITU estimate."}, GOOD | {"dataYear": "2023", "dataNote": "Census."}]
    obs = adapter.read(SAMPLE.write(tmp_path, rows), "hub.csv").observations
    assert obs[["nature", "source"]].values.tolist() == [["E", "ITU estimate."], ["C", "ITU DataHub"]]
    assert pd.isna(obs["note"].iloc[0]) and obs["note"].iloc[1] == "Census."


def test_detect_does_not_claim_other_csv(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("Entity,Code,Year,Value\nGermany,DEU,2017,1\n")
    assert detect_format(other) != adapter.FORMAT
    assert not adapter.detect(Path(other), other.read_bytes())
