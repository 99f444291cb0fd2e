"""WSIS targets on a tiny hand-made warehouse: rural coverage from sdg_9_c_1, Internet use from sdg_indicators,
E-Government indices, schools by level, the aggregation engine's aggregates, progress, availability."""
import duckdb
import pandas as pd
import pytest

from indicators.loader import load_specs
from indicators.wsis.catalogue import load_targets
from pipelines.core import warehouse
from schemas import reference

# (ref_area, year, series, value, sex[, urbanisation, breakdown])
ROWS = [("AAA", y, "POP_TOTAL", 1000, "_T") for y in (2010, 2015)] + \
       [("BBB", y, "POP_TOTAL", 3000, "_T") for y in (2010, 2015)] + \
       [("CCC", y, "POP_TOTAL", 1000, "_T") for y in (2010, 2015)] + \
       [("DDD", 2015, "POP_TOTAL", 500, "_T"),
        ("AAA", 2015, "COV_3G_PCT", 90, "_T"), ("AAA", 2015, "POP_URBAN_PCT", 60, "_T"),
        ("BBB", 2015, "COV_3G_PCT", 50, "_T"), ("BBB", 2015, "POP_URBAN_PCT", 20, "_T"),
        ("CCC", 2015, "COV_3G_PCT", 70, "_T"),                      # no urban share: no rural estimate ...
        ("CCC", 2015, "COV_3G_PCT", 55, "_T", "R"),                 # ... but CCC reports its rural coverage
        ("DDD", 2015, "COV_3G_PCT", 40, "_T"), ("DDD", 2015, "POP_URBAN_PCT", 50, "_T"),   # below urban: 0
        ("AAA", 2010, "INET_USERS_PCT", 20, "_T"), ("AAA", 2015, "INET_USERS_PCT", 50, "_T"),
        ("AAA", 2015, "INET_USERS_PCT", 55, "F"),                   # by sex: not a total, ignored
        ("BBB", 2015, "INET_USERS_PCT", 30, "_T"),
        ("AAA", 2015, "WSIS_SCHOOLS_INTERNET_PCT", 80, "_T"), ("BBB", 2015, "WSIS_SCHOOLS_INTERNET_PCT", 40, "_T"),
        ("AAA", 2015, "SCHOOLS_INET_PEDAG_PCT", 60, "_T", "_T", "ISCED11_1"),
        ("AAA", 2015, "SCHOOLS_INET_PEDAG_PCT", 90, "_T", "_T", "ISCED11_3"),
        ("AAA", 2010, "EGOV_OSI", 0.41, "_T"), ("AAA", 2015, "EGOV_OSI", 0.62, "_T"),
        ("AAA", 2015, "EGOV_EGDI", 0.7, "_T"),
        ("BBB", 2015, "EGOV_OSI", 0.3, "_T")]
# sdg_indicators as the SDG family publishes 17.8.1: economies and an aggregate (ref_area, year, value, nature, type,
# coverage %, economies reported). The WSIS table must carry these rows, not a second computation.
SDG_17_8_1 = [("AAA", 2010, 20.0, "C", "economy", None, None), ("AAA", 2015, 50.0, "C", "economy", None, None),
              ("AAA", 2015, 55.0, "C", "economy", None, None),
              ("BBB", 2015, 30.0, "E", "economy", None, None), ("GRP", 2015, 36.1, "M", "aggregate", 100.0, 2),
              ("GRP", 2010, 21.0, "M", "aggregate", 20.0, 1)]
MEMBERS = [("GRP", "AAA"), ("GRP", "BBB"), ("GRP", "CCC"), ("OTH", "DDD")]
# the aggregation engine's table (indicators/aggregates), as it would publish GRP's mobile subscriptions
AGGREGATES = pd.DataFrame({"series": ["MOB_SUBS_P100"], "sex": ["_T"], "ref_area": ["GRP"], "time_period": [2015],
                           "obs_value": [88.8], "economies_reported": [2], "coverage_pct": [80.0], "nature": ["M"],
                           "comment": ["engine"]})


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    rows = [r + ("_T", "_T")[len(r) - 5:] for r in ROWS]
    obs = pd.DataFrame(rows, columns=["ref_area", "time_period", "series", "obs_value", "sex", "urbanisation",
                                      "breakdown"]).assign(
        age="_T", unit_mult=0, nature="C", source="test", note=None, file="test.csv",
        line=lambda f: range(1, len(f) + 1),
        unit_measure=lambda f: f["series"].map(reference.series_catalogue()["unit_measure"]))
    warehouse.write_table(con, "observations", obs)
    sdg = pd.DataFrame(SDG_17_8_1, columns=["ref_area", "time_period", "obs_value", "nature", "area_type",
                                            "coverage_pct", "economies_reported"]).assign(
        indicator="17.8.1", series="IT_USE_ii99", age="_T", urbanisation="_T", composite_breakdown="_T",
        unit_measure="PERCENT", source="test", comment=None)
    sdg["sex"] = ["_T", "_T", "F", "_T", "_T", "_T"]              # AAA's 55 is female: not a total, not read
    warehouse.write_table(con, "sdg_indicators", sdg)
    warehouse.write_table(con, "group_members", pd.DataFrame(MEMBERS, columns=["group_code", "iso3"]))
    warehouse.write_table(con, "aggregates", AGGREGATES)
    # as the stage step does: reference_views.sql may join the series catalogue
    warehouse.write_table(con, "series_catalogue", reference.series_catalogue().reset_index(drop=True))
    con.execute((warehouse.SQL_DIR / "reference_views.sql").read_text())
    for spec in load_specs():
        if spec.family == "wsis" or spec.table == "sdg_9_c_1":
            spec.run(con, "test")
    yield con
    con.close()


def rows(con, where: str) -> pd.DataFrame:
    return con.sql(f"SELECT * FROM wsis_targets WHERE {where} ORDER BY ref_area, time_period").df()


def test_rural_coverage_read_from_sdg_9_c_1(con):
    got = rows(con, "indicator = '1.1' AND NOT is_aggregate").set_index("ref_area")
    sdg = con.sql("SELECT ref_area, obs_value, nature FROM sdg_9_c_1 WHERE urbanisation = 'R'").df().set_index(
        "ref_area")
    assert got.loc["AAA", "value"] == pytest.approx(75.0)      # (90 - 60) / (100 - 60) x 100, estimated in 9.c.1
    assert got.loc["BBB", "value"] == pytest.approx(37.5)      # (50 - 20) / (100 - 20) x 100
    assert got.loc["DDD", "value"] == 0.0                      # (40 - 50) / 50 x 100 = -20, floored at 0
    assert got.loc["CCC", "value"] == 55.0                     # reported by CCC: read, not estimated again
    assert (got["value"] == sdg.loc[got.index, "obs_value"]).all()
    assert got.loc["CCC", "nature"] == "C" and set(got.loc[["AAA", "BBB", "DDD"], "nature"]) == {"E"}
    assert set(got["breakdown"]) == {"3G"} and set(got["measure_status"]) == {"direct"}


def test_aggregates_are_the_engines_and_rural_coverage_is_not_aggregated(con):
    mobile = rows(con, "indicator = '10.1' AND is_aggregate").iloc[0]
    assert (mobile["ref_area"], mobile["time_period"], mobile["value"], mobile["nature"]) == ("GRP", 2015, 88.8, "M")
    assert (mobile["economies_reporting"], mobile["population_share"]) == (2, pytest.approx(0.8))
    assert "engine" in mobile["source"]
    assert rows(con, "indicator = '1.1' AND is_aggregate").empty


def test_internet_use_is_what_sdg_indicators_publishes(con):
    internet = rows(con, "indicator = '10.2'").set_index(["ref_area", "time_period"])
    # economies and aggregates as sdg_indicators has them (totals only): no second computation, nothing withheld
    assert internet["value"].to_dict() == {("AAA", 2010): 20.0, ("AAA", 2015): 50.0, ("BBB", 2015): 30.0,
                                           ("GRP", 2010): 21.0, ("GRP", 2015): 36.1}
    assert internet.loc[("BBB", 2015), "nature"] == "E" and internet.loc[("GRP", 2015), "nature"] == "M"
    grp = internet.loc[("GRP", 2015)]
    assert bool(grp["is_aggregate"]) and grp["economies_reporting"] == 2 and grp["population_share"] == 1.0
    assert internet.loc[("GRP", 2010), "population_share"] == pytest.approx(0.2)
    assert pd.isna(internet.loc[("AAA", 2015), "population_share"])


def test_administrative_shares_and_indices_are_not_aggregated(con):
    schools = rows(con, "indicator = '2.5'")
    assert list(schools["ref_area"]) == ["AAA", "BBB"] and list(schools["value"]) == [80.0, 40.0]
    assert list(schools["nature"]) == ["C", "C"]
    by_level = rows(con, "indicator = '2.6'")
    assert by_level[["breakdown", "value"]].values.tolist() == [["ISCED11_1", 60.0], ["ISCED11_3", 90.0]]
    assert set(by_level["measure_status"]) == {"project_choice"}
    osi = rows(con, "indicator = '6.5'")
    assert osi[["ref_area", "time_period", "value", "unit"]].values.tolist() == [
        ["AAA", 2010, 0.41, "INDEX"], ["AAA", 2015, 0.62, "INDEX"], ["BBB", 2015, 0.3, "INDEX"]]
    assert set(osi["measure_status"]) == {"recalled"} and set(osi["indicator_status"]) == {"recalled"}
    assert not rows(con, "target = 6 AND is_aggregate").shape[0]


def test_progress_against_earliest_year(con):
    aaa = rows(con, "indicator = '10.2' AND ref_area = 'AAA'")
    assert list(aaa["value"]) == [20.0, 50.0]                  # the female-only 55 is not a total
    assert list(aaa["base_year"]) == [2010, 2010] and list(aaa["progress"]) == [0.0, 30.0]
    osi = rows(con, "indicator = '6.5' AND ref_area = 'AAA'")
    assert list(osi["progress"]) == [0.0, pytest.approx(0.21)]


def test_availability_per_target_and_year(con):
    got = con.sql("SELECT * FROM wsis_availability ORDER BY target, time_period").df()
    assert set(got["time_period"]) == {2010, 2015} and len(got) == 20   # 10 targets x 2 years
    cell = got.set_index(["target", "time_period"])
    columns = ["indicators_defined", "indicators_computable", "indicators_with_data", "economies_reporting"]
    assert cell.loc[(1, 2015), columns].tolist() == [4, 1, 1, 4]       # CCC's reported rural coverage counts
    assert cell.loc[(2, 2015), columns].tolist() == [6, 2, 2, 2]
    assert cell.loc[(6, 2010), columns].tolist() == [6, 3, 1, 1]      # 6.3 (submissions), 6.5 OSI, 6.6 EGDI
    assert cell.loc[(6, 2015), columns].tolist() == [6, 3, 2, 2]
    assert cell.loc[(10, 2010), "economies_reporting"] == 1 and cell.loc[(10, 2015), "economies_reporting"] == 2
    assert (got[got["target"] == 3]["indicators_with_data"] == 0).all()


def test_catalogue_keeps_the_methodology_marks():
    targets = {t["target"]: t for t in load_targets()}
    assert sorted(targets) == list(range(1, 11))
    # METHODOLOGY 5: only the 2014 titles of targets 2-4 and the count of target 3's indicators are confirmed
    assert {n for n, t in targets.items() if t["title_status"] == "confirmed"} == {2, 3, 4}
    assert len(targets[3]["indicators"]) == 3
    assert all(i["status"] == "recalled" for t in targets.values() for i in t["indicators"])
    # the Online Service Index as the measure of 6.5 is recalled, not confirmed, and says so
    osi = next(i for i in targets[6]["indicators"] if i["code"] == "6.5")
    assert (osi["series"], osi["measure_status"]) == (["EGOV_OSI"], "recalled") and "recalled" in osi["measure_note"]


@pytest.mark.parametrize("indicator, message", [
    ('{code: "1.1", title: Rural households, by type, status: recalled, computed: none}', "unknown keys"),
    ('{code: "1.1", title: "x", status: recalled, computed: guessed}', "computed must be one of"),
    ('{code: "1.1", title: "x", status: recalled, computed: series, aggregate: none}', "a computed indicator needs series"),
    ('{code: "1.1", title: "x", status: recalled, computed: series, series: [X], aggregate: none}',
     "a computed indicator needs measure_status"),
])
def test_catalogue_errors_name_the_indicator(tmp_path, indicator, message):
    path = tmp_path / "targets.yaml"
    path.write_text(f"targets:\n  - {{target: 1, title: t, title_status: recalled, action_line: C2, "
                    f"indicators: [{indicator}]}}\n")
    with pytest.raises(ValueError, match=f"indicator 1.1: {message}"):
        load_targets(path)
