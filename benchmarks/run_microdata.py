"""One microdata measurement, run in its own process by bench_microdata.py:
    python -m benchmarks.run_microdata duckdb|pandas|duckdb_headline FOLDER OUT.parquet
Prints {"seconds", "peak_rss_bytes", "respondents", "estimates"} as JSON."""
from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

MEMORY_LIMIT = "3GB"     # DuckDB spills to disk beyond this: the bound the 4 GB target is measured under
HEADLINE = ["internet_3m", "hh_internet"]    # SDG 17.8.1 and HH6 only (one person and one household question)


def main(engine: str, folder: str, out: str) -> None:
    files = sorted(Path(folder).glob("*/*.parquet"))
    start = time.perf_counter()
    if engine == "pandas":
        from benchmarks.microdata_pandas import estimate
        from pipelines.core import reference as ref

        estimates = estimate(files, set(ref.economy_codes()))
        respondents = None
    else:
        import duckdb

        from pipelines.microdata import estimator

        config = dict(estimator.load_config())
        if engine == "duckdb_headline":
            config["estimate"] = HEADLINE
        with tempfile.TemporaryDirectory(prefix="isoc-duckdb-") as spill:   # DuckDB spills here beyond the limit
            con = duckdb.connect(config={"memory_limit": MEMORY_LIMIT, "preserve_insertion_order": False,
                                         "temp_directory": spill})
            result = estimator.run(files, config=config, con=con)
            con.close()
        estimates, respondents = result.estimates, result.respondents_read
    seconds = time.perf_counter() - start
    estimates.to_parquet(out, index=False)
    from benchmarks._measure import peak_rss_bytes

    print(json.dumps({"seconds": seconds, "peak_rss_bytes": peak_rss_bytes(), "respondents": respondents,
                      "estimates": len(estimates)}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
