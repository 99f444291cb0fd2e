"""One value per figure: a figure (series, area, year, sex, age, urbanisation, breakdown) that several published
tables show must have one value in all of them, or the release is not published.

Each published contract says where its figures are (Config.metadata["figures"]): one entry per value column, naming
the column of each key part, or a literal written "=VALUE" (e.g. "=WLD" for a world column). `sdg_codes: true` maps
official SDG series codes (IT_USE_ii99) to the project's series, so SDG tables meet the others on one key;
`where: {column: value}` keeps only the rows that show the figure (e.g. reported basket prices). The figures are
gathered in Arrow and compared in DuckDB (pipelines/sql/disagreements.sql).
"""
from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pipelines.core import warehouse
from schemas import reference as ref

KEY = ["series", "ref_area", "time_period", "sex", "age", "urbanisation", "breakdown"]
DEFAULTS = {"sex": "=_T", "age": "=_T", "urbanisation": "=_T", "breakdown": "=_T", "ref_area": "ref_area",
            "time_period": "time_period", "series": "series"}
TOLERANCE = 1e-9   # relative: the same number read through two paths, not two estimates


class DisagreementError(Exception):
    """Two published tables give different values for one figure; publishing is blocked."""


def _column(frame: pd.DataFrame, spec: str, shown: np.ndarray, kind: pa.DataType) -> pa.Array:
    """A key part for the shown rows: a literal ("=WLD") repeated, or the named column's values."""
    if spec.startswith("="):
        return pa.repeat(pa.scalar(spec[1:], kind), int(shown.sum()))
    return pa.array(frame[spec], from_pandas=True).filter(pa.array(shown)).cast(kind)


def figures(table: str, frame: pd.DataFrame, specs: list[dict]) -> pa.Table:
    """The figures a table shows, long: the KEY, value, table and column (rows without a value are no figure)."""
    parts = []
    sdg = {s: p for p, s in ref.series_catalogue()["sdg_series"].items() if s}
    for spec in specs:
        spec = {**DEFAULTS, **spec}
        rows = frame
        for column, value in spec.get("where", {}).items():
            rows = rows[rows[column] == value]
        value = pd.to_numeric(rows[spec["value"]], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        shown = ~np.isnan(value)
        arrays = {k: _column(rows, spec[k], shown, pa.int64() if k == "time_period" else pa.string()) for k in KEY}
        if spec.get("sdg_codes"):
            arrays["series"] = pa.array([sdg.get(s, s) for s in arrays["series"].to_pylist()], pa.string())
        arrays |= {"value": pa.array(value[shown], pa.float64()),
                   "table": _column(rows, f"={table}", shown, pa.string()),
                   "column": _column(rows, f"={spec['value']}", shown, pa.string())}
        part = pa.table(arrays)   # an economy in no ITU region has no region value: no figure
        parts.append(part.filter(pc.fill_null(pc.not_equal(part["ref_area"], ""), False)))
    return pa.concat_tables(parts) if parts else None


def disagreements(shown: pa.Table) -> pd.DataFrame:
    """Figures shown by more than one table with values further apart than TOLERANCE: every row of each."""
    con = duckdb.connect()
    con.register("figures", shown)
    return warehouse.run_file(con, warehouse.SQL_DIR / "disagreements.sql", {"tolerance": TOLERANCE})


def check(tables: dict[str, tuple[pd.DataFrame, list[dict]]]) -> int:
    """Raise DisagreementError naming the first disagreeing figures; returns how many figures were compared."""
    parts = [figures(name, frame, specs) for name, (frame, specs) in tables.items() if specs]
    shown = pa.concat_tables([p for p in parts if p is not None])
    bad = disagreements(shown)
    if len(bad):
        lines = [f"{r.series} {r.ref_area} {r.time_period} (sex {r.sex}, age {r.age}, area {r.urbanisation}, "
                 f"breakdown {r.breakdown}): {r.table}.{r.column} = {r.value:.10g}" for r in bad.head(12).itertuples()]
        raise DisagreementError(f"{len(bad[KEY].drop_duplicates())} figure(s) have different values in different "
                                "published tables; nothing was published. First rows:\n  " + "\n  ".join(lines))
    return len(shown.group_by(KEY).aggregate([]))
