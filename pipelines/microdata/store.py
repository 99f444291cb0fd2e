"""Where microdata and its outputs live, partitioned by economy (the unit a worker estimates on its own).

    <raw_root>/microdata/<ISO3>/*.parquet            respondent files, one survey round each (never in a release)
    <warehouse>/microdata/<ISO3>/estimates.parquet   that economy's estimates (ESTIMATE_COLUMNS)
    <warehouse>/microdata/<ISO3>/quarantine.parquet  its rejected respondent rows
    <warehouse>/microdata/survey_estimates.csv       every economy's estimates: the file a release snapshots
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.core.canonical import QUARANTINE_COLUMNS
from pipelines.microdata import estimator
from pipelines.microdata.estimates_file import write_estimates_csv

ESTIMATES_FILE = "survey_estimates.csv"


def input_folder(raw_root: Path) -> Path:
    return Path(raw_root) / "microdata"


def economies(raw_root: Path) -> list[str]:
    """Economies with at least one microdata file, sorted."""
    folder = input_folder(raw_root)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.parquet")))


def output_folder(warehouse: Path, economy: str | None = None) -> Path:
    folder = Path(warehouse) / "microdata"
    return folder / economy if economy else folder


def estimate_economy(raw_root: Path, warehouse: Path, economy: str) -> estimator.MicrodataResult:
    """Validate and estimate every round of one economy; write its estimates and quarantine Parquet."""
    files = sorted((input_folder(raw_root) / economy).glob("*.parquet"))
    labels = {str(f.resolve()): f"microdata/{economy}/{f.name}" for f in files}
    result = estimator.run(files, labels=labels)
    out = output_folder(warehouse, economy)
    out.mkdir(parents=True, exist_ok=True)
    result.estimates.to_parquet(out / "estimates.parquet", index=False)
    result.quarantine[QUARANTINE_COLUMNS].to_parquet(out / "quarantine.parquet", index=False)
    return result


def collect(warehouse: Path, economies_done: list[str]) -> tuple[Path, int]:
    """Join the economies' estimates into the estimates file; returns its path and line count."""
    frames = [pd.read_parquet(output_folder(warehouse, e) / "estimates.parquet") for e in economies_done]
    frames = [f for f in frames if len(f)]
    estimates = (pd.concat(frames, ignore_index=True) if frames
                 else pd.DataFrame(columns=estimator.ESTIMATE_COLUMNS))
    return write_estimates_csv(output_folder(warehouse) / ESTIMATES_FILE, estimates), len(estimates)
