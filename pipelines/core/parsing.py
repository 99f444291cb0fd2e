"""Reading text files with named errors (numbers and years are parsed by schemas.values).

A regular file is split in one pass by pyarrow's CSV reader; any other is read line by line, so that every problem
becomes a quarantine record that names the file, line, column and rule while good lines still flow.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.core.canonical import FileError, quarantine_row


@dataclass
class Record:
    line: int          # 1-based physical line in the file where the record starts
    values: dict[str, str]


@dataclass
class DelimitedFile:
    header: list[str]
    columns: dict[str, pd.Series]   # the records' text by header label (the last of a repeated label), 0-based index
    lines: list[int]                # the physical line of each record
    problems: list[dict]   # quarantine rows for lines that could not be split into fields
    data_lines: int        # lines after the header that held something (records + problem lines)

    @classmethod
    def from_records(cls, header: list[str], records: list[Record], problems: list[dict], data_lines: int
                     ) -> DelimitedFile:
        labels = list(dict.fromkeys(header))
        columns = {c: pd.Series([r.values.get(c, "") for r in records], dtype="string") for c in labels}
        return cls(header, columns, [r.line for r in records], problems, data_lines)

    def renamed(self, label_of) -> DelimitedFile:
        """The same records under the labels `label_of` gives (for a source that decorates its labels)."""
        return DelimitedFile([label_of(h) for h in self.header], {label_of(c): s for c, s in self.columns.items()},
                             self.lines, self.problems, self.data_lines)

    def column(self, name: str) -> pd.Series:
        """One column's text; "" on every record for a label the header does not have."""
        return self.columns[name] if name in self.columns else pd.Series([""] * len(self.lines), dtype="string")

    @property
    def records(self) -> list[Record]:
        texts = {c: s.tolist() for c, s in self.columns.items()}
        return [Record(line, {c: values[i] for c, values in texts.items()}) for i, line in enumerate(self.lines)]


CELL_WORKBOOKS = (".xlsx", ".xlsm", ".ods")   # zipped XML workbooks, read by python-calamine (.xlsm: with macros)
WORKBOOK_SUFFIXES = (".xls", *CELL_WORKBOOKS)   # files read as workbooks, never as text
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
CP1252 = "cp1252"
# Non-letters a Windows-1252 / Latin-1 export of names and notes plausibly holds (spacing accents included: "d´Ivoire"
# is written with the acute accent by keyboards without an apostrophe at hand). The letters y-diaeresis and thorn
# (bytes 0xFF, 0xFE, 0xDE) are left out: they are the bytes of damaged or binary data far more often than of text.
_CP1252_MARKS = set("\u00a0\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u00b7\u00b0\u00ab\u00bb"
                    "\u00a9\u00ae\u2122\u20ac\u00a3\u00a5\u00a2\u00a7\u00b1\u00b2\u00b3\u00b9\u00bc\u00bd\u00be"
                    "\u00d7\u00f7\u00aa\u00ba\u00bf\u00a1\u00b5\u2020\u2021\u2030"
                    "\u00b4\u00a8\u00b8\u00af\u02c6\u02dc\u00ad")
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
    if path.suffix.lower() in (*WORKBOOK_SUFFIXES, ".parquet"):
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
    `field_count`; a missing required column raises FileError(`missing_column`). A regular file is split by pyarrow's
    CSV reader in one pass (`_read_regular`); anything it cannot vouch for is read line by line here.
    """
    regular = _read_regular(path.read_bytes(), file_label, delimiter, skip_lines, required or [])
    if regular is not None:
        return regular
    return DelimitedFile.from_records(*split_records(path, file_label, delimiter=delimiter, skip_lines=skip_lines,
                                                     required=required))


def split_records(path: Path, file_label: str, *, delimiter: str = ",", skip_lines: int = 0,
                  required: list[str] | None = None) -> tuple[list[str], list[Record], list[dict], int]:
    """The line reader of `read_delimited`, without pandas or pyarrow (a clean file's `isoc validate` reads with it
    alone): (header, records, quarantine rows of the lines that could not be split, data lines)."""
    lines, problems = decode_lines(path, file_label)
    lines = [(n, t) for n, t in lines if n > skip_lines]
    _, header, delimiter = _header(lines, file_label, delimiter, required or [])
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
    return header, records, problems, data_lines + sum(1 for p in problems if p["rule"] == "not_utf8")


DELIMITERS = (",", "\t", ";")   # what a spreadsheet writes as CSV in any locale, and a tab-separated export


def header_delimiter(header_text: str, declared: str, required: list[str]) -> str:
    """The delimiter of a header line: the one the format declares, or else a tab or semicolon when only that one
    splits it into every required label (a comma file re-saved by a spreadsheet set to a locale that writes
    semicolons, or exported tab-separated). A value with a decimal comma in such a file is then held back by its
    rule (`comma_decimal`), not misread."""
    def labels(delimiter: str) -> set[str]:
        return {h.strip() for h in next(csv.reader([header_text], delimiter=delimiter), [])}

    if not required or set(required) <= labels(declared):
        return declared
    return next((d for d in DELIMITERS if d != declared and set(required) <= labels(d)), declared)


def _header(lines: list[tuple[int, str]], file_label: str, delimiter: str, required: list[str]
            ) -> tuple[int, list[str], str]:
    """(line number, labels, delimiter: header_delimiter) of the first non-blank line; FileError when it is missing
    or lacks a required label."""
    while lines and not lines[0][1].strip():
        lines.pop(0)
    if not lines:
        raise FileError("empty_file", f"{file_label} has no header line.")
    header_line, header_text = lines[0]
    delimiter = header_delimiter(header_text, delimiter, required)
    header = [h.strip() for h in next(csv.reader([header_text], delimiter=delimiter))]
    missing = [c for c in required if c not in header]
    if missing:
        raise FileError("missing_column", f"{file_label} has no column {missing[0]!r} (header on line {header_line}: "
                        f"{', '.join(h for h in header if h)}).", column=missing[0], line=header_line)
    return header_line, header, delimiter


def _well_formed(delimiter: str) -> str:
    """A line of fields that are either quoted (quotes inside doubled) or hold no quote: what Python's strict csv
    reader and pyarrow's reader split identically."""
    d = r"\t" if delimiter == "\t" else re.escape(delimiter)
    field = f'(?:"(?:[^"]|"")*"|[^"{d}]*)'
    return f"^{field}(?:{d}{field})*$"


def _read_regular(raw: bytes, file_label: str, delimiter: str, skip_lines: int, required: list[str]
                  ) -> DelimitedFile | None:
    """The file split by pyarrow when it is regular: all of it decodes (UTF-8, or Windows-1252 as `text_encoding`
    says), every record is one line of well-formed fields with as many fields as the header. Otherwise None, and the
    line reader, which names each problem line, reads it."""
    import pyarrow as pa   # here: a clean file's `isoc validate` reads with split_records and never loads pyarrow
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    if not raw.strip():
        return None
    encoding = text_encoding(raw, file_label)
    try:
        text = raw.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    numbered = [(n, t.rstrip("\r")) for n, t in enumerate(text.split("\n"), start=1) if n > skip_lines]
    header_line, header, delimiter = _header(numbered, file_label, delimiter, required)
    body = [(n, t) for n, t in numbered if n > header_line and t.strip()]
    if not body:
        return DelimitedFile.from_records(header, [], [], 0)
    if "\r" in "".join(t for _, t in body):
        return None
    lines = pa.array([t for _, t in body], pa.string())
    if '"' in text and not pc.all(pc.match_substring_regex(lines, _well_formed(delimiter))).as_py():
        return None
    rejected: list[object] = []
    table = pacsv.read_csv(
        pa.py_buffer("\n".join(t for _, t in body).encode("utf-8")),
        read_options=pacsv.ReadOptions(column_names=[f"f{i}" for i in range(len(header))], use_threads=False),
        parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=False, ignore_empty_lines=True,
                                         invalid_row_handler=lambda row: rejected.append(row) or "skip"),
        convert_options=pacsv.ConvertOptions(column_types={f"f{i}": pa.string() for i in range(len(header))},
                                             strings_can_be_null=False, quoted_strings_can_be_null=False))
    if rejected or table.num_rows != len(body):
        return None
    last = {label: i for i, label in enumerate(header)}   # a repeated label: its last column, as dict(zip()) keeps
    columns = {label: pd.Series(pd.arrays.ArrowStringArray(table.column(i))) for label, i in last.items()}
    return DelimitedFile(header, columns, [n for n, _ in body], [], len(body))
