"""The canonical observation and quarantine frames every adapter produces.

One long, SDMX-aligned row per observation (DESIGN.md). Adapters fill everything except `release`,
which staging adds; `file` and `line` say exactly where the value came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pandas as pd

from schemas.fields import OBSERVATION_COLUMNS, OBSERVATION_KEY, frame_dtypes
from schemas.quarantine import QUARANTINE_DTYPES, FileError, empty_frame, quarantine_frame, quarantine_row

if TYPE_CHECKING:       # pyarrow is imported where a frame is converted (to_arrow), not with the module
    import pyarrow as pa

OBS_KEY = OBSERVATION_KEY
OBS_COLUMNS = OBSERVATION_COLUMNS
OBS_DTYPES = frame_dtypes(OBS_COLUMNS)
TOTAL = "_T"

# severity: "error"  -> the row was wrong and is held back;
#           "file_error" -> the whole file (or the rest of it) could not be read: structural, blocks publishing;
#           "excluded" -> a valid row the project does not stage (e.g. a source's own regional aggregate).


REFERENCE_COLUMNS = ["ref_area", "attribute", "value", "source", "file", "line"]
REFERENCE_DTYPES = {"ref_area": "string", "attribute": "string", "value": "string", "source": "string",
                    "file": "string", "line": "Int64"}
# Reference rows: attributes of an economy (or of an indicator, ref_area "_Z") read from code lists and metadata
# files, e.g. (AFG, "m49", "4"), (AFG, "wb_income_group", "LIC"). They are staged like observations but are not ones.


def reference_frame(rows: list[dict] | pd.DataFrame | None = None) -> pd.DataFrame:
    if rows is None:
        return empty_frame(REFERENCE_DTYPES)
    return pd.DataFrame(rows, columns=REFERENCE_COLUMNS).astype(REFERENCE_DTYPES)


@dataclass
class AdapterResult:
    """What an adapter returns for one file. Invariant: rows_read == rows_staged + rows_quarantined.

    Counts are in records, the unit staging accounts in: a line of a long file, or one non-empty value cell of a wide
    line (a year column, a price measure, an economy attribute). A problem that holds back a whole line is one record.
    For a long file with one value per line, records are lines.
    """

    observations: pd.DataFrame | pa.Table     # each frame an Arrow table once converted for staging (as_arrow)
    quarantine: pd.DataFrame | pa.Table
    rows_read: int
    notes: list[str] = field(default_factory=list)
    reference: pd.DataFrame | pa.Table = field(default_factory=reference_frame)
    tables: dict[str, pd.DataFrame | pa.Table] = field(default_factory=dict)
    # Rows that are neither observations nor reference rows, staged as their own table (e.g. `tariff_plans`), by
    # table name; each frame has `file` and `line` columns so staging accounts for them like observations.
    vintage: str = ""
    # When the file says its data were published (ISO year or date, e.g. WDI's "Last Updated Date"); "" when it says
    # nothing. Staging ranks vintages of one class of source by it (pipelines/reference/source_priority.csv).

    def as_arrow(self) -> AdapterResult:
        """This result with every frame as an Arrow table, the form staging inserts. A reading process converts its
        results itself: they then cross to the staging process more cheaply, and the conversion is not left to the
        one process that stages everything. rows_quarantined needs the pandas frames."""
        return replace(self, observations=to_arrow(self.observations), quarantine=to_arrow(self.quarantine),
                       reference=to_arrow(self.reference), tables={n: to_arrow(t) for n, t in self.tables.items()})

    @property
    def rows_staged(self) -> int:
        """Records staged: one observation, reference row or row of an own table each."""
        return len(self.observations) + len(self.reference) + sum(len(t) for t in self.tables.values())

    @property
    def rows_quarantined(self) -> int:
        """Records held back: distinct (file, line, column), so a line-level problem counts once, each bad cell of a
        wide line counts once and equal line numbers on two sheets of one workbook count apart; a file error counts
        the data lines it swallowed."""
        if self.quarantine.empty:
            return 0
        q = self.quarantine
        row_level = len(q.loc[q["severity"] != "file_error", ["file", "line", "column"]].drop_duplicates())
        return row_level + sum(swallowed_lines(v) for v in q.loc[q["severity"] == "file_error", "value"])


def to_arrow(frame):
    """A frame (pandas or Arrow) as an Arrow table. pyarrow is imported here, not with the module: `isoc validate` of a
    clean file stages without it (tests/ingest/test_clean_fast_path.py)."""
    import pyarrow as pa

    return frame if isinstance(frame, pa.Table) else pa.Table.from_pandas(frame, preserve_index=False)


def swallowed_lines(value: object) -> int:
    """A file error stores how many data lines it swallowed in `value` (e.g. '12 lines')."""
    try:
        return int(str(value).split()[0])
    except (ValueError, IndexError):
        return 0


def observations_frame(rows: list[dict] | pd.DataFrame | None = None) -> pd.DataFrame:
    """Build a canonical observations frame with fixed column order and dtypes."""
    if rows is None:
        return empty_frame(OBS_DTYPES)
    df = pd.DataFrame(rows, columns=None if isinstance(rows, pd.DataFrame) else OBS_COLUMNS)
    for col in OBS_COLUMNS:
        if col not in df.columns:
            df[col] = pd.NA
    df = df[OBS_COLUMNS]
    return df.astype(OBS_DTYPES)


def concat_quarantine(*parts: pd.DataFrame | list[dict]) -> pd.DataFrame:
    """Join quarantine frames or lists of records into one typed quarantine frame."""
    frames = [quarantine_frame(p) if isinstance(p, list) else p for p in parts if len(p)]
    return pd.concat(frames, ignore_index=True).astype(QUARANTINE_DTYPES) if frames else quarantine_frame()


def file_error_result(file: str, err: FileError, data_lines: int) -> AdapterResult:
    """A whole file (or its remainder) could not be read: one structural quarantine record accounts for its lines."""
    q = quarantine_frame([quarantine_row(file, err.line, err.column, err.rule, f"{data_lines} lines", err.reason,
                                         severity="file_error")])
    return AdapterResult(observations_frame(), q, rows_read=data_lines)
