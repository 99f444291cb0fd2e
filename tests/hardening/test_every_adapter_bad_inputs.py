"""Every adapter's sample (tests/ingest) as a header-only file, an all-invalid file and a Latin-1 file: quarantine or
nothing, never an exception, and rows read = staged + quarantined (issue 12: weak spot 'all-invalid, header-only,
Latin-1 inputs', beyond the DataHub CSV it was found on)."""
import importlib.util
import re
import sys
from pathlib import Path

import pytest

from pipelines.ingest import read_file
from support.adapter_checks import check_result

INGEST_TESTS = Path(__file__).resolve().parents[1] / "ingest"


def samples_module(path: Path):
    """An adapter test module of tests/ingest, loaded from its file (test modules are not importable by name)."""
    spec = importlib.util.spec_from_file_location(f"ingest_samples.{path.stem}", path)
    module = sys.modules[spec.name] = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLES = [sample for path in sorted(INGEST_TESTS.glob("test_*.py"))
           for sample in (getattr(samples_module(path), name, None) for name in ("SAMPLE", "BANDWIDTH"))
           if sample is not None]


def read(sample, path):
    result = read_file(path, sample.fmt, path.name)
    check_result(result)                      # counts balance, frames typed
    return result


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: f"{s.fmt}-{s.value or s.header[0]}")
def test_header_only_reads_as_zero_rows(sample, tmp_path):
    result = read(sample, sample.write(tmp_path, []))
    assert (result.rows_read, result.rows_staged, len(result.quarantine)) == (0, 0, 0)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: f"{s.fmt}-{s.value or s.header[0]}")
def test_all_invalid_rows_are_all_quarantined(sample, tmp_path):
    rows = [dict(sample.good) for _ in range(3)]
    for row in rows:
        row.update({column: bad for column, bad in ((sample.economy, "XYZ"), (sample.value, "abc")) if column})
    result = read(sample, sample.write(tmp_path, rows))
    if sample.economy or sample.value:
        assert (result.rows_staged, result.rows_read, result.rows_quarantined) == (0, 3, 3)


@pytest.mark.parametrize("sample", [s for s in SAMPLES if not s.name.endswith(".xlsx")],
                         ids=lambda s: f"{s.fmt}-{s.value or s.header[0]}")
def test_a_latin_1_file_reads_like_the_same_text_in_utf8(sample, tmp_path):
    text = sample.text([dict(sample.good), dict(sample.good)])
    last = text.rstrip("\n").rfind("\n") + 1
    text = text[:last] + re.sub("[aeiou]", "é", text[last:], count=1)   # an accented letter on the last data line
    assert "é" in text
    results = {}
    for encoding in ("utf-8", "latin-1"):
        path = tmp_path / encoding / sample.name
        path.parent.mkdir()
        path.write_bytes(text.encode(encoding))
        result = read(sample, path)
        results[encoding] = (result.rows_read, result.rows_staged, sorted(result.quarantine["rule"]))
    assert results["latin-1"] == results["utf-8"] and "not_utf8" not in results["latin-1"][2]
