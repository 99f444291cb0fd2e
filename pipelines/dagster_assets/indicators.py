"""The indicator assets, generated from the specs (indicators/<family>/*.yaml), never written by hand: one asset per
spec, in one asset group per indicator family, all made by one Dagster step.

One step, not one per spec: most specs are one SQL statement of a few hundred milliseconds, and a step of its own
costs about 0.1 s of Dagster's bookkeeping and a reopening of the release database (benchmarks/dagster_floor.py,
docs/benchmarks.md). Families depend on each other both ways (sdg_aggregates reads aggregates, aggregate_inputs reads
the SDG tables), so one multi-asset per family would form a cycle; one for all keeps the asset graph, groups and
lineage as they were. It can be subset: materializing some indicators in the UI runs only those specs."""

import dagster as dg

from indicators import schedule
from indicators.loader import IndicatorSpec, load_specs
from pipelines.core import warehouse
from pipelines.dagster_assets.metadata import preview
from pipelines.partitions import releases
from pipelines.resources import IsocPaths

# Every warehouse table is the asset of its name (an indicator, a staged table: pipelines.core.staged_tables)
# but these, made by an asset named otherwise.
ASSET_OF_TABLE = {"revisions": "revisions_report"}


class IndicatorsFailed(Exception):
    """Indicator specs that failed, or did not run because an input failed; the independent ones were made."""


def asset_of_table(table: str) -> dg.AssetKey:
    """The asset that makes a warehouse table."""
    return dg.AssetKey(ASSET_OF_TABLE.get(table, table))


def _deps(spec: IndicatorSpec) -> list[dg.AssetKey]:
    return sorted({asset_of_table(d) for d in spec.depends_on}, key=lambda k: k.to_user_string())


def column_schema(con, table: str) -> dg.TableSchema:
    """The warehouse table's columns and DuckDB types, as Dagster shows a table's schema."""
    relation = con.table(table)
    return dg.TableSchema(columns=[dg.TableColumn(name, str(kind)) for name, kind in zip(relation.columns,
                                                                                          relation.types)])


def _asset_spec(spec: IndicatorSpec) -> dg.AssetSpec:
    return dg.AssetSpec(spec.table, group_name=spec.family, deps=_deps(spec),
                        kinds={"duckdb", "sql" if spec.engine == "sql" else "python"},
                        description=f"{spec.title} ({spec.family}; spec {spec.path.name})",
                        metadata={"spec": str(spec.path.relative_to(spec.path.parents[2])), **{
                            k: str(v) for k, v in spec.metadata.items() if isinstance(v, (str, int, float))}})


def _check_spec(spec: IndicatorSpec) -> dg.AssetCheckSpec:
    return dg.AssetCheckSpec(f"{spec.table}_is_empty", asset=spec.table, description=spec.warn_if_rows)


def _materialize(con, spec: IndicatorSpec, release: str, checked: bool) -> dg.MaterializeResult:
    """Create the spec's table; its row count, schema and first rows, and its warning check when selected."""
    rows = spec.run(con, release)
    sample = preview(con.sql(f"SELECT * FROM {spec.table} LIMIT 10").df())
    results = [dg.AssetCheckResult(check_name=f"{spec.table}_is_empty", passed=rows == 0,
                                   severity=dg.AssetCheckSeverity.WARN, metadata={"findings": rows, "preview": sample})
               ] if checked else []
    return dg.MaterializeResult(asset_key=spec.table, check_results=results, metadata={
        "dagster/row_count": rows, "dagster/column_schema": column_schema(con, spec.table), "preview": sample})


def indicator_assets() -> dg.AssetsDefinition:
    specs = load_specs()

    @dg.multi_asset(name="indicators", specs=[_asset_spec(s) for s in specs], partitions_def=releases,
                    check_specs=[_check_spec(s) for s in specs if s.warn_if_rows], can_subset=True,
                    description="Every indicator table of the release, each from its spec (indicators/<family>/"
                                "*.yaml), in one step and one connection to the release database: a spec runs "
                                "once the specs it reads are made, beside others (indicators/schedule.py); a "
                                "failing spec stops only the specs that read it.")
    def _indicators(context: dg.AssetExecutionContext, paths: IsocPaths):
        selected = context.selected_asset_keys
        checks = {key.asset_key for key in context.selected_asset_check_keys}
        chosen = [s for s in specs if dg.AssetKey(s.table) in selected]
        failed: dict[str, str] = {}      # table -> why, for a spec that failed or whose input did

        def work(cursor, spec: IndicatorSpec) -> dg.MaterializeResult:
            return _materialize(cursor, spec, context.partition_key, dg.AssetKey(spec.table) in checks)

        with warehouse.connect(paths.warehouse, context.partition_key) as con:
            for outcome in schedule.run_specs(con, chosen, work, schedule.default_workers()):
                spec = outcome.spec
                if outcome.inputs_failed:
                    failed[spec.table] = f"not run: its input {', '.join(outcome.inputs_failed)} failed"
                elif outcome.error is not None:
                    failed[spec.table] = f"{type(outcome.error).__name__}: {outcome.error}"
                    context.log.error(f"indicator {spec.table} ({spec.family}/{spec.path.name}) failed: "
                                      f"{outcome.error}")
                else:
                    context.log.info(f"{spec.table}: {outcome.seconds:.2f} s")
                    yield outcome.value
        if failed:
            raise IndicatorsFailed(f"{len(failed)} indicator(s) not made (the others are): " + "; ".join(
                f"{s.table}: {failed[s.table]}" for s in chosen if s.table in failed))   # in the specs' order

    return _indicators
