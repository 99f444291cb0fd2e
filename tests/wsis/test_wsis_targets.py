"""WSIS targets on a tiny hand-made warehouse: rural coverage, aggregates, threshold, progress, availability."""
import duckdb
import pandas as pd
import pytest

from indicators.loader import load_specs
from indicators.wsis.catalogue import load_targets
from pipelines.core import reference, warehouse

# (ref_area, year, series, value, sex)
ROWS = [("AAA", y, "POP_TOTAL", 1000, "_T") for y in (2010, 2015)] + \
       [("BBB", y, "POP_TOTAL", 3000, "_T") for y in (2010, 2015)] + \
       [("CCC", y, "POP_TOTAL", 1000, "_T") for y in (2010, 2015)] + \
       [("DDD", 2015, "POP_TOTAL", 500, "_T"),
        ("AAA", 2015, "COV_3G_PCT", 90, "_T"), ("AAA", 2015, "POP_URBAN_PCT", 60, "_T"),
        ("BBB", 2015, "COV_3G_PCT", 50, "_T"), ("BBB", 2015, "POP_URBAN_PCT", 20, "_T"),
        ("CCC", 2015, "COV_3G_PCT", 70, "_T"),                      # no urban share: no rural estimate
        ("DDD", 2015, "COV_3G_PCT", 40, "_T"), ("DDD", 2015, "POP_URBAN_PCT", 50, "_T"),   # below urban: 0
        ("AAA", 2010, "INET_USERS_PCT", 20, "_T"), ("AAA", 2015, "INET_USERS_PCT", 50, "_T"),
        ("AAA", 2015, "INET_USERS_PCT", 55, "F"),                   # by sex: not a total, ignored
        ("BBB", 2015, "INET_USERS_PCT", 30, "_T"),
        ("AAA", 2015, "WSIS_SCHOOLS_INTERNET_PCT", 80, "_T"), ("BBB", 2015, "WSIS_SCHOOLS_INTERNET_PCT", 40, "_T")]
MEMBERS = [("GRP", "AAA"), ("GRP", "BBB"), ("GRP", "CCC"), ("OTH", "DDD")]


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    obs = pd.DataFrame(ROWS, columns=["ref_area", "time_period", "series", "obs_value", "sex"]).assign(
        age="_T", urbanisation="_T", breakdown="_T", unit_mult=0, nature="C", source="test", file="test.csv",
        line=lambda f: range(1, len(f) + 1),
        unit_measure=lambda f: f["series"].map(lambda s: "PERCENT" if s.endswith("PCT") else "NUMBER"))
    warehouse.write_table(con, "observations", obs)
    warehouse.write_table(con, "group_members", pd.DataFrame(MEMBERS, columns=["group_code", "iso3"]))
    # as the stage step does: reference_views.sql may join the series catalogue
    warehouse.write_table(con, "series_catalogue", reference.series_catalogue().reset_index(drop=True))
    con.execute((warehouse.SQL_DIR / "reference_views.sql").read_text())
    for spec in load_specs():
        if spec.family == "wsis":
            spec.run(con, "test")
    yield con
    con.close()


def rows(con, where: str) -> pd.DataFrame:
    return con.sql(f"SELECT * FROM wsis_targets WHERE {where} ORDER BY ref_area, time_period").df()


def test_rural_coverage_per_economy(con):
    got = rows(con, "indicator = '1.1'").set_index("ref_area")
    assert got.loc["AAA", "value"] == pytest.approx(75.0)      # (90 - 60) / (100 - 60) x 100
    assert got.loc["BBB", "value"] == pytest.approx(37.5)      # (50 - 20) / (100 - 20) x 100
    assert got.loc["DDD", "value"] == 0.0                      # (40 - 50) / 50 x 100 = -20, clipped to 0
    assert "CCC" not in got.index                              # no urban share, no estimate
    assert set(got.loc[["AAA", "BBB", "DDD"], "nature"]) == {"E"}
    assert set(got["breakdown"]) == {"3G"}


def test_aggregate_is_population_weighted_with_coverage_share(con):
    rural = rows(con, "indicator = '1.1' AND ref_area = 'GRP'").iloc[0]
    # weights are rural populations: AAA 1000 x 40% = 400, BBB 3000 x 80% = 2400
    assert rural["value"] == pytest.approx((75 * 400 + 37.5 * 2400) / 2800)
    assert (rural["economies_reporting"], rural["population_share"]) == (2, pytest.approx(4000 / 5000))
    internet = rows(con, "indicator = '10.2' AND ref_area = 'GRP'")
    # 2010: only AAA reports, 1000 of 5000 inhabitants (0.2 < 0.5): no aggregate; 2015: (50x1000 + 30x3000)/4000
    assert list(internet["time_period"]) == [2015]
    assert internet.iloc[0]["value"] == pytest.approx(35.0)
    assert bool(internet.iloc[0]["is_aggregate"]) and internet.iloc[0]["nature"] == "E"


def test_administrative_shares_are_not_aggregated(con):
    schools = rows(con, "indicator = '2.5'")
    assert list(schools["ref_area"]) == ["AAA", "BBB"] and list(schools["value"]) == [80.0, 40.0]
    assert list(schools["nature"]) == ["C", "C"]


def test_progress_against_earliest_year(con):
    aaa = rows(con, "indicator = '10.2' AND ref_area = 'AAA'")
    assert list(aaa["value"]) == [20.0, 50.0]                  # the female-only 55 is not a total
    assert list(aaa["base_year"]) == [2010, 2010] and list(aaa["progress"]) == [0.0, 30.0]


def test_availability_per_target_and_year(con):
    got = con.sql("SELECT * FROM wsis_availability ORDER BY target, time_period").df()
    assert set(got["time_period"]) == {2010, 2015} and len(got) == 20   # 10 targets x 2 years
    t1 = got[(got["target"] == 1) & (got["time_period"] == 2015)].iloc[0]
    assert (t1["indicators_defined"], t1["indicators_computable"], t1["indicators_with_data"],
            t1["economies_reporting"]) == (4, 1, 1, 3)
    t10 = got[got["target"] == 10].set_index("time_period")
    assert t10.loc[2010, "economies_reporting"] == 1 and t10.loc[2015, "economies_reporting"] == 2
    assert (got[got["target"] == 3]["indicators_with_data"] == 0).all()


def test_catalogue_keeps_the_methodology_marks():
    targets = {t["target"]: t for t in load_targets()}
    assert sorted(targets) == list(range(1, 11))
    # METHODOLOGY 5: only the 2014 titles of targets 2-4 and the count of target 3's indicators are confirmed
    assert {n for n, t in targets.items() if t["title_status"] == "confirmed"} == {2, 3, 4}
    assert len(targets[3]["indicators"]) == 3
    assert all(i["status"] == "recalled" for t in targets.values() for i in t["indicators"])


@pytest.mark.parametrize("indicator, message", [
    ('{code: "1.1", title: Rural households, by type, status: recalled, computed: none}', "unknown keys"),
    ('{code: "1.1", title: "x", status: recalled, computed: guessed}', "computed must be one of"),
    ('{code: "1.1", title: "x", status: recalled, computed: series, aggregate: none}', "a computed indicator needs series"),
])
def test_catalogue_errors_name_the_indicator(tmp_path, indicator, message):
    path = tmp_path / "targets.yaml"
    path.write_text(f"targets:\n  - {{target: 1, title: t, title_status: recalled, action_line: C2, "
                    f"indicators: [{indicator}]}}\n")
    with pytest.raises(ValueError, match=f"indicator 1.1: {message}"):
        load_targets(path)
