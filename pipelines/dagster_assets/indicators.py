"""One Dagster asset per indicator spec (indicators/<family>/*.yaml), generated, never written by hand."""

import dagster as dg

from indicators.loader import IndicatorSpec, load_specs
from pipelines.core import warehouse
from pipelines.dagster_assets.metadata import preview
from pipelines.partitions import releases
from pipelines.resources import IsocPaths

# The stage asset that creates each staged table an indicator may depend on.
STAGE_ASSET_OF_TABLE = {"qa_findings": "qa_findings"}
DEFAULT_STAGE_ASSET = "staged_observations"


def _deps(spec: IndicatorSpec, indicator_tables: set[str]) -> list[dg.AssetKey]:
    keys = {dg.AssetKey(d) if d in indicator_tables else dg.AssetKey(STAGE_ASSET_OF_TABLE.get(d, DEFAULT_STAGE_ASSET))
            for d in spec.depends_on}
    return sorted(keys, key=lambda k: k.to_user_string())


def indicator_asset(spec: IndicatorSpec, indicator_tables: set[str]) -> dg.AssetsDefinition:
    checks = [dg.AssetCheckSpec(f"{spec.table}_is_empty", asset=spec.table, description=spec.warn_if_rows)
              ] if spec.warn_if_rows else []

    @dg.asset(name=spec.table, group_name="indicators", partitions_def=releases, deps=_deps(spec, indicator_tables),
              check_specs=checks,
              kinds={"duckdb", "sql" if spec.engine == "sql" else "python"},
              description=f"{spec.title} ({spec.family}; spec {spec.path.name})",
              metadata={"spec": str(spec.path.relative_to(spec.path.parents[2])), **{
                  k: str(v) for k, v in spec.metadata.items() if isinstance(v, (str, int, float))}})
    def _asset(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
        with warehouse.connect(paths.warehouse, context.partition_key) as con:
            rows = spec.run(con, context.partition_key)
            sample = con.sql(f"SELECT * FROM {spec.table} LIMIT 10").df()
        results = [dg.AssetCheckResult(check_name=c.name, passed=rows == 0, severity=dg.AssetCheckSeverity.WARN,
                                       metadata={"rows": rows, "preview": preview(sample)}) for c in checks]
        return dg.MaterializeResult(metadata={"rows": rows, "preview": preview(sample)}, check_results=results)

    return _asset


def indicator_assets() -> list[dg.AssetsDefinition]:
    specs = load_specs()
    tables = {s.table for s in specs}
    return [indicator_asset(s, tables) for s in specs]
