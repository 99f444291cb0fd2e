"""`snapshot add` is all-or-nothing per call, concurrent calls lose no manifest entry, and the manifest is
world-readable (issue 12: weak spots on `snapshot add`)."""
import errno
import multiprocessing
import shutil
import stat

import pytest

from support.hardening_inputs import ROWS, datahub_text
from pipelines.cli import main
from pipelines.core import manifest
from pipelines import snapshots


def inputs(folder, count, prefix="f"):
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"{prefix}{i}.csv"
        path.write_text(datahub_text([(iso, name, str(10 + i), year) for iso, name, _, year in ROWS]),
                        encoding="utf-8-sig")
        paths.append(path)
    return paths


def test_a_refused_batch_leaves_nothing_behind(tmp_path):
    raw = tmp_path / "raw"
    good = inputs(tmp_path / "in", 2)
    unknown = tmp_path / "in" / "unknown.csv"
    unknown.write_text("what,is,this\n1,2,3\n")
    with pytest.raises(manifest.ManifestError, match="unknown.csv was not recognised"):
        snapshots.add_files(raw, "r1", [*good, unknown])
    assert sorted(p.name for p in (raw / "r1").iterdir() if not p.name.startswith(".")) == []
    snapshots.add_files(raw, "r1", good[:1], added="2026-01-01")
    changed = tmp_path / "in2" / "f0.csv"                 # same name as the recorded f0.csv, other content
    changed.parent.mkdir()
    changed.write_text(datahub_text(ROWS[:1]), encoding="utf-8-sig")
    with pytest.raises(manifest.ManifestError, match="f0.csv is already in release 'r1' with different content"):
        snapshots.add_files(raw, "r1", [good[1], changed])
    assert [e.path for e in manifest.verify(raw, "r1")] == ["f0.csv"] and not (raw / "r1" / "f1.csv").exists()


def test_a_failure_while_copying_removes_what_the_call_copied(tmp_path, monkeypatch, capsys):
    raw = tmp_path / "raw"
    files = inputs(tmp_path / "in", 3)
    calls = []
    real_copy = shutil.copyfile

    def copy_then_fill_the_disk(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return real_copy(src, dst)

    monkeypatch.setattr(shutil, "copyfile", copy_then_fill_the_disk)
    assert main(["snapshot", "add", "--release", "r1", *map(str, files), "--raw-root", str(raw)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: disk full: ") and str(raw / "r1") in err and err.count("\n") == 1
    assert sorted(p.name for p in (raw / "r1").iterdir() if not p.name.startswith(".")) == []


def _add(raw, folder, barrier):
    barrier.wait()
    snapshots.add_files(raw, "r1", sorted(folder.iterdir()), added="2026-01-01")


def test_two_concurrent_calls_lose_no_manifest_entry(tmp_path):
    raw = tmp_path / "raw"
    a, b = inputs(tmp_path / "a", 6, "a"), inputs(tmp_path / "b", 6, "b")
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(2)
    workers = [context.Process(target=_add, args=(raw, folder, barrier)) for folder in (a[0].parent, b[0].parent)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0]
    assert sorted(e.path for e in manifest.verify(raw, "r1")) == sorted(p.name for p in a + b)


def test_the_manifest_is_world_readable(tmp_path):
    snapshots.add_files(tmp_path / "raw", "r1", inputs(tmp_path / "in", 1))
    mode = stat.S_IMODE((tmp_path / "raw" / "r1" / manifest.MANIFEST).stat().st_mode)
    assert mode == 0o644


def test_a_folder_adds_every_file_under_it_kept_under_the_folder_name(tmp_path):
    """As ../shared/data holds them: two sources' folders with a file of the same name, one with dated subfolders."""
    raw, data = tmp_path / "raw", tmp_path / "data"
    inputs(data / "owid_a", 1)
    inputs(data / "owid_b", 1)
    inputs(data / "wdi" / "2020-05-19", 1, prefix="pop")
    (data / "owid_a" / "PROVENANCE.md").write_text("# where these come from\n", encoding="utf-8")
    (data / "owid_a" / ".DS_Store").write_bytes(b"\0")                          # hidden: left out
    entries = snapshots.add_files(raw, "r1", [data / "owid_a", data / "owid_b", data / "wdi"], subdir="shared",
                                  added="2026-01-01")
    assert sorted((e.path, e.format) for e in entries) == [
        ("shared/owid_a/PROVENANCE.md", manifest.DOCUMENTATION), ("shared/owid_a/f0.csv", "itu_datahub_csv"),
        ("shared/owid_b/f0.csv", "itu_datahub_csv"), ("shared/wdi/2020-05-19/pop0.csv", "itu_datahub_csv")]
    assert len(manifest.verify(raw, "r1")) == 4
    (data / "empty").mkdir()
    with pytest.raises(manifest.ManifestError, match="empty holds no file to add"):
        snapshots.add_files(raw, "r1", [data / "empty"])
    with pytest.raises(manifest.ManifestError, match="missing.csv is neither a file nor a folder"):
        snapshots.add_files(raw, "r1", [data / "missing.csv"])


def test_adding_a_release_own_folder_registers_files_put_there_by_hand_but_not_its_manifest(tmp_path, capsys):
    raw = tmp_path / "raw"
    snapshots.add_files(raw, "r1", inputs(tmp_path / "in", 1))
    inputs(raw / "r1" / "later", 1, prefix="g")                    # copied in by hand, not yet recorded
    entries = snapshots.add_files(raw, "r1", [raw / "r1"])
    assert [e.path for e in entries] == ["later/g0.csv"]
    assert entries.kept == ["f0.csv: already in release 'r1' with the same content",
                            "manifest.json: the release's own record of its files, not an input"]
    assert sorted(e.path for e in manifest.verify(raw, "r1")) == ["f0.csv", "later/g0.csv"]
    capsys.readouterr()
    assert main(["snapshot", "add", "--release", "r1", str(raw / "r1" / "manifest.json"), "--raw-root", str(raw)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "not added manifest.json: the release's own record of its files, not an input"
    assert out[1].startswith("release 'r1': 0 file(s) added, 1 not added, 2 in the manifest")


def test_a_hidden_folder_in_a_release_is_left_out_by_both_the_check_and_a_folder_add(tmp_path):
    """A file under .git/ or similar cannot be added (its name is refused), so the check must not ask for it."""
    raw = tmp_path / "raw"
    snapshots.add_files(raw, "r1", inputs(tmp_path / "in", 1))
    inputs(raw / "r1" / ".cache", 1, prefix="h")
    assert snapshots.add_files(raw, "r1", [raw / "r1"]) == []
    assert [e.path for e in manifest.verify(raw, "r1")] == ["f0.csv"]
    inputs(raw / "r1" / "seen", 1, prefix="s")                        # a visible folder is still asked for
    with pytest.raises(manifest.ManifestError, match="seen/s0.csv is in the release folder but not in the manifest"):
        manifest.verify(raw, "r1")


def test_a_zip_download_adds_its_files_as_a_folder_named_after_it(tmp_path, capsys):
    """The World Bank's download is a zip of the data and two metadata CSVs: its files are added under its name."""
    import zipfile

    raw, files = tmp_path / "raw", inputs(tmp_path / "in", 2)
    archive = tmp_path / "API_IT.CEL.SETS.P2_DS2_en_csv_v2_2987.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in files:
            zipped.write(path, f"data/{path.name}")
        zipped.writestr("__MACOSX/data/._f0.csv", b"\0\0")                   # hidden: left out
    assert main(["snapshot", "add", "--release", "r1", str(archive), "--raw-root", str(raw)]) == 0
    stem = archive.stem
    assert sorted(e.path for e in manifest.verify(raw, "r1")) == [f"{stem}/data/f0.csv", f"{stem}/data/f1.csv"]
    assert (raw / "r1" / stem / "data" / "f0.csv").read_bytes() == files[0].read_bytes()
    assert "2 file(s) added" in capsys.readouterr().out


def test_a_zip_that_would_unpack_outside_its_folder_or_is_not_a_zip_is_refused(tmp_path, capsys):
    import zipfile

    raw = tmp_path / "raw"
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("../../outside.csv", datahub_text(ROWS))
    with pytest.raises(manifest.ManifestError, match="'../../outside.csv', which would unpack outside its folder"):
        snapshots.add_files(raw, "r1", [archive])
    assert not (tmp_path / "outside.csv").exists() and not (raw / "r1" / "manifest.json").exists()
    (tmp_path / "fake.zip").write_text("not a zip")
    assert main(["snapshot", "add", "--release", "r1", str(tmp_path / "fake.zip"), "--raw-root", str(raw)]) == 2
    assert "fake.zip cannot be unpacked as a zip archive" in capsys.readouterr().err


def test_a_zip_in_a_compression_python_cannot_unpack_is_refused_naming_it(tmp_path, capsys):
    """Deflate64 (Windows' own zipper, for large files) is not in Python's zipfile: a sentence naming the zip, from
    snapshot add and from validate, not the library's bare exception."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("data.csv", datahub_text(ROWS))
    data = bytearray(buffer.getvalue())
    central = data.find(b"PK\x01\x02")
    data[8:10] = data[central + 10:central + 12] = (9).to_bytes(2, "little")      # method 9: Deflate64
    archive = tmp_path / "large.zip"
    archive.write_bytes(bytes(data))
    assert main(["snapshot", "add", "--release", "r1", str(archive), "--raw-root", str(tmp_path / "raw")]) == 2
    assert "large.zip cannot be unpacked as a zip archive (That compression method is not supported)" in \
        capsys.readouterr().err
    assert main(["validate", str(archive)]) == 1
    assert "large.zip cannot be unpacked as a zip archive" in capsys.readouterr().out


def test_an_owid_chart_download_is_added_whole_its_metadata_kept_as_documentation(tmp_path, capsys):
    """Our World in Data's chart download is a zip of the CSV, <chart>.metadata.json and readme.md: the CSV is data,
    the other two are kept for provenance and never read."""
    import zipfile

    raw, archive = tmp_path / "raw", tmp_path / "share-of-individuals-using-the-internet.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("share-of-individuals-using-the-internet.csv", "Entity,Code,Year,Individuals using the "
                        "Internet (% of population)\nKenya,KEN,2022,40.8\nKenya,KEN,2023,44.2\n")
        zipped.writestr("share-of-individuals-using-the-internet.metadata.json", '{"chart": {"title": "x"}}')
        zipped.writestr("readme.md", "# Share of the population using the Internet\n")
    assert main(["snapshot", "add", "--release", "r1", str(archive), "--raw-root", str(raw)]) == 0
    stem = archive.stem
    assert {e.path: e.format for e in manifest.verify(raw, "r1")} == {
        f"{stem}/share-of-individuals-using-the-internet.csv": "owid_grapher_csv",
        f"{stem}/share-of-individuals-using-the-internet.metadata.json": manifest.DOCUMENTATION,
        f"{stem}/readme.md": manifest.DOCUMENTATION}
    assert main(["validate", str(archive)]) == 0
    out = capsys.readouterr().out
    assert "share-of-individuals-using-the-internet.metadata.json: documentation, not checked" in out
    assert out.strip().endswith(f"{archive.name}: 1 file(s) checked, 0 with errors, 0 not recognised")
