"""Raw model: an SDMX-CSV dataset (1.0 or 2.0) of one supported dataflow, columns as the dataflow names them.

The model is built per dataflow (pipelines/reference/sdmx_dataflows.yaml): the series column must be mapped in
source_codes.csv, every coded column present must carry a code mapped in sdmx_codes.csv for that dataflow (an AGE
column without a map takes SDMX age codes as they are), the period must be a year and the value a plain number.
"""
from __future__ import annotations

from functools import lru_cache

from schemas import reference as ref
from schemas.raw._columns import RawModel, age, code, number, source_code, year


@lru_cache(maxsize=None)
def raw_model(dataflow: str, columns: tuple[str, ...]) -> type[RawModel]:
    """The raw model for `dataflow`, checking the coded columns in `columns` (those the file has)."""
    codes = ref.sdmx_code_map(dataflow)
    checks = [code(c, lambda c=c: codes[c], "unmapped_code") if c in codes else age(c) for c in columns]
    parents = (source_code(ref.sdmx_dataflows()[dataflow]["series"], dataflow), year("TIME_PERIOD"),
               number("OBS_VALUE"), *checks)
    attrs = {"__annotations__": {"line": int}, "Config": type("Config", (), {
        "strict": False, "metadata": {"layer": "raw", "format": "sdmx_csv", "dataflow": dataflow}})}
    return type(f"SdmxCsvRaw_{dataflow}", parents, attrs)
