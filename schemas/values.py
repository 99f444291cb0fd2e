"""How a text cell reads as a number or a year: one definition shared by the raw contracts' rules
(schemas.checks) and the adapters that convert the cells they pass."""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa   # pyarrow.compute in the functions: `isoc validate` of a clean file loads neither

PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_YEAR = re.compile(r"(19|20)\d\d(\.0+)?|2100")
MISSING_MARKERS = {"", "...", "..", "…", "NA", "N/A", "n/a", "nan", "NaN", "-"}


def parse_number(text: object) -> tuple[float | None, str | None]:
    """Parse a value strictly. Returns (value, None), (None, None) for a missing marker, or (None, rule)."""
    if text is None:
        return None, None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return (None, None) if text != text else (float(text), None)
    s = str(text).strip()
    if s in MISSING_MARKERS:
        return None, None
    if PLAIN_NUMBER.match(s):
        return float(s), None
    if _THOUSANDS.match(s):
        return None, "thousands_separator"
    if _COMMA_DECIMAL.match(s):
        return None, "comma_decimal"
    return None, "not_a_number"


def parse_year(text: object) -> int | None:
    """A year must be a whole number between 1900 and 2100 (a float like 2016.0 from Excel is accepted)."""
    s = str(text).strip()
    return int(float(s)) if _YEAR.fullmatch(s) else None


def _cell(text: str) -> str | None:
    """A cell's text stripped of spaces when it is printable ASCII, else None: the one-cell rules below then say False
    and leave the cell to the column rules (RE2's \\d and whitespace are ASCII only, Python's are not)."""
    s = text.strip(" ")
    return s if s.isascii() and s.isprintable() else None


def number_cell_plain(text: str) -> bool:
    """True when one text cell is a plain number (neither missing nor breaking a rule) for the column rules too."""
    s = _cell(text)
    return s is not None and PLAIN_NUMBER.match(s) is not None


def number_cell_fine(text: str) -> bool:
    """`number_fine` of one text cell, without pandas or pyarrow; False may mean 'ask the column rules'."""
    return number_cell_plain(text) or text.strip(" ") in MISSING_MARKERS


def year_cell_fine(text: str) -> bool:
    """`year_values(...).notna()` of one text cell, without pandas or pyarrow; False may mean 'ask the column rules'."""
    s = _cell(text)
    return s is not None and _YEAR.fullmatch(s) is not None


# Whole columns at once: the rules of parse_number and parse_year run by pyarrow's kernels (RE2, whose \d is ASCII
# only, so a number in other scripts' digits is 'not_a_number' here) instead of one Python call per value: the
# adapters' hot path. A column that is not text (numbers from a workbook) is parsed value by value, as before.
@lru_cache(maxsize=None)
def _missing_markers() -> pa.Array:
    """Built on first use: pyarrow imports pandas to build an array from Python values."""
    return pa.array(sorted(MISSING_MARKERS))


def _text(values: pd.Series) -> pa.Array | None:
    """The values as stripped text, as str() shows them (a missing value as '<NA>'), or None when they are not text."""
    import pyarrow.compute as pc

    if not isinstance(values.dtype, pd.StringDtype):
        if values.dtype != object or pd.api.types.infer_dtype(values, skipna=False) not in ("string", "empty"):
            return None
        values = values.astype("string")
    text = pa.array(values.array).cast(pa.string())
    return pc.utf8_trim_whitespace(pc.fill_null(text, "<NA>"))


def _matches(text: pa.Array, pattern: re.Pattern) -> np.ndarray:
    import pyarrow.compute as pc

    body = pattern.pattern.removeprefix("^").removesuffix("$")
    return pc.match_substring_regex(text, f"^(?:{body})$").to_numpy(zero_copy_only=False)


def _missing(text: pa.Array) -> np.ndarray:
    import pyarrow.compute as pc

    return pc.is_in(text, value_set=_missing_markers()).to_numpy(zero_copy_only=False)


def number_fine(values: pd.Series) -> np.ndarray:
    """True where `parse_number` finds no rule broken (a plain number or a missing marker): the three rules of
    `number_rule` in one pass."""
    text = _text(values)
    if text is None:
        return np.array([parse_number(v)[1] is None for v in values.tolist()], dtype=bool)
    return _fine(text)


def _fine(text: pa.Array) -> np.ndarray:
    return _missing(text) | _matches(text, PLAIN_NUMBER)


def number_rule(values: pd.Series, rule: str) -> np.ndarray:
    """True where `parse_number` gives `values` the rule `rule` ('thousands_separator', 'comma_decimal' or
    'not_a_number')."""
    text = _text(values)
    if text is None:
        return np.array([parse_number(v)[1] == rule for v in values.tolist()], dtype=bool)
    fine = _fine(text)
    thousands = ~fine & _matches(text, _THOUSANDS)
    if rule == "thousands_separator":
        return thousands
    comma = ~fine & ~thousands & _matches(text, _COMMA_DECIMAL)
    return comma if rule == "comma_decimal" else ~(fine | thousands | comma)


def number_values(values: pd.Series) -> pd.Series:
    """`parse_number`'s value for every value (NaN for a missing marker or a value that breaks a rule)."""
    import pyarrow.compute as pc

    text = _text(values)
    if text is None:
        parsed = [parse_number(v)[0] for v in values.tolist()]
        return pd.Series([np.nan if v is None else v for v in parsed], index=values.index, dtype="float64")
    plain = _matches(text, PLAIN_NUMBER) & ~_missing(text)
    out = np.full(len(text), np.nan)
    out[plain] = pc.cast(text.filter(pa.array(plain)), pa.float64()).to_numpy(zero_copy_only=False)
    return pd.Series(out, index=values.index, dtype="float64")


def year_values(values: pd.Series) -> pd.Series:
    """`parse_year` for every value, as Int64 (NA where the value is not a year)."""
    import pyarrow.compute as pc

    text = _text(values)
    if text is None:
        return pd.Series([parse_year(v) for v in values.tolist()], index=values.index, dtype="Int64")
    ok = _matches(text, _YEAR)
    years = pc.cast(pc.utf8_slice_codeunits(text.filter(pa.array(ok)), 0, 4), pa.int64()).to_numpy()
    out = pd.Series(pd.NA, index=values.index, dtype="Int64")
    out[ok] = years
    return out
