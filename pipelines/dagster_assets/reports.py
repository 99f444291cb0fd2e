"""Report asset: after publishing, the profile site, statistical tables workbook and charts of the release."""

import dagster as dg

from pipelines.partitions import releases
from pipelines.reports.produce import produce, reports_dir
from pipelines.resources import IsocPaths


def release_reports_asset(published: dg.AssetsDefinition) -> dg.AssetsDefinition:
    @dg.asset(name="release_reports", group_name="report", partitions_def=releases, deps=list(published.keys),
              kinds={"html", "excel"},
              description="warehouse/reports/<release>/: profiles/ (static HTML site, one page per economy), "
                          "tables/statistical_tables.xlsx (MIS-style annex tables), charts/ (PNG, SVG and CSV), "
                          "all read from the published Parquet.")
    def _asset(context: dg.AssetExecutionContext, paths: IsocPaths) -> dg.MaterializeResult:
        out = reports_dir(paths.warehouse, context.partition_key)
        written = produce(paths.published, context.partition_key, out)
        return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(out)),
                                              **{kind: len(files) for kind, files in written.items()}})

    return _asset
