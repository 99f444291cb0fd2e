"""Where raw snapshots and the warehouse live by default: the repository's raw/ and warehouse/ folders, or
ISOC_RAW_ROOT and ISOC_WAREHOUSE. Apart from Dagster, so a command that never starts Dagster reads them too."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def default_raw_root() -> str:
    return os.environ.get("ISOC_RAW_ROOT", str(REPO_ROOT / "raw"))


def default_warehouse() -> str:
    return os.environ.get("ISOC_WAREHOUSE", str(REPO_ROOT / "warehouse"))
