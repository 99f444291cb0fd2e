"""Dagster resources: where raw snapshots live and where the warehouse is."""

from pathlib import Path

import dagster as dg

from pipelines.core.paths import default_raw_root, default_warehouse


class IsocPaths(dg.ConfigurableResource):
    """Raw snapshot root and warehouse folder (DuckDB files, published Parquet). Configured per run (`isoc run` sets
    both); left unset, they are ISOC_RAW_ROOT / ISOC_WAREHOUSE, else raw/ and warehouse/ of the repository, read
    when a run uses them, not when the code location is imported."""

    raw_root: str | None = None
    warehouse_dir: str | None = None

    @property
    def raw(self) -> Path:
        return Path(self.raw_root or default_raw_root())

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_dir or default_warehouse())

    @property
    def published(self) -> Path:
        return self.warehouse / "published"
