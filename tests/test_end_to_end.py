"""End to end: the demo release and the release of every real file in ../shared/data, materialized in-process."""
import json

import duckdb
import pandas as pd
import pytest

from pipelines.core import manifest

FOUNDATION_TABLES = {"observations", "quarantine", "qa_findings", "ingest_files", "economies"}


def published(warehouse, release):
    return warehouse / "published" / release


def test_definitions_load_with_groups_job_sensor_and_checks():
    import dagster as dg

    from pipelines.definitions import defs

    job = defs.resolve_job_def("release_job")
    assert job.partitions_def.name == "release"
    specs = {spec.key.to_user_string(): spec for spec in defs.resolve_all_asset_specs()}
    assert {"ingest", "stage", "sdg", "aggregates", "idi", "wsis", "baskets", "publish"} <= \
        {spec.group_name for spec in specs.values()}
    assert specs["sdg_17_8_1"].group_name == "sdg" and specs["aggregates"].group_name == "aggregates"
    published = specs["published/sdg_indicators"]   # one asset per published table, its schema from the contract
    assert published.group_name == "publish"
    columns = [c.name for c in published.metadata["dagster/column_schema"].columns]
    assert columns[:3] == ["release", "indicator", "series"] and "provenance" in columns
    assert {d.asset_key.to_user_string() for d in published.deps} == {"sdg_indicators"}
    assert {d.asset_key.to_user_string() for d in specs["published/observations"].deps} == {"observations"}
    checks = defs.resolve_asset_graph().asset_check_keys
    assert dg.AssetCheckKey(published.key, "meets_contract") in checks
    assert defs.resolve_sensor_def("release_manifest_sensor")


@pytest.mark.e2e
def test_demo_release_publishes_every_contract_and_accounts_for_every_row(demo_release):
    raw_root, warehouse, release = demo_release
    out = published(warehouse, release)
    names = {p.stem for p in out.glob("*.parquet")}
    assert FOUNDATION_TABLES <= names
    package = json.loads((out / "datapackage.json").read_text())
    assert {r["name"] for r in package["resources"]} == names
    assert len(package["sources"]) == len(manifest.load(raw_root, release))
    files = pd.read_parquet(out / "ingest_files.parquet")
    assert files["balanced"].all(), files[~files["balanced"]]
    assert files["rows_read"].sum() == files["rows_staged"].sum() + files["rows_quarantined"].sum()
    assert len(pd.read_parquet(out / "observations.parquet")) == files["rows_staged"].sum() - _other_staged_rows(
        warehouse, release)
    assert (warehouse / "published" / "latest").resolve() == out.resolve()


def _other_staged_rows(warehouse, release):
    """Staged records that are not observations: economy reference rows and the staged own tables (tariff plans)."""
    from pipelines.core.staging import OWN_TABLES

    con = duckdb.connect(str(warehouse / "duckdb" / f"{release}.duckdb"), read_only=True)
    try:
        return sum(con.sql(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in ("economy_reference", *OWN_TABLES))
    finally:
        con.close()


@pytest.mark.e2e
def test_demo_deliberate_errors_are_quarantined_under_their_rules(demo_release):
    from pipelines.demo import DELIBERATE_ERRORS

    _, warehouse, release = demo_release
    q = pd.read_parquet(published(warehouse, release) / "quarantine.parquet")
    for error in DELIBERATE_ERRORS:
        rule = error["expected_rule"] if isinstance(error, dict) else error[2]
        assert rule in set(q["rule"]), f"deliberate error {error} was not quarantined under {rule}"


@pytest.mark.integration
def test_real_release_stages_known_values_with_provenance(real_release):
    _, warehouse, release = real_release
    obs = pd.read_parquet(published(warehouse, release) / "observations.parquet")
    key = obs.set_index(["ref_area", "time_period", "series", "sex", "breakdown"])
    deu = key.loc[("DEU", 2024, "FBB_SUBS_P100", "_T", "_T")]
    assert deu["obs_value"] == pytest.approx(45.6069, abs=5e-5)
    assert deu["source_code"] == "i992b" and deu["file"].endswith("fixed_broadband_subscriptions.csv")
    assert key.loc[("KEN", 2024, "COV_4G_PCT", "_T", "_T")]["obs_value"] == pytest.approx(97.3)
    assert key.loc[("IND", 2024, "POP_TOTAL", "_T", "_T")]["obs_value"] == 1450935791


@pytest.mark.integration
def test_real_release_newer_vintage_of_redistributed_itu_data_wins_and_says_so(real_release):
    _, warehouse, release = real_release
    obs = pd.read_parquet(published(warehouse, release) / "observations.parquet")
    key = obs.set_index(["ref_area", "time_period", "series", "sex", "breakdown"])
    kenya = key.loc[("KEN", 2015, "INET_USERS_PCT", "_T", "_T")]       # 45.6 in ITU's 2016 edition, revised since
    assert kenya["obs_value"] == pytest.approx(16.5879, abs=5e-5)
    assert kenya["source"] == ("ITU via World Bank WDI via Our World in Data (vintage 2024, declared in the release "
                               "manifest)")
    population = key.loc[("KEN", 2016, "POP_TOTAL", "_T", "_T")]          # 49,051,686 in the 2020 vintage
    assert population["obs_value"] == 48_139_687
    assert population["source"] == "World Bank WDI (last updated 2025-06-05)"
    q = pd.read_parquet(published(warehouse, release) / "quarantine.parquet")
    legacy = q[(q["rule"] == "superseded") & q["file"].str.startswith("itu_wti_fts_mts_iu_2000_2015/")
               & q["reason"].str.contains("INET_USERS_PCT for KEN 2015")]
    assert legacy["reason"].str.contains("the newer vintage 2024 against this file's vintage 2016").all()
    assert len(legacy) == 1
    files = pd.read_parquet(published(warehouse, release) / "ingest_files.parquet").set_index("file")
    old_totals = files.loc[files.index.str.startswith("wb_wdi_population_by_sex/wdi_2020-05-19/API_SP.POP.TOTL_")]
    assert (old_totals["rows_staged"] == 0).all() and (old_totals["vintage"] == "2020-05-19").all()


@pytest.mark.integration
def test_real_release_reads_every_file_and_balances(real_release, shared_data):
    raw_root, warehouse, release = real_release
    entries = manifest.load(raw_root, release)
    data_files = [p for p in shared_data.rglob("*") if p.is_file() and p.suffix != ".md"]
    assert len([e for e in entries if e.format != manifest.DOCUMENTATION]) == len(data_files)
    files = pd.read_parquet(published(warehouse, release) / "ingest_files.parquet")
    assert files["balanced"].all(), files[~files["balanced"]]
    assert (files["file_errors"] == 0).all()



@pytest.mark.parametrize("fixture", ["demo_release", "real_release"])
def test_every_published_table_is_unique_on_its_declared_primary_key(fixture, request):
    """datapackage.json declares each table's primary key to dashboards; on the real files one line of a wide file
    loses several years' values to a newer source, which a key without the reason did not tell apart."""
    from pipelines.dagster_assets.publish import release_contracts

    _, warehouse, release = request.getfixturevalue(fixture)
    for table, contract in release_contracts().items():
        key = list(contract.meta["primary_key"])
        frame = pd.read_parquet(published(warehouse, release) / f"{table}.parquet", columns=key)
        assert not frame.duplicated().any(), f"{table}: {frame[frame.duplicated(keep=False)].head()}"
    if fixture == "real_release":   # the 2020 .xls loses to its .csv twin, value by value, each named
        quarantine = pd.read_parquet(published(warehouse, release) / "quarantine.parquet")
        line = quarantine[quarantine["file"].str.endswith("by_gender_urban_rural_2020.xls") & (quarantine["line"] == 4)]
        said = dict(zip(line["value"], line["reason"].str.extract(r"line 4: (.*) for DZA 2018")[0]))
        assert said["25.9"] == "INET_USERS_PCT (sex F, urbanisation R)" and said["49.0"] == "INET_USERS_PCT"
        assert len(said) == len(line) == 9

@pytest.mark.slow
def test_dagster_definitions_validate_passes(tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path

    dagster = Path(sys.executable).parent / "dagster"
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path)}
    done = subprocess.run([str(dagster), "definitions", "validate", "-m", "pipelines.definitions"],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Validation successful" in done.stderr + done.stdout


@pytest.mark.e2e
def test_the_same_release_run_again_gives_byte_identical_parquet(demo_release, tmp_path):
    import hashlib

    import dagster as dg

    from pipelines.commands.run import materialize

    raw_root, warehouse, release = demo_release
    assert materialize(release, raw_root, tmp_path, instance=dg.DagsterInstance.ephemeral()).success
    digest = lambda folder: {p.name: hashlib.sha256(p.read_bytes()).hexdigest()   # noqa: E731
                             for p in sorted(published(folder, release).glob("*.parquet"))}
    first, again = digest(warehouse), digest(tmp_path)
    assert len(first) >= 20 and again == first


@pytest.mark.e2e
def test_every_staged_table_is_declared_and_is_its_own_asset(demo_release):
    """pipelines.core.staged_tables names exactly what the stage step leaves in the release database (the ingest_*
    and staging_* work tables aside), and each is one asset of the staged_observations multi-asset, upstream of what
    reads it."""
    from pipelines.core.staged_tables import staging_step_tables
    from pipelines.definitions import defs

    _, warehouse, release = demo_release
    con = duckdb.connect(str(warehouse / "duckdb" / f"{release}.duckdb"), read_only=True)
    try:
        made = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()
    specs = {spec.key.to_user_string(): spec for spec in defs.resolve_all_asset_specs()}
    STAGED_TABLES = staging_step_tables()
    other_assets = {k for k in specs if "/" not in k} - set(STAGED_TABLES)   # indicators, qa_findings
    work = {t for t in made if t.startswith(("ingest_", "staging_")) and t != "ingest_files"} | {
        "revisions", "release_lineage"}
    assert made - other_assets - work == set(STAGED_TABLES)
    stage = defs.resolve_assets_def("observations")
    assert {k.to_user_string() for k in stage.keys} == set(STAGED_TABLES)
    assert {d.asset_key.to_user_string() for d in specs["price_baskets"].deps} == {
        "tariff_plans", "observations", "exchange_rate", "gni_per_capita"}


@pytest.mark.e2e
def test_one_indicator_materializes_alone_from_the_indicators_step(demo_release, tmp_path):
    """The indicators multi-asset can be subset (the UI's "materialize selected"): only the selected spec runs and
    reports; a table it does not select stays as it was (here: dropped beforehand, still absent after)."""
    import shutil

    import dagster as dg

    from pipelines.definitions import INDICATORS
    from pipelines.resources import IsocPaths

    raw_root, warehouse, release = demo_release
    database = tmp_path / "duckdb" / f"{release}.duckdb"
    database.parent.mkdir()
    shutil.copy(warehouse / "duckdb" / f"{release}.duckdb", database)
    con = duckdb.connect(str(database))
    con.execute("DROP TABLE idi")
    con.execute("DELETE FROM sdg_17_8_1")
    con.close()
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("release", [release])
    result = dg.materialize([INDICATORS], selection=["sdg_17_8_1"], partition_key=release, instance=instance,
                            resources={"paths": IsocPaths(raw_root=str(raw_root), warehouse_dir=str(tmp_path))})
    assert result.success
    done = result.get_asset_materialization_events()
    assert [e.asset_key.to_user_string() for e in done] == ["sdg_17_8_1"]
    con = duckdb.connect(str(database), read_only=True)
    try:
        rows = con.sql("SELECT count(*) FROM sdg_17_8_1").fetchall()[0][0]
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    finally:
        con.close()
    assert rows > 0 and done[0].materialization.metadata["dagster/row_count"].value == rows
    assert "idi" not in tables


@pytest.mark.e2e
def test_a_failing_indicator_stops_only_the_specs_that_read_it_and_every_failure_is_listed(demo_release, tmp_path,
                                                                                            monkeypatch):
    import shutil

    import dagster as dg

    from indicators.loader import IndicatorSpec
    from pipelines.commands._errors import describe_failure
    from pipelines.definitions import INDICATORS
    from pipelines.resources import IsocPaths

    raw_root, warehouse, release = demo_release
    (tmp_path / "duckdb").mkdir()
    shutil.copy(warehouse / "duckdb" / f"{release}.duckdb", tmp_path / "duckdb" / f"{release}.duckdb")
    real_run = IndicatorSpec.run

    def run(spec, con, release):
        if spec.table in ("idi_inputs", "price_basket_definitions"):
            raise ValueError(f"broken {spec.table}")
        return real_run(spec, con, release)

    monkeypatch.setattr(IndicatorSpec, "run", run)
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("release", [release])
    result = dg.materialize([INDICATORS], partition_key=release, instance=instance, raise_on_error=False,
                            resources={"paths": IsocPaths(raw_root=str(raw_root), warehouse_dir=str(tmp_path))})
    assert not result.success
    made = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert {"aggregates", "sdg_indicators", "wsis_targets", "gender_parity"} <= made      # independent of the two
    assert not made & {"idi_inputs", "idi", "country_profiles", "country_profiles_latest", "price_basket_definitions"}
    [failure] = [e for e in result.all_events if e.is_step_failure]
    message = describe_failure(failure.event_specific_data.error)       # the line `isoc run` prints
    assert "IndicatorsFailed: 5 indicator(s) not made (the others are): " in message
    assert "idi_inputs: ValueError: broken idi_inputs" in message
    assert "price_basket_definitions: ValueError: broken price_basket_definitions" in message
    assert "idi: not run: its input idi_inputs failed" in message
    assert "country_profiles_latest: not run: its input country_profiles failed" in message
