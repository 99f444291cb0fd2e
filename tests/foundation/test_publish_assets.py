"""The publish step's contract checks: one blocking check per published table, evaluated before anything is
switched; a table that breaks its contract fails its check and the step, and nothing is published."""
import dagster as dg

from pipelines.core.release_tables import ContractError
from pipelines.dagster_assets import publish as publish_assets
from pipelines.resources import IsocPaths


def test_a_contract_failure_fails_its_check_and_publishes_nothing(monkeypatch, tmp_path):
    def breaks(paths, release, root=None):
        raise ContractError("sdg_findings", "published table 'sdg_findings' breaks its contract: rule 'x'")

    monkeypatch.setattr(publish_assets, "publish_release", breaks)
    assets = publish_assets.published_assets()
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("release", ["demo"])
    result = dg.materialize([assets], partition_key="demo", instance=instance, raise_on_error=False,
                            resources={"paths": IsocPaths(raw_root=str(tmp_path), warehouse_dir=str(tmp_path))})
    assert not result.success
    evaluations = [e.event_specific_data for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"]
    assert [(e.asset_key.to_user_string(), e.check_name, e.passed) for e in evaluations] == \
        [("published/sdg_findings", "meets_contract", False)]
    assert not result.get_asset_materialization_events() and not (tmp_path / "published").exists()
