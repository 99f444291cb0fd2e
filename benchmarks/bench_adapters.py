"""Benchmark: what one adapter costs per file and per record, beside DuckDB scanning the same file in the same run.

    .venv/bin/python -m benchmarks.bench_adapters [--data DIR] [--repeat 5]

Clean DataHub CSVs of 10 to 30,000 lines (benchmarks.bench_release.clean_datahub_csv) are each read by their adapter
and scanned by DuckDB (benchmarks.release_floor.scan_seconds), warm (reference data loaded, every module imported),
best of `--repeat` reads, in CPU seconds of this process as well as wall seconds, so that a shared machine's load
shows less. The 10-line file gives the cost an adapter pays for any file; the others, the cost per record. Results:
benchmarks/results/adapters.md (and .json).
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from benchmarks._measure import REPO, Results
from benchmarks.bench_release import clean_datahub_csv
from benchmarks.release_floor import scan_seconds

LINES = [10, 1_000, 10_000, 30_000]   # 30,000: every economy in every year up to 2100, the last a year may be


def best(read, repeat: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds), each the least of `repeat` calls of `read`."""
    cpu, wall = [], []
    for _ in range(repeat):
        c, w = time.process_time(), time.perf_counter()
        read()
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - w)
    return min(cpu), min(wall)


def measure(path: Path, lines: int, repeat: int) -> dict:
    from pipelines.ingest import read_file

    con = duckdb.connect(config={"threads": 1})
    result = read_file(path, "itu_datahub_csv", path.name)   # warm: reference data, Pandera if ever needed
    if result.rows_read != lines or len(result.quarantine):
        raise RuntimeError(f"{path.name}: expected {lines} clean records, read {result.rows_read}, "
                           f"quarantined {len(result.quarantine)}")
    adapter_cpu, adapter_wall = best(lambda: read_file(path, "itu_datahub_csv", path.name), repeat)
    floor_cpu, floor_wall = best(lambda: scan_seconds(con, path), repeat)
    return {"kind": "itu_datahub_csv", "lines": lines, "adapter_cpu_s": adapter_cpu, "adapter_wall_s": adapter_wall,
            "floor_cpu_s": floor_cpu, "floor_wall_s": floor_wall}


def render(measurements: list[dict]) -> list[str]:
    lines = ["| format | lines | adapter CPU (ms) | adapter wall (ms) | DuckDB scan CPU (ms) | x floor (CPU) "
             "| adapter records/s (CPU) | load (1/5/15 min) | measured |",
             "|---|---:|---:|---:|---:|---:|---:|---|---|"]
    rows = sorted(measurements, key=lambda m: (m["kind"], m["lines"]))
    for m in rows:
        lines.append(f"| {m['kind']} | {m['lines']:,} | {m['adapter_cpu_s'] * 1e3:.1f} | "
                     f"{m['adapter_wall_s'] * 1e3:.1f} | {m['floor_cpu_s'] * 1e3:.1f} | "
                     f"{m['adapter_cpu_s'] / m['floor_cpu_s']:.1f} | {m['lines'] / m['adapter_cpu_s']:,.0f} | "
                     f"{m['load']} | {m['measured']} |")
    if len(rows) > 1:
        small, large = rows[0], rows[-1]
        per_record = (large["adapter_cpu_s"] - small["adapter_cpu_s"]) / (large["lines"] - small["lines"])
        lines += ["", f"Cost of any file (the {small['lines']}-line file): {small['adapter_cpu_s'] * 1e3:.0f} ms "
                      f"CPU; each further record: {per_record * 1e6:.1f} µs ({1 / per_record:,.0f} records/s)."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO / "warehouse" / "bench", help="where the files are written")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--context", default="", help="a sentence about the conditions, kept in the results file")
    args = parser.parse_args()
    results = Results("adapters", ["kind", "lines"], "Adapter cost per file and per record", "bench_adapters.py")
    for lines in LINES:
        path = clean_datahub_csv(args.data / f"datahub_{lines}.csv", lines)
        results.add(measure(path, lines, args.repeat))
    results.write(args.context, render)


if __name__ == "__main__":
    main()
