"""How a text cell reads as a number or a year: one definition shared by the raw contracts' rules
(schemas.checks) and the adapters that convert the cells they pass."""
from __future__ import annotations

import re

PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
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
    if re.fullmatch(r"(19|20)\d\d(\.0+)?", s) or s == "2100":
        return int(float(s))
    return None
