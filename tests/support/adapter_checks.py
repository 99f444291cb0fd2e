"""Checks shared by the adapter tests (not a test module): accounting, staged-model gate, and one parametrized
bad-input test that every format reuses on a tiny file it describes with a `Sample`.

A test module binds the bad-input test to its format with `test_bad_input = bad_input_test(SAMPLE)`, so the test
body is written once and each format only says what one good line of its file looks like.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from support.accounting import records_quarantined, staged_failures

from pipelines.core.canonical import AdapterResult
from pipelines.ingest import detect_format, read_file


def check_result(result: AdapterResult, staged_rejects: dict[str, int] | None = None) -> None:
    """Every record read is staged or quarantined (counted both as the adapter and as staging count), and every
    candidate observation passes the staged Observation model, except `staged_rejects` ({rule: count}): real
    values the staging gate rejects (e.g. a percentage above 100 in the source)."""
    assert result.rows_read == result.rows_staged + result.rows_quarantined
    own_rows = sum(len(t) for t in result.tables.values())   # rows staged as their own table (tariff plans)
    assert result.rows_read == len(result.observations) + len(result.reference) + own_rows + records_quarantined(result)
    rejected = staged_failures(result)
    assert rejected["rule"].value_counts().to_dict() == (staged_rejects or {}), rejected.to_string()


def value(result: AdapterResult, area: str, series: str, year: int, **key: str) -> float:
    """The one observation for (area, series, year[, sex=..., breakdown=...])."""
    o = result.observations
    hit = o[(o.ref_area == area) & (o.series == series) & (o.time_period == year)]
    for column, wanted in key.items():
        hit = hit[hit[column] == wanted]
    assert len(hit) == 1, (area, series, year, key, hit[["sex", "age", "breakdown", "line"]].to_string())
    return float(hit.iloc[0]["obs_value"])


def attribute(result: AdapterResult, area: str, name: str) -> str:
    r = result.reference
    hit = r[(r.ref_area == area) & (r.attribute == name)]
    assert len(hit) == 1, (area, name, hit.to_string())
    return str(hit.iloc[0]["value"])


def rule_counts(result: AdapterResult) -> dict[str, int]:
    return {k: int(v) for k, v in result.quarantine["rule"].value_counts().items()}


@dataclass(frozen=True)
class Sample:
    """A tiny file of one format: its header and one good line; the columns the defects are written into."""

    fmt: str
    header: list[str]
    good: dict[str, str]
    economy: str | None = None        # the column holding the economy code (None: not about economies)
    year: str | None = None           # the year column of a long file (None: wide, the year is a column label)
    value: str | None = None          # a value column (None: a reference format, no values)
    staged_per_line: int = 1          # records one good line stages (the cells of a wide line, the attributes...)
    preamble: str = ""                # lines above the header (World Bank files)
    delimiter: str = ","
    name: str = "sample.csv"
    required: str | None = None       # the column dropped by the missing-column defect (default: economy)
    bad_year_label: str = "20l7"      # wide file: the value column's label with a year that is not a year

    def text(self, rows: list[dict], header: list[str] | None = None) -> str:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=self.delimiter, lineterminator="\n")
        header = header or self.header
        writer.writerow(header)
        for row in rows:
            writer.writerow([row.get(h, "") for h in header])
        return self.preamble + out.getvalue()

    def write(self, tmp_path: Path, rows: list[dict], header: list[str] | None = None) -> Path:
        path = tmp_path / self.name
        path.write_text(self.text(rows, header), encoding="utf-8")
        return path

    def data_line(self, index: int) -> int:
        """Physical line of data row `index` (0-based)."""
        return self.preamble.count("\n") + 2 + index

    @property
    def defects(self) -> list[str]:
        found = ["empty_file", "missing_column", "truncated_last_row", "non_utf8"]
        if self.economy:
            found.append("unknown_economy")
        if self.value:
            found += ["thousands_separator", "comma_decimal", "year_as_text"]
        return found


def _read(sample: Sample, path: Path) -> AdapterResult:
    result = read_file(path, sample.fmt, path.name)
    check_result(result)
    return result


def _one_rule(result: AdapterResult, line: int) -> pd.Series:
    q = result.quarantine[result.quarantine["line"] == line]
    assert len(q) == 1, result.quarantine.to_string()
    return q.iloc[0]


def check_defect(sample: Sample, defect: str, tmp_path: Path) -> None:
    good, bad_line = dict(sample.good), sample.data_line(1)
    assert detect_format(sample.write(tmp_path, [good])) == sample.fmt
    if defect == "empty_file":
        path = tmp_path / sample.name
        path.write_bytes(b"")
        result = _read(sample, path)
        assert result.quarantine[["rule", "severity"]].values.tolist() == [["empty_file", "file_error"]]
        return
    if defect == "missing_column":
        dropped = sample.required or sample.economy
        result = _read(sample, sample.write(tmp_path, [good], [h for h in sample.header if h != dropped]))
        assert result.quarantine[["rule", "column", "severity"]].values.tolist() == [
            ["missing_column", dropped, "file_error"]]
        return
    if defect == "year_as_text" and sample.year is None:
        # wide file: the year is a column label; a label that is not a year makes the file unreadable
        header = [(sample.bad_year_label if h == sample.value else h) for h in sample.header]
        result = _read(sample, sample.write(tmp_path, [good | {sample.bad_year_label: good[sample.value]}], header))
        assert result.quarantine[["rule", "severity"]].values.tolist() == [["year_not_integer", "file_error"]]
        return
    bad = dict(good)
    expected_staged = sample.staged_per_line            # the good line's records; the bad line is held back
    if defect == "unknown_economy":
        bad[sample.economy], rule = "XYZ", "unknown_economy"
    elif defect == "year_as_text":
        bad[sample.year], rule = "20l6", "year_not_integer"
    elif defect in ("thousands_separator", "comma_decimal"):
        bad[sample.value], rule = ("1,234" if defect == "thousands_separator" else "12,5"), defect
        expected_staged = 2 * sample.staged_per_line - 1    # only the bad cell is held back
    path = sample.write(tmp_path, [good, bad])
    if defect == "truncated_last_row":
        text = sample.text([good, good])
        path.write_text(text[:text.rstrip("\n").rfind(sample.delimiter)], encoding="utf-8")   # cut mid-row
        rule = "field_count"
    elif defect == "non_utf8":
        text = sample.text([good, good]).encode("utf-8")
        cut = text.rstrip(b"\n").rfind(b"\n") + 1
        path.write_bytes(text[:cut] + b"\xff" + text[cut:])
        rule = "not_utf8"
    result = _read(sample, path)
    problem = _one_rule(result, bad_line)
    assert problem["rule"] == rule, result.quarantine.to_string()
    assert problem["reason"] and problem["file"] == path.name
    if defect in ("thousands_separator", "comma_decimal"):
        assert problem["column"] == sample.value
    assert result.rows_staged == expected_staged
    staged = pd.concat([result.observations["line"], result.reference["line"],
                        *[t["line"] for t in result.tables.values()]]).unique().tolist()
    assert sample.data_line(0) in staged


def bad_input_test(sample: Sample):
    """A parametrized test of every defect that applies to `sample`'s format."""
    @pytest.mark.parametrize("defect", sample.defects)
    def test(defect: str, tmp_path: Path) -> None:
        check_defect(sample, defect, tmp_path)
    return test
