"""The estimator on Apache Spark (`engine: spark`): the same statements as DuckDB (statements.py, Spark dialect), so
estimates, standard errors and the quarantine are those of DuckDB (tests/microdata/test_spark.py).

The `spark` settings of config.yaml are the session's: `master` (local[2] on one machine, spark://host:7077 or yarn
for a cluster) and any other `conf` pair. A session that cannot start is an error naming the setting; nothing falls
back to DuckDB silently."""
from __future__ import annotations

from functools import reduce

from pipelines.microdata import statements
from pipelines.microdata.engines import MicrodataEngineError, Proven

SETTINGS = "pipelines/microdata/config.yaml, spark"


def session(settings: dict):
    """The Spark session for these settings (the running one when it was built with the same master)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise MicrodataEngineError("engine: spark needs PySpark and a Java runtime: pip install -e '.[spark]' and "
                                   "a JRE 17 (scripts/setup.sh --spark installs both)") from exc
    master = settings.get("master") or "local[2]"
    active = SparkSession.getActiveSession()
    if active is not None:
        if active.sparkContext.master != master:
            raise MicrodataEngineError(f"a Spark session with master {active.sparkContext.master!r} is already "
                                       f"running in this process; {SETTINGS}.master asks for {master!r}")
        return active
    builder = SparkSession.builder.master(master).appName(settings.get("app_name") or "isoc-microdata")
    for key, value in (settings.get("conf") or {}).items():
        builder = builder.config(key, str(value).lower() if isinstance(value, bool) else str(value))
    try:
        return builder.getOrCreate()
    except Exception as exc:    # Py4J, Java and PySpark raise unrelated types for a JVM or master that is not there
        raise MicrodataEngineError(f"the Spark session did not start with {SETTINGS}.master = {master!r}: "
                                   f"{str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__}. "
                                   "Check that Java 17+ is installed (java -version) and the master is reachable, "
                                   "or set engine: duckdb.") from exc


class SparkEngine:
    """Respondents as the temp view `respondents` (file_index, file, line added); kept tables are checkpointed
    views."""

    dialect = statements.SPARK

    def __init__(self, settings: dict):
        self.spark = session(settings)
        self.kept: dict[str, object] = {}

    def use_files(self, files: list[str]) -> None:
        from pyspark.sql import functions as F

        frames = [self.spark.read.parquet(path).select(
                      "*", F.lit(index).alias("file_index"), F.lit(path).alias("file"),
                      (F.col("_metadata.row_index") + 1).alias("line"))
                  for index, path in enumerate(files)]
        rows = reduce(lambda a, b: a.unionByName(b, allowMissingColumns=True), frames)
        rows.createOrReplaceTempView("respondents")

    def records(self, name: str, params: dict | None = None, **context) -> list[dict]:
        return [row.asDict() for row in self._frame(name, params, context).collect()]

    def _frame(self, name: str, params: dict | None, context: dict):
        sql = statements.render(name, self.dialect, **context)
        return self.spark.sql(sql, args=self.dialect.bound(sql, params or {}))

    def keep(self, table: str, name: str, params: dict | None = None, **context) -> None:
        self._replace(table, self._frame(name, params, context))

    def view(self, table: str, name: str, **context) -> None:
        """A temp view of the statement, computed where it is read (engines.py: DuckDBEngine.view)."""
        self._frame(name, None, context).createOrReplaceTempView(table)
        self.kept[table] = None

    def put(self, table: str, columns: dict[str, str], rows: list[tuple]) -> None:
        """Rows as a table (columns: name -> SQL type; Spark cannot infer a schema from no rows)."""
        schema = ", ".join(f"{c} {t}" for c, t in columns.items())
        self._replace(table, self.spark.createDataFrame(rows, schema=schema))

    def rounds(self) -> list[dict]:
        """The round of each current file, from the rows (rounds.sql; Spark reads no footers here)."""
        return self.records("rounds.sql")

    def proven(self, answers: list[str]) -> Proven:
        """Nothing is shown in advance on Spark: every check reads every row (engines.py: DuckDBEngine.proven)."""
        return Proven()

    def export(self, table: str, results) -> str:
        """A kept table copied into the results' DuckDB connection (what the estimator keeps is small: estimates,
        quarantined rows); returns its name there."""
        name = f"spark_{table}"
        results.register(name, self.spark.table(table).toPandas())
        return name

    def _replace(self, table: str, frame) -> None:
        """The frame computed once and kept without its lineage (localCheckpoint): a statement that reads a kept
        table several times (strata.sql reads `cells` eight times) would otherwise carry the whole plan behind it
        into each use, and Spark's analyzer ran out of memory on that."""
        frame = frame.localCheckpoint()
        frame.createOrReplaceTempView(table)
        self.kept[table] = frame

    def close(self) -> None:
        """Forget the kept tables (unpersist does nothing to a checkpointed frame: Spark's cleaner frees its blocks
        once nothing refers to it); the session stays for the next run (starting one takes seconds)."""
        for table in self.kept:
            self.spark.catalog.dropTempView(table)
        self.kept.clear()
