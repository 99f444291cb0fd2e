"""SDMX-CSV 1.0 and 2.0 (one observation per line), read with pysdmx, for the dataflows in sdmx_dataflows.yaml:
the UN SDG dataflow exactly as the project exports it, ITU DataHub series as redistributed by World Bank Data360
(WB.DATA360:DS_DATA360) and Eurostat's ICT usage by individuals (ESTAT:ISOC_CI_IFP_IU).

Why the care: an SDMX file says which dataflow it belongs to, but its codes are the dataflow's own (Data360 URB and
RUR, Eurostat EL for Greece and IND_TOTAL for "all individuals aged 16-74"). Every code goes through the maps in
pipelines/reference (series: source_codes.csv; other columns: sdmx_codes.csv); a code that is not there holds back
its row as `unmapped_code` or `unknown_source_code`, naming the column and the code, never guessed. A dataflow that
is not listed, or a listed one without one of its dimension columns, is a file error naming it.

Lines are read by the project's line reader first (a ragged line is quarantined with its line number), then the
good lines are parsed by pysdmx, which identifies the SDMX-CSV version, the dataflow of each row and the ACTION;
rows pysdmx does not return as data (ACTION D, a deletion) are quarantined as `sdmx_delete`, so nothing is lost.
Nature comes from the status attribute (NATURE, OBS_STATUS or OBS_FLAG) through the map; without one it is "C".
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

from pipelines.core.canonical import (TOTAL, AdapterResult, FileError, concat_quarantine, observations_frame,
                                      quarantine_frame, quarantine_row)
from pipelines.core.parsing import DelimitedFile
from pipelines.ingest._common import (canonical_rows, combine_results, exclude_missing, first_row, read_table,
                                      resolve_areas, resolve_m49)
from schemas import reference as ref
from schemas.checks import RULES
from schemas.raw._columns import sdmx_age
from schemas.raw.sdmx_csv import raw_model
from schemas.validation import split_valid

FORMAT = "sdmx_csv"
DESCRIPTION = "SDMX-CSV 1.0/2.0 of the UN SDG dataflow, World Bank Data360 (ITU DataHub) or Eurostat isoc_ci_ifp_iu"
ORIGIN = "SDMX-CSV"
FIELDS = ("sex", "age", "urbanisation", "breakdown", "unit_measure", "nature", "note", "ref_area")
_STRUCTURE = re.compile(r"^\w+=(?P<agency>[^:]+):(?P<id>[^(]+)\((?P<version>[^)]*)\)$")


def detect(path: Path, head: bytes) -> bool:
    header = first_row(path, head)
    return bool(header) and "OBS_VALUE" in header and (header[0] == "DATAFLOW" or header[:2] == ["STRUCTURE",
                                                                                                    "STRUCTURE_ID"])


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=["OBS_VALUE", "TIME_PERIOD"])
    datasets, lines = _datasets(parsed, file_label)
    results, returned = [], set()
    for structure, frame in datasets:
        returned.update(frame.index)
        data = frame.assign(line=[lines[i] for i in frame.index]).reset_index(drop=True)
        results.append(_read_dataset(structure, data, file_label, single=len(datasets) == 1))
    deleted = [quarantine_row(file_label, line, "ACTION", "sdmx_delete", "D",
                              f"{file_label} line {line}: {RULES['sdmx_delete']}.", severity="excluded")
               for i, line in enumerate(lines) if i not in returned]
    result = combine_results(results)
    return AdapterResult(result.observations, concat_quarantine(parsed.problems, quarantine_frame(deleted),
                                                                result.quarantine), rows_read=parsed.data_lines)


def _datasets(parsed: DelimitedFile, file_label: str) -> tuple[list[tuple[str, pd.DataFrame]], list[int]]:
    """pysdmx reads the good lines: [(structure reference, data frame indexed by record number)], record lines."""
    if not parsed.records:
        return [], []
    from pysdmx.errors import PysdmxError   # here: importing pysdmx costs more than detecting any other file's format
    from pysdmx.io import read_sdmx

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(parsed.header)
    writer.writerows([r.values.get(c, "") for c in parsed.header] for r in parsed.records)
    try:
        message = read_sdmx(buffer.getvalue())
    except (PysdmxError, ValueError) as exc:
        raise FileError("sdmx_invalid", f"{file_label} is not valid SDMX-CSV: {exc}") from exc
    return [(str(ds.structure), ds.data) for ds in message.data], [r.line for r in parsed.records]


def _dataflow(structure: str) -> str | None:
    """The short name in sdmx_dataflows.yaml of a pysdmx structure reference such as
    'Dataflow=ESTAT:ISOC_CI_IFP_IU(1.0)' or 'DataStructure=WB.DATA360:DS_DATA360(1.2)' (any version)."""
    match = _STRUCTURE.match(structure)
    if not match:
        return None
    flow = f"{match['agency']}:{match['id']}"
    return next((name for name, cfg in ref.sdmx_dataflows().items() if cfg["dataflow"] == flow), None)


def _read_dataset(structure: str, data: pd.DataFrame, file_label: str, *, single: bool) -> AdapterResult:
    reference = structure.split("=", 1)[-1]
    name = _dataflow(structure)
    if name is None:
        reason = (f"{file_label}: the SDMX dataflow {reference} is not one the project reads; supported: "
                  + ", ".join(cfg["dataflow"] for cfg in ref.sdmx_dataflows().values()) + ".")
        if single:
            raise FileError("unknown_dataflow", reason, column="DATAFLOW")
        return _held_back(data, file_label, "unknown_dataflow", reference, reason)
    cfg = ref.sdmx_dataflows()[name]
    required = [cfg["series"], cfg["ref_area"]["column"], *cfg["coded"]]
    missing = [c for c in required if c not in data.columns]
    if missing:
        reason = (f"{file_label}: the {reference} data have no column {missing[0]!r}, a dimension of that dataflow "
                  f"(expected {', '.join(required)}).")
        if single:
            raise FileError("missing_column", reason, column=missing[0])
        return _held_back(data, file_label, "missing_column", reference, reason)
    coded = tuple(c for c in [*cfg["coded"], *cfg.get("optional", [])] if c in data.columns)
    texts = [cfg["series"], cfg["ref_area"]["column"], *coded, "TIME_PERIOD", "OBS_VALUE",
             *[c for c in (cfg.get("source"), cfg.get("note")) if c in data.columns]]
    raw = data[texts].astype("string")
    raw["line"] = data["line"].astype("int64")
    present, missing_values = exclude_missing(raw, "OBS_VALUE", file_label)
    valid, bad = split_valid(present, raw_model(name, coded), file_label=file_label)
    located, unknown = _locate(valid, name, cfg["ref_area"], file_label)
    fields = _mapped_fields(located, name, coded)
    series = located[cfg["series"]].map(ref.source_code_map(name))
    breakdown = series.map(lambda m: m[1])
    fields["breakdown"] = breakdown.where(breakdown != "*", fields.get("breakdown", pd.Series(TOTAL, located.index)))
    series = series.map(lambda m: m[0])
    kept, mismatched = _units_agree(located, series, fields, cfg.get("unit"), file_label)
    obs = canonical_rows(located[kept], series=series[kept], breakdown=fields["breakdown"][kept],
                         value_column="OBS_VALUE", year_column="TIME_PERIOD", source_code=located[cfg["series"]][kept],
                         sex=_field(fields, "sex", kept), age=_field(fields, "age", kept),
                         urbanisation=_field(fields, "urbanisation", kept),
                         nature=_field(fields, "nature", kept, "C"),
                         source=_text(located[kept], cfg.get("source")).fillna(cfg["origin"]),
                         note=_notes(located[kept], cfg.get("note"), fields.get("note")), file_label=file_label)
    return AdapterResult(observations_frame(obs), concat_quarantine(missing_values, bad, unknown, mismatched),
                         rows_read=len(data))


def _held_back(data: pd.DataFrame, file_label: str, rule: str, reference: str, reason: str) -> AdapterResult:
    """Every row of a dataset that cannot be read (in a file that also holds readable datasets)."""
    rows = [quarantine_row(file_label, int(line), "DATAFLOW", rule, reference, f"line {line}: {reason}")
            for line in data["line"]]
    return AdapterResult(observations_frame(), quarantine_frame(rows), rows_read=len(data))


def _locate(df: pd.DataFrame, dataflow: str, area: dict, file_label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Add `ref_area` (ISO3): from ISO3 codes, UN M49 numbers, or the dataflow's own codes mapped in sdmx_codes.csv
    (then resolved like ISO3, so a source aggregate such as EU27_2020 is excluded and an unknown code quarantined)."""
    column = area["column"]
    if area["coding"] == "m49":
        return resolve_m49(df, column, file_label)
    if area["coding"] == "map":
        codes = {k: dict(v)["ref_area"] for k, v in ref.sdmx_code_map(dataflow).get(column, {}).items()}
        located, unknown = resolve_areas(df.assign(_area=df[column].str.strip().map(codes).fillna(df[column])),
                                         "_area", file_label)
        unknown["column"] = column
        return located.drop(columns="_area"), unknown
    return resolve_areas(df, column, file_label)


def _mapped_fields(df: pd.DataFrame, dataflow: str, coded: tuple[str, ...]) -> dict[str, pd.Series]:
    """{canonical field: values} from the coded columns through sdmx_codes.csv (rows were validated, so every code
    is mapped); an AGE column without a map carries SDMX age codes. Several columns may set `note`: joined."""
    codes = ref.sdmx_code_map(dataflow)
    fields: dict[str, pd.Series] = {}
    for column in coded:
        if column not in codes:
            fields["age"] = df[column].map(sdmx_age)
            continue
        pairs = df[column].str.strip().map(codes[column])
        for field in FIELDS:
            values = pairs.map(lambda p, f=field: next((code for name, code in p if name == f), None))
            if values.notna().any():
                fields[field] = _join(fields[field], values) if field == "note" and field in fields else values
    return fields


def _units_agree(df: pd.DataFrame, series: pd.Series, fields: dict[str, pd.Series], column: str | None,
                 file_label: str) -> tuple[pd.Series, pd.DataFrame]:
    """Rows whose unit (mapped from the file) is the series catalogue's unit; the others are held back, because a
    count read as a rate (or a rate per 100 read as a percent) would be a wrong number, not a different one."""
    if column is None or "unit_measure" not in fields:
        return pd.Series(True, df.index), quarantine_frame()
    expected = series.map(ref.series_catalogue()["unit_measure"])
    agree = fields["unit_measure"] == expected
    rows = [quarantine_row(file_label, int(line), column, "unit_mismatch", code,
                           f"{file_label} line {line}, column {column!r}: the unit {code!r} ({unit}) is not the unit "
                           f"of series {s} ({want}); {RULES['unit_mismatch']}.")
            for line, code, unit, s, want in zip(df.loc[~agree, "line"], df.loc[~agree, column],
                                                 fields["unit_measure"][~agree], series[~agree], expected[~agree])]
    return agree, quarantine_frame(rows)


def _field(fields: dict[str, pd.Series], name: str, kept: pd.Series, default: str = TOTAL) -> pd.Series | str:
    return fields[name][kept].fillna(default) if name in fields else default


def _text(df: pd.DataFrame, column: str | None) -> pd.Series:
    if not column or column not in df.columns:
        return pd.Series(pd.NA, index=df.index, dtype="string")
    return df[column].str.strip().replace("", pd.NA)


def _join(*parts: pd.Series) -> pd.Series:
    frame = pd.concat([p.astype("string") for p in parts], axis=1)
    if frame.empty:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame.apply(lambda r: "; ".join(str(v) for v in r if pd.notna(v) and str(v)) or None, axis=1)


def _notes(df: pd.DataFrame, column: str | None, mapped: pd.Series | None) -> pd.Series:
    """The file's own comment and the notes its status flags carry (e.g. 'break in time series')."""
    own = _text(df, column)
    return _join(own, mapped.loc[df.index]) if mapped is not None else own
