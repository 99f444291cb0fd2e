"""Benchmark: a whole aggregated release end to end through Dagster, at scale 1 and 10.

    .venv/bin/python -m benchmarks.bench_release [--scales 1 10]

Scale k is `isoc synth release --scale k`: k vintages of every demo file (all economies, 2000-2024, the real input
formats), so k times the records to read, validate and resolve. Generating the files is not timed; the run is
(ingest, stage, QA, indicators, asset checks, publish), in a fresh process with an ephemeral Dagster instance.
Results: benchmarks/results/release.md (and .json).
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from benchmarks._measure import REPO, Results, child
from pipelines.commands.synth import build_scaled_release



def measure(root: Path, scale: int, timeout: float) -> dict:
    raw_root, warehouse, release = root / "raw", root / f"warehouse_x{scale}", f"synth_x{scale}"
    build_scaled_release(raw_root, release, scale)
    shutil.rmtree(warehouse, ignore_errors=True)
    result = child("benchmarks.run_release", str(raw_root), str(warehouse), release, timeout=timeout)
    return result | {"scale": scale}


def slowest(measurement: dict) -> str:
    return ", ".join(f"{step} {s}" for step, s in measurement.get("slowest_steps_s", {}).items())


def render(measurements: list[dict]) -> list[str]:
    lines = ["| scale | files | records read | observations published | wall time (s) | records/s | peak memory (GB) |"
             " succeeded | slowest steps (s) | load (1/5/15 min) | measured |",
             "|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|"]
    for m in sorted(measurements, key=lambda m: m["scale"]):
        lines.append(f"| {m['scale']} | {m['files']} | {m['rows_read']:,} | {m['observations']:,} | "
                     f"{m['seconds']:.1f} | "
                     f"{m['rows_read'] / m['seconds']:,.0f} | {m['peak_rss_bytes'] / 1e9:.2f} | {m['success']} | "
                     f"{slowest(m)} | {m['load']} | {m['measured']} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="*", default=[1, 10], help="none: only re-render the results")
    parser.add_argument("--data", type=Path, default=REPO / "warehouse" / "bench", help="where releases are built")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--context", default="", help="a sentence about the conditions, kept in the results file")
    args = parser.parse_args()
    results = Results("release", ["scale"], "Aggregated release benchmark", "bench_release.py")
    for scale in args.scales:
        results.add(measure(args.data, scale, args.timeout))
    results.write(args.context, render)

if __name__ == "__main__":
    main()
