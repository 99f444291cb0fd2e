"""The end-of-run summary statisticians read: files, rows in / staged / quarantined, tables written, where."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd

from pipelines.commands._errors import describe_failure

DETAIL_ROWS = 10   # failing rows shown per check
CHECK_FAILED = "DagsterAssetCheckFailedError"   # the step failure of a blocking check: the check itself is printed


def print_summary(result, release: str, warehouse: Path) -> int:
    published = warehouse / "published" / release
    files_path = published / "ingest_files.parquet"
    if not result.success or not files_path.exists():
        print(f"release {release!r}: run {result.run_id} did not publish.", file=sys.stderr)
        for event in result.all_events:
            check = event.event_specific_data if event.event_type_value == "ASSET_CHECK_EVALUATION" else None
            if event.is_step_failure and event.event_specific_data.error.cls_name != CHECK_FAILED:
                print(f"  - {event.step_key} failed: {describe_failure(event.event_specific_data.error)}",
                      file=sys.stderr)
            elif check is not None and not check.passed:
                print(f"  - check {check.check_name} ({check.asset_key.to_user_string()}) did not pass:",
                      file=sys.stderr)
                for line in check_details(check.metadata):
                    print(f"      {line}", file=sys.stderr)
        print("  Open the run in the Dagster UI (`isoc ui`) for details.", file=sys.stderr)
        return 1
    files = pd.read_parquet(files_path)
    q = pd.read_parquet(published / "quarantine.parquet")
    print(f"release {release!r} published (Dagster run {result.run_id})")
    print(f"  files: {len(files)}   rows read: {files.rows_read.sum():,}   staged: {files.rows_staged.sum():,}   "
          f"quarantined: {files.rows_quarantined.sum():,} (of which excluded {files.rows_excluded.sum():,}, "
          f"superseded {files.rows_superseded.sum():,})")
    errors = q[q.severity.isin(["error", "file_error"])]
    if len(errors):
        print(f"  errors held back: {len(errors)}; by rule: "
              + ", ".join(f"{k} {v}" for k, v in errors.rule.value_counts().sort_index().items()))
    warnings = [f"{e.event_specific_data.check_name} ({e.event_specific_data.asset_key.to_user_string()})"
                for e in result.all_events if e.event_type_value == "ASSET_CHECK_EVALUATION"
                and not e.event_specific_data.passed]
    if warnings:
        print(f"  checks to review ({len(warnings)}, none blocks publishing): {', '.join(sorted(warnings))}")
    tables = sorted(p.name for p in published.glob("*.parquet"))
    print(f"  tables written ({len(tables)}): {', '.join(tables)}")
    latest = warehouse / "published" / "latest"
    if latest.is_symlink() and os.readlink(latest) == release:
        print(f"  where: {published}  (also {latest})")
    else:
        print(f"  where: {published}  ({latest} still points to {os.readlink(latest) if latest.is_symlink() else '-'}:"
              " this re-run of an older release did not move it; `isoc run --make-latest` does)")
    return 0


def check_details(metadata: dict, rows: int = DETAIL_ROWS) -> list[str]:
    """A failed check's reason and its first failing rows, from its metadata (markdown lists become lines)."""
    lines = []
    for key, value in sorted(metadata.items()):
        text = str(getattr(value, "value", value)).strip()
        items = [t.removeprefix("- ").strip() for t in text.splitlines() if t.strip()]
        if len(items) > 1 or text.startswith("- "):
            lines += [f"{key}:"] + [f"  {item}" for item in items[:rows]]
            lines += [f"  ... and {len(items) - rows} more"] if len(items) > rows else []
        else:
            lines.append(f"{key}: {text[:300]}")
    return lines
