"""Golden tests: each SDG indicator's SQL on a tiny staged release with hand-computed answers."""
import duckdb
import pandas as pd
import pytest

from indicators.loader import load_specs
from pipelines.core import groups, warehouse
from pipelines.core.canonical import observations_frame
from schemas import reference as ref

SPECS = {s.table: s for s in load_specs()}


def obs(area, year, series, value, sex="_T", urbanisation="_T", breakdown="_T", mult=0, line=1):
    unit = ref.unit_of(series)[0]
    return dict(ref_area=area, time_period=year, series=series, sex=sex, age="_T", urbanisation=urbanisation,
                breakdown=breakdown, unit_measure=unit, unit_mult=mult, obs_value=value, nature="C", source="test",
                note=None, source_code="x", file="t.csv", line=line)


@pytest.fixture
def staged():
    """A DuckDB holding the staged tables the SDG specs read; call it with observation rows, get the connection."""
    def make(rows):
        con = duckdb.connect()
        warehouse.write_table(con, "observations", observations_frame(rows))
        warehouse.write_table(con, "series_catalogue", ref.series_catalogue())
        warehouse.write_table(con, "economies", ref.economies())
        warehouse.write_table(con, "groups", groups.groups_table())
        warehouse.write_table(con, "group_members", groups.group_members())
        con.execute((warehouse.SQL_DIR / "reference_views.sql").read_text(encoding="utf-8"))
        return con
    return make


def run(con, *tables):
    for t in tables:
        SPECS[t].run(con, "test")
    return con.sql(f"SELECT * FROM {tables[-1]}").df()


def test_17_6_1_rate_is_derived_from_the_count_only_where_no_rate_is_reported(staged):
    con = staged([obs("KEN", 2020, "FBB_SUBS", 250_000), obs("KEN", 2020, "POP_TOTAL", 50_000_000),
                  obs("KEN", 2021, "FBB_SUBS", 300_000), obs("KEN", 2021, "POP_TOTAL", 50_000_000),
                  obs("KEN", 2021, "FBB_SUBS_P100", 0.7)])
    out = run(con, "sdg_17_6_1").set_index(["series", "time_period"])
    assert out.loc[("IT_NET_BBND", 2020), "obs_value"] == pytest.approx(0.5)          # 250 000 / 50 000 000 x 100
    assert out.loc[("IT_NET_BBND", 2020), "definition"] == "derived_from_count_and_population"
    assert out.loc[("IT_NET_BBND", 2021), "obs_value"] == 0.7                         # reported rate kept as is
    assert out.loc[("IT_NET_BBNDN", 2021), "obs_value"] == 300_000
    findings = run(con, "sdg_9_c_1", "sdg_findings")                                   # 0.6 vs 0.7: 14% apart
    assert findings[["rule", "ref_area", "time_period"]].values.tolist() == [["rate_disagrees_with_count", "KEN", 2021]]
    assert "give 0.6 (-14.3%)" in findings["detail"].iloc[0]


def test_17_8_1_values_to_2013_are_a_series_break(staged):
    con = staged([obs("DEU", 2013, "INET_USERS_PCT", 84.0), obs("DEU", 2014, "INET_USERS_PCT", 86.0)])
    out = run(con, "sdg_17_8_1").set_index("time_period")
    assert out.loc[2013, ["series_break", "definition"]].tolist() == [True, "reference_12_months"]
    assert "12 months" in out.loc[2013, "comment"]
    assert out.loc[2014, ["series_break", "definition"]].tolist() == [False, "reference_3_months"]


def test_9_c_1_rural_coverage_is_estimated_from_the_urban_share_and_flagged_e(staged):
    # 4G covers 70% of the population, 40% live in towns: rural = (70 - 40) / 60 x 100 = 50%
    con = staged([obs("KEN", 2022, "COV_4G_PCT", 70.0), obs("KEN", 2022, "COV_3G_PCT", 65.0),
                  obs("KEN", 2022, "POP_URBAN_PCT", 40.0)])
    out = run(con, "sdg_9_c_1").set_index(["series", "urbanisation"])
    rural = out.loc[("IT_MOB_4GNTWK", "R")]
    assert rural["obs_value"] == pytest.approx(50.0)
    assert (rural["nature"], rural["definition"]) == ("E", "rural_estimated_from_urban_share")
    assert out.loc[("IT_MOB_3GNTWK", "R"), "obs_value"] == pytest.approx(25.0 / 60 * 100)
    findings = run(con, "sdg_findings")
    assert set(findings["rule"]) == {"newer_technology_above_older"} and len(findings) == 2   # _T and R


def test_4_4_1_keeps_the_two_activity_lists_apart(staged):
    con = staged([obs("BRA", 2019, "ICT_SKILL_PCT", 30.0, breakdown="SKILL_ICTCPT"),
                  obs("BRA", 2021, "ICT_SKILL_PCT", 35.0, breakdown="SKILL_ICTCPT")])
    out = run(con, "sdg_4_4_1").set_index("time_period")
    assert out.loc[2019, "definition"] == "skills_computer_activities_to_2019" and out.loc[2019, "series_break"]
    assert out.loc[2021, "definition"] == "skills_revised_list_from_2020"
    assert out["composite_breakdown"].tolist() == ["SKILL_ICTCPT", "SKILL_ICTCPT"]


def test_gender_parity_score_bands_and_absolute_gap(staged):
    rows = [obs("PAK", 2020, "INET_USERS_PCT", v, sex=s, line=i) for i, (s, v) in
            enumerate([("_T", 30.0), ("F", 20.0), ("M", 40.0)])]
    rows += [obs("FRA", 2020, "MOB_OWN_PCT", v, sex=s) for s, v in [("_T", 95.0), ("F", 94.5), ("M", 95.5)]]
    rows += [obs("PAK", 2020, "POP_FEMALE", 100e6), obs("PAK", 2020, "POP_MALE", 110e6),
             obs("PAK", 2020, "POP_TOTAL", 210e6)]
    con = staged(rows)
    out = run(con, "sdg_4_4_1", "sdg_5_b_1", "sdg_9_c_1", "sdg_17_6_1", "sdg_17_8_1", "aggregate_inputs",
              "population_weights", "economy_fill", "aggregates", "sdg_aggregates", "sdg_indicators",
              "gender_parity").set_index("ref_area")
    assert out.loc["PAK", "parity_score"] == pytest.approx(0.5)
    assert out.loc["PAK", "parity_band"] == "disparity_favouring_men"
    assert out.loc["PAK", "gender_gap_pct"] == pytest.approx(50.0)                   # (40 - 20) / 40 x 100
    assert out.loc["PAK", "gap_persons"] == pytest.approx(0.40 * 110e6 - 0.20 * 100e6)  # 24 million more men
    assert out.loc["FRA", "parity_score"] == pytest.approx(94.5 / 95.5)             # 0.9895: parity
    assert out.loc["FRA", "parity_band"] == "parity" and pd.isna(out.loc["FRA", "gap_persons"])
    # PAK is the only economy with a population: every group it belongs to (world, Asia & Pacific, lower-middle
    # income) has its values and the same gap in persons
    assert out.loc["WLD", "parity_score"] == pytest.approx(0.5)
    assert out.loc["ITU_ASP", "gap_persons"] == pytest.approx(0.40 * 110e6 - 0.20 * 100e6)
