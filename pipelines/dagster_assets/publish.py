"""Publish step: one Dagster asset per published table, all written by one step that switches the release in
atomically. Each table's Pandera contract is a blocking check evaluated before the switch, so a table that breaks
its contract is never served."""

from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import dagster as dg

from indicators.loader import INDICATORS_DIR, derived_lists, indicator_metadata, publications
from indicators.sdg import sdmx
from pipelines.core import manifest, publish, release_tables, warehouse
from pipelines.core.machine import threads
from pipelines.core.parsing import encoding_note
from pipelines.dagster_assets.indicators import asset_of_table
from pipelines.partitions import releases
from pipelines.resources import IsocPaths

CONTRACT_CHECK = "meets_contract"


def sources_of(raw_root, release: str) -> list[dict]:
    """The manifest as datapackage `sources`: every input file with its checksum and origin, and a `note` on how a text
    file that was not UTF-8 was read."""
    folder = manifest.release_dir(raw_root, release)
    sources = []
    for e in manifest.load(raw_root, release):
        note = None if e.format == manifest.DOCUMENTATION else encoding_note(folder / e.path)
        sources.append({"title": e.path, "path": f"raw/{release}/{e.path}", "format": e.format, "origin": e.origin,
                        "sha256": e.sha256, "added": e.added, **({"note": note} if note else {})})
    return sources


def release_contracts(root: Path = INDICATORS_DIR) -> dict[str, release_tables.Contract]:
    """Every published contract: the foundation's and those the indicator specs under `root` publish."""
    return dict(_contracts(root))


@lru_cache(maxsize=None)
def _contracts(root: Path) -> dict[str, release_tables.Contract]:
    """Built once per process, as the specs they come from are loaded once (indicators.loader.load_specs): the
    definitions and the publish step need them both, and building the Pandera schemas costs about half a second."""
    return release_tables.contracts(publications(root), derived_lists(root))


# Built first, side by side: one row per record read, seconds at scale 10 (docs/benchmarks.md); the checks start as
# soon as observations is built, the other tables as a thread is free.
SLOWEST_TABLES = ("quarantine", "observations")
EXPORTED_FROM = "sdg_indicators"     # the table release_exports reads


def publish_release(paths: IsocPaths, release: str, root: Path = INDICATORS_DIR
                    ) -> tuple[str, list[publish.TableOutput]]:
    """Build and check every table (contracts, then agreement between tables), then publish and switch. Each table
    is written into the new version as soon as it is built, and the checks and the SDMX-CSV are made from the tables
    they read while the slowest are still being built. A table that breaks its contract is reported before a
    disagreement, and a disagreement before a failed export (when several tables break theirs, the first awaited is
    reported: the tables with figures come first). Nothing is served unless everything passed."""
    contracts = release_contracts(root)
    with publish.incoming_version(paths.published, release) as version:
        with (warehouse.connect(paths.warehouse, release, read_only=True, memory_limit=warehouse.PUBLISH_MEMORY_LIMIT,
                                parallel=True) as con,
              ThreadPoolExecutor(threads()) as pool):
            building = release_tables.build_each(pool, con, release, contracts, first=SLOWEST_TABLES,
                                                 then=version.write)
            try:
                figures = [f.result() for t, f in building.items() if contracts[t].meta.get("figures")]
                deferred = None     # a disagreement or a failed export: raised once every table met its contract
                try:
                    release_tables.check_agreement(figures, contracts)
                    exports = release_exports(building[EXPORTED_FROM].result() if EXPORTED_FROM in building else None,
                                              root)
                except Exception as exc:
                    deferred = exc
                tables = [future.result() for future in building.values()]
            finally:
                pool.shutdown(cancel_futures=True)      # a table that failed: the others not yet started are not
        if deferred is not None:
            raise deferred
        target = version.switch(tables, sources_of(paths.raw, release), extra_files=exports,
                                properties={"indicators": indicator_metadata(root)})
    return str(target), tables


def release_exports(sdg: publish.TableOutput | None, root: Path = INDICATORS_DIR) -> dict[str, bytes]:
    """Files published beside the Parquet: the SDMX-CSV of the SDG indicators for UNSD, from the published table
    EXPORTED_FROM (none when the release has no such table)."""
    if sdg is None:
        return {}
    return {sdmx.config()["file_name"]: sdmx.to_csv_bytes(sdmx.sdmx_frame(sdg.frame, root).frame)}


def published_key(table: str) -> dg.AssetKey:
    return dg.AssetKey(["published", table])


def column_schema(contract: release_tables.Contract) -> dg.TableSchema:
    return dg.TableSchema(columns=[
        dg.TableColumn(name, publish.frictionless_type(column.dtype), description=column.description or "")
        for name, column in contract.schema.columns.items()])


def published_assets() -> dg.AssetsDefinition:
    """The publish step as a multi-asset: one spec per published table (a table whose inputs this release lacks is
    skipped), each depending on the assets that make its source tables."""
    contracts = release_contracts()
    specs = [dg.AssetSpec(published_key(t), group_name="publish", kinds={"parquet"}, skippable=True,
                          description=f"{c.meta['title']}: {c.meta['description']}",
                          deps=sorted({asset_of_table(r) for r in c.requires}, key=str),
                          metadata={"dagster/column_schema": column_schema(c), "contract": c.model.__name__,
                                    "primary_key": ", ".join(c.meta["primary_key"])})
             for t, c in contracts.items()]
    checks = [dg.AssetCheckSpec(CONTRACT_CHECK, asset=published_key(t), blocking=True,
                                description=f"{t} meets {c.model.__name__} (schemas/published), checked before the "
                                            "release is switched in: a failure blocks publishing")
              for t, c in contracts.items()]

    @dg.multi_asset(name="published_release", specs=specs, check_specs=checks, partitions_def=releases,
                    description="warehouse/published/<release>/: Parquet (zstd) for every published contract, "
                                "datapackage.json, the SDMX-CSV; `<release>` and `latest` switched last.")
    def _assets(context: dg.AssetExecutionContext, paths: IsocPaths):
        try:
            target, tables = publish_release(paths, context.partition_key)
        except release_tables.ContractError as exc:   # nothing was switched: the failed check says which table
            yield dg.AssetCheckResult(asset_key=published_key(exc.table), check_name=CONTRACT_CHECK, passed=False,
                                      severity=dg.AssetCheckSeverity.ERROR, metadata={"failures": str(exc)})
            raise dg.Failure(description=str(exc)) from exc
        for t in tables:
            key = published_key(t.name)
            yield dg.MaterializeResult(asset_key=key, metadata={
                "dagster/row_count": len(t.frame), "path": dg.MetadataValue.path(f"{target}/{t.name}.parquet")},
                check_results=[dg.AssetCheckResult(asset_key=key, check_name=CONTRACT_CHECK, passed=True)])
        for table in sorted(set(contracts) - {t.name for t in tables}):   # a blocking check always reports
            yield dg.AssetCheckResult(asset_key=published_key(table), check_name=CONTRACT_CHECK, passed=True,
                                      severity=dg.AssetCheckSeverity.WARN,
                                      metadata={"note": "not published in this release (its source tables are absent)"})

    return _assets
