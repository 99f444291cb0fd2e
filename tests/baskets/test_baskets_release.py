"""Price baskets in whole releases: the demo (computed from its tariff plans) and the one built from ../shared/data
(ITU basket prices as reported, and their % of GNI recomputed from USD and World Bank GNI)."""
from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest
from conftest import published, shared_file

from pipelines.core import reference as ref
from pipelines.demo.world import UNINHABITED
from schemas.published.baskets import (PriceBasketDefinitionsPublished, PriceBasketMediansPublished,
                                      PriceBasketsPublished)

KEY = ["ref_area", "time_period", "basket"]


@pytest.mark.e2e
def test_demo_tariff_plans_are_staged_for_every_economy(demo_release):
    files = published(demo_release, "ingest_files").set_index("file")
    plans = files.loc["itu/tariff_plans_demo.csv"]
    assert plans["format"] == "tariff_plans_csv" and plans["rows_read"] == plans["rows_staged"] > 0
    baskets = published(demo_release, "price_baskets")
    computed = baskets[baskets["method"] == "computed"]
    assert set(computed["ref_area"]) == set(ref.economies()["iso3"]) - set(UNINHABITED)
    fbb = computed[(computed["basket"] == "FBB_5GB") & (computed["status"] == "priced")]
    assert len(fbb) == len(set(computed["ref_area"])) * 7   # every economy, 2018-2024
    PriceBasketsPublished.validate(baskets, lazy=True)


@pytest.mark.e2e
def test_demo_computed_baskets_equal_the_demo_reported_ones(demo_release):
    """The demo writes ITU-style 5 GB basket prices derived from its own plans (pipelines/demo/tariffs.py): the
    engine, reading only the plans, must find the same prices (the demo rounds to 2 decimals before deriving PPP$
    and % GNI, hence the tolerances)."""
    baskets = published(demo_release, "price_baskets")
    both = baskets[baskets["method"] == "computed"].merge(baskets[baskets["method"] == "reported"], on=KEY,
                                                          suffixes=("", "_reported"))
    assert set(both["basket"]) == {"FBB_5GB", "MBB_DATA_5GB"} and len(both) > 1000
    assert np.abs(both["price_usd"] - both["price_usd_reported"]).max() <= 0.005 + 1e-9
    assert np.allclose(both["price_ppp"], both["price_ppp_reported"], rtol=2e-3, atol=0.01)
    assert np.allclose(both["pct_gni"], both["pct_gni_reported"], rtol=2e-3, atol=0.01)


@pytest.mark.e2e
def test_demo_arithmetic_and_medians_are_consistent(demo_release):
    baskets = published(demo_release, "price_baskets")
    priced = baskets[baskets["status"] == "priced"]
    totals = priced["arithmetic"].str.extract(r"total ([0-9.]+) ")[0].astype(float)
    assert np.allclose(totals, priced["price_lcu"].round(2), atol=0.006)
    medians = published(demo_release, "price_basket_medians")
    PriceBasketMediansPublished.validate(medians, lazy=True)
    world = medians[medians["group_code"] == "WLD"].set_index(["time_period", "basket", "method"])
    with_gni = baskets[baskets["pct_gni"].notna()]
    expected = with_gni.groupby(["time_period", "basket", "method"]).agg(
        economies=("pct_gni", "size"), median_pct_gni=("pct_gni", "median"),
        meeting=("pct_gni", lambda s: int((s < 2).sum())))
    assert world["economies"].to_dict() == expected["economies"].to_dict()
    assert np.allclose(world["median_pct_gni"], expected.loc[world.index, "median_pct_gni"])
    assert world["economies_meeting_target"].to_dict() == expected["meeting"].to_dict()
    definitions = published(demo_release, "price_basket_definitions")
    PriceBasketDefinitionsPublished.validate(definitions, lazy=True)
    status = dict(zip(definitions["code"], definitions["status"]))   # unconfirmed settings are published as such
    assert status["validity_scaling"] == status["mb_per_gb"] == status["gni_fallback_max_years"] == "unconfirmed"
    used = set(baskets.loc[baskets["method"] == "computed", "basket"])
    assert used <= set(definitions.loc[definitions["kind"] == "basket", "code"])
    warnings = published(demo_release, "price_basket_checks")
    differs = baskets[baskets["gni_check"] == "differs"]
    assert sorted(zip(warnings["ref_area"], warnings["time_period"])) == sorted(zip(differs["ref_area"],
                                                                                   differs["time_period"]))


def _gni(shared_data, iso3: str, year: int) -> float:
    path = shared_file(shared_data, "wb_gni_per_capita_atlas/API_NY.GNP.PCAP.CD_DS2_en_csv_v2_3159868.csv")
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    header = next(r for r in rows if r[:2] == ["Country Name", "Country Code"])
    line = next(r for r in rows if len(r) > 1 and r[1] == iso3)
    return float(line[header.index(str(year))])


@pytest.mark.integration
def test_real_basket_prices_are_published_as_reported(real_release, shared_data):
    baskets = published(real_release, "price_baskets").set_index(KEY + ["method"])
    # spot values of PROVENANCE.md (itu_datahub_native_csv, itu_price_baskets_33countries)
    for key, usd, gni, ppp in ((("DEU", 2023, "FBB_5GB"), 41.32, 0.96, 48.87),
                               (("KEN", 2024, "FBB_5GB"), 22.92, 13.42, 68.57),
                               (("KEN", 2024, "MBB_DATA_5GB"), 7.64, 4.47, 22.86),
                               (("DEU", 2017, "FBB_ITU"), 39.38, 1.09, 42.05)):
        row = baskets.loc[key + ("reported",)]
        assert (row["price_usd"], row["pct_gni"], row["price_ppp"]) == (usd, gni, ppp), key
    deu = baskets.loc[("DEU", 2017, "FBB_ITU", "reported")]
    assert deu["pct_gni_recomputed"] == pytest.approx(39.38 / (_gni(shared_data, "DEU", 2017) / 12) * 100)
    obs = published(real_release, "observations")
    usd = obs[obs["series"] == "BASKET_PRICE_USD"].rename(columns={"breakdown": "basket"}).set_index(KEY)
    reported = baskets.xs("reported", level="method")
    assert len(usd) == len(reported[reported["price_usd"].notna()]) > 2000
    assert (reported.loc[usd.index, "price_usd"] == usd["obs_value"]).all()


@pytest.mark.integration
def test_real_pct_gni_recomputed_agrees_with_itu_for_most_of_2018_2020(real_release):
    baskets = published(real_release, "price_baskets")
    checked = baskets[(baskets["method"] == "reported") & baskets["time_period"].between(2018, 2020)
                      & baskets["pct_gni"].notna() & baskets["pct_gni_recomputed"].notna()]
    gap = (checked["pct_gni_recomputed"] - checked["pct_gni"]).abs() / checked["pct_gni"]
    share = float((gap <= 0.10).mean())
    by_basket = (gap <= 0.10).groupby(checked["basket"]).mean().round(3).to_dict()
    print(f"\n% GNI recomputed vs ITU, 2018-2020: {len(checked)} economy-years, {share:.1%} within 10%; "
          f"by basket {by_basket}; relative gap quantiles "
          f"{gap.quantile([0.25, 0.5, 0.75, 0.9, 0.99]).round(3).to_dict()}")
    assert len(checked) >= 500
    assert share >= 0.75
    rounding = (checked["pct_gni_recomputed"] - checked["pct_gni"]).abs() <= 0.005   # 2-decimal reported values
    assert (checked["gni_check"] == np.where((gap <= 0.10) | rounding, "agrees", "differs")).all()
