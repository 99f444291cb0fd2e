"""Tariff plans for the ICT price baskets: one line per plan (CSV, or the first sheet of an .xlsx), schema in
docs/tariff_plans.md. Plans are not observations: they are staged as the `tariff_plans` table
(AdapterResult.tables), which the basket engine (indicators/baskets/) reads. Each line is one record: staged as a
plan, or quarantined naming the rule (negative_price, invalid_validity, unknown_currency, unknown_economy...).
A repeated (economy, year, operator, plan) line is held back as duplicate_plan, naming the line that is staged.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pipelines.core import tariff_plans
from pipelines.core.canonical import (AdapterResult, concat_quarantine, observations_frame, quarantine_frame,
                                      quarantine_row)
from pipelines.ingest._common import first_row, raw_frame, read_table, resolve_areas
from schemas.raw.tariff_plans import TariffPlanRaw
from schemas.validation import split_valid

FORMAT = "tariff_plans_csv"
DESCRIPTION = "Tariff plans per economy, year and operator (.csv or .xlsx; docs/tariff_plans.md)"
ORIGIN = "Tariff plans (operators' published prices, collected for the ICT price baskets)"
PLAN_KEY = ["ref_area", "year", "operator", "plan"]


def detect(path: Path, head: bytes) -> bool:
    return set(tariff_plans.INPUT_COLUMNS[:5]) <= set(first_row(path, head))


def read(path: Path, file_label: str) -> AdapterResult:
    parsed = read_table(path, file_label, required=tariff_plans.INPUT_COLUMNS)
    result = plans_result(raw_frame(parsed, tariff_plans.INPUT_COLUMNS + tariff_plans.OPTIONAL_COLUMNS), file_label,
                          source=ORIGIN)
    result.quarantine = concat_quarantine(parsed.problems, result.quarantine)
    result.rows_read = parsed.data_lines
    return result


def plans_result(raw: pd.DataFrame, file_label: str, *, source: str) -> AdapterResult:
    """Validate plan lines (text cells and `line`) and stage the good ones; shared with the submission workbook."""
    valid, bad = split_valid(raw, TariffPlanRaw, file_label=file_label)
    located, unknown = resolve_areas(valid, "ref_area", file_label)
    first, repeated = _first_plan(located, file_label)
    plans = tariff_plans.from_validated(first, source=source, file_label=file_label)
    return AdapterResult(observations_frame(), concat_quarantine(bad, unknown, repeated), rows_read=len(raw),
                         tables={tariff_plans.TABLE: plans})


def _first_plan(df: pd.DataFrame, file_label: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    key = df[PLAN_KEY].apply(lambda c: c.str.strip()).assign(line=df["line"])
    repeated = key.duplicated(PLAN_KEY, keep="first")
    key["first"] = key.groupby(PLAN_KEY)["line"].transform("first")
    problems = [quarantine_row(file_label, int(r.line), "plan", "duplicate_plan", r.plan,
                               f"{file_label} line {r.line}: plan {r.plan!r} of {r.operator} ({r.ref_area} {r.year}) "
                               f"is already on line {r.first}; only that line is staged.")
                for r in key[repeated].itertuples()]
    return df[~repeated], quarantine_frame(problems)
