"""Our World in Data grapher CSV: real values, OWID regions and world excluded, OWID's own estimates marked E."""
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts, value
from support import shared_file, shared_folder

from pipelines.ingest import detect_format, owid_grapher_csv as adapter, read_file

FOLDER = "owid_wb_ict_series_to2019"
VALUE = "Individuals_using_the_Internet_per_of_population"
HEADER = ["Entity", "Code", "Year", VALUE]
GOOD = {"Entity": "Germany", "Code": "DEU", "Year": "2017", VALUE: "84.39415"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy="Code", year="Year", value=VALUE)

test_bad_input = bad_input_test(SAMPLE)


@pytest.fixture(scope="module")
def real(shared_data):
    return {p.stem: adapter.read(p, p.name) for p in sorted(shared_folder(shared_data, FOLDER).glob("*.csv"))}


@pytest.mark.integration
def test_real_values(real):
    broadband, mobile = real["broadband-penetration-by-country"], real["mobile-cellular-subscriptions-per-100-people"]
    assert value(broadband, "DEU", "FBB_SUBS_P100", 2017) == pytest.approx(40.22, abs=0.005)
    assert value(mobile, "DEU", "MOB_SUBS_P100", 2017) == pytest.approx(132.71, abs=0.005)
    share = real["share-of-individuals-using-the-internet"]
    assert value(share, "ISL", "INET_USERS_PCT", 2015) == pytest.approx(98.2, abs=0.005)
    assert value(share, "KEN", "INET_USERS_PCT", 2015) == pytest.approx(16.59, abs=0.005)
    assert value(share, "XKX", "INET_USERS_PCT", 2017) > 0                        # OWID_KOS
    users = real["number-of-internet-users-by-country"].observations
    assert set(users["nature"]) == {"E"} and users["note"].str.contains("OWID estimate").all()
    assert set(share.observations["nature"]) == {"C"}
    assert set(share.observations["source"]) == {"ITU via World Bank WDI via Our World in Data"}


@pytest.mark.integration
def test_real_accounting(real):
    for result in real.values():
        check_result(result)
    assert {k: (r.rows_read, r.rows_staged, rule_counts(r)) for k, r in real.items()} == {
        "broadband-penetration-by-country": (4175, 3356, {"not_an_economy": 819}),
        "mobile-cellular-subscriptions-per-100-people": (11895, 9597, {"not_an_economy": 2298}),
        "number-of-internet-users-by-country": (4536, 4489, {"not_an_economy": 47}),
        "share-of-individuals-using-the-internet": (7119, 5752, {"not_an_economy": 1367})}
    excluded = real["share-of-individuals-using-the-internet"].quarantine
    assert {"OWID_WRL", "Sub-Saharan Africa", "High income"} <= set(excluded["value"])


def test_regions_world_and_unknown_value_column(tmp_path):
    rows = [GOOD, {"Entity": "Sub-Saharan Africa", "Code": "", "Year": "2017", VALUE: "20"},
            {"Entity": "World", "Code": "OWID_WRL", "Year": "2017", VALUE: "49"}, GOOD | {VALUE: ""}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "owid.csv")
    check_result(result)
    assert result.observations["line"].tolist() == [2]
    assert result.quarantine[["line", "rule", "severity", "value"]].values.tolist() == [
        [5, "missing_value", "excluded", ""], [3, "not_an_economy", "excluded", "Sub-Saharan Africa"],
        [4, "not_an_economy", "excluded", "OWID_WRL"]]
    other = SAMPLE.write(tmp_path, [GOOD | {"Gadgets_per_100": "3"}], ["Entity", "Code", "Year", "Gadgets_per_100"])
    q = read_file(other, adapter.FORMAT, "owid.csv").quarantine
    assert q[["rule", "severity"]].values.tolist() == [["unknown_source_code", "file_error"]]


def test_a_chart_download_with_a_colour_column_beside_the_value_reads_the_value_and_names_the_other(tmp_path):
    """A scatter chart's download adds e.g. "World regions according to OWID"; two mapped indicators are refused."""
    region = "World regions according to OWID"
    path = SAMPLE.write(tmp_path, [GOOD | {region: "Europe"}], HEADER + [region])
    assert detect_format(path) == adapter.FORMAT
    result = adapter.read(path, "owid.csv")
    check_result(result)
    assert value(result, "DEU", "INET_USERS_PCT", 2017) == 84.39415
    assert result.notes == [f"columns not read: {region}"]
    users = "Number_of_internet_users_OWID_based_on_WB_and_UN"
    both = SAMPLE.write(tmp_path, [GOOD | {users: "1"}], HEADER + [users])
    q = read_file(both, adapter.FORMAT, "owid.csv").quarantine
    assert q[["rule", "severity"]].values.tolist() == [["unknown_source_code", "file_error"]]
    assert "more than one is" in q["reason"].item()


@pytest.mark.integration
def test_real_2024_internet_use_joined_on_code(shared_data):
    path = shared_file(shared_data, "owid_internet_use_2024/share-of-individuals-using-the-internet.csv")
    result = adapter.read(path, "owid_2024.csv")
    check_result(result)
    assert value(result, "KEN", "INET_USERS_PCT", 2015) == pytest.approx(16.5879, abs=1e-4)
    assert value(result, "KEN", "INET_USERS_PCT", 2022) == pytest.approx(40.8137, abs=1e-4)
    assert value(result, "DEU", "INET_USERS_PCT", 2023) == pytest.approx(92.4764, abs=1e-4)
    assert value(result, "XKX", "INET_USERS_PCT", 2018) == pytest.approx(89.443, abs=1e-4)     # OWID_KOS
    # the uploader's renamed entities are still placed by code
    assert value(result, "USA", "INET_USERS_PCT", 2015) == pytest.approx(74.5542, abs=1e-4)  # "United States of..."
    assert value(result, "SWZ", "INET_USERS_PCT", 2015) == pytest.approx(25.643, abs=1e-4)   # "Swaziland"
    q = result.quarantine
    excluded = q[q["rule"] == "not_an_economy"]
    assert set(excluded["severity"]) == {"excluded"}
    # 34 OWID_WRL rows and 128 rows without a code (three groups and the Faeroe Islands, which has no code here)
    assert excluded["value"].value_counts().to_dict() == {
        "OWID_WRL": 34, "Low-income countries": 34, "Lower-middle-income countries": 34, "South Asia (WB)": 32,
        "Faeroe Islands": 28}
    faroe = excluded[excluded["value"] == "Faeroe Islands"].iloc[0]
    assert "placed by Code only (never by the Entity name)" in faroe["reason"]
    assert (result.rows_read, result.rows_staged, rule_counts(result)) == (6845, 6683, {"not_an_economy": 162})
