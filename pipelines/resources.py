"""Dagster resources: where raw snapshots live and where the warehouse is."""

import os
from pathlib import Path

import dagster as dg

REPO_ROOT = Path(__file__).resolve().parents[1]


def default_raw_root() -> str:
    return os.environ.get("ISOC_RAW_ROOT", str(REPO_ROOT / "raw"))


def default_warehouse() -> str:
    return os.environ.get("ISOC_WAREHOUSE", str(REPO_ROOT / "warehouse"))


class IsocPaths(dg.ConfigurableResource):
    """Raw snapshot root and warehouse folder (DuckDB files, published Parquet)."""

    raw_root: str = default_raw_root()
    warehouse_dir: str = default_warehouse()

    @property
    def raw(self) -> Path:
        return Path(self.raw_root)

    @property
    def warehouse(self) -> Path:
        return Path(self.warehouse_dir)

    @property
    def published(self) -> Path:
        return self.warehouse / "published"
