"""Benchmark of the basket engine: 200 economies x 10 years x 50 plans (100,000 plans), every basket of
indicators/baskets/definitions.yaml, against the straightforward per-plan loop (tests/support/reference_loop.py).

    .venv/bin/python -m benchmarks.baskets        # writes benchmarks/results/baskets.md

Synthetic plans (seeded): 3-6 operators per economy-year, prepaid/postpaid/add-on mobile plans with 1-30 day validity
and per-unit prices (some with a speed, a technology or Wi-Fi/hotspot only), and fixed-broadband plans with
commitments and one-time charges and fixed-telephone plans, so every rule of the engine is exercised. The
target is under 5 seconds for the engine; the run also checks that the engine and the loop choose the same prices.
"""
from __future__ import annotations

import math
import time

import numpy as np
import pandas as pd

from benchmarks._measure import RESULTS as RESULTS_DIR, load, machine
from indicators.baskets import definitions
from pipelines.core import tariff_plans
from tests.support.basket_cases import choose_frame
from tests.support.reference_loop import choose_loop

RESULTS = RESULTS_DIR / "baskets.md"
ECONOMIES, YEARS, PLANS, SEED = 200, range(2015, 2026), 50, 20260101
TARGET_SECONDS = 5.0


def synthetic_plans(economies: int = ECONOMIES, years=YEARS, plans: int = PLANS, seed: int = SEED) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    keys = pd.MultiIndex.from_product([[f"E{e:03d}" for e in range(economies)], list(years), range(plans)],
                                      names=["ref_area", "time_period", "n"]).to_frame(index=False)
    n = len(keys)
    operator = rng.integers(0, 4, n)
    service = rng.choice(["mobile", "mobile", "mobile", "fixed_broadband", "fixed_telephone"], n)
    mobile = service == "mobile"
    plan_type = np.where(mobile, rng.choice(["prepaid", "postpaid", "addon"], n, p=[0.5, 0.3, 0.2]),
                         rng.choice(["prepaid", "postpaid"], n, p=[0.2, 0.8]))
    unlimited = rng.random(n) < 0.15
    frame = pd.DataFrame({
        "ref_area": keys["ref_area"], "time_period": keys["time_period"], "operator": [f"Op {o}" for o in operator],
        "market_share": (operator + 1) / 10 + (keys["ref_area"].str[-1].astype(int) % 3) / 100, "plan":
            [f"Plan {i}" for i in keys["n"]], "plan_type": plan_type, "service": service, "currency": "XXX",
        "monthly_fee": np.round(rng.lognormal(2.3, 0.6, n), 2),
        "validity_days": np.where(mobile, rng.choice([1, 7, 30], n, p=[0.1, 0.3, 0.6]), 30),
        "data_gb": np.where(unlimited, np.nan, rng.choice([0.1, 0.5, 1, 2, 5, 10, 50], n)),
        "minutes": np.where(mobile & (rng.random(n) < 0.5), 0, rng.choice([30, 100, 300, np.nan], n)),
        "sms": np.where(mobile & (rng.random(n) < 0.5), 0, rng.choice([20, 100, np.nan], n)),
        "price_per_extra_mb": np.where(rng.random(n) < 0.6, rng.choice([0.001, 0.005, 0.02], n), np.nan),
        "price_per_extra_min": np.where(rng.random(n) < 0.6, rng.choice([0.02, 0.1], n), np.nan),
        "price_per_sms": np.where(rng.random(n) < 0.6, 0.03, np.nan),
        "speed_mbps": np.where(service == "fixed_broadband", rng.choice([0.2, 10.0], n, p=[0.1, 0.9]),
                               np.where(rng.random(n) < 0.3, rng.choice([0.1, 5.0], n), np.nan)),
        "technology": np.where(mobile & (rng.random(n) < 0.5), rng.choice(["2G", "3G", "4G"], n), None),
        "wifi_hotspot_only": np.where(mobile, rng.random(n) < 0.05, None),
        "commitment_months": np.where(service == "fixed_broadband", rng.choice([0, 12, 24, np.nan], n), np.nan),
        "one_time_fee": np.where(service == "fixed_broadband", rng.choice([0.0, 25.0], n), np.nan),
        "taxes_included": rng.random(n) < 0.95, "promotional": rng.random(n) < 0.05,
        "source": "synthetic", "file": "synthetic.csv", "line": np.arange(n) + 2})
    return frame.reindex(columns=tariff_plans.COLUMNS).astype(tariff_plans.DTYPES)


def timed(func, *args) -> tuple[object, float]:
    start = time.perf_counter()
    out = func(*args)
    return out, time.perf_counter() - start


def main() -> int:
    baskets, rules = definitions.load()
    plans = synthetic_plans()
    load_before = load()
    fast, fast_s = timed(choose_frame, plans, baskets, rules)
    fast_again, fast_again_s = timed(choose_frame, plans, baskets, rules)
    slow, slow_s = timed(choose_loop, plans, baskets, rules)
    prices = dict(zip(zip(fast["ref_area"], fast["time_period"], fast["basket"]), fast["price_lcu"]))
    same = all((p is None and math.isnan(prices[k])) or (p is not None and math.isclose(p, prices[k], rel_tol=1e-9))
               for k, (_, _, p) in slow.items()) and len(slow) == len(prices)
    lines = [
        "# Basket engine benchmark (benchmarks/baskets.py)", "",
        f"Machine: {machine()}, numpy {np.__version__}. Load (1/5/15 min) before the run: {load_before}.", "",
        f"Input: {ECONOMIES} economies x {len(YEARS)} years x {PLANS} plans = {len(plans):,} synthetic plans (seed "
        f"{SEED}); {baskets['code'].nunique()} basket codes of definitions.yaml; {len(fast):,} economy-year-baskets "
        f"({int((fast['status'] == 'priced').sum()):,} priced, {int((fast['status'] == 'no_plan').sum()):,} no plan).",
        "",
        "| implementation | seconds |", "|---|---|",
        f"| engine in DuckDB (indicators/baskets/engine.py, candidates.sql), first run | {fast_s:.2f} |",
        f"| engine in DuckDB, second run | {fast_again_s:.2f} |",
        f"| per-plan loop (tests/support/reference_loop.py) | {slow_s:.2f} |", "",
        f"Target: engine under {TARGET_SECONDS:g} s: "
        f"{'met' if max(fast_s, fast_again_s) < TARGET_SECONDS else 'NOT met'}. Speed-up over the loop: "
        f"{slow_s / fast_again_s:.1f}x. Same prices as the loop: {'yes' if same else 'NO'}.",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0 if same and fast_again_s < TARGET_SECONDS and fast_again.equals(fast) else 1


if __name__ == "__main__":
    raise SystemExit(main())
