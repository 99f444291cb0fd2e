"""`isoc synth`: deterministic synthetic inputs at any scale, in the real input formats, for benchmarks and load tests.

    isoc synth microdata --respondents 10000000 --rounds 50    # <raw-root>/microdata/<ISO3>/<ISO3>_<year>.parquet
    isoc synth microdata --format dta                          # the same as national Stata files with variable maps
    isoc synth release --scale 10 --release synth_x10          # 10 vintages of the demo release in one release

A scaled release holds `scale` vintages of every demo file (each generated with its own seed, in its own folder), so
rows read grow `scale` times over the real economies x years x series; the vintages overlap, and staging resolves
them by source priority exactly as it would resubmitted files. Everything is labelled synthetic or DEMO.
"""
from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from pipelines.commands._paths import add_path_options
from pipelines.core import manifest
from pipelines import snapshots

ADDED = "2026-01-01"      # fixed so a synthetic manifest is reproducible


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("synth", help="generate synthetic microdata or a scaled aggregated release")
    kinds = parser.add_subparsers(dest="kind", required=True)
    micro = kinds.add_parser("microdata", help="survey rounds of respondents (docs/microdata.md)")
    micro.add_argument("--respondents", type=int, default=1_000_000, help="respondents in all (default %(default)s)")
    micro.add_argument("--rounds", type=int, default=20, help="survey rounds, one economy each (default %(default)s)")
    micro.add_argument("--year", type=int, default=2023)
    micro.add_argument("--seed", type=int, default=0)
    micro.add_argument("--format", choices=["parquet", "dta", "sav", "csv"], default="parquet",
                       help="parquet: the documented schema; dta, sav, csv: as a national office holds it (national "
                            "variable names and codes, value labels) with its variable map (default %(default)s)")
    add_path_options(micro)
    micro.set_defaults(func=run_microdata)
    release = kinds.add_parser("release", help="a release of `scale` vintages of the demo files")
    release.add_argument("--scale", type=int, default=1, help="vintages (default %(default)s)")
    release.add_argument("--release", help="release name (default synth_x<scale>)")
    add_path_options(release)
    release.set_defaults(func=run_release)


def run_microdata(args: argparse.Namespace) -> int:
    from pipelines.microdata import store, synthetic

    folder = store.input_folder(args.raw_root.resolve())
    files = synthetic.write_world(folder, args.respondents, args.rounds, year=args.year, seed=args.seed,
                                  fmt=args.format)
    print(f"{len(files)} survey rounds, {args.respondents} respondents, written under {folder}")
    return 0


def build_scaled_release(raw_root: Path, release: str, scale: int, seed: int = 20260101) -> Path:
    """Write `scale` demo vintages into raw_root/release/vintage_<i>/ (replacing the release) and register them."""
    from pipelines.demo import generate_demo_release
    from pipelines.ingest import detect_format

    folder = manifest.release_dir(raw_root, release)
    if folder.exists():
        shutil.rmtree(folder)
    for i in range(1, scale + 1):
        files = generate_demo_release(folder, f"vintage_{i:02d}", seed=seed + i)
        docs = [f for f in files if f.suffix.lower() == ".md" or detect_format(f) is None]
        snapshots.add_files(raw_root, release, [f for f in files if f not in docs], added=ADDED)
        snapshots.add_files(raw_root, release, docs, fmt=manifest.DOCUMENTATION, added=ADDED)
    manifest.mark_synthetic(raw_root, release)
    return folder


def run_release(args: argparse.Namespace) -> int:
    name = args.release or f"synth_x{args.scale}"
    folder = build_scaled_release(args.raw_root.resolve(), name, args.scale)
    print(f"release {name} ({args.scale} vintage(s) of the demo files) written to {folder}; run it with "
          f"`isoc run --release {name}`")
    return 0
