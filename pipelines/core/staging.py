"""From adapter results to the staged release: validate, resolve duplicates by source priority, account for rows.

Pure pandas, no Dagster, so every rule here is tested directly. The outcome obeys, per file:
records read = records staged + records quarantined (quarantine includes excluded and superseded records).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pandas as pd

from pipelines.core import manifest, sex_consistency, tariff_plans
from pipelines.core.canonical import (OBS_COLUMNS, OBS_KEY, AdapterResult, concat_quarantine, observations_frame,
                                      quarantine_frame, quarantine_row, swallowed_lines)
from pipelines.ingest import read_file
from schemas import reference as ref
from schemas.staged import OBSERVATION_RULE_COLUMNS, Observation
from schemas.validation import split_valid

DEFAULT_PRIORITY = 80
VINTAGE_CLASS = "redistributed"   # source_priority.csv: the copies of ITU's series, where the newest vintage wins
# Tables of rows that are not observations, staged as adapters return them (AdapterResult.tables); each always exists
# in a staged release (empty when no file gave rows), so indicators can depend on it: {name: empty frame}.
OWN_TABLES = {tariff_plans.TABLE: tariff_plans.empty}
FILES_COLUMNS = ["file", "format", "sha256", "vintage", "rows_read", "rows_staged", "rows_quarantined",
                 "rows_excluded", "rows_superseded", "file_errors", "balanced"]


@dataclass
class Ingested:
    observations: pd.DataFrame   # candidate observations from every adapter
    reference: pd.DataFrame      # economy attribute rows from reference files
    quarantine: pd.DataFrame     # what the adapters held back
    files: pd.DataFrame          # file, format, sha256, vintage ("" unknown), rows_read
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)   # OWN_TABLES rows by table name (own_tables())


@dataclass
class StagedRelease:
    observations: pd.DataFrame   # canonical columns, validated, one row per key
    reference: pd.DataFrame      # economy attributes from reference files (may be empty)
    quarantine: pd.DataFrame     # every record not staged, with its reason
    files: pd.DataFrame          # per-file accounting (FILES_COLUMNS)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)   # OWN_TABLES rows by table name


def read_release(raw_root: Path, release: str, progress: Callable[[str], None] = lambda _: None
                 ) -> list[tuple[manifest.Entry, AdapterResult]]:
    """Verify the snapshot and run each file's adapter, in manifest order."""
    entries = manifest.verify(raw_root, release)
    folder = manifest.release_dir(raw_root, release)
    results = []
    data_entries = [e for e in entries if e.format != manifest.DOCUMENTATION]
    for n, entry in enumerate(data_entries, start=1):
        result = read_file(folder / entry.path, entry.format, entry.path)
        progress(f"[{n}/{len(data_entries)}] {entry.path} ({entry.format}): {result.rows_read} read, "
                 f"{len(result.observations)} candidate observations, {len(result.quarantine)} quarantined")
        results.append((entry, result))
    return results


def _priorities() -> pd.DataFrame:
    """source_priority.csv by format: `class` and `priority`, plus `class_rank`, the best priority in the class."""
    df = pd.read_csv(ref.REFERENCE_DIR / "source_priority.csv", dtype={"priority": int}).set_index("format")
    return df.assign(class_rank=df.groupby("class")["priority"].transform("min"))


def _rank(files: pd.Series, formats: dict[str, str], vintages: dict[str, str]) -> pd.DataFrame:
    """Per file: its class, its class's rank, its vintage and its own priority. A format not in source_priority.csv
    is a class of its own at DEFAULT_PRIORITY."""
    table = _priorities()
    base = _base_file(files)
    fmt = base.map(lambda f: formats.get(f, ""))
    known = fmt.isin(table.index)
    return pd.DataFrame({
        "src_class": fmt.map(table["class"]).where(known, "format:" + fmt),
        "src_class_rank": fmt.map(table["class_rank"]).where(known, DEFAULT_PRIORITY).astype(int),
        "src_priority": fmt.map(table["priority"]).where(known, DEFAULT_PRIORITY).astype(int),
        "src_vintage": base.map(lambda f: vintages.get(f, "")).fillna("").astype(str)}, index=files.index)


def resolve_duplicates(obs: pd.DataFrame, formats: dict[str, str], vintages: dict[str, str] | None = None
                       ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One row per key. Within one file, different values for a key are a conflict: all of them are quarantined.
    Across files, the best class of source wins (source_priority.csv: a class ranks as its best format); within a
    class the newest vintage wins (`vintages`: {file: ISO year or date}, compared as text; a file without one ranks
    after every dated file of its class); then the format's own priority, then the file name. The others are
    `superseded`, and the record says which file and vintage won and why."""
    if obs.empty:
        return obs, quarantine_frame()
    work = obs.join(_rank(obs["file"], formats, vintages or {}))
    newest_first = sorted(set(work["src_vintage"]) - {""}, reverse=True)
    work["src_newness"] = work["src_vintage"].map({v: n for n, v in enumerate(newest_first)}).fillna(len(newest_first))
    distinct = work.groupby(OBS_KEY + ["file"], dropna=False)["obs_value"].transform("nunique")
    conflicted = work[distinct > 1]
    problems = [quarantine_row(r.file, int(r.line), "obs_value", "conflicting_duplicate", r.obs_value,
                               f"{r.file} line {r.line}: {r.series} for {r.ref_area} {r.time_period} "
                               f"(sex {r.sex}, age {r.age}, area {r.urbanisation}, breakdown {r.breakdown}) is reported "
                               "more than once in this file with different values; none of them was staged.")
                for r in conflicted.itertuples()]
    order = ["src_class_rank", "src_class", "src_newness", "src_priority", "file", "line"]
    work = work[distinct <= 1].sort_values(OBS_KEY + order, kind="stable")
    first = ~work.duplicated(OBS_KEY, keep="first")
    winners = work[first]
    losers = work[~first].merge(winners[OBS_KEY + ["file", "line", "obs_value", "src_class", "src_vintage"]],
                                on=OBS_KEY, suffixes=("", "_win"))
    for r in losers.itertuples():
        same_file = r.file == r.file_win
        agrees = abs(r.obs_value - r.obs_value_win) <= 1e-9 * max(1.0, abs(r.obs_value_win))
        if same_file:
            rule, severity, text = "duplicate", "excluded", f"repeats line {r.line_win} of the same file with the same value"
        else:
            rule, severity = "superseded", "superseded"
            text = (f"is also given by {r.file_win} line {r.line_win} ({'same value' if agrees else f'value {r.obs_value_win:g}'}), "
                    f"which wins: {_why(r)}")
        problems.append(quarantine_row(r.file, int(r.line), "obs_value", rule, r.obs_value,
                                       f"{r.file} line {r.line}: {r.series} for {r.ref_area} {r.time_period} {text}.",
                                       severity=severity))
    return winners[OBS_COLUMNS], quarantine_frame(problems)


def _why(loser) -> str:
    """Why the winning file beat this one, naming both vintages when the class decided by vintage."""
    def vintage(v: str) -> str:
        return f"vintage {v}" if v else "vintage unknown"
    if loser.src_class != loser.src_class_win:
        return "a class of source with higher priority (pipelines/reference/source_priority.csv)"
    if loser.src_vintage != loser.src_vintage_win:
        return (f"the newer {vintage(loser.src_vintage_win)} against this file's {vintage(loser.src_vintage)}, "
                f"within the class {loser.src_class!r} (pipelines/reference/source_priority.csv)")
    return (f"same class {loser.src_class!r} and {vintage(loser.src_vintage)}: a format with higher priority or, at "
            "equal priority, the file first by name (pipelines/reference/source_priority.csv)")


def collect(results: list[tuple[manifest.Entry, AdapterResult]]) -> Ingested:
    """Concatenate adapter results: candidates, reference rows, adapter quarantine and what each file held.

    A file's vintage is the one it states itself (AdapterResult.vintage, e.g. WDI's Last Updated Date), else the one
    declared in the manifest (`isoc snapshot add --vintage`), else, for the copies of ITU's series whose class is
    ranked by vintage, inferred: the year after its latest data year (a file cannot predate its own data; the
    project's rule, said in its observations' `source`); else unknown ("")."""
    by_vintage = set(_priorities().query("`class` == @VINTAGE_CLASS").index)
    vintages = [_vintage(e, r, e.format in by_vintage) for e, r in results]
    frames = [_with_vintage(r.observations, vintage, basis) if basis != "stated" else r.observations
              for (e, r), (vintage, basis) in zip(results, vintages) if len(r.observations)]
    refs = [r.reference for _, r in results if getattr(r, "reference", None) is not None and len(r.reference)]
    files = pd.DataFrame([{"file": e.path, "format": e.format, "sha256": e.sha256, "vintage": vintage,
                           "rows_read": int(r.rows_read)} for (e, r), (vintage, _) in zip(results, vintages)],
                         columns=["file", "format", "sha256", "vintage", "rows_read"])
    return Ingested(observations_frame(pd.concat(frames, ignore_index=True)) if frames else observations_frame(),
                    pd.concat(refs, ignore_index=True) if refs else pd.DataFrame(),
                    concat_quarantine(*[r.quarantine for _, r in results]), files,
                    own_tables([r.tables for _, r in results]))


def _vintage(entry: manifest.Entry, result: AdapterResult, infer: bool) -> tuple[str, str]:
    """(vintage, basis): stated by the file, declared in the manifest, or, for a copy of ITU's series (`infer`),
    inferred from its latest data year; else unknown."""
    if result.vintage:
        return result.vintage, "stated"
    if entry.vintage:
        return entry.vintage, "declared"
    years = result.observations["time_period"].dropna()
    return (str(int(years.max()) + 1), "inferred") if infer and len(years) else ("", "stated")


def _with_vintage(obs: pd.DataFrame, vintage: str, basis: str) -> pd.DataFrame:
    how = "declared in the release manifest" if basis == "declared" else "inferred: the year after its latest data"
    return obs.assign(source=obs["source"] + f" (vintage {vintage}, {how})")


def own_tables(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Every OWN_TABLES table, concatenated over adapter results (empty when none gave rows); an unknown name is a
    programming error in an adapter."""
    unknown = {name for p in parts for name in p} - set(OWN_TABLES)
    if unknown:
        raise ValueError(f"adapters returned tables {sorted(unknown)} not listed in staging.OWN_TABLES")
    out = {}
    for name, empty in OWN_TABLES.items():
        frames = [p[name] for p in parts if name in p and len(p[name])]
        out[name] = pd.concat(frames, ignore_index=True).astype(empty().dtypes.to_dict()) if frames else empty()
    return out


def stage(ingested: Ingested) -> StagedRelease:
    """Validate candidate observations with the staged model, check population by sex against its total (per
    vintage, before vintages compete), resolve duplicates, apply the rules on values by sex and account for every
    record."""
    candidates, mixed_units = sex_consistency.split_unit_mismatch(ingested.observations)
    valid, invalid = split_valid(candidates, Observation, rule_columns=OBSERVATION_RULE_COLUMNS)
    files = ingested.files
    vintages = dict(zip(files["file"], files["vintage"].fillna(""))) if "vintage" in files else {}
    valid, mismatched = sex_consistency.split_sex_total_mismatch(valid, vintages)
    staged, duplicates = resolve_duplicates(valid, dict(zip(files["file"], files["format"])), vintages)
    staged, no_total = sex_consistency.split_without_total(staged)
    quarantine = concat_quarantine(ingested.quarantine, mixed_units, invalid, mismatched, duplicates, no_total)
    staged = staged.sort_values(OBS_KEY, kind="stable").reset_index(drop=True)
    return StagedRelease(staged, ingested.reference, quarantine,
                         account(ingested.files, staged, ingested.reference, quarantine, ingested.tables),
                         ingested.tables)


def _base_file(files: pd.Series) -> pd.Series:
    """'book.xlsx#Mobile' -> 'book.xlsx': workbook records are labelled with their sheet."""
    return files.astype("string").str.split("#").str[0]


def account(files: pd.DataFrame, staged: pd.DataFrame, reference: pd.DataFrame, quarantine: pd.DataFrame,
            tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per-file counts; `balanced` says records read == staged + quarantined (anything else is a bug that blocks).
    Staged records are observations, reference rows and rows of the own tables (tariff plans)."""
    staged_n = _base_file(staged["file"]).value_counts()
    for extra in [reference, *tables.values()]:
        if len(extra):
            staged_n = staged_n.add(_base_file(extra["file"]).value_counts(), fill_value=0)
    q = quarantine.assign(base=_base_file(quarantine["file"]))
    file_error = q["severity"] == "file_error"
    swallowed = q[file_error].assign(n=q.loc[file_error, "value"].map(swallowed_lines)).groupby("base")["n"].sum()
    out = files.copy()
    out["rows_staged"] = out["file"].map(staged_n).fillna(0).astype(int)
    out["rows_quarantined"] = (out["file"].map(q[~file_error].groupby("base").size()).fillna(0)
                               + out["file"].map(swallowed).fillna(0)).astype(int)
    for column, severity in (("rows_excluded", "excluded"), ("rows_superseded", "superseded"), ("file_errors", "file_error")):
        out[column] = out["file"].map(q[q["severity"] == severity].groupby("base").size()).fillna(0).astype(int)
    out["balanced"] = out["rows_read"] == out["rows_staged"] + out["rows_quarantined"]
    return out[FILES_COLUMNS]

