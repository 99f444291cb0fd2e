"""Options every command that touches a release shares."""
from __future__ import annotations

import argparse
from pathlib import Path

from pipelines.core.paths import default_raw_root, default_warehouse


def add_path_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw-root", type=Path, default=Path(default_raw_root()),
                        help="folder holding raw/<release>/ snapshots (default: %(default)s; env ISOC_RAW_ROOT)")
    parser.add_argument("--warehouse", type=Path, default=Path(default_warehouse()),
                        help="warehouse folder for DuckDB files and published Parquet (default: %(default)s; "
                             "env ISOC_WAREHOUSE)")
