"""Run the microdata rules and the estimator on an engine (DuckDB, or Spark): files in, quarantine and survey
estimates out.

One call handles any set of files. A file holds one survey round (checked), whose strata and PSUs never cross it, so
rows are grouped by file, and a world of surveys can equally be estimated in one query or a round (a partition) at
a time.

The results stay in a DuckDB connection and are written from there (MicrodataResult.write): importing pandas takes
about a second, as long as DuckDB needs for millions of respondents, so neither pandas nor a round trip through it
sits on the command's way; callers that want frames ask for them.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import duckdb

from pipelines.core.survey_estimates_file import ESTIMATE_TYPES, estimates_select, sql_literal
from pipelines.core.machine import cores
from pipelines.microdata import statements
from pipelines.microdata.engines import INTEGER_TYPES, DuckDBEngine, open_engine, put_rows
from schemas import reference as ref
from schemas.methodology import parameters, values
from schemas.microdata_columns import ANSWERS, COLUMNS, MAX_AGE, NUMBER, STORAGE, TEXT
from schemas.yaml_files import read_yaml

MAPPING_RULES = {"wrong_type": "the value is not of the documented type (docs/microdata.md)",
                 "label_outside_map": "the code has no entry in the survey's variable map"}

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "config.yaml"
QUARANTINE_TYPES = {"file_index": "BIGINT", "file": "STRING", "line": "BIGINT", "column": "STRING", "rule": "STRING",
                    "value": "STRING", "reason": "STRING", "severity": "STRING"}
ROUND_TYPES = {"file_index": "BIGINT", "file": "STRING", "ref_area": "STRING", "time_period": "BIGINT",
               "survey": "STRING", "respondents": "BIGINT"}
PROBLEM_TYPES = {"file_index": "BIGINT", "line": "BIGINT", "column_name": "STRING", "rule": "STRING",
                 "value": "STRING"}


class MicrodataFileError(Exception):
    """A microdata file that cannot be read as the documented schema (missing column, not Parquet)."""


class MicrodataResult:
    """One run's results in a DuckDB connection: tables result_estimates (ESTIMATE_COLUMNS), result_quarantine
    (canonical quarantine columns and file_index) and result_rounds (one row per file: its label, round and
    respondents). `write` puts a part of them in Parquet; the properties give pandas frames."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    @property
    def respondents_read(self) -> int:
        return int(self.con.execute("SELECT coalesce(sum(respondents), 0) FROM result_rounds").fetchone()[0])

    @property
    def estimates(self):
        """ESTIMATE_COLUMNS sorted by their key (a pandas DataFrame), at full precision: the files round them."""
        return self.con.execute(estimates_select("result_estimates", rounded=False)).df()

    @property
    def quarantine(self):
        """The canonical quarantine (file, line (= row), column, rule, value, reason, severity) as a DataFrame."""
        from pipelines.core.canonical import QUARANTINE_DTYPES

        return self.con.execute(_QUARANTINE_SQL + " ORDER BY file, line").df().astype(QUARANTINE_DTYPES)

    def write(self, outputs: dict[Path, list[str]], workers: int = 1) -> dict[Path, dict[str, int]]:
        """For each folder, the estimates (rounded as in every file: survey_estimates_file.DECIMALS) and quarantined
        rows of the rounds in its files (by label) as folder/estimates.parquet and folder/quarantine.parquet, written
        by DuckDB, `workers` folders at a time; returns what each holds (estimates_written, withheld, quarantined,
        respondents_read). The counts are taken in one query for all, so a folder costs its two files only."""
        found = self.con.execute(statements.render("result_counts.sql", statements.DUCKDB))
        counts = {row[0]: dict(zip([d[0] for d in found.description], row)) for row in found.fetchall()}
        nothing = dict.fromkeys(_COUNTED, 0)      # a file without a row has no round, and nothing to write

        def write_one(folder: Path, files: list[str], cursor: duckdb.DuckDBPyConnection) -> dict[str, int]:
            try:
                folder.mkdir(parents=True, exist_ok=True)
                indexes = {"indexes": [counts[f]["file_index"] for f in files if f in counts]}
                chosen = "(SELECT * FROM result_estimates WHERE list_contains($indexes, file_index))"
                cursor.execute(f"COPY ({estimates_select(chosen, rounded=True)}) TO "
                               f"{sql_literal(folder / 'estimates.parquet')} (FORMAT parquet)", indexes)
                cursor.execute(f"COPY ({_QUARANTINE_SQL} WHERE list_contains($indexes, file_index) ORDER BY file, line)"
                               f" TO {sql_literal(folder / 'quarantine.parquet')} (FORMAT parquet)", indexes)
                return {k: sum(counts.get(f, nothing)[k] for f in files) for k in _COUNTED}
            finally:
                cursor.close()

        # folders written at the same time, each on a cursor of its own (a connection is not shared between
        # threads); a write is mostly fixed cost
        with ThreadPoolExecutor(max(1, workers)) as pool:
            written = pool.map(write_one, outputs, outputs.values(), [self.con.cursor() for _ in outputs])
            return dict(zip(outputs, written))


_COUNTED = ("estimates_written", "withheld", "quarantined", "respondents_read")
_QUARANTINE_SQL = "SELECT file, line, \"column\", rule, value, reason, severity FROM result_quarantine"


@lru_cache(maxsize=None)
def load_config(path: Path = CONFIG) -> dict:
    """config.yaml with each methodology parameter replaced by its value (schemas.methodology)."""
    return values(read_yaml(Path(path)), str(path))


def config_statuses(block: str, path: Path = CONFIG) -> str:
    """The methodology statuses of a config.yaml block's parameters ('unconfirmed'), for run metadata."""
    raw = read_yaml(Path(path))[block]
    return ", ".join(sorted({p.status for p in parameters(raw, f"{path}: {block}").values()}))


def settings(engine: str = "", questions: list[str] | None = None, spark_master: str = "") -> dict:
    """config.yaml with these choices in place of its own (empty: keep config.yaml's `engine`, `estimate`,
    `spark.master`); what the command and the Dagster resource both pass to run()."""
    config = dict(load_config())
    if engine:
        config["engine"] = engine
    if questions:
        config["estimate"] = list(questions)
    if spark_master:
        config["spark"] = dict(config.get("spark") or {}) | {"master": spark_master}
    return config


def age_groups(config: dict) -> dict[int, str | None]:
    """Every age 0..MAX_AGE with its configured age group (None when no band holds it)."""
    bands = config["age_groups"]["bands"]
    group = {age: code for code, (first, last) in bands.items()
             for age in range(first, (MAX_AGE if last is None else last) + 1)}
    return {age: group.get(age) for age in range(MAX_AGE + 1)}


def check_columns(con: duckdb.DuckDBPyConnection, files: list[Path], labels: dict[str, str]) -> bool:
    """Every file has every documented column, each stored as the schema allows (STORAGE; an empty column is fine:
    the question was not asked). Returns whether every file stores `age` as integers, whose values are then whole
    (quarantine.sql leaves that check out)."""
    whole_ages = True
    for path in files:
        label = labels.get(str(path), str(path))
        try:
            types = dict(con.execute("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($1))",
                                     [str(path)]).fetchall())
        except duckdb.Error as exc:
            reason = str(exc).strip().splitlines()[0]       # DuckDB goes on to echo the query: not the user's
            raise MicrodataFileError(f"{label}: not a readable Parquet file ({reason}).") from exc
        missing = [c for c in COLUMNS if c not in types]
        if missing:
            raise MicrodataFileError(f"{label}: missing column(s) {', '.join(missing)} of the microdata schema "
                                     "(docs/microdata.md).")
        wrong = [f"{c} is stored as {types[c]}, not as {' or '.join(STORAGE[c])}" for c in COLUMNS
                 if (kind := _stored_as(types[c])) and kind not in STORAGE[c]]
        if wrong:
            raise MicrodataFileError(f"{label}: {'; '.join(wrong)} (the microdata schema, docs/microdata.md).")
        whole_ages = whole_ages and types["age"] in INTEGER_TYPES
    return whole_ages


_NUMBER_TYPES = (*INTEGER_TYPES, "FLOAT", "DOUBLE")


def _stored_as(duckdb_type: str) -> str:
    """TEXT or NUMBER; "" for a column with no value at all (Parquet's null type, fine anywhere); else the type."""
    if duckdb_type == "VARCHAR":
        return TEXT
    if duckdb_type in _NUMBER_TYPES or duckdb_type.startswith("DECIMAL"):
        return NUMBER
    return "" if duckdb_type.strip('"') == "NULL" else duckdb_type


def prepare(engine, config: dict) -> None:
    """Register the lookup tables the statements use."""
    bands = {code: band for band, code in enumerate(config["age_groups"]["bands"], start=1)}
    engine.put("age_lookup", {"age": "BIGINT", "age_band": "INT"},
               [(age, bands.get(code)) for age, code in age_groups(config).items()])
    engine.put("age_bands", {"age_band": "INT", "age_group": "STRING"},
               [(0, "_T"), *((band, code) for code, band in bands.items())])
    engine.put("questions", {"variable": "STRING", "unit": "STRING", "series": "STRING", "breakdown": "STRING"},
               [(k, v["unit"], v["series"], v["breakdown"]) for k, v in config["questions"].items()])
    engine.put("known_economies", {"iso3": "STRING"}, [(c,) for c in sorted(ref.economy_codes())])


def survey_rounds(engine, labels: dict[str, str]) -> list[dict]:
    """The round of each file (file_index, file, ref_area, time_period, survey, respondents); a file mixing rounds
    or a round split over files is a file error (strata and PSUs are only meaningful within one round)."""
    rounds = sorted(engine.rounds(), key=lambda r: r["file_index"])
    for r in rounds:
        label = labels.get(r["file"], r["file"])
        for what, first, last in (("economies", "ref_area", "last_ref_area"), ("surveys", "survey", "last_survey"),
                                  ("years", "time_period", "last_time_period")):
            if r[first] != r[last]:
                raise MicrodataFileError(f"{label}: holds more than one survey round ({what} {r[first]} and "
                                         f"{r[last]}); write one file per economy, year and survey.")
        if r["time_period"] is not None and r["time_period"] != int(r["time_period"]):
            raise MicrodataFileError(f"{label}: time_period {r['time_period']} is not a whole year.")
    seen: dict[tuple, list[str]] = {}
    for r in rounds:
        seen.setdefault((r["ref_area"], r["time_period"], r["survey"]), []).append(labels.get(r["file"], r["file"]))
    for (ref_area, year, survey), files in seen.items():
        if len(files) > 1:
            raise MicrodataFileError(f"survey round {ref_area} {year} {survey!r} is split over {', '.join(files)}; "
                                     "keep a round in one file.")
    return rounds


def quarantine(engine, results: duckdb.DuckDBPyConnection, offset: int, batch_size: int, *,
               whole_ages: bool, mapped: bool) -> int:
    """Hold back the rows of this batch that cannot be used, each with a sentence, into result_quarantine; also
    kept as table microdata_quarantine for the estimator (which reads the `households` table this builds too).
    What the engine shows beforehand (engines.Proven) only leaves work out: the records are the same. Returns the
    number of rows held back.

    A batch is first checked without picking rows out: when no row breaks a row rule or is in an odd round
    (flagged_rows.sql), no household is inconsistent, no person id can repeat and no value was left unmapped
    (`mapped`: the batch has a mapping problem), nothing is held back and quarantine.sql is left out."""
    engine.keep("household_values", "household_values.sql")
    proven = engine.proven(ANSWERS)
    if proven.consistent_households:        # household_values holds one row per household already: renamed, not copied
        engine.view("households", "households.sql", consistent_households=True)
    else:
        engine.keep("households", "households.sql", consistent_households=False)
    rules = {"proven_answers": proven.answers_in_range, "whole_ages": whole_ages}
    all_ids_unique = len(proven.unique_person_files) == batch_size
    if all_ids_unique and proven.consistent_households and not mapped and not engine.records(
            "flagged_rows.sql", {"max_age": MAX_AGE}, **rules)[0]["flagged"]:
        return 0
    engine.put("unique_person_files", {"file_index": "BIGINT"}, [(i,) for i in proven.unique_person_files])
    engine.keep("microdata_quarantine", "quarantine.sql", {"max_age": MAX_AGE}, all_ids_unique=all_ids_unique,
                **rules)
    source = engine.export("microdata_quarantine", results)
    # fetchall, not fetchone: a result left unfinished on `results` makes the Spark engine's next register fail
    held = results.execute(f"SELECT count(*) FROM {source}").fetchall()[0][0]
    if not held:
        return 0
    from schemas.checks import RULES        # Pandera's sentences; only imported when a row is held back

    put_rows(results, "rule_texts", {"rule": "STRING", "text": "STRING"}, list((RULES | MAPPING_RULES).items()))
    sql = statements.render("quarantine_reasons.sql", statements.DUCKDB, source=source)
    results.execute(sql, statements.DUCKDB.bound(sql, {"batch_start": offset}))
    return held


def _problems(batch: list[str], problems: dict) -> list[tuple]:
    """The mapping problems of a batch of files (national.convert's frames), keyed by the file's position."""
    return [(index, int(line), column, rule, None if value is None else str(value))
            for index, name in enumerate(batch) if name in problems
            for line, column, rule, value in problems[name][["line", "column", "rule", "value"]].itertuples(
                index=False)]


def estimate(engine, results: duckdb.DuckDBPyConnection, offset: int, config: dict, *, held_back: bool) -> None:
    """Survey estimates (percent) with standard errors and quality into result_estimates, each with its file's
    position (the batch's first is `offset`); needs quarantine(). `held_back`: whether quarantine() held back a row
    of this batch (if not, no row is looked up there)."""
    rule = config["quality"]
    if rule["action"] not in ("flag", "suppress"):
        raise ValueError(f"quality.action must be flag or suppress, not {rule['action']!r}")
    chosen = config.get("estimate") or list(config["questions"])
    by_unit = {unit: [q for q in chosen if config["questions"][q]["unit"] == unit] for unit in ("person", "household")}
    if not all(by_unit.values()):
        raise ValueError("estimate: choose at least one person and one household question (config.yaml questions)")
    engine.keep("cells", "cells.sql", person_questions=by_unit["person"], household_questions=by_unit["household"],
                held_back=held_back)
    split = engine.records("split_psus.sql")[0]["split_psus"]
    engine.keep("strata", "strata.sql", questions=chosen, one_urbanisation_per_psu=not split)
    engine.keep("strata_long", "strata_long.sql", questions=chosen)
    engine.keep("batch_estimates", "estimate.sql", {"min_respondents": int(rule["min_respondents"]),
                                                    "max_cv": float(rule["max_cv"]),
                                                    "suppress": rule["action"] == "suppress"})
    results.execute("INSERT INTO result_estimates BY NAME SELECT * REPLACE (file_index + $offset AS file_index) "
                    f"FROM {engine.export('batch_estimates', results)}", {"offset": offset})


def concurrent_batches(config: dict) -> int:
    """How many batches the DuckDB engine estimates at the same time (config.yaml `concurrent_batches`; 0: one per
    core this process may use)."""
    return max(1, int(config.get("concurrent_batches") or cores()))


def batches(files: int, rounds_per_query: int, workers: int) -> list[range]:
    """The files (by position) cut into consecutive batches of at most `rounds_per_query` (0: no limit), as many
    batches as a multiple of `workers` so that each worker gets an equal share, their sizes differing by one at
    most."""
    if not files:
        return []
    count = -(-files // rounds_per_query) if rounds_per_query > 0 else 1
    count = min(files, -(-count // workers) * workers)
    edges = [files * i // count for i in range(count + 1)]
    return [range(a, b) for a, b in zip(edges, edges[1:])]


@contextmanager
def one_thread_per_query(con: duckdb.DuckDBPyConnection):
    """While batches run at the same time, each of their queries on one thread (DuckDB's `threads` is the
    database's): the cores go to the batches, which share them better than one query shares two threads, and each
    sum adds its rows in the files' order, so two runs give the same bits. The setting is put back afterwards."""
    before = con.execute("SELECT current_setting('threads')").fetchone()[0]
    con.execute("SET threads = 1")
    try:
        yield
    finally:
        con.execute(f"SET threads = {int(before)}")


def estimate_batch(engine, results: duckdb.DuckDBPyConnection, names: list[str], span: range, rounds: list[dict],
                   problems: dict, config: dict, *, whole_ages: bool) -> None:
    """Validate and estimate the files of one batch (positions `span` of `names`) into the results' tables."""
    batch = names[span.start:span.stop]
    mapped = _problems(batch, problems)
    engine.use_files(batch)
    engine.put("mapping_problems", PROBLEM_TYPES, mapped)
    engine.put("rounds", {k: ROUND_TYPES[k] for k in ("file_index", "ref_area", "time_period", "survey")},
               [(r["file_index"] - span.start, r["ref_area"], r["time_period"], r["survey"]) for r in rounds
                if r["file_index"] in span])
    held = quarantine(engine, results, span.start, len(batch), whole_ages=whole_ages, mapped=bool(mapped))
    estimate(engine, results, span.start, config, held_back=held > 0)


def _estimate_batch_alone(cursor: duckdb.DuckDBPyConnection, names: list[str], span: range, rounds: list[dict],
                          problems: dict, config: dict, whole_ages: bool) -> None:
    """estimate_batch on a cursor of the results' database of its own (its temp tables are its own; the results'
    tables are shared), closed afterwards."""
    engine = DuckDBEngine(cursor)
    try:
        prepare(engine, config)
        estimate_batch(engine, cursor, names, span, rounds, problems, config, whole_ages=whole_ages)
    finally:
        engine.close()
        cursor.close()


def run(files: list[Path], *, labels: dict[str, str] | None = None, config: dict | None = None,
        con: duckdb.DuckDBPyConnection | None = None, problems: dict | None = None) -> MicrodataResult:
    """Validate and estimate a set of microdata files on the configured engine; the results are kept in `con` (a
    new in-memory DuckDB connection unless one is given). `problems`: by file, rows already found unusable (a
    frame of line, column, rule, value: a national value that could not be mapped, national.py); they are
    quarantined under that rule before any other.

    Rounds are validated and estimated `rounds_per_query` files at a time (config.yaml): every grouping stays within
    a round, so the result equals one query over all files, while the hash tables stay small enough not to spill
    (50M respondents, Internet use and household Internet: 28 s and 0.7 GB instead of 35 s and 3.3 GB). On DuckDB,
    `concurrent_batches` batches run at the same time, each query on one thread (one_thread_per_query)."""
    config = config or load_config()
    files = [Path(f).resolve() for f in files]
    labels = {str(Path(k).resolve()): v for k, v in (labels or {}).items()}
    problems = {str(Path(k).resolve()): v for k, v in (problems or {}).items()}
    results = con or duckdb.connect()
    whole_ages = check_columns(results, files, labels)
    names = [str(f) for f in files]
    for table, types in (("result_estimates", {"file_index": "BIGINT"} | ESTIMATE_TYPES),
                         ("result_quarantine", QUARANTINE_TYPES)):
        put_rows(results, table, types, [], temporary=False)    # not TEMP: every worker's cursor adds to them
    engine = open_engine(config, results)
    try:
        prepare(engine, config)
        engine.use_files(names)
        rounds = survey_rounds(engine, labels)     # every round checked once, across all the files
        put_rows(results, "result_rounds", ROUND_TYPES,
                 [(r["file_index"], labels.get(r["file"], r["file"]), r["ref_area"], r["time_period"], r["survey"],
                   r["respondents"]) for r in rounds], temporary=False)
        workers = concurrent_batches(config) if isinstance(engine, DuckDBEngine) else 1    # Spark spreads a query
        spans = batches(len(names), int(config.get("rounds_per_query") or 0), workers)
        if workers == 1 or len(spans) == 1:
            for span in spans:
                estimate_batch(engine, results, names, span, rounds, problems, config, whole_ages=whole_ages)
            return MicrodataResult(results)
    finally:
        engine.close()
    with one_thread_per_query(results), ThreadPoolExecutor(workers) as pool:
        running = [pool.submit(_estimate_batch_alone, results.cursor(), names, span, rounds, problems, config,
                               whole_ages) for span in spans]
        try:
            for future in running:
                future.result()     # the first error is raised; batches not yet started are cancelled
        finally:
            pool.shutdown(cancel_futures=True)
    return MicrodataResult(results)
