"""One release measurement, run in its own process by bench_release.py:
    python -m benchmarks.run_release RAW_ROOT WAREHOUSE RELEASE
Materializes the whole release_job in-process (Dagster included: ingest, stage, indicators, checks, publish) on an
ephemeral Dagster instance and prints {"seconds", "peak_rss_bytes" (with the processes that read a large release),
"rows_read", "observations", "success", "slowest_steps_s"} (the five longest Dagster steps)."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from benchmarks._measure import TreePeak


def main(raw_root: str, warehouse: str, release: str) -> None:
    # imported here, not with the module: the reading processes import this module (it is their __main__) as they
    # would import `isoc`, and none of them needs Dagster
    import dagster as dg
    import pandas as pd

    from pipelines.commands.run import materialize

    with TreePeak() as memory:
        start = time.perf_counter()
        result = materialize(release, Path(raw_root), Path(warehouse), instance=dg.DagsterInstance.ephemeral())
        seconds = time.perf_counter() - start
    published = Path(warehouse) / "published" / release
    files = pd.read_parquet(published / "ingest_files.parquet")
    observations = pd.read_parquet(published / "observations.parquet", columns=["series"])
    steps = {e.step_key: round(e.event_specific_data.duration_ms / 1000, 1)
             for e in result.all_events if e.event_type_value == "STEP_SUCCESS"}
    slowest = dict(sorted(steps.items(), key=lambda kv: -kv[1])[:5])
    print(json.dumps({"seconds": seconds, "peak_rss_bytes": memory.bytes, "success": bool(result.success),
                      "rows_read": int(files["rows_read"].sum()), "files": len(files),
                      "observations": len(observations), "slowest_steps_s": slowest}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
