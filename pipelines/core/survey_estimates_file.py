"""The survey estimates file: what the microdata estimator writes and the `survey_estimates_csv` adapter stages
(both import it from here, so pipelines.microdata and pipelines.ingest stay independent of each other).

One line per estimate (ESTIMATE_COLUMNS), the form in which a statistical office reports survey results with their
quality. Putting it in the release as a file, rather than reading microdata during a release, keeps releases small,
immutable and checksummed, and keeps respondent-level data out of them.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

ESTIMATE_COLUMNS = ["ref_area", "time_period", "survey", "series", "breakdown", "sex", "age", "urbanisation",
                    "variable", "unit", "estimate", "standard_error", "cv", "respondents", "weighted_total", "quality",
                    "withheld"]


def write_estimates_csv(path: Path, estimates: pd.DataFrame) -> Path:
    """Write estimates sorted by their key, floats in full precision (repr), withheld as true/false."""
    rows = estimates[ESTIMATE_COLUMNS].sort_values(ESTIMATE_COLUMNS[:8], kind="stable")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(ESTIMATE_COLUMNS)
        for row in rows.itertuples(index=False):
            writer.writerow([_text(v) for v in row])
    return path


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(float(value)) if isinstance(value, float) else str(value)


def note(standard_error: float, respondents: int, cv: float | None, quality: str) -> str:
    """The observation note that carries an estimate's quality into the staged observations."""
    cv_text = "n/a" if cv is None or pd.isna(cv) else f"{100 * cv:.1f}%"
    flag = "" if quality == "ok" else f"; flagged: {quality.replace('_', ' ')}"
    return (f"Survey estimate: standard error {standard_error:.4g} percentage points, {respondents} respondents, "
            f"CV {cv_text}{flag}")
