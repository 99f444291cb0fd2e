"""One microdata measurement, run in its own process by bench_microdata.py:
    python -m benchmarks.run_microdata ENGINE FOLDER OUT.parquet
ENGINE: duckdb, duckdb_headline, spark_headline (the estimator alone), command (`isoc microdata estimate` as users
run it: a process of its own), pandas (every question) or pandas_17_8_1 (Internet use by sex x
location). Prints {"seconds", "peak_rss_bytes", "respondents", "estimates"} as JSON."""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._measure import peak_rss_bytes

MEMORY_LIMIT = "3GB"     # DuckDB spills to disk beyond this: the bound the 4 GB target is measured under
HEADLINE = ["internet_3m", "hh_internet"]    # SDG 17.8.1 and HH6 only (one person and one household question)


def main(engine: str, folder: str, out: str) -> None:
    files = sorted(Path(folder).glob("*/*.parquet"))
    start = time.perf_counter()
    peak = seconds = None
    if engine == "pandas":
        from benchmarks.microdata_pandas import estimate
        from schemas import reference as ref

        estimates = estimate(files, set(ref.economy_codes()))
        respondents = None
    elif engine == "pandas_17_8_1":
        from benchmarks.microdata_pandas import estimate_internet_use

        estimates, respondents = estimate_internet_use(files), None
    elif engine == "command":
        estimates, respondents, seconds = command(Path(folder))
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024     # the command's process
    else:
        import duckdb

        from pipelines.microdata import estimator

        config = dict(estimator.load_config())
        if engine in ("duckdb_headline", "spark_headline"):
            config["estimate"] = HEADLINE
        if engine == "spark_headline":
            result = estimator.run(files, config=config | {"engine": "spark"})
            estimates, respondents = result.estimates, result.respondents_read
            peak = _jvm_peak_rss_bytes() + peak_rss_bytes()
        else:
            with tempfile.TemporaryDirectory(prefix="isoc-duckdb-") as spill:   # DuckDB spills here beyond the limit
                con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "preserve_insertion_order": False,
                                             "temp_directory": spill})
                result = estimator.run(files, config=config, con=con)      # the results live in con
                estimates, respondents = result.estimates, result.respondents_read
                con.close()
    seconds = seconds or time.perf_counter() - start       # the command's: its own process
    estimates.to_parquet(out, index=False)
    print(json.dumps({"seconds": seconds, "peak_rss_bytes": peak or peak_rss_bytes(), "respondents": respondents,
                      "estimates": len(estimates)}))


def _jvm_peak_rss_bytes() -> int:
    """The peak resident memory of Spark's JVM (local mode: driver and executors in one), a process of its own that
    this one's peak leaves out. The two peaks are added, which can overstate the joint peak a little."""
    from pyspark.sql import SparkSession

    pid = SparkSession.getActiveSession().sparkContext._jvm.java.lang.ProcessHandle.current().pid()
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) * 1024


def command(folder: Path):
    """`isoc microdata estimate` on the rounds under folder (<ISO3>/ folders), headline questions, into a
    fresh warehouse; returns its estimates (the command does not report respondents) and the command's wall time
    (its process alone: reading its estimates back here, pandas import included, is not the user's wait)."""
    import pandas as pd

    with tempfile.TemporaryDirectory(prefix="isoc-command-") as scratch:
        warehouse, raw_root = Path(scratch) / "warehouse", Path(scratch) / "raw"
        (raw_root / "microdata").parent.mkdir()
        (raw_root / "microdata").symlink_to(folder.resolve())          # the rounds, laid out as the command reads
        questions = [arg for q in HEADLINE for arg in ("--question", q)]
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).with_name("isoc")), "microdata", "estimate", "--raw-root",
                        str(raw_root), "--warehouse", str(warehouse), *questions], check=True,
                       capture_output=True)
        seconds = time.perf_counter() - start
        return pd.read_csv(warehouse / "microdata" / "survey_estimates.csv"), None, seconds


if __name__ == "__main__":
    main(*sys.argv[1:4])
