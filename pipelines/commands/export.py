"""`isoc export sdmx --release R --out FILE`: the SDG indicators of a published release as SDMX-CSV for UNSD.

The same file is published with every release (warehouse/published/<release>/sdmx/); this command writes it
wherever the statistician needs it and says how many rows and which areas were left out.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.commands._paths import add_path_options
from pipelines.core import publish


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="export a published release in a reporting format")
    parser.add_argument("format", choices=["sdmx"], help="sdmx: SDMX-CSV of the SDG indicators (IAEG-SDGs DF_SDG_GLH)")
    parser.add_argument("--release", required=True, help="published release name (or latest)")
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    add_path_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import pandas as pd

    from indicators.sdg import sdmx

    published = args.warehouse.resolve() / "published"
    source = published / publish.release_name(published, args.release) / "sdg_indicators.parquet"
    if not source.exists():
        print(f"error: {source} not found: run the release first (isoc run --release {args.release})", file=sys.stderr)
        return 2
    try:
        export = sdmx.sdmx_frame(pd.read_parquet(source))
    except sdmx.SdmxCodeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(sdmx.to_csv_bytes(export.frame))
    print(f"wrote {args.out}: {len(export.frame)} rows ({sdmx.config()['dataflow']}); {export.left_out} aggregate rows "
          "left out (ITU regions and income groups have no M49 code)")
    return 0
