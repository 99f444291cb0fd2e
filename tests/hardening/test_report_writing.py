"""Report writing is atomic: outputs are written to a hidden folder and switched in when all are done, so a failure
or a kill leaves the previous site whole; leftovers are cleaned at the next run (issue 12: weak spot 'a kill during
report writing leaves a half-written site')."""
import pytest

from pipelines.reports import charts, produce, site, workbook


def fake_writers(monkeypatch, version, fail_charts=False):
    def write(folder, name):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(version)
        return folder / name

    def write_charts(source, folder):
        write(folder, "c.csv")
        if fail_charts:
            raise OSError(28, "No space left on device", str(folder / "c.png"))
        return [folder / "c.csv"]

    monkeypatch.setattr(produce.PublishedRelease, "open", staticmethod(lambda root, release: None))
    monkeypatch.setattr(site, "write_site", lambda source, folder: [write(folder, "index.html")])
    monkeypatch.setattr(workbook, "write_workbook", lambda source, path: write(path.parent, path.name))
    monkeypatch.setattr(charts, "write_charts", write_charts)


def contents(out):
    return {p.relative_to(out).as_posix(): p.read_text() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_failure_while_writing_leaves_the_previous_reports_whole(tmp_path, monkeypatch):
    out = tmp_path / "reports" / "r1"
    fake_writers(monkeypatch, "v1")
    written = produce.produce(tmp_path, "r1", out)
    assert written == {"profiles": [out / "profiles" / "index.html"], "tables": [out / "tables" / produce.WORKBOOK],
                       "charts": [out / "charts" / "c.csv"]}
    before = contents(out)
    assert set(before.values()) == {"v1"}
    fake_writers(monkeypatch, "v2", fail_charts=True)
    with pytest.raises(OSError):
        produce.produce(tmp_path, "r1", out)
    assert contents(out) == before                                  # no kind switched: the old site is whole
    assert [p.name for p in (tmp_path / "reports").iterdir()] == ["r1"]   # nothing half-written left beside it
    fake_writers(monkeypatch, "v2")
    produce.produce(tmp_path, "r1", out)
    assert set(contents(out).values()) == {"v2"} and set(contents(out)) == set(before)


def test_a_killed_run_leftover_is_removed_by_the_next_run_of_that_folder_only(tmp_path, monkeypatch):
    reports = tmp_path / "reports"
    own = reports / f".incoming-r1-{'a' * 32}"
    other = reports / f".incoming-r1-b-{'b' * 32}"                  # folder 'r1-b', perhaps being written now
    for folder in (own / "profiles", other / "profiles"):
        folder.mkdir(parents=True)
        (folder / "index.html").write_text("half")
    fake_writers(monkeypatch, "v1")
    produce.produce(tmp_path, "r1", reports / "r1")
    assert sorted(p.name for p in reports.iterdir()) == [other.name, "r1"]
