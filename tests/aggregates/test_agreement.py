"""One value per figure: tables that show the same figure must agree, or the release is not published."""
import shutil
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest

from pipelines.core import agreement, release_tables, warehouse
from pipelines.core.publish import TableOutput
from pipelines.dagster_assets.publish import publish_release, release_contracts
from pipelines.resources import IsocPaths

SDG = [{"value": "obs_value", "sex": "sex", "sdg_codes": True}]
PROFILE = [{"value": "internet_users_pct_world", "ref_area": "=WLD", "series": "=INET_USERS_PCT"}]


def tables(world_in_profiles: float) -> dict:
    sdg = pd.DataFrame({"series": ["IT_USE_ii99", "IT_USE_ii99"], "ref_area": ["WLD", "WLD"],
                        "time_period": [2022, 2023], "sex": ["_T", "_T"], "obs_value": [64.4, 67.4]})
    profiles = pd.DataFrame({"ref_area": ["KEN", "DEU"], "time_period": [2023, 2023],
                             "internet_users_pct_world": [world_in_profiles, world_in_profiles]})
    return {"sdg_aggregates": (sdg, SDG), "country_profiles": (profiles, PROFILE)}


def test_the_same_figure_with_the_same_value_passes():
    assert agreement.check(tables(67.4)) == 2   # WLD 2022 and WLD 2023 (shown twice, once per profile row)


def test_a_different_value_names_the_figure_and_both_tables():
    with pytest.raises(agreement.DisagreementError) as err:
        agreement.check(tables(67.5))
    text = str(err.value)
    assert text.startswith("1 figure(s) have different values")
    assert "INET_USERS_PCT WLD 2023" in text
    assert "sdg_aggregates.obs_value = 67.4" in text and "country_profiles.internet_users_pct_world = 67.5" in text


def test_where_keeps_only_the_rows_that_show_the_figure():
    prices = pd.DataFrame({"ref_area": ["KEN", "KEN"], "time_period": [2023, 2023], "basket": ["FBB_5GB"] * 2,
                           "method": ["reported", "computed"], "price_usd": [20.0, 18.0]})
    spec = [{"value": "price_usd", "series": "=BASKET_PRICE_USD", "breakdown": "basket",
             "where": {"method": "reported"}}]
    obs = pd.DataFrame({"series": ["BASKET_PRICE_USD"], "ref_area": ["KEN"], "time_period": [2023],
                        "breakdown": ["FBB_5GB"], "obs_value": [20.0]})
    assert agreement.check({"prices": (prices, spec),
                            "observations": (obs, [{"value": "obs_value", "breakdown": "breakdown"}])}) == 1


@pytest.mark.e2e
def test_demo_tables_agree_and_one_edited_value_blocks_publishing(demo_release, tmp_path, monkeypatch):
    _, wh, release = demo_release
    contracts = release_contracts()
    with warehouse.connect(wh, release, read_only=True) as con, ThreadPoolExecutor(2) as pool:
        built = [f.result() for f in release_tables.build_each(pool, con, release, contracts).values()]
    assert release_tables.check_agreement(built, contracts) > 10_000

    real_build = release_tables.build_table

    def edited(con, contract, name):          # country_profiles as built, one world value moved
        table = real_build(con, contract, name)
        if table.name != "country_profiles":
            return table
        frame = table.frame.copy()
        first = frame["internet_users_pct_world"].first_valid_index()
        frame.loc[first, "internet_users_pct_world"] += 0.01
        return TableOutput(table.name, frame, table.title, table.description, table.fields, table.primary_key)

    monkeypatch.setattr(release_tables, "build_table", edited)
    copy = tmp_path / "warehouse"
    shutil.copytree(wh / "duckdb", copy / "duckdb")
    paths = IsocPaths(raw_root=str(tmp_path / "raw"), warehouse_dir=str(copy))
    with pytest.raises(agreement.DisagreementError, match="country_profiles.internet_users_pct_world"):
        publish_release(paths, release)
    published = copy / "published"
    assert not (published / release).exists() and not (published / "latest").exists()   # nothing served
    assert list((published / ".versions").iterdir()) == []       # the tables written meanwhile were removed


@pytest.mark.e2e
def test_a_table_that_breaks_its_contract_is_reported_before_a_disagreement(demo_release, tmp_path, monkeypatch):
    """The checks of agreement run while the slowest tables are still being built (publish_release): a contract
    failure of one of those is still the error reported, as if every table had been built first."""
    raw_root, wh, release = demo_release
    real_build = release_tables.build_table

    def broken(con, contract, name):
        table = real_build(con, contract, name)
        if table.name == "quarantine":            # no figure of its own: built beside the checks
            raise release_tables.ContractError("quarantine", "published table 'quarantine' breaks its contract")
        if table.name == "country_profiles":
            frame = table.frame.copy()
            frame.loc[frame["internet_users_pct_world"].first_valid_index(), "internet_users_pct_world"] += 0.01
            return TableOutput(table.name, frame, table.title, table.description, table.fields, table.primary_key)
        return table

    monkeypatch.setattr(release_tables, "build_table", broken)
    copy = tmp_path / "warehouse"
    shutil.copytree(wh / "duckdb", copy / "duckdb")
    with pytest.raises(release_tables.ContractError, match="quarantine"):
        publish_release(IsocPaths(raw_root=str(raw_root), warehouse_dir=str(copy)), release)
    assert not (copy / "published" / release).exists()


@pytest.mark.e2e
def test_a_disagreement_is_reported_before_a_failed_export(demo_release, tmp_path, monkeypatch):
    """The SDMX-CSV is made while the slowest tables are built; its failure waits for the checks before it."""
    from pipelines.dagster_assets import publish as publish_assets

    raw_root, wh, release = demo_release
    real_build = release_tables.build_table

    def edited(con, contract, name):
        table = real_build(con, contract, name)
        if table.name != "country_profiles":
            return table
        frame = table.frame.copy()
        frame.loc[frame["internet_users_pct_world"].first_valid_index(), "internet_users_pct_world"] += 0.01
        return TableOutput(table.name, frame, table.title, table.description, table.fields, table.primary_key)

    def export_fails(tables, root):
        raise RuntimeError("the SDMX-CSV could not be made")

    monkeypatch.setattr(release_tables, "build_table", edited)
    monkeypatch.setattr(publish_assets, "release_exports", export_fails)
    copy = tmp_path / "warehouse"
    shutil.copytree(wh / "duckdb", copy / "duckdb")
    paths = IsocPaths(raw_root=str(raw_root), warehouse_dir=str(copy))
    with pytest.raises(agreement.DisagreementError, match="country_profiles.internet_users_pct_world"):
        publish_release(paths, release)
    monkeypatch.setattr(release_tables, "build_table", real_build)       # tables that agree: the export's error
    with pytest.raises(RuntimeError, match="the SDMX-CSV could not be made"):
        publish_release(paths, release)
    assert not (copy / "published" / release).exists()
