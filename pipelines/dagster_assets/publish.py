"""Publish asset: every published contract as Parquet + datapackage.json, switched in atomically."""

import dagster as dg
import pandas as pd
import pandera.pandas as pa

from indicators.loader import indicator_metadata
from indicators.sdg import sdmx
from pipelines.core import manifest, publish, release_tables, warehouse
from pipelines.core.parsing import encoding_note
from pipelines.partitions import releases
from pipelines.resources import IsocPaths


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


def publish_release(paths: IsocPaths, release: str) -> tuple[str, list[publish.TableOutput]]:
    with warehouse.connect(paths.warehouse, release, read_only=True) as con:
        tables = release_tables.build_all(con, release)
    release_tables.check_agreement(tables)
    target = publish.publish(paths.published, release, tables, sources_of(paths.raw, release),
                             extra_files=release_exports(tables), properties={"indicators": indicator_metadata()})
    return str(target), tables


def release_exports(tables: list[publish.TableOutput]) -> dict[str, bytes]:
    """Files published beside the Parquet: the SDMX-CSV of the SDG indicators for UNSD."""
    frames = {t.name: t.frame for t in tables}
    if "sdg_indicators" not in frames:
        return {}
    return {sdmx.config()["file_name"]: sdmx.to_csv_bytes(sdmx.sdmx_frame(frames["sdg_indicators"]).frame)}


def published_release_asset(upstream: list[dg.AssetKey]) -> dg.AssetsDefinition:
    @dg.asset(name="published_release", group_name="publish", partitions_def=releases, deps=upstream,
              kinds={"parquet"}, description="warehouse/published/<release>/: Parquet (zstd) for every published "
                                                "contract, datapackage.json, quarantine; `latest` switched last.")
    def _asset(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
        target, tables = publish_release(paths, context.partition_key)
        return dg.MaterializeResult(metadata={
            "path": dg.MetadataValue.path(target),
            "tables": dg.MetadataValue.md("\n".join(f"- {t.name}: {len(t.frame)} rows" for t in tables))})

    return _asset


def contract_checks(published_asset: dg.AssetsDefinition) -> list[dg.AssetChecksDefinition]:
    """One check per published Pandera contract, re-reading the published Parquet: history per table in the UI."""
    from schemas.published import published_models

    def make(table: str, model) -> dg.AssetChecksDefinition:
        @dg.asset_check(asset=published_asset, name=f"{table}_meets_contract",
                        description=f"{table}.parquet meets {model.__name__} (schemas/published)")
        def _check(context: dg.AssetCheckExecutionContext, paths: IsocPaths) -> dg.AssetCheckResult:
            path = paths.published / context.partition_key / f"{table}.parquet"
            if not path.exists():
                return dg.AssetCheckResult(passed=True, severity=dg.AssetCheckSeverity.WARN,
                                           metadata={"note": "not published in this release (inputs absent)"})
            frame = pd.read_parquet(path)
            try:
                model.to_schema().validate(frame, lazy=True)
                return dg.AssetCheckResult(passed=True, metadata={"rows": len(frame)})
            except pa.errors.SchemaErrors as exc:
                return dg.AssetCheckResult(passed=False, severity=dg.AssetCheckSeverity.ERROR,
                                           metadata={"failures": len(exc.failure_cases)})

        return _check

    return [make(table, model) for table, model in published_models().items()]
