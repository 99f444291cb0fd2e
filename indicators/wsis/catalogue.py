"""The WSIS targets catalogue (targets.yaml) as a warehouse table: one row per indicator and measured series.

Indicators the project cannot measure yet are kept (computed = 'none', no series) so availability shows the gap.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from schemas.fields import MEASURE_STATUSES
from schemas.published.wsis import AGGREGATES, COMPUTED
from schemas.yaml_files import read_yaml

CATALOGUE = Path(__file__).resolve().parent / "targets.yaml"
KEYS = {"code", "title", "status", "computed", "series", "breakdowns", "unit", "source_type", "aggregate",
        "measure_status", "measure_note"}
COLUMNS = ["target", "target_title", "target_title_status", "indicator", "indicator_title", "indicator_status",
           "computed", "series", "breakdown", "unit", "source_type", "aggregate", "measure_status", "measure_note"]


def _technology(series: str) -> str:
    """COV_3G_PCT -> 3G: the breakdown of rural coverage."""
    return series.split("_")[1]


@lru_cache(maxsize=None)
def load_targets(path: Path = CATALOGUE) -> tuple[dict, ...]:
    targets = read_yaml(path)["targets"]
    for t in targets:
        for ind in t["indicators"]:
            where = f"{path}: indicator {ind.get('code')}"
            if set(ind) - KEYS:
                raise ValueError(f"{where}: unknown keys {sorted(set(ind) - KEYS, key=str)} (quote titles with commas)")
            if ind.get("computed") not in COMPUTED:
                raise ValueError(f"{where}: computed must be one of {COMPUTED}")
            if ind["computed"] != "none" and (not ind.get("series") or ind.get("aggregate") not in AGGREGATES):
                raise ValueError(f"{where}: a computed indicator needs series and aggregate {AGGREGATES}")
            if ind["computed"] != "none" and ind.get("measure_status") not in MEASURE_STATUSES:
                raise ValueError(f"{where}: a computed indicator needs measure_status {MEASURE_STATUSES}")
    return tuple(targets)


def catalogue_frame(targets: tuple[dict, ...]) -> pd.DataFrame:
    rows = []
    for t in targets:
        head = {"target": t["target"], "target_title": t["title"], "target_title_status": t["title_status"]}
        for ind in t["indicators"]:
            base = {**head, "indicator": ind["code"], "indicator_title": ind["title"],
                    "indicator_status": ind["status"], "computed": ind["computed"], "unit": ind.get("unit"),
                    "source_type": ind.get("source_type"), "aggregate": ind.get("aggregate"),
                    "measure_status": ind.get("measure_status"), "measure_note": ind.get("measure_note")}
            for series in ind.get("series") or [None]:
                breakdowns = [_technology(series)] if ind["computed"] == "rural_coverage" else \
                    ind.get("breakdowns") or ["_T"]
                rows += [{**base, "series": series, "breakdown": breakdown} for breakdown in breakdowns]
    return pd.DataFrame(rows, columns=COLUMNS)


def compute(con, params: dict) -> pd.DataFrame:
    return catalogue_frame(load_targets())
