"""Dagster's own cost for a release job, run in its own process:
    python -m benchmarks.dagster_floor STEPS
A job of STEPS trivial partitioned assets in a chain (each returns a row count, as the release's steps do), on the
in-process executor and an ephemeral instance like benchmarks/run_release.py: what a release of that many steps costs
before any of its work. Prints {"steps", "import_s", "run_s"}."""
from __future__ import annotations

import json
import sys
import time


def main(steps: int) -> None:
    start = time.perf_counter()
    import dagster as dg
    imported = time.perf_counter()
    partitions = dg.DynamicPartitionsDefinition(name="release")

    def trivial(n: int) -> dg.AssetsDefinition:
        @dg.asset(name=f"step_{n}", partitions_def=partitions, deps=[f"step_{n - 1}"] if n else [])
        def _asset():
            return dg.MaterializeResult(metadata={"dagster/row_count": n})
        return _asset

    defs = dg.Definitions(assets=[trivial(n) for n in range(steps)], executor=dg.in_process_executor)
    instance = dg.DagsterInstance.ephemeral()
    instance.add_dynamic_partitions("release", ["floor"])
    job = dg.define_asset_job("floor_job").resolve(asset_graph=defs.resolve_asset_graph())
    begin = time.perf_counter()
    assert job.execute_in_process(instance=instance, partition_key="floor").success
    print(json.dumps({"steps": steps, "import_s": imported - start, "run_s": time.perf_counter() - begin}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
