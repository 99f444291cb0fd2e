"""One value per figure: a figure (series, area, year, sex, age, urbanisation, breakdown) that several published
tables show must have one value in all of them, or the release is not published.

Each published contract says where its figures are (Config.metadata["figures"]): one entry per value column, naming
the column of each key part, or a literal written "=VALUE" (e.g. "=WLD" for a world column). `sdg_codes: true` maps
official SDG series codes (IT_USE_ii99) to the project's series, so SDG tables meet the others on one key;
`where: {column: value}` keeps only the rows that show the figure (e.g. reported basket prices).
"""
from __future__ import annotations

import pandas as pd

from pipelines.core import reference as ref

KEY = ["series", "ref_area", "time_period", "sex", "age", "urbanisation", "breakdown"]
DEFAULTS = {"sex": "=_T", "age": "=_T", "urbanisation": "=_T", "breakdown": "=_T", "ref_area": "ref_area",
            "time_period": "time_period", "series": "series"}
TOLERANCE = 1e-9   # relative: the same number read through two paths, not two estimates


class DisagreementError(Exception):
    """Two published tables give different values for one figure; publishing is blocked."""


def _column(frame: pd.DataFrame, spec: str) -> pd.Series:
    return pd.Series(spec[1:], index=frame.index) if spec.startswith("=") else frame[spec]


def figures(table: str, frame: pd.DataFrame, specs: list[dict]) -> pd.DataFrame:
    """The figures a table shows, long: table, column, the KEY and value (rows without a value are no figure)."""
    parts = []
    sdg = {s: p for p, s in ref.series_catalogue()["sdg_series"].items() if s}
    for spec in specs:
        spec = {**DEFAULTS, **spec}
        for column, value in spec.get("where", {}).items():
            frame = frame[frame[column] == value]
        part = pd.DataFrame({k: _column(frame, spec[k]).astype("string") for k in KEY if k != "time_period"})
        part["time_period"] = pd.to_numeric(_column(frame, spec["time_period"])).astype("Int64")
        if spec.get("sdg_codes"):
            part["series"] = part["series"].map(lambda s: sdg.get(s, s)).astype("string")
        part["value"] = pd.to_numeric(frame[spec["value"]], errors="coerce").astype("float64")
        part = part.assign(table=table, column=spec["value"])
        parts.append(part[part["value"].notna() & part["ref_area"].notna() & (part["ref_area"] != "")])
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=["table", "column", *KEY, "value"])


def disagreements(shown: pd.DataFrame) -> pd.DataFrame:
    """Figures shown by more than one table with values further apart than TOLERANCE: every row of each."""
    spread = shown.groupby(KEY, dropna=False)["value"].agg(["min", "max"])
    scale = spread[["min", "max"]].abs().max(axis=1).clip(lower=1.0)
    bad = spread[(spread["max"] - spread["min"]) > TOLERANCE * scale].reset_index()[KEY]
    return shown.merge(bad, on=KEY).sort_values(KEY + ["table", "column"]).reset_index(drop=True)


def check(tables: dict[str, tuple[pd.DataFrame, list[dict]]]) -> int:
    """Raise DisagreementError naming the first disagreeing figures; returns how many figures were compared."""
    shown = pd.concat([figures(name, frame, specs) for name, (frame, specs) in tables.items() if specs],
                      ignore_index=True)
    bad = disagreements(shown)
    if len(bad):
        lines = [f"{r.series} {r.ref_area} {r.time_period} (sex {r.sex}, age {r.age}, area {r.urbanisation}, "
                 f"breakdown {r.breakdown}): {r.table}.{r.column} = {r.value:.10g}" for r in bad.head(12).itertuples()]
        raise DisagreementError(f"{bad[KEY].drop_duplicates().shape[0]} figure(s) have different values in different "
                                "published tables; nothing was published. First rows:\n  " + "\n  ".join(lines))
    return int(shown.groupby(KEY).ngroups)
