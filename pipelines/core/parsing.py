"""Reading text files line by line with named errors, and parsing numbers and years strictly.

Every problem becomes a quarantine record that names the file, line, column and rule; good lines still flow.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from pipelines.core.canonical import FileError, quarantine_row

_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?$")
_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
MISSING_MARKERS = {"", "...", "..", "…", "NA", "N/A", "n/a", "nan", "NaN", "-"}


@dataclass
class Record:
    line: int          # 1-based physical line in the file where the record starts
    values: dict[str, str]


@dataclass
class DelimitedFile:
    header: list[str]
    records: list[Record]
    problems: list[dict]   # quarantine rows for lines that could not be split into fields
    data_lines: int        # lines after the header that held something (records + problem lines)


UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CP1252 = "cp1252"
# Non-letters a Windows-1252 / Latin-1 export of names and notes plausibly holds. The letters y-diaeresis and thorn
# (bytes 0xFF, 0xFE, 0xDE) are left out: they are the bytes of damaged or binary data far more often than of text.
_CP1252_MARKS = set("\u00a0\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u00b7\u00b0\u00ab\u00bb"
                    "\u00a9\u00ae\u2122\u20ac\u00a3\u00a5\u00a2\u00a7\u00b1\u00b2\u00b3\u00b9\u00bc\u00bd\u00be"
                    "\u00d7\u00f7\u00aa\u00ba\u00bf\u00a1\u00b5\u2020\u2021\u2030")
_NOT_CP1252_TEXT = set("\u00ff\u00fe\u00de")


def text_encoding(raw: bytes, file_label: str) -> str:
    """'utf-8' (with or without BOM) or 'cp1252' for a single-byte Windows/Latin-1 file whose non-ASCII bytes all read
    as letters or common marks. UTF-16 is refused with a FileError. A UTF-8 file with a few damaged lines stays 'utf-8'
    (those lines are quarantined as `not_utf8`, not guessed)."""
    if raw.startswith(UTF16_BOMS) or raw[:4096].count(b"\x00") > len(raw[:4096]) // 4:
        raise FileError("utf16_encoding", f"{file_label} is encoded as UTF-16 (or holds binary data); save it as "
                        "UTF-8 (Excel: 'CSV UTF-8') and resubmit.")
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if raw.startswith(UTF8_BOM) or any(_is_utf8_text(line) for line in raw.split(b"\n") if max(line, default=0) > 127):
        return "utf-8"
    try:
        text = raw.decode(CP1252)
    except UnicodeDecodeError:
        return "utf-8"
    odd = {c for c in text if ord(c) > 127} - _CP1252_MARKS
    return CP1252 if all(c.isalpha() and c not in _NOT_CP1252_TEXT for c in odd) else "utf-8"


def _is_utf8_text(line: bytes) -> bool:
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def encoding_note(path: Path) -> str | None:
    """For a file's provenance: how a text file that is not UTF-8 was read (None for UTF-8 and for workbooks)."""
    if path.suffix.lower() in {".xls", ".xlsx", ".parquet"}:
        return None
    try:
        encoding = text_encoding(path.read_bytes(), path.name)
    except FileError:
        return None
    return ("text encoding Windows-1252/Latin-1, transcoded to UTF-8 when read" if encoding == CP1252 else None)


def decode_lines(path: Path, file_label: str) -> tuple[list[tuple[int, str]], list[dict]]:
    """Split a file into (line number, text) pairs. UTF-8 (BOM or not) is read as is and a Windows-1252/Latin-1 file
    transcoded (see `text_encoding`); in a UTF-8 file a line that is not valid UTF-8 is quarantined, not guessed."""
    raw = path.read_bytes()
    if not raw.strip():
        raise FileError("empty_file", f"{file_label} is empty: there is no header and no data.")
    if text_encoding(raw, file_label) == CP1252:
        return [(n, line.rstrip("\r")) for n, line in enumerate(raw.decode(CP1252).split("\n"), start=1)], []
    if raw.startswith(UTF8_BOM):
        raw = raw[3:]
    lines, problems = [], []
    for number, chunk in enumerate(raw.split(b"\n"), start=1):
        chunk = chunk.rstrip(b"\r")
        try:
            lines.append((number, chunk.decode("utf-8")))
        except UnicodeDecodeError as exc:
            problems.append(quarantine_row(
                file_label, number, "*", "not_utf8", chunk[max(0, exc.start - 10):exc.start + 10],
                f"Line {number} is not valid UTF-8 (byte 0x{chunk[exc.start]:02x} at position {exc.start}); "
                "save the file as UTF-8 and resubmit. The line was not read."))
    return lines, problems


def read_delimited(path: Path, file_label: str, *, delimiter: str = ",", skip_lines: int = 0,
                   required: list[str] | None = None) -> DelimitedFile:
    """Read a delimited text file, keeping the physical line of every record.

    A line with too few or too many fields (for example a file truncated mid-row) is quarantined with rule
    `field_count`; a missing required column raises FileError(`missing_column`).
    """
    lines, problems = decode_lines(path, file_label)
    lines = [(n, t) for n, t in lines if n > skip_lines]
    while lines and not lines[0][1].strip():
        lines.pop(0)
    if not lines:
        raise FileError("empty_file", f"{file_label} has no header line.")
    header_line, header_text = lines[0]
    header = [h.strip() for h in next(csv.reader([header_text], delimiter=delimiter))]
    missing = [c for c in (required or []) if c not in header]
    if missing:
        raise FileError("missing_column", f"{file_label} has no column {missing[0]!r} (header on line {header_line}: "
                        f"{', '.join(h for h in header if h)}).", column=missing[0], line=header_line)
    records, data_lines = [], 0
    body = [(n, t) for n, t in lines[1:] if t.strip()]
    text = "\n".join(t for _, t in body)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    index = 0
    while True:
        start = index
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            line_no = body[min(start, len(body) - 1)][0]
            problems.append(quarantine_row(file_label, line_no, "*", "malformed_row", body[min(start, len(body) - 1)][1],
                                           f"Line {line_no} could not be split into fields ({exc})."))
            data_lines += 1
            break
        index = reader.line_num
        line_no = body[start][0]
        data_lines += 1
        if len(fields) != len(header):
            if len(fields) > len(header) and not any(f.strip() for f in fields[len(header):]):
                fields = fields[:len(header)]
            else:
                problems.append(quarantine_row(
                    file_label, line_no, "*", "field_count", body[start][1],
                    f"Line {line_no} has {len(fields)} fields but the header has {len(header)}; "
                    "the file may be truncated or a value may contain an unquoted delimiter."))
                continue
        records.append(Record(line_no, dict(zip(header, fields))))
    return DelimitedFile(header, records, problems, data_lines + sum(1 for p in problems if p["rule"] == "not_utf8"))


def parse_number(text: object) -> tuple[float | None, str | None]:
    """Parse a value strictly. Returns (value, None), (None, None) for a missing marker, or (None, rule)."""
    if text is None:
        return None, None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return (None, None) if text != text else (float(text), None)
    s = str(text).strip()
    if s in MISSING_MARKERS:
        return None, None
    if _PLAIN_NUMBER.match(s):
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
