"""UN SDG Global Database legacy API CSV: real 2020.Q4 values, legacy codes mapped, M49 areas, named errors."""
import pytest
from support.adapter_checks import Sample, bad_input_test, check_result, rule_counts, value
from support import shared_file

from pipelines.ingest import un_sdg_api_csv as adapter

FOLDER = "equals_ict_sex_disaggregated"
HEADER = ["Goal", *adapter.REQUIRED, *adapter.OPTIONAL, "Time_Detail"]
GOOD = {"Goal": "5", "SeriesCode": "IT_MOB_OWN", "GeoAreaCode": "4", "GeoAreaName": "Afghanistan",
        "TimePeriod": "2016", "Time_Detail": "2016", "Value": "46.82207", "Sex": "BOTHSEX", "Units": "PERCENT",
        "Source": "ITU"}
SAMPLE = Sample(adapter.FORMAT, HEADER, GOOD, economy="GeoAreaCode", year="TimePeriod", value="Value")

test_bad_input = bad_input_test(SAMPLE)


@pytest.fixture(scope="module")
def mob(shared_data):
    return adapter.read(shared_file(shared_data, f"{FOLDER}/sdg_2020Q4_IT_MOB_OWN_5b1.csv"), "sdg_mob.csv")


@pytest.fixture(scope="module")
def skills(shared_data):
    return adapter.read(shared_file(shared_data, f"{FOLDER}/sdg_2020Q4_SE_ADT_ACTS_441.csv"), "sdg_skills.csv")


@pytest.mark.integration
def test_real_values(mob, skills):
    assert value(mob, "AFG", "MOB_OWN_PCT", 2016, sex="_T") == 46.82207
    assert value(mob, "DZA", "MOB_OWN_PCT", 2018, sex="M") == 92.62223
    assert value(skills, "DZA", "ICT_SKILL_PCT", 2018, sex="M", breakdown="SKILL_ICTCPT") == 22.846
    assert value(skills, "DZA", "ICT_SKILL_PCT", 2018, sex="_T", breakdown="SKILL_ICTATCH") == 16.14774
    assert set(skills.observations["breakdown"]) == {
        "SKILL_ICTCMFL", "SKILL_ICTCPT", "SKILL_ICTATCH", "SKILL_ICTSSHT", "SKILL_ICTCDV", "SKILL_ICTSFWR",
        "SKILL_ICTPST", "SKILL_ICTTRFF", "SKILL_ICTPRGM"}
    assert set(mob.observations["nature"]) == {"C"}


@pytest.mark.integration
def test_real_accounting(mob, skills):
    # Costa Rica 2016 (three rows) and South Africa 2015 report mobile ownership above 100%: staging rejects them
    check_result(mob, staged_rejects={"percent_out_of_range": 4})
    check_result(skills)
    assert (mob.rows_read, mob.rows_staged, skills.rows_read, skills.rows_staged) == (589, 589, 4795, 4795)


def test_codes_ages_and_areas(tmp_path):
    rows = [GOOD | {"Age": "15+", "Location": "URBAN", "Sex": "FEMALE"},
            GOOD | {"Age": "15-24", "Location": "RURAL", "Sex": "MALE"},
            GOOD | {"SeriesCode": "SE_ADT_ACTS", "Type of skill": "CMFL", "Nature": "E", "FootNote": "age 15-74"},
            GOOD | {"SeriesCode": "IT_NET_BBND", "Type of speed": "10MBPS", "Units": "PER_100_POP"},
            GOOD | {"GeoAreaCode": "1", "GeoAreaName": "World"},
            GOOD | {"GeoAreaCode": "999"},
            GOOD | {"Sex": "BOTH"},
            GOOD | {"Age": "adults"},
            GOOD | {"Units": "NUMBER"},
            GOOD | {"SeriesCode": "SE_ADT_ACTS"},
            GOOD | {"Value": "..."},
            GOOD | {"Location": "SUBURBAN"}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "sdg.csv")
    check_result(result)
    o = result.observations.set_index("line")
    assert o.loc[2, ["sex", "age", "urbanisation"]].tolist() == ["F", "Y_GE15", "U"]
    assert o.loc[3, ["sex", "age", "urbanisation"]].tolist() == ["M", "Y15T24", "R"]
    assert o.loc[4, ["series", "breakdown", "nature", "note"]].tolist() == ["ICT_SKILL_PCT", "SKILL_ICTCMFL", "E",
                                                                          "age 15-74"]
    assert o.loc[5, ["series", "breakdown"]].tolist() == ["FBB_SUBS_P100", "IS_GE10M"]
    q = result.quarantine.set_index("line")
    assert q.loc[6, ["rule", "severity"]].tolist() == ["not_an_economy", "excluded"]
    expected = {7: ("unknown_economy", "GeoAreaCode"), 8: ("unknown_code", "Sex"), 9: ("unknown_age", "Age"),
                10: ("unit_mismatch", "Units"), 11: ("missing_code", "Type of skill"), 12: ("missing_value", "Value"),
                13: ("unknown_code", "Location")}
    assert {line: tuple(q.loc[line, ["rule", "column"]]) for line in expected} == expected
    assert rule_counts(result)["missing_value"] == 1 and q.loc[12, "severity"] == "excluded"


def test_schools_with_internet_by_education_level(tmp_path):
    """SDG 4.a.1 SE_ACS_INTNT stages by education level (ISCED11_1..3); a row without its level is held back."""
    school = GOOD | {"Goal": "4", "SeriesCode": "SE_ACS_INTNT", "GeoAreaCode": "404", "GeoAreaName": "Kenya",
                     "TimePeriod": "2019", "Value": "12.5", "Source": "UIS"}
    rows = [school | {"Education level": "PRIMAR"}, school | {"Education level": "LOWSEC", "Value": "20"},
            school | {"Education level": "UPPSEC", "Value": "41.3"}, school | {"Education level": ""},
            school | {"Education level": "TERTIARY"}]
    result = adapter.read(SAMPLE.write(tmp_path, rows), "sdg_4a1.csv")
    check_result(result)
    o = result.observations
    assert o[["ref_area", "series", "breakdown", "obs_value"]].values.tolist() == [
        ["KEN", "SCHOOLS_INET_PEDAG_PCT", "ISCED11_1", 12.5], ["KEN", "SCHOOLS_INET_PEDAG_PCT", "ISCED11_2", 20.0],
        ["KEN", "SCHOOLS_INET_PEDAG_PCT", "ISCED11_3", 41.3]]
    q = result.quarantine.set_index("line")
    assert q.loc[5, ["rule", "column"]].tolist() == ["missing_code", "Type of skill"]
    assert q.loc[6, ["rule", "column"]].tolist() == ["unknown_code", "Education level"]
