"""Benchmark: household-survey microdata estimation, the command as users run it, the engines alone, and pandas.

    .venv/bin/python -m benchmarks.bench_microdata                       # 1M, 10M and 50M respondents
    .venv/bin/python -m benchmarks.bench_microdata --sizes 5000000 --engines command duckdb_headline pandas_17_8_1

Synthetic rounds (isoc synth microdata) are generated once under --data. Each measurement runs in a fresh process
(wall time, its own peak memory) and is kept in benchmarks/results/microdata.json, so sizes can be measured in
separate sittings; benchmarks/results/microdata.md is rendered from every kept measurement. Engines: `duckdb` (all 15
questions, every sex x age group x urban/rural domain and margin, with SE, validation included), `duckdb_headline`
(the same for Internet use and household Internet only), `spark_headline` (the same on Spark local[2], session start
included), `command` (`isoc microdata estimate --question internet_3m --question hh_internet`: a process of its own,
the engine directly, writing every output file), `pandas` (all questions, pipelines of groupby/merge) and
`pandas_17_8_1` (SDG 17.8.1 by sex x urban/rural with SEs, no validation: the baseline the command is compared with).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from benchmarks._measure import REPO, Results, child
from pipelines.microdata import synthetic

KEY = ["ref_area", "time_period", "survey", "variable", "sex", "age", "urbanisation"]
ENGINES = ["command", "duckdb", "duckdb_headline", "spark_headline", "pandas", "pandas_17_8_1"]
BASELINE = {"duckdb": "pandas", "command": "pandas_17_8_1"}      # like for like: what each is compared with


def rounds_for(respondents: int) -> int:
    """Survey rounds (economies) the respondents are spread over: 10 to 100, about 200,000 to 500,000 each."""
    return min(100, max(10, respondents // 200_000))


def data_folder(root: Path, respondents: int) -> Path:
    folder = root / f"world_{respondents}"
    if not folder.is_dir():
        synthetic.write_world(folder, respondents, rounds_for(respondents))
    return folder


def measure(root: Path, respondents: int, engine: str, timeout: float) -> dict:
    folder = data_folder(root, respondents)
    out = root / f"estimates_{engine}_{respondents}.parquet"
    result = child("benchmarks.run_microdata", engine, str(folder), str(out), timeout=timeout)
    result.update({"engine": engine, "size": respondents, "rounds": rounds_for(respondents)})
    baseline_out = root / f"estimates_{BASELINE.get(engine)}_{respondents}.parquet"
    if engine in BASELINE and baseline_out.exists():
        result["max_abs_diff_vs_pandas"] = max_difference(out, baseline_out)
    return result


def max_difference(ours: Path, theirs: Path) -> float:
    """Largest difference in estimate or standard error (percentage points) over the estimates both runs have."""
    merged = pd.read_parquet(ours).merge(pd.read_parquet(theirs), on=KEY, suffixes=("", "_other"), validate="1:1")
    if merged.empty:
        raise ValueError(f"{ours.name} and {theirs.name} have no estimate in common")
    return float(max((merged["estimate"] - merged["estimate_other"]).abs().max(),
                     (merged["standard_error"] - merged["standard_error_other"]).abs().max()))


def render(measurements: list[dict]) -> list[str]:
    rows = sorted(measurements, key=lambda m: (m["size"], ENGINES.index(m["engine"])))
    seconds = {(m["size"], m["engine"]): m["seconds"] for m in rows}
    lines = [
        "| respondents | rounds | engine | wall time (s) | respondents/s | peak memory (GB) | pandas time / this |"
        " max abs diff vs pandas (pp) | load (1/5/15 min) | measured |",
        "|---:|---:|---|---:|---:|---:|---:|---:|---|---|"]
    for m in rows:
        ratio = seconds.get((m["size"], BASELINE.get(m["engine"])))           # like for like only
        ratio_text = "" if ratio is None else f"{ratio / m['seconds']:.1f}x"
        diff = m.get("max_abs_diff_vs_pandas")
        diff_text = "" if diff is None else f"{diff:.1e}"
        lines.append(f"| {m['size']:,} | {m['rounds']} | {m['engine']} | {m['seconds']:.1f} | "
                     f"{m['size'] / m['seconds']:,.0f} | {m['peak_rss_bytes'] / 1e9:.2f} | {ratio_text} | "
                     f"{diff_text} | "
                     f"{m['load']} | {m['measured']} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1_000_000, 10_000_000, 50_000_000],
                        help="none: only re-render the results")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=ENGINES)
    parser.add_argument("--data", type=Path, default=REPO / "warehouse" / "bench", help="synthetic data folder")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds one measurement may take")
    parser.add_argument("--pandas-max", type=int, default=10_000_000,
                        help="largest size the pandas baseline is run at (default %(default)s: 50M needs ~30 GB)")
    parser.add_argument("--context", default="", help="a sentence about the conditions, kept in the results file")
    args = parser.parse_args()
    results = Results("microdata", ["size", "engine"], "Microdata estimation benchmark", "bench_microdata.py")
    for size in args.sizes:
        for engine in sorted(args.engines, key=lambda e: not e.startswith("pandas")):   # baselines first
            if engine == "pandas" and size > args.pandas_max:
                print(f"pandas not run at {size:,} respondents (above --pandas-max {args.pandas_max:,}: it would need "
                      "about 0.6 GB per million respondents)")
                continue
            results.add(measure(args.data, size, engine, args.timeout))
    results.write(args.context, render)

if __name__ == "__main__":
    main()
