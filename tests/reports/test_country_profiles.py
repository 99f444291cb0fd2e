"""Country profiles: hand-computed golden values, the published contract, the demo and the real release."""
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from indicators.profiles import build
from schemas.published import published_models
from support import tiny_world

EXPECTED_SCHEMA = Path(__file__).with_name("expected_country_profiles_schema.json")


def contract_schema() -> dict:
    """Every column of the two profile contracts with its dtype and nullability, in order."""
    out = {}
    for table in ("country_profiles", "country_profiles_latest"):
        schema = published_models()[table].to_schema()
        out[table] = [[name, str(col.dtype), bool(col.nullable)] for name, col in schema.columns.items()]
    return out


def test_contract_matches_the_committed_schema_file():
    """Renaming, retyping, reordering or dropping a column is a contract change: update the JSON on purpose."""
    assert contract_schema() == json.loads(EXPECTED_SCHEMA.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tiny():
    con = tiny_world.database()
    profiles = build.country_profiles(con, {})
    return profiles, build.latest_profiles(profiles)


def row(frame, area, year=None):
    rows = frame[(frame["ref_area"] == area) & ((frame["time_period"] == year) if year else True)]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def test_region_and_world_are_population_weighted_means(tiny):
    profiles, _ = tiny
    aaa = row(profiles, "AAA", 2023)
    assert aaa["internet_users_pct"] == 10
    assert aaa["internet_users_pct_region"] == pytest.approx((10 * 100 + 50 * 300) / 400)          # 40
    assert aaa["internet_users_pct_world"] == pytest.approx((10 * 100 + 50 * 300 + 90 * 600) / 1000)  # 70
    assert row(profiles, "CCC", 2023)["internet_users_pct_region"] == pytest.approx(90)


def test_comparators_fill_members_that_did_not_report_as_the_aggregates_table_does(tiny):
    profiles, _ = tiny
    aaa = row(profiles, "AAA", 2024)     # only AAA reports 2024; BBB and CCC carry their only year (2023)
    assert aaa["internet_users_pct"] == 20 and aaa["internet_users_pct_nature"] == "E"
    assert aaa["internet_users_pct_region"] == pytest.approx((20 * 100 + 50 * 300) / 400)            # 42.5
    assert aaa["internet_users_pct_world"] == pytest.approx((20 * 100 + 50 * 300 + 90 * 600) / 1000)  # 71


def test_price_comparators_are_medians_and_the_2pct_target(tiny):
    profiles, _ = tiny
    aaa, bbb = row(profiles, "AAA", 2023), row(profiles, "BBB", 2023)
    assert aaa["fbb_basket_pct_gni_region"] == pytest.approx(2.25)   # median of 1.5 and 3.0
    assert aaa["fbb_basket_pct_gni_world"] == pytest.approx(1.5)     # median of 1.5, 3.0, 0.5
    assert bool(aaa["fbb_meets_2pct"]) is True and bool(bbb["fbb_meets_2pct"]) is False
    assert pd.isna(row(profiles, "CCC", 2023)["mbb_meets_2pct"])


def test_gender_parity_score_is_female_over_male(tiny):
    profiles, _ = tiny
    aaa = row(profiles, "AAA", 2023)
    assert aaa["internet_gender_parity"] == pytest.approx(8 / 12)
    assert aaa["internet_gender_parity_nature"] == "C"
    assert aaa["internet_gender_parity_region"] == pytest.approx(8 / 12)


def test_items_without_aggregates_have_no_comparator_columns(tiny):
    profiles, _ = tiny
    assert row(profiles, "CCC", 2023)["mobile_own_female_pct"] == 95
    assert "mobile_own_female_pct_region" not in profiles and "ict_skill_pct_world" not in profiles


def test_economy_without_any_value_is_absent_and_missing_items_are_null(tiny):
    profiles, _ = tiny
    assert set(profiles["ref_area"]) == {"AAA", "BBB", "CCC"}
    assert profiles["cov_4g_pct"].isna().all() and profiles["idi"].isna().all()


def test_latest_view_takes_each_items_latest_year_with_that_years_comparators(tiny):
    _, latest = tiny
    aaa, bbb = row(latest, "AAA"), row(latest, "BBB")
    assert (aaa["internet_users_pct"], aaa["internet_users_pct_year"], aaa["internet_users_pct_nature"]) == (20, 2024, "E")
    assert aaa["internet_users_pct_region"] == pytest.approx(42.5)
    assert (bbb["internet_users_pct"], bbb["internet_users_pct_year"]) == (50, 2023)
    assert bbb["internet_users_pct_region"] == pytest.approx(40)
    assert aaa["internet_gender_parity_year"] == 2023
    assert pd.isna(aaa["cov_4g_pct_year"])


def test_published_frames_meet_their_contracts(tiny):
    profiles, latest = tiny
    for table, frame in (("country_profiles", profiles), ("country_profiles_latest", latest)):
        schema = published_models()[table].to_schema()
        assert list(frame.columns) == list(schema.columns)
        schema.validate(frame, lazy=True)


@pytest.mark.e2e
def test_demo_profiles_repeat_the_observations_and_latest_years(demo_release):
    _, warehouse, release = demo_release
    out = warehouse / "published" / release
    profiles = pd.read_parquet(out / "country_profiles.parquet")
    latest = pd.read_parquet(out / "country_profiles_latest.parquet")
    obs = pd.read_parquet(out / "observations.parquet")
    fbb = obs[(obs["series"] == "FBB_SUBS_P100") & (obs["sex"] == "_T")].set_index(["ref_area", "time_period"])
    joined = profiles.set_index(["ref_area", "time_period"])[["fixed_bb_p100"]].join(fbb["obs_value"], how="outer")
    assert (joined["fixed_bb_p100"].fillna(-1) == joined["obs_value"].fillna(-1)).all()
    last_year = fbb.reset_index().groupby("ref_area")["time_period"].max()
    assert (latest.set_index("ref_area")["fixed_bb_p100_year"].dropna() == last_year).all()
    assert latest["ref_area"].is_unique and not profiles.duplicated(["ref_area", "time_period"]).any()


@pytest.mark.integration
def test_germany_profile_on_the_real_release(real_release, shared_data):
    from support import shared_file

    _, warehouse, release = real_release
    out = warehouse / "published" / release
    profiles = pd.read_parquet(out / "country_profiles.parquet")
    latest = pd.read_parquet(out / "country_profiles_latest.parquet")
    deu = profiles[profiles["ref_area"] == "DEU"].set_index("time_period")
    assert round(deu.loc[2024, "fixed_bb_p100"], 2) == 45.61
    datahub = pd.read_csv(shared_file(shared_data, "itu_datahub_native_csv/population_coverage_mobile_network.csv"),
                          encoding="utf-8-sig")
    lte = datahub[(datahub["entityIso"] == "DEU") & (datahub["seriesCode"] == "i271GA")].set_index("dataYear")
    assert len(lte) >= 5
    for year, value in lte["dataValue"].astype(float).items():
        assert math.isclose(deu.loc[year, "cov_4g_pct"], value), year
    germany = latest[latest["ref_area"] == "DEU"].iloc[0]
    assert (round(germany["fixed_bb_p100"], 2), germany["fixed_bb_p100_year"]) == (45.61, 2024)
    assert (germany["cov_4g_pct"], germany["cov_4g_pct_year"]) == (lte["dataValue"].astype(float).iloc[-1],
                                                                  lte.index.max())


def test_idi_is_joined_when_the_release_has_an_idi_table_latest_edition_first():
    con = tiny_world.database()
    con.execute("CREATE TABLE idi AS SELECT * FROM (VALUES ('2017', 'AAA', 2023, 4.25, 2), ('2024', 'AAA', 2023, 5.5, 1),"
                " ('2017', 'CCC', 2023, 8.0, 1)) AS t(edition, ref_area, time_period, idi, rank)")
    profiles = build.country_profiles(con, {})
    assert (row(profiles, "AAA", 2023)["idi"], row(profiles, "AAA", 2023)["idi_rank"]) == (5.5, 1)
    assert (row(profiles, "CCC", 2023)["idi"], row(profiles, "CCC", 2023)["idi_rank"]) == (8.0, 1)
    assert pd.isna(row(profiles, "BBB", 2023)["idi"])


@pytest.mark.integration
def test_germany_page_of_the_real_release_shows_each_value_with_its_year(real_release):
    import re

    _, warehouse, release = real_release
    html = (warehouse / "reports" / release / "profiles" / "DEU.html").read_text(encoding="utf-8")

    def cells(label):
        row = re.search(re.escape(label) + r"[^<]*</th>(.*?)</tr>", html).group(1)
        return re.findall(r"<td[^>]*>([^<]*)</td>", row)[:2]

    assert cells("Fixed-broadband subscriptions per 100 inhabitants") == ["2024", "45.61"]
    assert cells("Population covered by at least an LTE/WiMAX mobile network") == ["2024", "99.97"]
