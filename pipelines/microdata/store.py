"""Where microdata and its outputs live, partitioned by economy (the unit a worker estimates on its own).

    <raw_root>/microdata/<ISO3>/*.parquet            respondent files, one survey round each (never in a release);
    <raw_root>/microdata/<ISO3>/*.dta|sav|csv        or as the national office holds them, each with its variable
                                                     map <stem>.map.yaml (national.py)
    <warehouse>/microdata/<ISO3>/mapped/*.parquet    those files mapped into the documented schema
    <warehouse>/microdata/<ISO3>/estimates.parquet   that economy's estimates (ESTIMATE_COLUMNS)
    <warehouse>/microdata/<ISO3>/quarantine.parquet  its rejected respondent rows
    <warehouse>/microdata/survey_estimates.csv       every economy's estimates: the file a release snapshots
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.core.survey_estimates_file import write_estimates_csv
from pipelines.microdata import estimator, national
from pipelines.microdata.engines import MicrodataEngineError
from schemas.quarantine import QUARANTINE_COLUMNS

ESTIMATES_FILE = "survey_estimates.csv"


@dataclass
class EconomyResult:
    """What one economy's partition wrote: its estimates and quarantine (also in its folder), respondents read."""
    estimates: pd.DataFrame
    quarantine: pd.DataFrame
    respondents_read: int


def input_folder(raw_root: Path) -> Path:
    return Path(raw_root) / "microdata"


def economies(raw_root: Path) -> list[str]:
    """Economies with at least one microdata file, sorted."""
    folder = input_folder(raw_root)
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.iterdir() if p.is_dir() and data_files(p))


def data_files(folder: Path) -> list[Path]:
    """The survey files of one economy's folder, in any of the national formats (national.FORMATS)."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in national.FORMATS)


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
        raise estimator.MicrodataFileError(f"no microdata file ({', '.join(national.FORMATS)}) for "
                                           f"{', '.join(missing)}")
    inputs, labels, problems = [], {}, {}
    for economy, paths in files.items():
        for path in paths:
            read = path
            if national.needs_map(path):       # mapped into the documented schema, in this economy's folder only
                read = (output_folder(warehouse, economy) / "mapped" / f"{path.stem}.parquet").resolve()
                problems[str(read)] = national.convert(path, read)
            inputs.append(read)
            labels[str(read.resolve())] = _label(economy, path)
    result = estimator.run(inputs, labels=labels, config=config, problems=problems)
    economy_of_file = {label: label.split("/")[1] for label in labels.values()}
    rounds = result.rounds.assign(economy=result.rounds["file"].map(economy_of_file))
    estimates = result.estimates.merge(rounds[["ref_area", "time_period", "survey", "economy"]],
                                       on=["ref_area", "time_period", "survey"], how="left", validate="m:1")
    quarantine = result.quarantine.assign(economy=result.quarantine["file"].map(economy_of_file))
    results = {}
    for economy in files:
        own = EconomyResult(
            estimates[estimates["economy"] == economy][estimator.ESTIMATE_COLUMNS].reset_index(drop=True),
            quarantine[quarantine["economy"] == economy][QUARANTINE_COLUMNS].reset_index(drop=True),
            int(rounds.loc[rounds["economy"] == economy, "respondents"].sum()))
        out = output_folder(warehouse, economy)
        out.mkdir(parents=True, exist_ok=True)
        own.estimates.to_parquet(out / "estimates.parquet", index=False)
        own.quarantine.to_parquet(out / "quarantine.parquet", index=False)
        results[economy] = own
    return results


def collect(warehouse: Path, economies_done: list[str]) -> tuple[Path, int]:
    """Join the economies' estimates into the estimates file; returns its path and line count."""
    frames = [pd.read_parquet(output_folder(warehouse, e) / "estimates.parquet") for e in economies_done]
    frames = [f for f in frames if len(f)]
    estimates = (pd.concat(frames, ignore_index=True) if frames
                 else pd.DataFrame(columns=estimator.ESTIMATE_COLUMNS))
    return write_estimates_csv(output_folder(warehouse) / ESTIMATES_FILE, estimates), len(estimates)
