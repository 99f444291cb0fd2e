"""`isoc validate` of a clean long CSV (DataHub, ITU legacy by name) answers without pandas (pipelines/ingest/_long.py):
the adapter's stated shape, the line reader, the raw rules' one-cell forms and staging's suspect SQL. It is only a
shortcut: on every demo and real file validate accepts, it vouches for a file exactly when the adapter and staging
quarantine nothing, and the observations it would stage are the adapter's, value for value."""
import subprocess
import sys
import textwrap

import pytest
from support import REPO
from support.hardening_inputs import datahub_text

from pipelines.commands.demo import build_demo
from pipelines.core import staging
from pipelines.core.manifest import Entry
from pipelines.ingest import adapters, detect_format, read_file, vouch_clean
from pipelines.ingest._excel import check_input
from pipelines.ingest._long import candidates
from schemas.raw._columns import texts_pass
from schemas.raw.itu_datahub import ItuDatahubRaw
from schemas.raw.un_sdg_api import UnSdgApiRaw
from schemas.values import number_cell_fine, number_cell_plain, year_cell_fine

COMPARED = ["ref_area", "time_period", "series", "sex", "age", "urbanisation", "breakdown", "unit_measure",
            "unit_mult", "obs_value", "nature", "file", "line"]


def _verdicts(paths) -> list[tuple[str, int | None, int, int]]:
    """(file, records the shortcut vouches for or None, records read, records quarantined by adapter and staging)
    for each file validate accepts whose format states its shape; asserts the shortcut's observations are the
    adapter's wherever it vouches. Each file with quarantined records also leaves a copy without their lines in
    `CLEANED` below it, which the shortcut should vouch for in turn."""
    seen = []
    for path in sorted(paths):
        if check_input(path, path.name) or (fmt := detect_format(path)) is None:
            continue
        shape = getattr(adapters()[fmt], "SHAPE", None)
        if shape is None:
            assert vouch_clean(path, fmt, path.name) is None
            continue
        vouched = vouch_clean(path, fmt, path.name)
        outcome = staging.stage(staging.collect([(Entry(path.name, "", 0, fmt, "", ""),
                                                  read_file(path, fmt, path.name))]))
        files = outcome.files.iloc[0]
        seen.append((path.name, vouched, int(files.rows_read), int(files.rows_quarantined)))
        if len(outcome.quarantine):
            _without_lines(path, set(outcome.quarantine["line"].dropna().astype(int)))
        if vouched is not None:
            found = candidates(path, path.name, shape)
            adapter = outcome.observations.sort_values("line")[COMPARED].astype(object)
            assert [list(row) for row in zip(*(found[c] for c in COMPARED))] == adapter.values.tolist(), path.name
    return seen


CLEANED = "cleaned"


def _without_lines(path, lines: set[int]) -> None:
    kept = [text for number, text in enumerate(path.read_bytes().split(b"\n"), start=1) if number not in lines]
    (path.parent / CLEANED).mkdir(exist_ok=True)
    (path.parent / CLEANED / path.name).write_bytes(b"\n".join(kept))


def _cleaned(root):
    return [p for p in root.rglob(f"{CLEANED}/*") if p.is_file()]


def _agree(verdicts) -> None:
    for name, vouched, read, quarantined in verdicts:
        assert (vouched is not None) == (quarantined == 0), name
        assert vouched in (None, read), name


@pytest.mark.slow
def test_on_every_demo_file_the_shortcut_vouches_exactly_for_the_clean_ones(tmp_path):
    build_demo(tmp_path / "raw")
    verdicts = _verdicts(p for p in (tmp_path / "raw").rglob("*") if p.is_file())
    _agree(verdicts)
    assert sum(v is not None for _, v, _, _ in verdicts) >= 7     # the demo's clean DataHub files
    assert sum(v is None for _, v, _, _ in verdicts) >= 4         # and the four with a planted error
    cleaned = _verdicts(_cleaned(tmp_path / "raw"))               # which, without the lines held back, are clean
    _agree(cleaned)
    assert len(cleaned) >= 4 and all(v is not None for _, v, _, _ in cleaned)


def test_on_every_real_file_the_shortcut_vouches_exactly_for_the_clean_ones(shared_data, tmp_path):
    copies = tmp_path / "copies"
    for path in shared_data.rglob("*.csv"):   # copied, so that the copies without held-back lines are written here
        (copies / path.relative_to(shared_data)).parent.mkdir(parents=True, exist_ok=True)
        (copies / path.relative_to(shared_data)).write_bytes(path.read_bytes())
    verdicts = _verdicts(p for p in copies.rglob("*") if p.is_file())
    _agree(verdicts)
    by_name = {name: vouched for name, vouched, _, _ in verdicts}
    assert by_name["packet_latency_fixed_broadband.csv"] == 255                 # 255 lines, none held back
    assert by_name["households_with_internet_access_at_home.csv"] == 3964
    assert by_name["fixed_broadband_subscriptions.csv"] is None                 # 12 of 8,844 records held back
    cleaned = _verdicts(_cleaned(copies))
    _agree(cleaned)
    assert len(cleaned) >= 4 and all(vouched is not None for _, vouched, _, _ in cleaned)
    cleaned_by_name = {name: vouched for name, vouched, _, _ in cleaned}
    assert cleaned_by_name["fixed_broadband_subscriptions.csv"] == 8844 - 12
    assert cleaned_by_name["itu_fts_mts_iu_2000_2015.csv"] == 10944 - 789       # the legacy file, named economies


def test_every_held_back_record_makes_the_shortcut_decline(tmp_path):
    """Each kind of problem the adapter or staging would quarantine: the shortcut leaves the file to them."""
    clean = [("DEU", "Germany", "45.6", 2024), ("KEN", "Kenya", "1.2e+001", 2023)]
    cases = {"clean": [], "missing value": [("FRA", "France", "", 2024)],
             "thousands separator": [("FRA", "France", "1,234", 2024)], "aggregate": [("WLD", "World", "5", 2024)],
             "unknown economy": [("XYZ", "X", "5", 2024)], "duplicate": [("DEU", "Germany", "45.6", 2024)],
             "conflict": [("DEU", "Germany", "45.7", 2024)], "negative": [("FRA", "France", "-5", 2024)],
             "year": [("FRA", "France", "5", 1850)], "arabic digit": [("FRA", "France", "\u0665", 2024)]}
    for name, rows in cases.items():
        (tmp_path / f"{name}.csv").write_text(datahub_text(clean + rows), encoding="utf-8")
    verdicts = _verdicts(tmp_path.glob("*.csv"))
    _agree(verdicts)
    assert {name: vouched for name, vouched, _, _ in verdicts} == {
        f"{name}.csv": 2 if name == "clean" else None for name in cases}


def test_the_one_cell_rules_never_pass_what_the_column_rules_fail():
    assert number_cell_plain("3.51914e+007") and number_cell_plain(" 12 ") and not number_cell_plain("...")
    assert number_cell_fine("...") and number_cell_fine("") and not number_cell_fine("1,5")
    assert not number_cell_plain("\u0661\u0662")            # Python's \d takes Arabic-Indic digits, RE2's does not
    assert not number_cell_plain("12\x1c")                   # Python strips \x1c, pyarrow does not
    assert year_cell_fine("2016") and year_cell_fine("2016.0") and not year_cell_fine("\u0662\u0660\u0661\u0666")
    codes = {"seriesCode": ["i992b"], "dataYear": ["2024"], "dataValue": ["1"]}
    assert texts_pass(ItuDatahubRaw, codes)
    assert not texts_pass(ItuDatahubRaw, codes | {"seriesCode": ["nope"]})
    assert not texts_pass(UnSdgApiRaw, {})                   # a rule across columns has no one-cell form


def test_the_staging_check_holds_back_what_staging_would(tmp_path):
    def row(**change):
        return {"ref_area": "DEU", "time_period": 2024, "series": "FBB_SUBS_P100", "sex": "_T", "age": "_T",
                "urbanisation": "_T", "breakdown": "_T", "unit_measure": UNIT, "unit_mult": 0, "obs_value": 45.6,
                "nature": "C", "file": "f.csv", "line": 2} | change

    def verdict(*rows) -> bool:
        return staging.holds_back_nothing(staging.memory_database(), {c: [r[c] for r in rows] for c in rows[0]})

    from schemas import reference as ref
    UNIT = ref.unit_of("FBB_SUBS_P100")[0]
    assert verdict(row(), row(ref_area="KEN", line=3))
    assert verdict(row(), row(sex="F", line=3), row(sex="M", line=4))         # by sex, beside their total
    assert not verdict(row(), row(line=3))                                    # a repeated key
    assert not verdict(row(obs_value=-1.0))                                   # below the series' minimum
    assert not verdict(row(obs_value=float("nan")))
    assert not verdict(row(unit_measure="NUMBER"))                            # not the catalogue's unit
    assert not verdict(row(ref_area="WLD"))                                   # not an economy
    assert not verdict(row(sex="F"))                                          # by sex without a total
    assert not verdict(row(), row(sex="F", line=3), row(sex="M", unit_mult=3, line=4))   # F and M units differ
    assert not verdict(row(series="POP_TOTAL", unit_measure="NUMBER"))        # population: left to stage_tables


def test_validate_of_the_benchmark_file_loads_neither_pandas_nor_numpy_nor_pyarrow(tmp_path):
    from benchmarks.bench_release import clean_datahub_csv

    path = clean_datahub_csv(tmp_path / "validate_10k.csv", 10_000)
    script = textwrap.dedent(f"""
        import sys
        from pipelines.cli import main
        from pipelines.commands._deferred import loaded
        code = main(["validate", {str(path)!r}])
        print("loaded:", [m for m in ("pandas", "numpy", "pyarrow", "pandera", "dagster") if loaded(m)], "exit", code)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.stdout.splitlines() == [
        "validate_10k.csv: format itu_datahub_csv",
        "  rows read 10000, would be staged 10000, quarantined 0 (errors 0, excluded 0)",
        "  result: no errors",
        "loaded: [] exit 0"], done.stdout + done.stderr[-2000:]


def test_a_deferred_module_loads_on_first_use_and_stays_out_of_duckdb_sight():
    """pipelines/commands/_deferred.py, in a fresh interpreter: `import pandas` costs nothing until a name of pandas
    is used; DuckDB binds a list parameter without loading it while it is unseen; then pandas works as ever."""
    script = textwrap.dedent("""
        import duckdb
        from pipelines.commands._deferred import defer, loaded, unseen
        defer("pandas", "numpy")
        import pandas as pd
        import numpy
        steps = [loaded("pandas"), loaded("numpy")]
        with unseen("pandas"):
            duckdb.connect().execute("SELECT list_contains($codes, 'DEU')", {"codes": ["DEU"]}).fetchall()
        steps.append(loaded("pandas"))
        frame = pd.DataFrame({"a": [1, 2]})
        import pandas
        steps += [loaded("pandas"), int(frame["a"].sum()), pandas.DataFrame is pd.DataFrame, loaded("numpy")]
        print(steps)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.stdout.strip() == "[False, False, False, True, 3, True, True]", done.stdout + done.stderr[-2000:]
