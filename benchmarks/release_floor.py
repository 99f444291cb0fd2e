"""The floor a release is compared with, run in its own process by bench_release.py:
    python -m benchmarks.release_floor RAW_ROOT RELEASE [--adapters]
DuckDB merely scanning each raw data file of the release (every field as text, nothing checked), and with
--adapters each file's adapter timed alone, by format, warm: every adapter has read its first file once before the
timing, so the one-time imports (Pandera loads its pandas backends on the first validation, about 0.5 s) do not fall
on whichever format comes first. Prints {"floor_seconds", "not_scanned", "formats": {format:
{"files", "records", "adapter_s", "floor_s"}}}. DuckDB has no Excel reader here (its excel extension is not installed
on this machine), so workbooks are listed in `not_scanned` and left out of the floor."""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb

from pipelines.core import manifest

TEXT = {".csv", ".tsv", ".txt"}


def scan_seconds(con: duckdb.DuckDBPyConnection, path: Path) -> float:
    """Seconds DuckDB takes to read every line of a delimited text file into text columns."""
    start = time.perf_counter()
    con.execute("SELECT count(*) FROM read_csv($path, all_varchar = true, header = false, null_padding = true, "
                "ignore_errors = true, strict_mode = false, parallel = false)", {"path": str(path)}).fetchall()
    return time.perf_counter() - start


def main(raw_root: str, release: str, adapters: bool = False) -> None:
    if adapters:
        from pipelines.ingest import read_file
    folder = manifest.release_dir(Path(raw_root), release)
    con = duckdb.connect(config={"threads": 1})
    formats: dict[str, dict] = {}
    not_scanned = []
    entries = [e for e in manifest.load(Path(raw_root), release) if e.format != manifest.DOCUMENTATION]
    if adapters:
        for entry in {e.format: e for e in reversed(entries)}.values():   # warm-up, untimed
            read_file(folder / entry.path, entry.format, entry.path)
    for entry in entries:
        path = folder / entry.path
        row = formats.setdefault(entry.format, {"files": 0, "records": 0, "adapter_s": 0.0, "floor_s": 0.0})
        row["files"] += 1
        if path.suffix.lower() in TEXT:
            row["floor_s"] += scan_seconds(con, path)
        else:
            not_scanned.append(entry.path)
        if adapters:
            start = time.perf_counter()
            row["records"] += read_file(path, entry.format, entry.path).rows_read
            row["adapter_s"] += time.perf_counter() - start
    print(json.dumps({"floor_seconds": sum(f["floor_s"] for f in formats.values()), "not_scanned": not_scanned,
                      "formats": formats}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], "--adapters" in sys.argv[3:])
