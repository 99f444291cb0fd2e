"""Release-to-release revisions: which published values changed, appeared or disappeared, with old and new values.

How a release finds its predecessor: at its first run, the release `latest` pointed to (the previous publication),
recorded in the release database (`release_lineage`, "none" when there was none); every re-run reuses the recorded
one, so re-running unchanged inputs publishes the same files whatever was published in between.
`isoc diff --from R1 --to R2` compares any two published releases.
"""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.core import manifest, warehouse
from pipelines.reports.tolerance import Tolerance
from schemas.published.revisions import CHANGES

SQL = warehouse.SQL_DIR / "revisions.sql"
LATEST = "latest"


def compare(con: duckdb.DuckDBPyConnection, old: duckdb.DuckDBPyRelation, new: duckdb.DuckDBPyRelation,
            release: str, previous_release: str | None, tolerance: Tolerance = Tolerance()) -> pd.DataFrame:
    """Revisions between two sets of observations (relations on `con` with the published observation columns)."""
    con.register("old_obs", old)   # session-only views: nothing is stored in a release database
    con.register("new_obs", new)
    try:
        return warehouse.run_file(con, SQL, {"release": release, "previous_release": previous_release,
                                             "rel_tol": tolerance.relative, "abs_tol": tolerance.absolute})
    finally:
        con.unregister("old_obs")
        con.unregister("new_obs")


def observations_path(published_root: Path, release: str) -> Path:
    return Path(published_root) / release / "observations.parquet"


def compare_published(published_root: Path, old_release: str, new_release: str,
                      tolerance: Tolerance = Tolerance()) -> pd.DataFrame:
    """Revisions between two published releases, read from their observations.parquet."""
    paths = [observations_path(published_root, r) for r in (old_release, new_release)]
    for path, release in zip(paths, (old_release, new_release)):
        if not path.is_file():
            raise FileNotFoundError(f"release {release!r} is not published: {path} does not exist "
                                    f"(run `isoc run --release {release}` first)")
    con = duckdb.connect()
    try:
        return compare(con, con.read_parquet(str(paths[0])), con.read_parquet(str(paths[1])), new_release,
                       old_release, tolerance)
    finally:
        con.close()


def predecessor(published_root: Path, release: str, recorded: str | None, raw_root: Path) -> str | None:
    """The predecessor recorded at the first run (`recorded`: None when nothing was recorded yet, '' when "none" was);
    at a first run, the release `latest` points to if it is another published one of the same kind: a generated
    release (the demo, `isoc synth release`: manifest.is_synthetic) and a collected one are never compared, as every
    value would show as revised."""
    if recorded is not None:
        return recorded or None
    latest = Path(published_root) / LATEST
    current = os.readlink(latest) if latest.is_symlink() else None
    if (current and current != release and observations_path(published_root, current).is_file()
            and manifest.is_synthetic(raw_root, current) == manifest.is_synthetic(raw_root, release)):
        return current
    return None


def summary(revisions: pd.DataFrame) -> dict[str, int]:
    """Rows per kind of change, every kind present (0 when none)."""
    counts = revisions["change"].value_counts()
    return {change: int(counts.get(change, 0)) for change in CHANGES}
