"""Long text files, one observation per line, stated once for their adapter and for `isoc validate` of a clean copy.

An adapter of such a format declares its columns as a `LongFile`: its `read` builds the observations with pandas from
it, and `clean_records` answers from the same statement, without pandas or pyarrow, the one question the validation
of a clean file asks: would reading and staging the file hold back no record at all? It answers with the records
read only when it is sure; anything it cannot vouch for (a line that does not split, a missing value, a rule a cell
may break, an economy or series code it does not know, a staging rule a row may break) is None, and the adapter and
staging then read, judge and word the file as always.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

from pipelines.core import staging
from pipelines.core.canonical import TOTAL, FileError
from pipelines.core.parsing import split_records
from pipelines.ingest._common import place_area
from schemas import reference as ref
from schemas.raw._columns import texts_pass
from schemas.values import number_cell_plain, parse_number, parse_year


@dataclass(frozen=True)
class LongFile:
    columns: list[str]   # the columns read, each required in the header
    value: str           # the value column (a missing value is an excluded record)
    year: str
    area: str | None     # the economy code column (None: economies are named, not coded)
    code: str            # the source's indicator code, mapped to a series by source_codes.csv
    system: str          # its system in source_codes.csv
    model: type          # the raw model (schemas/raw)
    nature: Callable[[Mapping[str, Sequence[str]]], list[str]]   # each line's nature, from its columns
    name: str | None = None   # the economy name column, looked up where there is no code (_common.resolve_areas)


def clean_records(path: Path, file_label: str, shape: LongFile) -> int | None:
    """The records read when the adapter and staging would stage every one of them and quarantine none; else None."""
    found = candidates(path, file_label, shape)
    if found is None:
        return None
    con = staging.memory_database()
    try:
        return len(found["line"]) if staging.holds_back_nothing(con, found) else None
    finally:
        con.close()


def candidates(path: Path, file_label: str, shape: LongFile) -> dict[str, list] | None:
    """The observations the adapter would give, as columns (source, note and source_code left out), when every line
    is sure to give one; else None."""
    try:
        _, records, problems, data_lines = split_records(path, file_label, required=shape.columns)
    except FileError:
        return None
    if problems or not records or data_lines != len(records):
        return None
    columns = {c: [r.values[c] for r in records] for c in shape.columns}
    if not (all(map(number_cell_plain, columns[shape.value])) and texts_pass(shape.model, columns)):
        return None
    areas = list(zip(columns[shape.area] if shape.area else [""] * len(records),
                     columns[shape.name] if shape.name else [None] * len(records)))
    places = {pair: place_area(*pair) for pair in set(areas)}
    if any(kind != "economy" for _, kind in places.values()):
        return None
    mapped = ref.source_code_map(shape.system)
    series, breakdowns = zip(*(mapped.get(code, (None, None)) for code in columns[shape.code]))
    units = ref.series_units()
    unit_pairs = [units.get(s, (None, 0)) for s in series]
    return {
        "ref_area": [places[pair][0] for pair in areas],
        "time_period": [parse_year(text) for text in columns[shape.year]],
        "series": list(series), "sex": [TOTAL] * len(records), "age": [TOTAL] * len(records),
        "urbanisation": [TOTAL] * len(records),
        "breakdown": list(breakdowns),
        "unit_measure": [unit for unit, _ in unit_pairs], "unit_mult": [mult for _, mult in unit_pairs],
        "obs_value": [parse_number(text)[0] for text in columns[shape.value]],
        "nature": shape.nature(columns), "file": [file_label] * len(records), "line": [r.line for r in records]}
