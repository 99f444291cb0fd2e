"""Bad DataHub inputs give quarantine or file errors naming their cause, never a traceback, and every row read is
staged or quarantined (issue 12: weak spot 'all-invalid, header-only, Latin-1 DataHub CSV')."""
import pytest

from support.hardening_inputs import ROWS, datahub_text
from pipelines.cli import main
from pipelines.core import manifest, staging
from pipelines.core.manifest import Entry, sha256_of
from pipelines.core.parsing import encoding_note, text_encoding
from pipelines.ingest import detect_format, read_file

FORMAT = "itu_datahub_csv"


@pytest.fixture
def write_datahub(tmp_path):
    """write_datahub(name, rows=ROWS, encoding="utf-8-sig", **text) -> path of a DataHub CSV in that encoding."""
    def write(name: str, rows=ROWS, encoding: str = "utf-8-sig", **text):
        path = tmp_path / "inputs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(datahub_text(rows, **text).encode(encoding))
        return path
    return write


def staged(path):
    """Read and stage one file as a run would: (per-file accounting row, staged observations, quarantine)."""
    result = read_file(path, FORMAT, path.name)
    entry = Entry(path.name, sha256_of(path), path.stat().st_size, FORMAT, "", "")
    outcome = staging.stage(staging.collect([(entry, result)]))
    return outcome.files.iloc[0], outcome.observations, outcome.quarantine


def test_a_header_only_datahub_file_reads_as_zero_rows(write_datahub):
    files, obs, q = staged(write_datahub("header_only.csv", rows=[]))
    assert (files.rows_read, files.rows_staged, files.rows_quarantined, bool(files.balanced)) == (0, 0, 0, True)
    assert obs.empty and q.empty


def test_an_all_invalid_datahub_file_is_quarantined_row_by_row(write_datahub):
    rows = [("DEU", "Germany", "4,5", 2023), ("XYZ", "Nowhere", "1", 2023), ("FRA", "France", "1", "20l3")]
    files, obs, q = staged(write_datahub("all_bad.csv", rows=rows))
    assert obs.empty
    assert sorted(zip(q["line"], q["rule"])) == [(2, "comma_decimal"), (3, "unknown_economy"), (4, "year_not_integer")]
    assert (files.rows_read, files.rows_quarantined, bool(files.balanced)) == (3, 3, True)


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_a_windows_1252_or_latin_1_datahub_file_is_transcoded_and_noted(write_datahub, encoding):
    rows = [("DEU", "Germany", "45.6", 2023), ("CIV", "Côte d'Ivoire", "1.2", 2023), ("CUW", "Curaçao", "30", 2023)]
    note = "Données estimées" if encoding == "latin-1" else "ITU’s estimate – see note"
    path = write_datahub(f"{encoding}.csv", rows=rows, encoding=encoding, note=note)
    assert text_encoding(path.read_bytes(), path.name) == "cp1252"
    assert detect_format(path) == FORMAT
    files, obs, q = staged(path)
    assert q.empty and (files.rows_read, files.rows_staged) == (3, 3)
    assert sorted(obs["ref_area"]) == ["CIV", "CUW", "DEU"] and set(obs["note"]) == {note}
    assert encoding_note(path) == "text encoding Windows-1252/Latin-1, transcoded to UTF-8 when read"


def test_validate_says_how_a_latin_1_file_was_read(write_datahub, capsys):
    path = write_datahub("latin.csv", encoding="latin-1", rows=[("CIV", "Côte d'Ivoire", "1.2", 2023)])
    assert main(["validate", str(path)]) == 0
    assert "format itu_datahub_csv (text encoding Windows-1252/Latin-1, transcoded to UTF-8 when read)" in \
        capsys.readouterr().out


def test_a_utf8_file_with_one_damaged_line_still_quarantines_only_that_line(write_datahub):
    path = write_datahub("damaged.csv")                     # UTF-8: 'Côte d’Ivoire' on line 4
    data = path.read_bytes().replace(b"Germany", b"Germ\xe4ny")
    path.write_bytes(data)
    assert text_encoding(data, path.name) == "utf-8"
    files, obs, q = staged(path)
    assert q[["line", "rule"]].values.tolist() == [[2, "not_utf8"]] and sorted(obs["ref_area"]) == ["CIV", "FRA"]
    assert bool(files.balanced)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_file_is_a_named_file_error_and_refused_by_snapshot_and_validate(write_datahub, encoding, tmp_path,
                                                                                capsys):
    path = write_datahub("utf16.csv", encoding=encoding, rows=ROWS[:2])
    result = read_file(path, FORMAT, path.name)
    [problem] = result.quarantine.to_dict("records")
    assert (problem["rule"], problem["severity"]) == ("utf16_encoding", "file_error")
    assert "is encoded as UTF-16" in problem["reason"]
    assert main(["validate", str(path)]) == 1
    assert "utf16.csv is encoded as UTF-16" in capsys.readouterr().out
    assert main(["snapshot", "add", "--release", "r1", str(path), "--raw-root", str(tmp_path / "raw")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is encoded as UTF-16" in err
    assert not (tmp_path / "raw" / "r1" / manifest.MANIFEST).exists()


def test_validate_checks_each_file_of_a_zip_download_under_the_zips_name(tmp_path, capsys):
    """A download that comes as a .zip is checked as `isoc snapshot add` would add it: each file reported under
    <zip>/<file>, notes not checked, hidden files left out; the exit code is the worst file's."""
    import zipfile

    archive = tmp_path / "download.zip"
    bad = ROWS[:2] + [("XXX", "Nowhere", "12.0", 2023)]
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("data/clean.csv", datahub_text(ROWS))
        zipped.writestr("data/bad.csv", datahub_text(bad))
        zipped.writestr("README.md", "# how the data were made\n")
        zipped.writestr("__MACOSX/data/._clean.csv", b"\0\0")
    assert main(["validate", str(archive)]) == 1
    out = capsys.readouterr().out
    assert "download.zip: 3 file(s)" in out and "._clean.csv" not in out
    assert "download.zip/data/clean.csv: format itu_datahub_csv" in out
    assert "download.zip/README.md: documentation, not checked" in out
    assert "line 4, column entityIso" in out and "download.zip/data/bad.csv line 4" in out
    assert out.strip().endswith("download.zip: 2 file(s) checked, 1 with errors, 0 not recognised")


def test_validate_of_a_zip_names_what_it_refuses(tmp_path, capsys):
    import zipfile

    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zipped:
        zipped.writestr("../../outside.csv", datahub_text(ROWS))
    assert main(["validate", str(evil)]) == 1
    assert "evil.zip holds '../../outside.csv', which would unpack outside its folder: refused" in \
        capsys.readouterr().out and not (tmp_path.parent / "outside.csv").exists()
    (tmp_path / "fake.zip").write_text("not a zip")
    assert main(["validate", str(tmp_path / "fake.zip")]) == 1
    assert "fake.zip cannot be unpacked as a zip archive" in capsys.readouterr().out
    odd = tmp_path / "odd.zip"
    with zipfile.ZipFile(odd, "w") as zipped:
        zipped.writestr("chart.json", "{}")
    assert main(["validate", str(odd)]) == 2
    captured = capsys.readouterr()
    assert "the format of odd.zip/chart.json was not recognised" in captured.err
    assert "odd.zip: 1 file(s) checked, 0 with errors, 1 not recognised" in captured.out


def test_validate_of_a_zip_with_nothing_to_check_says_so(tmp_path, capsys):
    """Nothing to check is an error, as `snapshot add` adds nothing from such a zip; with --format, a note is checked
    as that format, as `snapshot add --format` would take it."""
    import zipfile

    for name, members in (("empty.zip", {}), ("notes.zip", {"README.md": "# read me\n", ".hidden.csv": "x"})):
        with zipfile.ZipFile(tmp_path / name, "w") as zipped:
            for member, text in members.items():
                zipped.writestr(member, text)
        assert main(["validate", str(tmp_path / name)]) == 1
        assert f"{name}: no file to check (only notes or hidden files)" in capsys.readouterr().out
    with zipfile.ZipFile(tmp_path / "as_data.zip", "w") as zipped:
        zipped.writestr("values.md", datahub_text(ROWS))
    assert main(["validate", "--format", "itu_datahub_csv", str(tmp_path / "as_data.zip")]) == 0
    assert "as_data.zip/values.md: format itu_datahub_csv" in capsys.readouterr().out
