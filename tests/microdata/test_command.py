"""`isoc microdata estimate` as users run it: the engine directly (no Dagster, no pandas on its path), the run
recorded in warehouse/microdata/runs.jsonl, a failed economy listed with its error while the others are estimated."""
import json
import os
import subprocess
import sys

import pandas as pd

from pipelines.cli import build_parser, main
from pipelines.core import manifest
from pipelines.core.survey_estimates_file import DECIMALS
from pipelines.commands import microdata as command
from pipelines.microdata import store, synthetic
from pipelines.core.paths import REPO_ROOT


def write_economy(raw_root, iso3, respondents, seed):
    return synthetic.write_round(store.input_folder(raw_root) / iso3 / f"{iso3}_2022.parquet",
                                 synthetic.survey_round(iso3, 2022, respondents, seed=seed))


def runs(warehouse) -> list[dict]:
    return [json.loads(line) for line in (store.output_folder(warehouse) / store.RUNS_FILE).read_text().splitlines()]


def test_a_failed_economy_is_listed_and_recorded_and_the_others_are_estimated(tmp_path, capsys):
    raw_root, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    write_economy(raw_root, "GHA", 800, seed=1)
    bad = write_economy(raw_root, "KEN", 700, seed=2)
    pd.read_parquet(bad).drop(columns=["psu"]).to_parquet(bad)
    paths = ["--raw-root", str(raw_root), "--warehouse", str(warehouse)]
    assert main(["microdata", "estimate", *paths]) == 1
    error = capsys.readouterr().err
    assert ("  KEN: microdata/KEN/KEN_2022.parquet: missing column(s) psu of the microdata schema "
            "(docs/microdata.md).") in error
    [record] = runs(warehouse)
    assert record["failed"] == {"KEN": "microdata/KEN/KEN_2022.parquet: missing column(s) psu of the microdata "
                                       "schema (docs/microdata.md)."}
    assert record["economies"]["GHA"]["respondents_read"] == 800 and "estimates_file" not in record
    gha = pd.read_parquet(store.output_folder(warehouse, "GHA") / "estimates.parquet")
    assert set(gha["ref_area"]) == {"GHA"} and record["economies"]["GHA"]["estimates_written"] == len(gha)
    assert not (store.output_folder(warehouse) / store.ESTIMATES_FILE).exists()   # not gathered while one failed

    bad.unlink()                                                 # KEN removed: the next run gathers GHA
    assert main(["microdata", "estimate", *paths, "--question", "internet_3m", "--question", "hh_internet"]) == 0
    second = runs(warehouse)[1]
    assert second["failed"] == {} and second["questions"] == ["internet_3m", "hh_internet"]
    gathered = pd.read_csv(store.output_folder(warehouse) / store.ESTIMATES_FILE)
    assert set(gathered["variable"]) == {"internet_3m", "hh_internet"} and set(gathered["ref_area"]) == {"GHA"}
    assert second["estimates_file_lines"] == len(gathered) == second["economies"]["GHA"]["estimates_written"]
    path = store.output_folder(warehouse) / store.ESTIMATES_FILE
    assert capsys.readouterr().out == f"1 of 1 economy read estimated; {path} holds {len(gathered)} survey estimates\n"

    write_economy(raw_root, "PER", 500, seed=3)                  # PER alone: GHA's estimates stay in the file
    assert main(["microdata", "estimate", *paths, "--economy", "PER"]) == 0
    lines = len(pd.read_csv(path))
    assert capsys.readouterr().out == (f"1 of 1 economy read estimated; {path} holds {lines} survey estimates, with "
                                       "those of 1 more estimated by earlier runs\n")


def test_an_economy_whose_every_respondent_is_held_back_is_said_to_have_no_estimate(tmp_path, capsys):
    raw_root, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    write_economy(raw_root, "GHA", 500, seed=1)
    zero = write_economy(raw_root, "KEN", 400, seed=2)
    pd.read_parquet(zero).assign(person_weight=0.0, household_weight=0.0).to_parquet(zero)
    assert main(["microdata", "estimate", "--raw-root", str(raw_root), "--warehouse", str(warehouse)]) == 0
    folder = store.output_folder(warehouse)
    lines = len(pd.read_csv(folder / store.ESTIMATES_FILE))
    assert capsys.readouterr().out == (
        f"1 of 2 economies read estimated; {folder / store.ESTIMATES_FILE} holds {lines} survey estimates\n"
        f"no estimate for KEN: every respondent held back or no question answered (see {folder}/<ISO3>/"
        "quarantine.parquet)\n")
    assert len(pd.read_parquet(folder / "KEN" / "quarantine.parquet")) == 400


def test_release_adds_the_estimates_file_once_and_says_when_it_was_there_already(tmp_path, capsys):
    raw_root, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    write_economy(raw_root, "GHA", 500, seed=1)
    paths = ["--raw-root", str(raw_root), "--warehouse", str(warehouse), "--release", "r1"]
    assert main(["microdata", "estimate", *paths]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "added to release r1 as surveys/survey_estimates.csv"
    assert main(["microdata", "estimate", *paths]) == 0       # the same estimates: nothing new to add
    assert capsys.readouterr().out.splitlines()[-1] == ("release r1 already holds surveys/survey_estimates.csv "
                                                        "with the same content")
    [entry] = manifest.load(raw_root, "r1")
    assert (entry.path, entry.format) == ("surveys/survey_estimates.csv", "survey_estimates_csv")


def test_the_command_imports_neither_dagster_nor_pandas(tmp_path):
    """What users pay for: Dagster (2 s) and pandas (1 s) to import would dwarf estimating 5M respondents."""
    raw_root, warehouse = tmp_path / "raw", tmp_path / "warehouse"
    write_economy(raw_root, "PER", 600, seed=3)
    code = ("import sys\nfrom pipelines.cli import main\n"
            f"code = main(['microdata', 'estimate', '--raw-root', {str(raw_root)!r}, '--warehouse', "
            f"{str(warehouse)!r}])\n"
            "print(code, sorted(m for m in ('dagster', 'pandas', 'pyarrow', 'pandera') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=300,
                          env=os.environ | {"PYTHONWARNINGS": "ignore"})
    assert done.stdout.splitlines()[-1] == "0 []", done.stderr
    assert len(pd.read_csv(store.output_folder(warehouse) / store.ESTIMATES_FILE)) > 400


def test_the_command_path_defaults_are_the_repository_folders_or_the_environment(monkeypatch, tmp_path):
    argv = ["microdata", "estimate"]
    monkeypatch.delenv("ISOC_RAW_ROOT", raising=False)
    monkeypatch.delenv("ISOC_WAREHOUSE", raising=False)
    args = build_parser(argv).parse_args(argv)
    assert (args.raw_root, args.warehouse) == (REPO_ROOT / "raw", REPO_ROOT / "warehouse")
    monkeypatch.setenv("ISOC_RAW_ROOT", str(tmp_path / "r"))
    monkeypatch.setenv("ISOC_WAREHOUSE", str(tmp_path / "w"))
    args = build_parser(argv).parse_args(argv)
    assert (args.raw_root, args.warehouse) == (tmp_path / "r", tmp_path / "w")


def test_the_command_and_the_dagster_job_write_the_same_files(tmp_path):
    import dagster as dg

    raw_root = tmp_path / "raw"
    for n, iso3 in enumerate(["GHA", "KEN", "PER"]):
        write_economy(raw_root, iso3, 600 + 100 * n, seed=10 + n)
    assert main(["microdata", "estimate", "--raw-root", str(raw_root), "--warehouse", str(tmp_path / "direct")]) == 0
    with dg.DagsterInstance.local_temp(str(tmp_path)) as instance:
        assert command.estimate_all(raw_root, tmp_path / "job", ["GHA", "KEN", "PER"], instance) == {}
    for part in ["GHA/estimates.parquet", "KEN/quarantine.parquet", "PER/estimates.parquet"]:
        same_within_decimals(*(pd.read_parquet(tmp_path / run / "microdata" / part) for run in ("direct", "job")))
    direct, job = (pd.read_csv(tmp_path / run / "microdata" / store.ESTIMATES_FILE) for run in ("direct", "job"))
    assert len(direct) > 3 * 400
    same_within_decimals(direct, job)


def same_within_decimals(one: pd.DataFrame, other: pd.DataFrame) -> None:
    """Equal, the floats to the decimals the files keep (DECIMALS). Rounded, two runs write the same bytes but for
    a value that DuckDB's order-dependent parallel sums put on the other side of a rounding boundary (about 1e-6
    per value: docs/microdata.md), which a byte comparison of 1,500 values would fail once in a few hundred runs."""
    floats = [c for c in DECIMALS if c in one.columns]
    pd.testing.assert_frame_equal(one.drop(columns=floats), other.drop(columns=floats))
    for column in floats:
        assert one[column].isna().equals(other[column].isna()), column          # the same values withheld
        gap = (one[column] - other[column]).abs().max()
        assert pd.isna(gap) or gap <= 1.01 * 10.0 ** -DECIMALS[column], column
