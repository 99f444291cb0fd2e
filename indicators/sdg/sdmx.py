"""SDG indicators as SDMX-CSV for the UN SDG Global Database (dataflow and dimension order in sdmx.yaml).

Rows whose area has no M49 code (ITU regions, World Bank income groups) cannot be keyed in the SDG REF_AREA
codelist, so they are left out and counted; every other code is checked against the project's codelists before
the file is written, and a code outside them is an error naming the row, never a silently wrong file.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from indicators.loader import INDICATORS_DIR, load_specs
from pipelines.core import csv_output
from schemas import reference as ref
from schemas.methodology import values
from schemas.raw._columns import AGE_CODE
from schemas.yaml_files import read_yaml

CONFIG_PATH = Path(__file__).with_name("sdmx.yaml")


@lru_cache(maxsize=None)
def config() -> dict:
    return values(read_yaml(CONFIG_PATH), str(CONFIG_PATH))


@dataclass(frozen=True)
class SdmxExport:
    frame: pd.DataFrame      # SDMX-CSV columns, in order
    left_out: int            # rows without an M49 area code


class SdmxCodeError(ValueError):
    """A value would be written with a code outside the project's codelists."""


def allowed_codes(root: Path = INDICATORS_DIR) -> dict[str, set[str]]:
    """The codes each coded column may take: codelists.csv, series.csv with the SDG series the indicator specs under
    `root` declare, and the M49 codes of economies and groups."""
    codes = ref.codes
    series = set(ref.series_catalogue()["sdg_series"].dropna())
    series |= {code for spec in load_specs(root) if spec.sdg is not None for code in spec.sdg["series"]}
    m49 = pd.concat([ref.economies()["m49"], ref.groups()["m49"]])
    areas = set(pd.to_numeric(m49, errors="coerce").dropna().astype(int).astype(str))
    return {"SERIES": set(series), "REF_AREA": areas, "SEX": codes("SEX"), "URBANISATION": codes("URBANISATION"),
            "COMPOSITE_BREAKDOWN": codes("SKILL") | codes("SPEED") | {"_T"}, "NATURE": codes("NATURE"),
            "UNIT_MEASURE": codes("UNIT_MEASURE")}


def check_codes(frame: pd.DataFrame, root: Path = INDICATORS_DIR) -> None:
    allowed = allowed_codes(root)
    problems = [f"row {i + 1}: {col} {frame[col].iloc[i]!r} is not in the project's codelists"
                for col, codes in allowed.items() for i in _rows_where(~frame[col].isin(codes))]
    problems += [f"row {i + 1}: AGE {frame['AGE'].iloc[i]!r} is not an SDMX age code"
                 for i in _rows_where(~frame["AGE"].str.fullmatch(AGE_CODE.pattern).fillna(False).astype(bool))]
    if problems:
        raise SdmxCodeError(f"{len(problems)} code(s) outside the codelists, e.g. " + "; ".join(problems[:5]))


def _rows_where(failing: pd.Series) -> list[int]:
    """Positions of the rows a vectorised test failed (the whole export is tested at once, not cell by cell)."""
    return list(np.flatnonzero(failing.to_numpy(dtype=bool)))


def sdmx_frame(sdg: pd.DataFrame, root: Path = INDICATORS_DIR) -> SdmxExport:
    """sdg_indicators (published columns) -> SDMX-CSV rows, in key order (codes checked against the codelists of the
    specs under `root`)."""
    cfg = config()
    keyed = sdg[sdg["ref_area_m49"].notna()]
    out = pd.DataFrame({
        "DATAFLOW": cfg["dataflow"], "FREQ": "A", "REPORTING_TYPE": cfg["reporting_type"],
        "SERIES": keyed["series"], "REF_AREA": keyed["ref_area_m49"].astype(int).astype(str), "SEX": keyed["sex"],
        "AGE": keyed["age"], "URBANISATION": keyed["urbanisation"], "INCOME_WEALTH_QUANTILE": "_T",
        "EDUCATION_LEV": "_T", "OCCUPATION": "_T", "CUST_BREAKDOWN": "_T",
        "COMPOSITE_BREAKDOWN": keyed["composite_breakdown"], "DISABILITY_STATUS": "_T", "ACTIVITY": "_T",
        "PRODUCT": "_T", "TIME_PERIOD": keyed["time_period"].astype(int), "OBS_VALUE": keyed["obs_value"],
        "UNIT_MEASURE": keyed["unit_measure"], "UNIT_MULT": 0, "NATURE": keyed["nature"],
        "SOURCE_DETAIL": keyed["source"], "COMMENT_OBS": keyed["comment"]})
    out = out.sort_values(cfg["dimensions"] + ["TIME_PERIOD"], kind="stable").reset_index(drop=True)
    check_codes(out, root)
    return SdmxExport(out, left_out=int(len(sdg) - len(keyed)))


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """SDMX-CSV text; cells a spreadsheet would run as formulas get a leading quote (pipelines/core/csv_output.py)."""
    return csv_output.to_csv_bytes(frame)
