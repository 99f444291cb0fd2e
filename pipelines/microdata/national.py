"""Survey microdata as national statistical offices hold it: Stata (.dta), SPSS (.sav), CSV or Parquet in their own
variable names and codes, read through a per-survey variable map (<file stem>.map.yaml beside the file) into the
documented schema (docs/microdata.md).

The file is read in chunks (pyreadstat.read_file_in_chunks, pyarrow's CSV and Parquet batch readers), so a file of
millions of rows never sits in pandas at once, and written as a mapped Parquet file with every row in its original
order (row n of the mapped file is row n of the national file). A variable the map names that the file lacks, or a
value label the file defines that the map leaves out, is a file error naming it. A value of the wrong type, or a
code outside the map, is a problem of that row: the cell is left empty and the row goes to the quarantine under
`wrong_type` or `label_outside_map` (estimator.run's `problems`), the rest is estimated.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from pipelines.microdata.estimator import MicrodataFileError
from pipelines.microdata.store import map_path
from schemas.microdata_columns import ANSWERS, COLUMNS
from schemas.yaml_files import read_yaml

CHUNK_ROWS = 500_000
UNMAPPED = "?"                     # what map-template writes where a person must choose the documented code
TEXT = ["ref_area", "survey", "person_id", "household_id", "stratum", "psu"]
INTEGERS = ["time_period", "age"]
NUMBERS = ["person_weight", "household_weight"]
CODED = {"sex": ("F", "M"), "urbanisation": ("U", "R"), **{a: (0, 1) for a in ANSWERS}}
SCHEMA = pa.schema([(c, pa.string()) for c in TEXT[:2]] + [("time_period", pa.int64())]
                   + [(c, pa.string()) for c in TEXT[2:]] + [(c, pa.float64()) for c in NUMBERS]
                   + [("sex", pa.string()), ("age", pa.int64()), ("urbanisation", pa.string())]
                   + [(a, pa.int8()) for a in ANSWERS])


def metadata(data: Path) -> tuple[list[str], dict[str, dict]]:
    """The file's variables and value labels ({variable: {code: label}}; none for CSV and Parquet)."""
    suffix = data.suffix.lower()
    try:
        if suffix in (".dta", ".sav"):
            _, meta = _reader(data)(str(data), metadataonly=True)
            return list(meta.column_names), dict(meta.variable_value_labels)
        if suffix == ".csv":
            with pacsv.open_csv(data) as reader:
                return list(reader.schema.names), {}
        return list(pq.read_schema(data).names), {}
    except MicrodataFileError:
        raise
    except Exception as exc:  # pyreadstat and pyarrow raise several types for an unreadable file
        raise MicrodataFileError(f"{data.name}: not a readable {suffix} file ({exc}).") from exc


def _reader(data: Path):
    import pyreadstat

    return pyreadstat.read_dta if data.suffix.lower() == ".dta" else pyreadstat.read_sav


def load_map(data: Path) -> dict:
    """The variable map of `data`, checked against the file: every documented column mapped, every variable it
    names present, every value label of a coded variable mapped. Returns {column: (variable, codes)} and constants."""
    path = map_path(data)
    if not path.exists():
        raise MicrodataFileError(f"{data.name}: no variable map {path.name} beside it; write a first one with "
                                 f"`isoc microdata map-template {data}` and complete it.")
    spec = read_yaml(path) or {}
    constants, variables = dict(spec.get("constants") or {}), dict(spec.get("variables") or {})
    unknown = sorted((set(constants) | set(variables)) - set(COLUMNS))
    missing = [c for c in COLUMNS if c not in constants and c not in variables]
    if unknown or missing:
        raise MicrodataFileError(f"{path.name}: " + "; ".join(
            ([f"not documented columns: {', '.join(unknown)}"] if unknown else [])
            + ([f"documented columns not mapped: {', '.join(missing)}"] if missing else [])))
    unfilled = [c for c, v in list(constants.items()) + list(variables.items()) if v == UNMAPPED]
    if unfilled:
        raise MicrodataFileError(f"{path.name}: {', '.join(unfilled)} still {UNMAPPED!r}: name the national "
                                 "variable (or the constant value)")
    names, labels = metadata(data)
    mapped = {}
    for column, entry in variables.items():
        variable, codes = (entry, None) if isinstance(entry, str) else (entry.get("variable"), entry.get("codes"))
        if variable not in names:
            raise MicrodataFileError(f"{path.name}: variable {variable!r} (mapped to {column}) is not in {data.name}")
        codes = None if codes is None else {_key(k): v for k, v in codes.items()}
        if codes is not None:
            bad = {k: v for k, v in codes.items() if v is not None and v not in CODED.get(column, ())}
            if bad:
                k, v = next(iter(bad.items()))
                raise MicrodataFileError(f"{path.name}: {column} code {k!r} is mapped to {v!r}, not one of "
                                         f"{', '.join(map(str, CODED.get(column, ('(no codes for this column)',))))}"
                                         f" or null (empty)")
            left_out = [k for k in labels.get(variable, {}) if _key(k) not in codes]
            if left_out:
                k = left_out[0]
                raise MicrodataFileError(f"{path.name}: value label {k!r} ({labels[variable][k]!r}) of variable "
                                         f"{variable!r} is not in the map ({column}.codes)")
        mapped[column] = (variable, codes)
    return {"variables": mapped, "constants": constants}


def _key(code):
    """Codes compare as numbers when they are numbers (Stata and SPSS keep labelled codes as floats)."""
    try:
        number = float(code)
    except (TypeError, ValueError):
        return str(code)
    return int(number) if number.is_integer() else number


def chunks(data: Path, variables: list[str]) -> Iterator[pd.DataFrame]:
    """The file's rows in order, CHUNK_ROWS at a time, only these variables (CSV read as text)."""
    suffix = data.suffix.lower()
    if suffix in (".dta", ".sav"):
        import pyreadstat

        for frame, _ in pyreadstat.read_file_in_chunks(_reader(data), str(data), chunksize=CHUNK_ROWS,
                                                       usecols=variables):
            yield frame
    elif suffix == ".csv":
        options = pacsv.ConvertOptions(include_columns=variables, column_types={v: pa.string() for v in variables},
                                       strings_can_be_null=True)
        with pacsv.open_csv(data, read_options=pacsv.ReadOptions(block_size=64 << 20),
                            convert_options=options) as reader:
            for batch in reader:
                yield batch.to_pandas()
    else:
        for batch in pq.ParquetFile(data).iter_batches(batch_size=CHUNK_ROWS, columns=variables):
            yield batch.to_pandas()


def convert(data: Path, out: Path) -> pd.DataFrame:
    """Write `data` mapped into the documented schema at `out` (Parquet); returns the row problems found
    (line, column, rule, value), one per row at most."""
    spec = load_map(data)
    variables = sorted({v for v, _ in spec["variables"].values()})
    out.parent.mkdir(parents=True, exist_ok=True)
    problems, start = [], 0
    with pq.ParquetWriter(out, SCHEMA, compression="zstd") as writer:
        for frame in chunks(data, variables):
            mapped, found = _map_chunk(frame, spec, start)
            writer.write_table(pa.Table.from_pandas(mapped, schema=SCHEMA, preserve_index=False))
            problems.append(found)
            start += len(frame)
    found = pd.concat(problems, ignore_index=True) if problems else pd.DataFrame()
    found = found.reindex(columns=["line", "column", "rule", "value"])
    return found.drop_duplicates("line", keep="first").sort_values("line", ignore_index=True)


def _map_chunk(frame: pd.DataFrame, spec: dict, start: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    lines = np.arange(start + 1, start + len(frame) + 1)
    out, problems = {}, []
    for column in COLUMNS:
        if column in spec["constants"]:
            out[column] = pd.Series([spec["constants"][column]] * len(frame))
            continue
        variable, codes = spec["variables"][column]
        raw = frame[variable].reset_index(drop=True)
        value, bad, rule = _typed(column, raw, codes)
        out[column] = value
        shown = raw[bad].map(lambda v: str(_key(v))) if codes is not None else raw[bad].astype(str)
        problems.append(pd.DataFrame({"line": lines[bad], "column": column, "rule": rule,
                                      "value": shown.to_numpy()}))
    found = pd.concat(problems, ignore_index=True)
    return pd.DataFrame(out), found.sort_values("line", kind="stable")


def _typed(column: str, raw: pd.Series, codes: dict | None) -> tuple[pd.Series, np.ndarray, str]:
    """The column in its documented type, the rows whose value could not be taken, and the rule they break."""
    present = raw.notna() & (raw.astype(str).str.strip() != "")
    if codes is not None:
        keys = raw.map(lambda v: _key(v) if pd.notna(v) else None)
        known = keys.isin(list(codes))
        value = keys.map(lambda k: codes.get(k) if k in codes else None)
        return value, (present & ~known).to_numpy(), "label_outside_map"
    if column in TEXT:
        number = pd.to_numeric(raw, errors="coerce")
        integral = number.notna() & (number % 1 == 0)
        text = raw.astype(object).where(~integral, number.astype("Float64").astype("Int64").astype(str))
        return text.where(present, None).astype(object).map(lambda v: None if v is None else str(v)), \
            np.zeros(len(raw), bool), ""
    number = pd.to_numeric(raw, errors="coerce")
    if column in INTEGERS or column in CODED:
        wrong = present & (number.isna() | (number % 1 != 0))
        return number.where(~wrong).astype("Int64"), wrong.to_numpy(), "wrong_type"
    wrong = present & number.isna()
    return number.astype(float), wrong.to_numpy(), "wrong_type"


def template(data: Path) -> str:
    """A first variable map for `data`: a documented column takes the variable of the same name when there is one
    (else UNMAPPED), and every labelled variable lists its codes with their labels, for a person to complete."""
    names, labels = metadata(data)
    by_lower = {n.lower(): n for n in names}
    lines = [f"# Variable map for {data.name}: documented column (docs/microdata.md) <- national variable.",
             f"# Written by `isoc microdata map-template`; replace every {UNMAPPED!r} before estimating.",
             "# Columns the file does not hold (economy, year, survey name) go under constants.",
             f"# Variables in the file: {', '.join(names)}"]
    lines += [f"#   {v} codes: " + ", ".join(f"{_key(k)} {label}" for k, label in codes.items())
              for v, codes in labels.items() if codes and v.lower() not in COLUMNS]
    lines.append("constants:")
    for column in ("ref_area", "time_period", "survey"):
        if column not in by_lower:
            lines.append(f"  {column}: {UNMAPPED!r}")
    lines.append("variables:")
    for column in COLUMNS:
        if column in ("ref_area", "time_period", "survey") and column not in by_lower:
            continue
        variable = by_lower.get(column, UNMAPPED)
        if variable in labels and labels[variable]:
            lines += [f"  {column}:", f"    variable: {variable}", "    codes:     # national code: documented "
                      f"code ({', '.join(map(str, CODED.get(column, ())))}, or null for empty)"]
            lines += [f"      {_key(k)!r}: {UNMAPPED!r}   # {label}" for k, label in labels[variable].items()]
        else:
            lines.append(f"  {column}: {variable!r}")
    return "\n".join(lines) + "\n"
