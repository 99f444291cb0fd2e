"""The CLI a country or statistician uses: `isoc validate` reports named errors and exits 1; snapshot add refuses."""
from pipelines.cli import main

GOOD = "Country Name,Country Code,Year,Value\nGermany,DEU,2020,83160871\nKenya,KEN,2020,51985780\n"
BAD = GOOD + "Nowhere,XYZ,2020,5\nGermany,DEU,2O21,1\nKenya,KEN,2021,\"1,234,567\"\n"


def test_validate_good_file_exits_0(tmp_path, capsys):
    path = tmp_path / "population.csv"
    path.write_text(GOOD)
    assert main(["validate", str(path)]) == 0
    assert "rows read 2, would be staged 2, quarantined 0" in capsys.readouterr().out


def test_validate_bad_file_names_line_column_and_rule_and_exits_1(tmp_path, capsys):
    path = tmp_path / "population.csv"
    path.write_text(BAD)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "rows read 5, would be staged 2, quarantined 3" in out
    assert "line 4, column Country Code, rule unknown_economy" in out
    assert "line 5, column Year, rule year_not_integer" in out
    assert "line 6, column Value, rule thousands_separator" in out


def test_snapshot_add_refuses_a_path_that_escapes_the_release(tmp_path, capsys):
    path = tmp_path / "population.csv"
    path.write_text(GOOD)
    code = main(["snapshot", "add", "--release", "r", "--subdir", "../escape", "--raw-root", str(tmp_path / "raw"),
                 str(path)])
    assert code == 2 and "unsafe_path" in capsys.readouterr().err
    assert not (tmp_path / "escape").exists()


def test_snapshot_add_records_a_declared_vintage_and_refuses_a_malformed_one(tmp_path, capsys):
    from pipelines.core import manifest

    path, raw = tmp_path / "population.csv", tmp_path / "raw"
    path.write_text(GOOD)
    assert main(["snapshot", "add", "--release", "r", "--vintage", "mid-2024", "--raw-root", str(raw), str(path)]) == 2
    assert "not an ISO year" in capsys.readouterr().err
    assert main(["snapshot", "add", "--release", "r", "--vintage", "2024-06", "--raw-root", str(raw), str(path)]) == 0
    assert [e.vintage for e in manifest.load(raw, "r")] == ["2024-06"]


def test_a_tampered_manifest_with_dotdot_is_refused(tmp_path):
    import json

    import pytest

    from pipelines.core import manifest

    folder = tmp_path / "raw" / "r"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"release": "r", "files": [
        {"path": "../../etc/passwd", "sha256": "0", "bytes": 1, "format": "population_long_csv", "origin": "",
         "added": ""}]}))
    with pytest.raises(manifest.ManifestError, match="unsafe_path"):
        manifest.load(tmp_path / "raw", "r")


def test_template_with_an_unknown_economy_is_a_clear_error_not_a_traceback(tmp_path, capsys):
    out = tmp_path / "x.xlsx"
    assert main(["template", str(out), "--economy", "Kenya"]) == 2
    assert "'Kenya' is not an ISO3 code" in capsys.readouterr().err
    assert not out.exists()


def test_isoc_help_lists_every_command_without_importing_the_data_libraries():
    """`isoc --help` registers every command's options; pandas, Pandera, DuckDB, Dagster and matplotlib are imported
    only by a command that uses them (they took `isoc --help` to 2 s)."""
    import subprocess
    import sys

    heavy = ("pandas", "pandera", "duckdb", "dagster", "matplotlib", "openpyxl")
    probe = ("import sys; from pipelines.cli import build_parser; help = build_parser([]).format_help(); "
             f"print(sorted(m for m in {heavy!r} "
             "if type(sys.modules.get(m)).__name__ not in ('NoneType', '_Deferred'))); print(help)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == "[]"
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ") and not line.startswith("     ")}
    assert listed >= {"demo", "diff", "export", "microdata", "report", "run", "snapshot", "synth", "validate"}
