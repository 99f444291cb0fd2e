"""From adapter results to the staged release, in one pass inside DuckDB: validate, resolve duplicates by source
priority, account for rows.

`collect` loads what the adapters returned (pandas frames or Arrow tables, registered in DuckDB, never concatenated
in pandas) into the ingest tables of a database; `stage_tables` builds the staged tables from them with SQL. Valid
rows never leave DuckDB: only the rows a rule may hold back come out, so the Pandera model and the rules of
sex_consistency judge and explain them exactly as they would judge the whole table. No Dagster here, so every rule is
tested directly. The outcome obeys, per file: records read = records staged + records quarantined (quarantine
includes excluded and superseded records).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Iterable

import duckdb
import pandas as pd

from pipelines.core import manifest, sex_consistency, tariff_plans, warehouse
from pipelines.core.canonical import (OBS_COLUMNS, OBS_KEY, AdapterResult, observations_frame,
                                      quarantine_frame, quarantine_row, reference_frame, swallowed_lines,
                                      to_arrow)
from schemas import reference as ref
from schemas.quarantine import QUARANTINE_DTYPES

DEFAULT_PRIORITY = 80
BATCH_ROWS = 100_000   # rows of an ingest table inserted at once by collect() (project choice: about 30 MB of frames)
VINTAGE_CLASS = "redistributed"   # source_priority.csv: the copies of ITU's series, where the newest vintage wins
# Tables of rows that are not observations, staged as adapters return them (AdapterResult.tables); each always exists
# in a staged release (empty when no file gave rows), so indicators can depend on it: {name: empty frame}.
OWN_TABLES = {tariff_plans.TABLE: tariff_plans.empty}
READ_COLUMNS = ["file", "format", "sha256", "vintage", "rows_read"]
FILES_COLUMNS = READ_COLUMNS + ["rows_staged", "rows_quarantined", "rows_excluded", "rows_superseded", "file_errors",
                                "balanced"]
# The ingest tables collect() fills, by the empty frame that gives each its columns and types.
INGEST_TABLES = {"ingest_candidates": observations_frame, "ingest_reference": reference_frame,
                 "ingest_quarantine": quarantine_frame, **{f"ingest_{n}": empty for n, empty in OWN_TABLES.items()}}
SQL = warehouse.SQL_DIR / "staging"


@dataclass
class Ingested:
    """The ingest tables of `con` (INGEST_TABLES) and what each file held (`files`: READ_COLUMNS)."""
    con: duckdb.DuckDBPyConnection
    files: pd.DataFrame


@dataclass
class StagedRelease:
    observations: pd.DataFrame   # canonical columns, validated, one row per key
    reference: pd.DataFrame      # economy attributes from reference files (may be empty)
    quarantine: pd.DataFrame     # every record not staged, with its reason
    files: pd.DataFrame          # per-file accounting (FILES_COLUMNS)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)   # OWN_TABLES rows by table name


def memory_database() -> duckdb.DuckDBPyConnection:
    """An in-memory database for staging outside a release (`isoc validate`, tests); one thread, like the release's."""
    return duckdb.connect(":memory:", config={"threads": 1})


def _priorities() -> pd.DataFrame:
    """source_priority.csv by format: `class` and `priority`, plus `class_rank`, the best priority in the class."""
    df = pd.read_csv(ref.REFERENCE_DIR / "source_priority.csv", dtype={"priority": int}).set_index("format")
    return df.assign(class_rank=df.groupby("class")["priority"].transform("min"))


def collect(results: Iterable[tuple[manifest.Entry, AdapterResult]],
            con: duckdb.DuckDBPyConnection | None = None) -> Ingested:
    """Load adapter results, in their order, into the ingest tables of `con` (default: a new in-memory database):
    candidates, reference rows, adapter quarantine, own tables; returns them with what each file held. Frames are
    inserted in batches of about BATCH_ROWS rows (_Waiting), so that many small files cost few INSERTs.

    A file's vintage is the one it states itself (AdapterResult.vintage, e.g. WDI's Last Updated Date), else the one
    declared in the manifest (`isoc snapshot add --vintage`), else, for the copies of ITU's series whose class is
    ranked by vintage, inferred: the year after its latest data year (a file cannot predate its own data; the
    project's rule, said in its observations' `source`); else unknown ("")."""
    con = con or memory_database()
    for name, empty in INGEST_TABLES.items():
        warehouse.write_table(con, name, empty())
    by_vintage = set(_priorities().query("`class` == @VINTAGE_CLASS").index)
    files, waiting = [], _Waiting(con)
    for entry, result in results:
        unknown = set(result.tables) - set(OWN_TABLES)
        if unknown:
            raise ValueError(f"adapters returned tables {sorted(unknown)} not listed in staging.OWN_TABLES")
        vintage, basis = _vintage(con, entry, result, entry.format in by_vintage)
        how = {"declared": "declared in the release manifest",
               "inferred": "inferred: the year after its latest data"}.get(basis)
        observations = to_arrow(result.observations)
        waiting.add("ingest_candidates", _vintage_said(observations, f" (vintage {vintage}, {how})") if how
                    else observations)
        waiting.add("ingest_reference", result.reference)
        waiting.add("ingest_quarantine", result.quarantine)
        for name, table in result.tables.items():
            waiting.add(f"ingest_{name}", table)
        files.append({"file": entry.path, "format": entry.format, "sha256": entry.sha256, "vintage": vintage,
                      "rows_read": int(result.rows_read)})
    waiting.insert_all()
    files = pd.DataFrame(files, columns=READ_COLUMNS).astype({"rows_read": "int64"})
    warehouse.write_table(con, "ingest_read", files)
    return Ingested(con, files)


class _Waiting:
    """Adapter frames waiting to be inserted, per ingest table, as Arrow tables: one INSERT per BATCH_ROWS rows
    rather than one per frame. An INSERT costs about 8 ms whatever its size, and rows inserted in bulk half as much
    each: a scale-10 release made 885 INSERTs of a few thousand rows. Rows keep the order the adapters gave them."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con, self.tables, self.rows = con, {}, {}

    def add(self, table: str, frame) -> None:
        if frame is not None and len(frame):
            self.tables.setdefault(table, []).append(to_arrow(frame))
            self.rows[table] = self.rows.get(table, 0) + len(frame)
            if self.rows[table] >= BATCH_ROWS:
                self.insert(table)

    def insert(self, table: str) -> None:
        """One INSERT of the waiting frames; one each, cast by DuckDB as they come, when their column types do not
        unify (an adapter frame whose empty column came out numeric beside text)."""
        import pyarrow as pa

        frames, self.rows[table] = self.tables.pop(table, []), 0
        try:
            frames = [pa.concat_tables(frames, promote_options="permissive")]
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            pass
        for frame in frames:
            _append(self.con, table, frame)

    def insert_all(self) -> None:
        for table in list(self.tables):
            self.insert(table)


def _vintage_said(observations, suffix: str):
    """The observations (an Arrow table) with `suffix` after each source."""
    import pyarrow as pa
    import pyarrow.compute as pc

    source = observations["source"]
    said = pc.binary_join_element_wise(source, pa.scalar(suffix, source.type), pa.scalar("", source.type))
    return observations.set_column(observations.schema.get_field_index("source"), "source", said)


def _append(con: duckdb.DuckDBPyConnection, table: str, frame) -> None:
    """Insert an adapter's frame (pandas or Arrow) into an ingest table, cast to the table's columns by name."""
    if frame is None or len(frame) == 0:
        return
    columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    select = ", ".join(f'"{c}"' for c in columns)
    con.register("_adapter_frame", frame)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT {select} FROM _adapter_frame")
    finally:
        con.unregister("_adapter_frame")


def _vintage(con: duckdb.DuckDBPyConnection, entry: manifest.Entry, result: AdapterResult, infer: bool
             ) -> tuple[str, str]:
    """(vintage, basis): stated by the file, declared in the manifest, or, for a copy of ITU's series (`infer`),
    inferred from its latest data year; else unknown."""
    if result.vintage:
        return result.vintage, "stated"
    if entry.vintage:
        return entry.vintage, "declared"
    if not infer or len(result.observations) == 0:
        return "", "stated"
    con.register("_adapter_frame", result.observations)
    try:
        latest = con.execute("SELECT max(time_period) FROM _adapter_frame").fetchall()[0][0]
    finally:
        con.unregister("_adapter_frame")
    return (str(int(latest) + 1), "inferred") if latest is not None else ("", "stated")


def stage(ingested: Ingested) -> StagedRelease:
    """Stage the ingested records in their database and return the staged tables as frames (for `isoc validate`
    and tests; a release reads them where they are)."""
    con = ingested.con
    files = stage_tables(con, ingested.files)
    tables = {name: con.sql(f"SELECT * FROM {name}").df().astype(empty().dtypes.to_dict())
              for name, empty in OWN_TABLES.items()}
    return StagedRelease(observations_frame(con.sql("SELECT * FROM observations").df()),
                         con.sql("SELECT * FROM economy_reference").df().astype(reference_frame().dtypes.to_dict()),
                         con.sql("SELECT * FROM quarantine").df().astype(QUARANTINE_DTYPES), files, tables)


def stage_tables(con: duckdb.DuckDBPyConnection, files: pd.DataFrame) -> pd.DataFrame:
    """Build `observations`, `quarantine` (a view of the tables staging_quarantine_held and staging_superseded),
    `economy_reference`, the own tables and `ingest_files` from the ingest tables; returns the per-file accounting.

    In order, as the rules depend on each other: female and male rows in different units are held back; the staged
    model validates the rest; population by sex is checked against its total per vintage, before vintages compete;
    duplicates are resolved; a value by sex left without its total is held back."""
    # seq: the order adapters gave the rows (rowid of a table only ever inserted into), kept by every record list
    con.execute(f"CREATE OR REPLACE TEMP TABLE staging_candidates AS SELECT rowid AS seq, "
                f"{', '.join(OBS_COLUMNS)} FROM ingest_candidates")
    warehouse.write_table(con, "staging_catalogue", ref.series_catalogue()[
        ["series", "unit_measure", "min_value", "max_value"]].reset_index(drop=True), temp=True)
    vintages = dict(zip(files["file"], files["vintage"].fillna("")))
    held = [_hold_back(con, "sex_unit_suspects.sql", sex_consistency.split_unit_mismatch),
            _hold_back(con, "observation_suspects.sql", _split_observations, _observation_parameters()),
            _hold_back(con, "population_by_sex.sql", partial(sex_consistency.split_sex_total_mismatch,
                                                             vintages=vintages), _population_inputs(con, vintages)),
            resolve_duplicates(con, dict(zip(files["file"], files["format"])), vintages),
            _hold_back(con, "sex_without_total.sql", sex_consistency.split_without_total)]
    con.execute(f"CREATE OR REPLACE TABLE observations AS SELECT {', '.join(OBS_COLUMNS)} FROM staging_candidates "
                f"ORDER BY {', '.join(OBS_KEY)}")
    con.execute("CREATE OR REPLACE TABLE staging_quarantine_held AS SELECT * FROM ingest_quarantine")
    for part in held:   # in this order, so the quarantine's rows always come in the same order
        _append(con, "staging_quarantine_held", part)
    _drop(con, "quarantine")   # a view now; a table in a release database staged before
    con.execute((SQL / "quarantine.sql").read_text(encoding="utf-8"))
    con.execute("CREATE OR REPLACE TABLE economy_reference AS SELECT * FROM ingest_reference")
    for name in OWN_TABLES:
        con.execute(f"CREATE OR REPLACE TABLE {name} AS SELECT * FROM ingest_{name}")
    accounted = account(con, files)
    warehouse.write_table(con, "ingest_files", accounted)
    return accounted


def holds_back_nothing(con: duckdb.DuckDBPyConnection, candidates: dict[str, list]) -> bool:
    """True when `stage_tables` would stage every one of one file's candidate observations ({OBS_COLUMNS column:
    values}; source, note and source_code may be left out) and quarantine none, decided without pandas, for a clean
    file's `isoc validate`: no row is a suspect of the unit, observation or sex-without-total rules and no key
    repeats. False may be wrong: a population series (its suspects need the vintages) is left to `stage_tables`."""
    names = list(candidates)
    con.execute(f"CREATE OR REPLACE TEMP TABLE staging_candidates AS SELECT row_number() OVER () AS seq, * FROM "
                f"(SELECT {', '.join(f'unnest(${n}) AS {n}' for n in names)})", candidates)
    if con.execute("SELECT count(*) FROM staging_candidates WHERE list_contains($series, series)",
                   {"series": _population_series()}).fetchall()[0][0]:
        return False
    catalogue = [(r["series"], r["unit_measure"], *(float(r[c]) if r[c] else None for c in ("min_value", "max_value")))
                 for r in ref.series_rows()]   # the columns of ref.series_catalogue() the rules read
    con.execute("CREATE OR REPLACE TEMP TABLE staging_catalogue AS SELECT unnest($s) AS series, unnest($u) AS "
                "unit_measure, unnest($lo)::DOUBLE AS min_value, unnest($hi)::DOUBLE AS max_value",
                dict(zip(("s", "u", "lo", "hi"), map(list, zip(*catalogue)))))
    for sql, params in (("sex_unit_suspects.sql", None), ("observation_suspects.sql", _observation_parameters()),
                        ("sex_without_total.sql", None)):
        text = (SQL / sql).read_text(encoding="utf-8")
        if con.execute(f"SELECT count(*) FROM ({text})", warehouse.bound(text, params)).fetchall()[0][0]:
            return False
    return not con.execute(f"SELECT count(*) FROM staging_candidates GROUP BY {', '.join(OBS_KEY)} "
                           "HAVING count(*) > 1 LIMIT 1").fetchall()


def _hold_back(con: duckdb.DuckDBPyConnection, suspects_sql: str, split, params: dict | None = None
               ) -> pd.DataFrame:
    """Bring the rows `suspects_sql` lists out of DuckDB, let `split(rows) -> (kept, quarantine)` judge them, and
    delete from the candidates those it held back; returns its quarantine records."""
    sql = (SQL / suspects_sql).read_text(encoding="utf-8")
    rows = warehouse.query(con, f"SELECT * FROM staging_candidates WHERE seq IN ({sql}) ORDER BY seq", params)
    if rows.empty:
        return quarantine_frame()
    kept, quarantine = split(observations_frame(rows.set_index("seq").rename_axis(None)))
    _delete(con, rows["seq"][~rows["seq"].isin(kept.index)])
    return quarantine


def _delete(con: duckdb.DuckDBPyConnection, seqs: pd.Series) -> None:
    if len(seqs):
        con.register("_held_back", pd.DataFrame({"seq": seqs.astype("int64")}))
        try:
            con.execute("DELETE FROM staging_candidates WHERE seq IN (SELECT seq FROM _held_back)")
        finally:
            con.unregister("_held_back")


def _split_observations(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    from schemas.staged import OBSERVATION_RULE_COLUMNS, Observation   # Pandera: only when a row is suspect
    from schemas.validation import split_valid

    return split_valid(rows, Observation, rule_columns=OBSERVATION_RULE_COLUMNS)


def _observation_parameters() -> dict:
    """The code lists and patterns of the staged model, for observation_suspects.sql."""
    from schemas.codelists import AGE_PATTERN, BREAKDOWN_PATTERN

    return {"economies": sorted(ref.economy_codes()), "sex_codes": sorted(ref.codes("SEX")),
            "urbanisation_codes": sorted(ref.codes("URBANISATION")), "nature_codes": sorted(ref.codes("NATURE")),
            "age_pattern": AGE_PATTERN, "breakdown_pattern": BREAKDOWN_PATTERN}


def _population_inputs(con: duckdb.DuckDBPyConnection, vintages: dict[str, str]) -> dict:
    """The tables and parameters of population_by_sex.sql: each file's vintage, the female / male / total series
    (sex_consistency.POPULATION_BY_SEX, a total given as a series or a number) and the tolerance."""
    warehouse.write_table(con, "staging_vintages", pd.DataFrame({"file": list(vintages), "vintage": list(
        vintages.values())}, dtype="str"), temp=True)
    pairs = [(female, male, total if isinstance(total, str) else None, None if isinstance(total, str) else total)
             for female, male, total in sex_consistency.POPULATION_BY_SEX]
    warehouse.write_table(con, "staging_population_pairs", pd.DataFrame(pairs, columns=[
        "female", "male", "total_series", "total_value"]).astype({"total_series": "str", "total_value": "float64"}),
                          temp=True)
    return {"series": _population_series(), "tolerance": sex_consistency.sex_total_tolerance()}


def _population_series() -> list[str]:
    """The female, male and total population series of sex_consistency.POPULATION_BY_SEX (a total may be a number)."""
    return [s for trio in sex_consistency.POPULATION_BY_SEX for s in trio if isinstance(s, str)]


def _file_ranks(bases: list[str], formats: dict[str, str], vintages: dict[str, str]) -> pd.DataFrame:
    """Per file (without its sheet): its class, its class's rank, its vintage, the vintage's newness (0 newest; an
    unknown vintage after every known one) and its format's own priority. A format not in source_priority.csv is a
    class of its own at DEFAULT_PRIORITY."""
    table = _priorities()
    fmt = pd.Series([formats.get(f, "") for f in bases], dtype="object")
    known = fmt.isin(table.index)
    vintage = pd.Series([vintages.get(f, "") or "" for f in bases], dtype="object")
    newest_first = sorted(set(vintage) - {""}, reverse=True)
    return pd.DataFrame({
        "base": bases,
        "src_class": fmt.map(table["class"]).where(known, "format:" + fmt),
        "src_class_rank": fmt.map(table["class_rank"]).where(known, DEFAULT_PRIORITY).astype("int64"),
        "src_priority": fmt.map(table["priority"]).where(known, DEFAULT_PRIORITY).astype("int64"),
        "src_vintage": vintage,
        "src_newness": vintage.map({v: n for n, v in enumerate(newest_first)}).fillna(len(newest_first)).astype(
            "int64")})


def resolve_duplicates(con: duckdb.DuckDBPyConnection, formats: dict[str, str], vintages: dict[str, str]
                       ) -> pd.DataFrame:
    """One row per key in staging_candidates; returns the quarantine records of the conflicts, and writes the rows
    that lost to another row of their key to staging_superseded (superseded.sql: a narrow table, at scale 10 most of
    the records, whose sentences the `quarantine` view renders when read). Within one file, different values for a
    key are a conflict: all of them are quarantined. Across files, the best class of source wins
    (source_priority.csv: a class ranks as its best format); within a class the newest vintage wins (`vintages`:
    {file: ISO year or date}, compared as text; a file without one ranks after every dated file of its class); then
    the format's own priority, then the file name. The others are `superseded`, and the record says which file and
    vintage won and why."""
    bases = [r[0] for r in con.execute("SELECT DISTINCT split_part(file, '#', 1) FROM staging_candidates "
                                       "WHERE file IS NOT NULL ORDER BY 1").fetchall()]
    warehouse.write_table(con, "staging_file_rank", _file_ranks(bases, formats, vintages), temp=True)
    con.execute((SQL / "duplicates.sql").read_text(encoding="utf-8"))
    conflicted = con.sql("SELECT * FROM staging_ranked WHERE conflicted ORDER BY seq").df()
    problems = [quarantine_row(r.file, int(r.line), "obs_value", "conflicting_duplicate", r.obs_value,
                               f"{r.file} line {r.line}: {r.series} for {r.ref_area} {r.time_period} "
                               f"(sex {r.sex}, age {r.age}, area {r.urbanisation}, breakdown {r.breakdown}) is "
                               "reported more than once in this file with different values; none of them was staged.")
                for r in conflicted.itertuples()]
    con.execute((SQL / "superseded.sql").read_text(encoding="utf-8"))
    con.execute("CREATE OR REPLACE TEMP TABLE staging_candidates AS SELECT c.* FROM staging_candidates c "
                "SEMI JOIN staging_ranked r ON r.seq = c.seq AND r.won")
    return quarantine_frame(problems)


def _drop(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop table or view `name` if it exists (DuckDB's DROP names the kind it drops)."""
    kinds = con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = ? AND table_schema = "
                        "current_schema()", [name]).fetchall()
    for (kind,) in kinds:
        con.execute(f"DROP {'VIEW' if kind == 'VIEW' else 'TABLE'} {name}")


def account(con: duckdb.DuckDBPyConnection, files: pd.DataFrame) -> pd.DataFrame:
    """Per-file counts; `balanced` says records read == staged + quarantined (anything else is a bug that blocks).
    Staged records are observations, reference rows and rows of the own tables (tariff plans); a file error counts
    the data lines it swallowed."""
    staged = " UNION ALL ".join(f"SELECT file FROM {t}" for t in ["observations", "economy_reference", *OWN_TABLES])
    staged_n = _by_base(con, f"SELECT split_part(file, '#', 1) AS base, count(*) AS n FROM ({staged}) GROUP BY ALL")
    counts = con.sql("SELECT split_part(file, '#', 1) AS base, severity, count(*) AS n FROM quarantine "
                     "GROUP BY ALL").df()
    errors = con.sql("SELECT split_part(file, '#', 1) AS base, value FROM quarantine "
                     "WHERE severity = 'file_error'").df()
    swallowed = errors.assign(n=errors["value"].map(swallowed_lines)).groupby("base")["n"].sum()

    def per_file(series: pd.Series) -> pd.Series:
        return out["file"].map(series).fillna(0).astype("int64")

    out = files.copy()
    out["rows_staged"] = per_file(staged_n)
    row_level = counts[counts["severity"] != "file_error"].groupby("base")["n"].sum()
    out["rows_quarantined"] = per_file(row_level) + per_file(swallowed)
    for column, severity in (("rows_excluded", "excluded"), ("rows_superseded", "superseded"),
                             ("file_errors", "file_error")):
        out[column] = per_file(counts[counts["severity"] == severity].groupby("base")["n"].sum())
    out["balanced"] = out["rows_read"] == out["rows_staged"] + out["rows_quarantined"]
    return out[FILES_COLUMNS]


def _by_base(con: duckdb.DuckDBPyConnection, sql: str) -> pd.Series:
    df = con.sql(sql).df()
    return pd.Series(df["n"].to_numpy(), index=df["base"].to_numpy())
