"""One release-name rule for every command (issue 12: failure 1, weak spots 'a/b' and long names, '../' in diff and
export)."""
import pytest

from pipelines.cli import main
from pipelines.core import manifest
from support.publish_tables import publish_tables, table

BAD = ["latest", "LATEST", "a/b", "a\\b", "../x", "..", "a..b", ".hidden", "-flag", "x" * 101, "x" * 300, "", "ends "]


@pytest.mark.parametrize("name", ["demo", "2025-12", "Dec 2025 v1.2", "synth_x10", "x" * 100])
def test_good_release_names_pass(name):
    assert manifest.check_release(name) == name


@pytest.mark.parametrize("name", BAD)
def test_bad_release_names_are_refused_with_the_rule(name):
    with pytest.raises(manifest.ManifestError, match="is not allowed: use letters, digits") as exc:
        manifest.check_release(name)
    assert "\n" not in str(exc.value) and len(str(exc.value)) < 300   # one line, even for a 300-character name


def test_a_release_named_latest_is_never_published_and_latest_stays_a_link_to_a_release(tmp_path):
    publish_tables(tmp_path, "r1", [table("t", [1.0])], sources=[])
    with pytest.raises(manifest.ManifestError, match="reserved name"):
        publish_tables(tmp_path, "latest", [table("t", [2.0])], sources=[])
    latest = tmp_path / "latest"
    assert latest.is_symlink() and (latest / "datapackage.json").is_file()
    assert not any(p.name.startswith("latest-") for p in (tmp_path / ".versions").iterdir())


@pytest.mark.parametrize("argv", [
    ["snapshot", "add", "--release", "a/b", "x.csv"],
    ["snapshot", "add", "--release", "latest", "x.csv"],
    ["run", "--release", "x" * 260],
    ["run", "--release", "../escape"],
    ["diff", "--from", "../etc", "--to", "r2"],
    ["diff", "--from", "r1", "--to", "a/../../b"],
    ["export", "sdmx", "--release", "../r", "--out", "out.csv"],
    ["report", "all", "--release", "../r"],
])
def test_every_command_refuses_a_bad_name_in_one_line(argv, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    paths = ["--raw-root", str(tmp_path / "raw"), "--warehouse", str(tmp_path / "wh")]
    assert main(argv + paths) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: release name") and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "raw").exists() or not any((tmp_path / "raw").iterdir())


def test_report_of_latest_when_nothing_is_published_is_one_line(tmp_path, capsys):
    assert main(["report", "all", "--warehouse", str(tmp_path / "wh")]) == 2
    assert capsys.readouterr().err == f"error: nothing is published yet under {tmp_path / 'wh' / 'published'} " \
                                      "(latest does not exist)\n"
