"""Raw snapshots are immutable, checksummed, and refuse unsafe names."""
import json

import pytest

from pipelines.core import manifest
from pipelines import snapshots

POP = "Country Name,Country Code,Year,Value\nGermany,DEU,2020,83160871\n"


@pytest.fixture
def pop_file(tmp_path):
    path = tmp_path / "src" / "population.csv"
    path.parent.mkdir()
    path.write_text(POP)
    return path


def test_add_detects_format_records_sha_and_is_idempotent(tmp_path, pop_file):
    raw = tmp_path / "raw"
    [entry] = snapshots.add_files(raw, "r1", [pop_file], added="2026-01-01")
    assert entry.format == "population_long_csv"
    assert entry.sha256 == manifest.sha256_of(pop_file)
    assert snapshots.add_files(raw, "r1", [pop_file]) == []          # same content: nothing to do
    body = json.loads((raw / "r1" / "manifest.json").read_text())
    assert [f["path"] for f in body["files"]] == ["population.csv"]
    assert manifest.releases(raw) == ["r1"]


def test_replacing_a_file_with_different_content_is_refused(tmp_path, pop_file):
    raw = tmp_path / "raw"
    snapshots.add_files(raw, "r1", [pop_file])
    pop_file.write_text(POP + "France,FRA,2020,67000000\n")
    with pytest.raises(manifest.ManifestError, match="different content"):
        snapshots.add_files(raw, "r1", [pop_file])


@pytest.mark.parametrize("name", ["../evil.csv", "/etc/passwd", "a/../../b.csv", "..", "x\\..\\y.csv"])
def test_unsafe_names_are_refused(name):
    with pytest.raises(manifest.ManifestError, match="unsafe_path"):
        manifest.check_name(name)


def test_subdir_with_dotdot_is_refused(tmp_path, pop_file):
    with pytest.raises(manifest.ManifestError, match="unsafe_path"):
        snapshots.add_files(tmp_path / "raw", "r1", [pop_file], subdir="../outside")
    assert not (tmp_path / "outside").exists()


def test_verify_detects_tampering_and_unregistered_files(tmp_path, pop_file):
    raw = tmp_path / "raw"
    snapshots.add_files(raw, "r1", [pop_file])
    (raw / "r1" / "population.csv").write_text(POP.replace("83160871", "1"))
    (raw / "r1" / "stray.csv").write_text("x\n")
    with pytest.raises(manifest.ManifestError) as exc:
        manifest.verify(raw, "r1")
    assert "changed since it was added" in str(exc.value) and "stray.csv is in the release folder" in str(exc.value)


def test_unrecognised_format_names_the_known_ones(tmp_path):
    odd = tmp_path / "odd.csv"
    odd.write_text("foo,bar\n1,2\n")
    with pytest.raises(manifest.ManifestError, match="population_long_csv"):
        snapshots.add_files(tmp_path / "raw", "r1", [odd])


def test_a_declared_vintage_is_recorded_and_a_malformed_one_refused(tmp_path, pop_file):
    raw = tmp_path / "raw"
    with pytest.raises(manifest.ManifestError, match="not an ISO year"):
        snapshots.add_files(raw, "r1", [pop_file], vintage="June 2024")
    [entry] = snapshots.add_files(raw, "r1", [pop_file], subdir="wdi_2024", vintage="2024-06")
    assert (entry.path, entry.vintage) == ("wdi_2024/population.csv", "2024-06")
    snapshots.add_files(raw, "r1", [pop_file], subdir="undated")
    body = json.loads((raw / "r1" / "manifest.json").read_text())
    assert [f.get("vintage") for f in body["files"]] == [None, "2024-06"]      # no key when none was declared
    assert [e.vintage for e in manifest.load(raw, "r1")] == ["", "2024-06"]
