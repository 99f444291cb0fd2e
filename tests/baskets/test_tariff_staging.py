"""Tariff plans through staging: AdapterResult.tables become the staged tariff_plans table and count as staged."""
from __future__ import annotations

import pandas as pd
import pytest

from pipelines.core import manifest, tariff_plans
from pipelines.core.canonical import AdapterResult, observations_frame, quarantine_frame, quarantine_row
from pipelines.core.staging import collect, stage
from support.basket_cases import plan


def entry(path: str, fmt: str) -> manifest.Entry:
    return manifest.Entry(path, "", 0, fmt, "", "")


def plans(file: str, n: int) -> pd.DataFrame:
    rows = [plan(f"P{i}", 1.0 + i, file=file, line=i + 2) for i in range(n)]
    return pd.DataFrame(rows).reindex(columns=tariff_plans.COLUMNS).astype(tariff_plans.DTYPES)


def test_plans_from_two_files_are_staged_and_each_file_balances():
    bad = quarantine_frame([quarantine_row("b.csv", 4, "currency", "unknown_currency", "KSH", "b.csv line 4: ...")])
    results = [(entry("a.csv", "tariff_plans_csv"), AdapterResult(observations_frame(), quarantine_frame(), 3,
                                                                  tables={"tariff_plans": plans("a.csv", 3)})),
               (entry("b.csv", "tariff_plans_csv"), AdapterResult(observations_frame(), bad, 3,
                                                                  tables={"tariff_plans": plans("b.csv", 2)}))]
    assert [r.rows_staged for _, r in results] == [3, 2]
    staged = stage(collect(results))
    table = staged.tables["tariff_plans"]
    assert table["file"].tolist() == ["a.csv"] * 3 + ["b.csv"] * 2 and list(table.columns) == tariff_plans.COLUMNS
    files = staged.files.set_index("file")
    assert files.loc["a.csv", ["rows_read", "rows_staged", "rows_quarantined"]].tolist() == [3, 3, 0]
    assert files.loc["b.csv", ["rows_read", "rows_staged", "rows_quarantined"]].tolist() == [3, 2, 1]
    assert files["balanced"].all() and staged.observations.empty


def test_a_release_without_plans_still_has_an_empty_typed_table():
    staged = stage(collect([]))
    assert staged.tables["tariff_plans"].empty
    assert {c: str(t) for c, t in staged.tables["tariff_plans"].dtypes.items()} == tariff_plans.DTYPES   # as declared


def test_an_unknown_own_table_is_refused():
    result = AdapterResult(observations_frame(), quarantine_frame(), 0, tables={"mystery": pd.DataFrame()})
    with pytest.raises(ValueError, match="mystery"):
        collect([(entry("x.csv", "x"), result)])
