"""Benchmark: a whole aggregated release end to end through Dagster, beside the DuckDB floor measured in the same run.

    .venv/bin/python -m benchmarks.bench_release [--scales 1 10] [--shared] [--validate]

Scale k is `isoc synth release --scale k`: k vintages of every demo file (all economies, 2000-2024, the real input
formats), so k times the records to read, validate and resolve. `--shared` runs the release of every file in
../shared/data (snapshotted as the tests do), `--validate` times `isoc validate` on a 10,000-row DataHub CSV (the
whole command in a fresh process, interpreter start included, beside a fresh process that only imports the libraries
the command cannot do without). Generating and snapshotting files is not timed; a
release run is (ingest, stage, QA, indicators, asset checks, publish), in a fresh process with an ephemeral Dagster
instance. The floor is DuckDB merely scanning the same raw text files (benchmarks/release_floor.py); at scale 1 each
adapter is also timed alone, by format. Results: benchmarks/results/release.md (and .json).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks._measure import REPO, Results, child
from pipelines.commands.synth import build_scaled_release

VALIDATE_ROWS = 10_000


def with_floor(raw_root: Path, warehouse: Path, release: str, timeout: float, adapters: bool = False) -> dict:
    shutil.rmtree(warehouse, ignore_errors=True)
    floor = child("benchmarks.release_floor", str(raw_root), release, *(["--adapters"] if adapters else []),
                  timeout=timeout)
    return child("benchmarks.run_release", str(raw_root), str(warehouse), release, timeout=timeout) | floor


def synth(root: Path, scale: int, timeout: float) -> dict:
    raw_root, release = root / "raw", f"synth_x{scale}"
    build_scaled_release(raw_root, release, scale)
    return with_floor(raw_root, root / f"warehouse_x{scale}", release, timeout, adapters=scale == 1) | {
        "kind": "synth", "scale": scale}


def shared(root: Path, timeout: float) -> dict:
    """Every file of ../shared/data, snapshotted with the tests' own helpers (tests/support)."""
    from tests.support import DECLARED_VINTAGES, SHARED_DATA, shared_folders, snapshot

    raw_root, release = root / "raw", "shared"
    shutil.rmtree(raw_root / release, ignore_errors=True)
    for folder, files in shared_folders(SHARED_DATA).items():
        snapshot(raw_root, release, files, subdir=folder, vintage=DECLARED_VINTAGES.get(folder, ""))
    return with_floor(raw_root, root / "warehouse_shared", release, timeout) | {"kind": "shared", "scale": 1}


def clean_datahub_csv(path: Path, rows: int) -> Path:
    """A DataHub CSV of `rows` clean lines (every economy, then the next year), the file a country would check."""
    from tests.support.hardening_inputs import datahub_text
    from schemas import reference as ref

    codes = sorted(ref.economy_codes())
    lines = [(code, code, f"{n % 97}.5", 1960 + n // len(codes)) for n, code in
             zip(range(rows), codes * (rows // len(codes) + 1))]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(datahub_text(lines), encoding="utf-8")
    return path


def validate(root: Path, timeout: float) -> dict:
    """`isoc validate` of a clean 10,000-row DataHub CSV (the file a country would check), in a fresh process."""
    path = clean_datahub_csv(root / "validate_10k.csv", VALIDATE_ROWS)
    seconds, done = _fresh_process(["-m", "pipelines.cli", "validate", str(path)], timeout)
    if f"rows read {VALIDATE_ROWS}" not in done.stdout:
        raise RuntimeError(f"isoc validate did not read the file:\n{done.stdout}{done.stderr[-2000:]}")
    floor, _ = _fresh_process(["-c", "import duckdb, pandas, pyarrow.compute"], timeout)
    return {"kind": "validate", "scale": 1, "seconds": seconds, "rows_read": VALIDATE_ROWS, "floor_seconds": floor,
            "success": done.returncode == 0}


def _fresh_process(arguments: list[str], timeout: float) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of a fresh interpreter running `arguments`, and what it printed."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, *arguments], cwd=REPO, timeout=timeout, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(REPO)})
    return time.perf_counter() - start, done


def slowest(measurement: dict) -> str:
    return ", ".join(f"{step} {s}" for step, s in measurement.get("slowest_steps_s", {}).items())


def render(measurements: list[dict]) -> list[str]:
    runs = sorted((m for m in measurements if m["kind"] != "validate"), key=lambda m: (m["kind"], m["scale"]))
    lines = ["| release | files | records read | observations published | wall time (s) | records/s | DuckDB floor (s) "
             "| x floor | peak memory (GB) | succeeded | slowest steps (s) | load (1/5/15 min) | measured |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---|"]
    for m in runs:
        name = f"scale {m['scale']}" if m["kind"] == "synth" else "../shared/data (every file)"
        lines.append(f"| {name} | {m['files']} | {m['rows_read']:,} | {m['observations']:,} | {m['seconds']:.1f} | "
                     f"{m['rows_read'] / m['seconds']:,.0f} | {m['floor_seconds']:.2f} | "
                     f"{m['seconds'] / m['floor_seconds']:.0f} | {m['peak_rss_bytes'] / 1e9:.2f} | {m['success']} | "
                     f"{slowest(m)} | {m['load']} | {m['measured']} |")
    for m in runs:
        if m.get("not_scanned"):
            lines += ["", f"Not in the floor of {m['kind']} (no DuckDB Excel reader here): "
                          f"{', '.join(m['not_scanned'])}."]
    lines += ["", "Adapters alone at scale 1, by format (each file read by its adapter, then scanned by DuckDB):", "",
              "| format | files | records | adapter records/s | DuckDB floor records/s | x floor |",
              "|---|---:|---:|---:|---:|---:|"]
    for m in (m for m in runs if m["kind"] == "synth" and m["scale"] == 1):
        for fmt, f in sorted(m["formats"].items()):
            lines.append(f"| {fmt} | {f['files']} | {f['records']:,} | {f['records'] / f['adapter_s']:,.0f} | "
                         f"{f['records'] / f['floor_s']:,.0f} | {f['adapter_s'] / f['floor_s']:.0f} |")
    for m in (m for m in measurements if m["kind"] == "validate"):
        floor = (f"; floor, a fresh interpreter that only imports DuckDB, pandas and pyarrow: "
                 f"{m['floor_seconds']:.2f} s" if "floor_seconds" in m else "")
        lines += ["", f"`isoc validate` of a {m['rows_read']:,}-row DataHub CSV (fresh process, interpreter start "
                      f"included): {m['seconds']:.2f} s{floor} (load {m['load']}, {m['measured']})."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="*", default=[1, 10], help="none: only re-render the results")
    parser.add_argument("--shared", action="store_true", help="also the release of every file in ../shared/data")
    parser.add_argument("--validate", action="store_true", help="also `isoc validate` of a 10,000-row CSV")
    parser.add_argument("--data", type=Path, default=REPO / "warehouse" / "bench", help="where releases are built")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--context", default="", help="a sentence about the conditions, kept in the results file")
    args = parser.parse_args()
    results = Results("release", ["kind", "scale"], "Aggregated release benchmark", "bench_release.py")
    if args.validate:
        results.add(validate(args.data, args.timeout))
    for scale in args.scales:
        results.add(synth(args.data, scale, args.timeout))
    if args.shared:
        results.add(shared(args.data, args.timeout))
    results.write(args.context, render)


if __name__ == "__main__":
    main()
