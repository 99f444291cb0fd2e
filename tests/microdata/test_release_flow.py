"""Microdata to the SDG tables: Dagster estimates each economy (a partition), the estimates file is snapshotted into a
release, and the release publishes them as observations and SDG 17.8.1 / 5.b.1 values with their standard errors."""
import dagster as dg
import pandas as pd
import pytest

from pipelines.commands.microdata import estimate_all
from pipelines.commands.run import materialize
from pipelines import snapshots
from pipelines.microdata import store, synthetic

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def flowed(tmp_path_factory):
    root = tmp_path_factory.mktemp("flow")
    raw_root, warehouse = root / "raw", root / "warehouse"
    for iso3, seed in (("KEN", 1), ("PER", 2)):
        synthetic.write_round(store.input_folder(raw_root) / iso3 / f"{iso3}_2022.parquet",
                              synthetic.survey_round(iso3, 2022, 2500, seed=seed))
    instance = dg.DagsterInstance.local_temp(str(root))
    assert estimate_all(raw_root, warehouse, store.economies(raw_root), instance) == {}
    snapshots.add_files(raw_root, "flow", [store.output_folder(warehouse) / store.ESTIMATES_FILE], subdir="surveys")
    assert materialize("flow", raw_root, warehouse, instance=instance).success
    return raw_root, warehouse, instance


def test_each_economy_is_a_partition_with_its_own_parquet(flowed):
    _, warehouse, _ = flowed
    for iso3 in ("KEN", "PER"):
        estimates = pd.read_parquet(store.output_folder(warehouse, iso3) / "estimates.parquet")
        # Internet use and mobile ownership: (F, M, _T) x (4 age groups, _T) x (U, R, _T) = 45 domains each; the 11
        # skills are not asked below 15, so 3 x 4 x 3 = 36 each; household computer and Internet: (U, R, _T)
        assert set(estimates["ref_area"]) == {iso3} and len(estimates) == 2 * 45 + 11 * 36 + 2 * 3
        assert pd.read_parquet(store.output_folder(warehouse, iso3) / "quarantine.parquet").empty


def test_unconfirmed_settings_are_marked_in_the_run_metadata(flowed):
    *_, instance = flowed
    event = instance.get_latest_materialization_event(dg.AssetKey("microdata_estimates"))
    metadata = event.asset_materialization.metadata
    assert metadata["quality_rule"].value == ("fewer than 50 respondents or CV above 0.3: flag "
                                              "(status: unconfirmed)")
    assert metadata["age_groups"].value == "Y0T14, Y15T24, Y25T74, Y_GE75 (status: secondary)"
    assert metadata["respondents_read"].value == 2500


def test_estimates_reach_observations_and_sdg_indicators(flowed):
    _, warehouse, _ = flowed
    published = warehouse / "published" / "flow"
    estimates = pd.read_parquet(store.output_folder(warehouse, "KEN") / "estimates.parquet")
    headline = estimates.query("variable == 'internet_3m' and sex == 'F' and age == '_T' and urbanisation == '_T'")
    obs = pd.read_parquet(published / "observations.parquet")
    staged = obs.query("ref_area == 'KEN' and series == 'INET_USERS_PCT' and sex == 'F' and age == '_T' "
                       "and urbanisation == '_T'")
    assert staged["obs_value"].tolist() == pytest.approx(headline["estimate"].tolist(), abs=1e-9)
    assert staged["nature"].tolist() == ["C"] and staged["source"].tolist() == headline["survey"].tolist()
    assert f"standard error {headline['standard_error'].iloc[0]:.4g} percentage points" in staged["note"].iloc[0]
    sdg = pd.read_parquet(published / "sdg_indicators.parquet")
    row = sdg.query("indicator == '17.8.1' and ref_area == 'KEN' and time_period == 2022 and sex == 'F' "
                    "and age == '_T' and urbanisation == '_T'")
    assert row["obs_value"].tolist() == pytest.approx(headline["estimate"].tolist(), abs=1e-9)
    table = pd.read_parquet(published / "survey_estimates.parquet").merge(
        estimates, on=["ref_area", "time_period", "series", "breakdown", "sex", "age", "urbanisation"],
        suffixes=("", "_microdata"))
    assert len(table) == len(estimates) and (table["survey"] == table["survey_microdata"]).all()
    assert (table["respondents"] == table["respondents_microdata"]).all()
    assert (table["quality"] == table["quality_microdata"]).all()
    assert ((table["standard_error"] - table["standard_error_microdata"]).abs()
            <= 5e-4 * table["standard_error_microdata"]).all()                # 4 significant digits in the note
    files = pd.read_parquet(published / "ingest_files.parquet")
    assert files["balanced"].all() and files["rows_read"].sum() == 2 * (2 * 45 + 11 * 36 + 2 * 3)
