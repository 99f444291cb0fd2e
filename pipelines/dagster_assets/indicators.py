"""One Dagster asset per indicator spec (indicators/<family>/*.yaml), generated, never written by hand; one asset
group per indicator family."""

import dagster as dg

from indicators.loader import IndicatorSpec, load_specs
from pipelines.core import warehouse
from pipelines.dagster_assets.metadata import preview
from pipelines.partitions import releases
from pipelines.resources import IsocPaths

# Every warehouse table is the asset of its name (an indicator, a staged table: pipelines.core.staged_tables)
# but these, made by an asset named otherwise.
ASSET_OF_TABLE = {"revisions": "revisions_report"}


def asset_of_table(table: str) -> dg.AssetKey:
    """The asset that makes a warehouse table."""
    return dg.AssetKey(ASSET_OF_TABLE.get(table, table))


def _deps(spec: IndicatorSpec) -> list[dg.AssetKey]:
    return sorted({asset_of_table(d) for d in spec.depends_on}, key=lambda k: k.to_user_string())


def column_schema(con, table: str) -> dg.TableSchema:
    """The warehouse table's columns and DuckDB types, as Dagster shows a table's schema."""
    rows = con.execute("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
                       "ORDER BY ordinal_position", [table]).fetchall()
    return dg.TableSchema(columns=[dg.TableColumn(name, kind) for name, kind in rows])


def indicator_asset(spec: IndicatorSpec) -> dg.AssetsDefinition:
    checks = [dg.AssetCheckSpec(f"{spec.table}_is_empty", asset=spec.table, description=spec.warn_if_rows)
              ] if spec.warn_if_rows else []

    @dg.asset(name=spec.table, group_name=spec.family, partitions_def=releases, deps=_deps(spec),
              check_specs=checks,
              kinds={"duckdb", "sql" if spec.engine == "sql" else "python"},
              description=f"{spec.title} ({spec.family}; spec {spec.path.name})",
              metadata={"spec": str(spec.path.relative_to(spec.path.parents[2])), **{
                  k: str(v) for k, v in spec.metadata.items() if isinstance(v, (str, int, float))}})
    def _asset(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
        with warehouse.connect(paths.warehouse, context.partition_key) as con:
            rows = spec.run(con, context.partition_key)
            sample = con.sql(f"SELECT * FROM {spec.table} LIMIT 10").df()
            schema = column_schema(con, spec.table)
        results = [dg.AssetCheckResult(check_name=c.name, passed=rows == 0, severity=dg.AssetCheckSeverity.WARN,
                                       metadata={"findings": rows, "preview": preview(sample)})
                   for c in checks]
        return dg.MaterializeResult(metadata={"dagster/row_count": rows, "dagster/column_schema": schema,
                                              "preview": preview(sample)}, check_results=results)

    return _asset


def indicator_assets() -> list[dg.AssetsDefinition]:
    return [indicator_asset(s) for s in load_specs()]
