"""Strict parsing: each malformed input gets its named rule; good lines still flow."""
import pytest

from pipelines.core.canonical import FileError
from pipelines.core.parsing import read_delimited
from schemas.values import parse_number, parse_year


@pytest.mark.parametrize("text, expected", [
    ("3.51914e+007", (35191400.0, None)), ("45.6069", (45.6069, None)), ("-2", (-2.0, None)), ("...", (None, None)),
    ("", (None, None)), ("1,234,567", (None, "thousands_separator")), ("12,5", (None, "comma_decimal")),
    ("abc", (None, "not_a_number")),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text, expected", [("2019", 2019), ("2019.0", 2019), ("2O19", None), ("19", None), ("", None)])
def test_parse_year(text, expected):
    assert parse_year(text) == expected


def test_truncated_and_non_utf8_lines_are_quarantined_and_good_lines_flow(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(b"a,b,c\n1,2,3\n4,\xff\xfe,6\n7,8,9\n10,11")
    parsed = read_delimited(path, "x.csv", required=["a", "b", "c"])
    assert [r.values["a"] for r in parsed.records] == ["1", "7"]
    assert sorted((p["line"], p["rule"]) for p in parsed.problems) == [(3, "not_utf8"), (5, "field_count")]
    assert parsed.data_lines == 4


def test_empty_file_and_missing_column_raise_named_file_errors(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(FileError) as exc:
        read_delimited(empty, "empty.csv")
    assert exc.value.rule == "empty_file"
    short = tmp_path / "short.csv"
    short.write_text("a,b\n1,2\n")
    with pytest.raises(FileError) as exc:
        read_delimited(short, "short.csv", required=["a", "b", "c"])
    assert (exc.value.rule, exc.value.column) == ("missing_column", "c")
