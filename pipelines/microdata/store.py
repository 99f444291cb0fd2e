"""Where microdata and its outputs live, partitioned by economy (the unit a worker estimates on its own).

    <raw_root>/microdata/<ISO3>/*.parquet            respondent files, one survey round each (never in a release);
    <raw_root>/microdata/<ISO3>/*.dta|sav|csv        or as the national office holds them, each with its variable
                                                     map <stem>.map.yaml (national.py)
    <warehouse>/microdata/<ISO3>/mapped/*.parquet    those files mapped into the documented schema
    <warehouse>/microdata/<ISO3>/estimates.parquet   that economy's estimates (ESTIMATE_COLUMNS)
    <warehouse>/microdata/<ISO3>/quarantine.parquet  its rejected respondent rows
    <warehouse>/microdata/survey_estimates.csv       every economy's estimates: the file a release snapshots
    <warehouse>/microdata/runs.jsonl                 one line per `isoc microdata estimate` run outside Dagster

Everything here is written by DuckDB from the estimator's results; pandas is imported only for national formats.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import duckdb

from pipelines.core.survey_estimates_file import ESTIMATE_COLUMNS, ESTIMATE_TYPES, copy_estimates_csv
from pipelines.microdata import estimator
from pipelines.microdata.engines import MicrodataEngineError, put_rows

ESTIMATES_FILE = "survey_estimates.csv"
RUNS_FILE = "runs.jsonl"
FORMATS = (".parquet", ".csv", ".dta", ".sav")
MAP_SUFFIX = ".map.yaml"


@dataclass
class EconomyResult:
    """What one economy's partition wrote into its folder, and how much."""
    folder: Path
    estimates_written: int
    withheld: int
    quarantined: int
    respondents_read: int

    @property
    def estimates(self):
        import pandas as pd
        return pd.read_parquet(self.folder / "estimates.parquet")

    @property
    def quarantine(self):
        import pandas as pd
        return pd.read_parquet(self.folder / "quarantine.parquet")


def map_path(data: Path) -> Path:
    return data.with_name(data.stem + MAP_SUFFIX)


def needs_map(data: Path) -> bool:
    """A Parquet file without a map is in the documented schema already; everything else goes through a map."""
    return data.suffix.lower() != ".parquet" or map_path(data).exists()


def input_folder(raw_root: Path) -> Path:
    return Path(raw_root) / "microdata"


def economies(raw_root: Path) -> list[str]:
    """Economies with at least one microdata file, sorted."""
    folder = input_folder(raw_root)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and data_files(p))


def data_files(folder: Path) -> list[Path]:
    """The survey files of one economy's folder, in any of the national formats."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FORMATS)


def output_folder(warehouse: Path, economy: str | None = None) -> Path:
    folder = Path(warehouse) / "microdata"
    return folder / economy if economy else folder


def estimate_economies(raw_root: Path, warehouse: Path, chosen: list[str], config: dict | None = None
                       ) -> tuple[dict[str, EconomyResult], dict[str, str]]:
    """Validate and estimate every round of these economies in one estimator run (rounds batched as configured),
    and write each economy's estimates and quarantine Parquet into its own folder only.

    Returns (results by economy, error by economy). When the joint run fails, each economy is run on its own, so
    that one economy's bad file fails that economy alone; an engine that cannot run fails them all (raised)."""
    files = {e: data_files(input_folder(raw_root) / e) for e in chosen}
    try:
        return _estimate(warehouse, files, config), {}
    except MicrodataEngineError:
        raise
    except Exception as exc:     # any failure of these files: reported with its economy, the others go on
        if len(chosen) == 1:
            return {}, {chosen[0]: _message(exc)}
    results, errors = {}, {}
    for economy in chosen:
        try:
            results |= _estimate(warehouse, {economy: files[economy]}, config)
        except MicrodataEngineError:
            raise
        except Exception as exc:
            errors[economy] = _message(exc)
    return results, errors


def _message(exc: Exception) -> str:
    return str(exc) if isinstance(exc, estimator.MicrodataFileError) else f"{type(exc).__name__}: {exc}"


def _label(economy: str, path: Path) -> str:
    return f"microdata/{economy}/{path.name}"


def _estimate(warehouse: Path, files: dict[str, list[Path]], config: dict | None) -> dict[str, EconomyResult]:
    missing = [e for e, f in files.items() if not f]
    if missing:
        raise estimator.MicrodataFileError(f"no microdata file ({', '.join(FORMATS)}) for {', '.join(missing)}")
    inputs, labels, problems = [], {}, {}
    for economy, paths in files.items():
        for path in paths:
            read = path
            if needs_map(path):       # mapped into the documented schema, in this economy's folder only
                from pipelines.microdata import national

                read = (output_folder(warehouse, economy) / "mapped" / f"{path.stem}.parquet").resolve()
                problems[str(read)] = national.convert(path, read)
            inputs.append(read)
            labels[str(read.resolve())] = _label(economy, path)
    result = estimator.run(inputs, labels=labels, config=config, problems=problems)

    try:
        folders = {output_folder(warehouse, e): [_label(e, p) for p in paths] for e, paths in files.items()}
        written = result.write(folders, estimator.concurrent_batches(config or estimator.load_config()))
        return {e: EconomyResult(folder, **written[folder]) for e, folder in zip(files, folders)}
    finally:
        result.con.close()


def collect(warehouse: Path, economies_done: list[str]) -> tuple[Path, int]:
    """Join the economies' estimates into the estimates file; returns its path and line count."""
    parts = [str(output_folder(warehouse, e) / "estimates.parquet") for e in economies_done]
    with duckdb.connect() as con:
        relation = "read_parquet($parts)" if parts else "result_estimates"
        if not parts:
            put_rows(con, "result_estimates", ESTIMATE_TYPES, [])
        path = output_folder(warehouse) / ESTIMATES_FILE
        return path, copy_estimates_csv(con, relation, path, {"parts": parts} if parts else {})


def file_contents(path: Path) -> tuple[int, list[str]]:
    """The estimates file's lines (without the header) and the economies it has estimates for, sorted."""
    with duckdb.connect() as con:
        lines, economies = con.execute(
            "SELECT count(*), coalesce(list_sort(list_distinct(list(ref_area))), []) "
            "FROM read_csv($path, header = true, auto_detect = false, columns = $columns)",     # no sniffing: the
            {"path": str(path), "columns": {c: "VARCHAR" for c in ESTIMATE_COLUMNS}}).fetchone()   # columns are ours
    return int(lines), list(economies)


def estimated(warehouse: Path) -> list[str]:
    """Economies whose estimates are in the warehouse (from this run or an earlier one), sorted."""
    folder = output_folder(warehouse)
    return sorted(p.name for p in folder.iterdir() if (p / "estimates.parquet").is_file()) if folder.is_dir() else []


def estimate_and_record(raw_root: Path, warehouse: Path, chosen: list[str], config: dict) -> dict[str, str]:
    """The command's run without Dagster: estimate these economies, gather every estimated economy into the
    estimates file unless one failed (as microdata_job does), and append what was done to runs.jsonl: when, how
    long, engine, questions, each economy's counts and each failure with its error. Returns the failures."""
    started, clock = dt.datetime.now(dt.timezone.utc), time.perf_counter()
    results, errors = estimate_economies(raw_root, warehouse, chosen, config)
    record = {"started": started.isoformat(timespec="seconds"), "engine": config.get("engine") or "duckdb",
              "questions": config.get("estimate") or list(config["questions"]),
              "economies": {e: {k: v for k, v in asdict(r).items() if k != "folder"} for e, r in results.items()},
              "failed": errors}
    if not errors:
        path, lines = collect(warehouse, estimated(warehouse))
        record |= {"estimates_file": str(path), "estimates_file_lines": lines}
    record["seconds"] = round(time.perf_counter() - clock, 3)
    output_folder(warehouse).mkdir(parents=True, exist_ok=True)
    with (output_folder(warehouse) / RUNS_FILE).open("a", encoding="utf-8") as log:
        log.write(json.dumps(record) + "\n")
    return errors
